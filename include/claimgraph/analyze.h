/*
 * claimgraph — stage 4: analysis with igraph.
 *
 * Communities (Leiden with the modularity objective, or Louvain) on the undirected
 * weighted view of the graph, each claim in its speaker's community, seeded so results
 * are deterministic; centrality:
 * PageRank on the undirected view (speakers have no incoming edges, so directed
 * PageRank would rank them all alike); betweenness, in/out-degree and hub/authority
 * scores on the directed graph. igraph errors become cg_error_t values (CG_EIGRAPH), never an abort.
 * igraph is not thread-safe in Debian's build: call from one thread.
 */
#ifndef CLAIMGRAPH_ANALYZE_H
#define CLAIMGRAPH_ANALYZE_H

#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { CG_COMMUNITY_LEIDEN, CG_COMMUNITY_LOUVAIN } cg_community_method_t;

typedef struct {
    cg_community_method_t method;
    double resolution;   /**< modularity resolution (1.0 = classic modularity); > 0 */
    unsigned long seed;  /**< RNG seed; at most 2^63 - 1 (it is written to graph.json) */
    int betweenness;     /**< compute betweenness (O(VE)); on by default */
    int side;            /**< centrality in a child process (fork) while communities run
                              here: 0 on graphs of 100,000+ nodes when 2+ CPUs are usable
                              (default), 1 always, -1 never. The child only computes and
                              writes to a pipe; a caller that runs other threads during
                              cg_analyze, or cannot fork, should set -1 */
} cg_analyze_options_t;

/**
 * Betweenness is exact (directed, unweighted: edge weights count evidence, they are not
 * distances) up to this many nodes. Larger graphs count only shortest paths of at most
 * CG_ANALYZE_BETWEENNESS_CUTOFF edges, which keeps the cost near-linear; in a provenance
 * graph the longest chain without claim-to-claim links is speaker -> claim -> article ->
 * outlet (3 edges), so little is lost. Set betweenness = 0 to skip it (all zeros).
 */
#define CG_ANALYZE_BETWEENNESS_MAX_NODES 200000
#define CG_ANALYZE_BETWEENNESS_CUTOFF 5.0

#define CG_ANALYZE_OPTIONS_INIT {CG_COMMUNITY_LEIDEN, 1.0, 42UL, 1, 0}

/** Installs claimgraph's igraph error handler. Idempotent; cg_analyze calls it. */
void cg_analyze_init(void);

/**
 * Computes communities and centrality and stores them in @p g (node cluster/scores
 * and the graph's analysis summary). Clusters are numbered 0.. by decreasing size,
 * ties by smallest member id. Same graph, options and seed: same results.
 *
 * Communities use the undirected view (reciprocal and parallel edges summed) with every
 * claim folded into its speaker (the one with the most evidence; its article when it
 * has no speaker), so a claim is always in its speaker's community and the modularity
 * is the whole graph's for that partition; Leiden
 * optimises modularity (node weights = strength, resolution / (2m)) and is iterated
 * until a round changes nothing or gains little (see communities.c); an edgeless graph gets one cluster per node and modularity 0.
 * PageRank (PRPACK, damping 0.85, undirected view) and HITS hub/authority (directed)
 * use edge weights; betweenness is directed and unweighted; degrees
 * count distinct edges. HITS scores are scaled to a maximum of 1 and concentrate on
 * the strongest block of the graph (often the article -> outlet edges); they are 0
 * when the graph has no edges or ARPACK does not converge. An empty graph is fine (nothing to do, summary filled).
 * Returns CG_EINVAL for bad options, CG_EIGRAPH (message from igraph) or CG_ENOMEM.
 * Time: about O(E log E) plus betweenness (see above).
 */
cg_error_t cg_analyze(cg_graph_t *g, const cg_analyze_options_t *opts, cg_errinfo_t *err);

/** Wall-clock seconds spent in each part of cg_analyze (for benchmarks and reports). */
typedef struct {
    double views;       /**< building the undirected and directed igraph views */
    double communities; /**< Leiden or Louvain, modularity and renumbering */
    double pagerank;
    double betweenness; /**< 0 when switched off */
    double hits;        /**< hub and authority scores */
    double degrees;
    double total;
    /** Seconds from the start of cg_analyze until the communities, and until PageRank,
     *  were computed: on large graphs the two run at the same time in two processes,
     *  so the later of the two is the wait for both, less than their sum. */
    double communities_ready, pagerank_ready;
    int side;           /**< 1 when the centrality ran in a child process (see side) */
} cg_analyze_stats_t;

/** cg_analyze, also filling @p stats (when not NULL) with the time of each part. */
cg_error_t cg_analyze_timed(cg_graph_t *g, const cg_analyze_options_t *opts,
                            cg_analyze_stats_t *stats, cg_errinfo_t *err);

/** Parses "leiden"/"louvain"; -1 when unknown. */
int cg_community_method_parse(const char *s);

#ifdef __cplusplus
}
#endif
#endif
