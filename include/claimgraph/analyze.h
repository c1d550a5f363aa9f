/*
 * claimgraph — stage 4: analysis with igraph.
 *
 * Communities (Leiden with the modularity objective, or Louvain) on the undirected
 * weighted view of the graph, seeded so results are deterministic; centrality
 * (PageRank, betweenness, in/out-degree, hub and authority scores) on the directed
 * graph. igraph errors become cg_error_t values (CG_EIGRAPH), never an abort.
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
    double resolution;   /**< modularity resolution (1.0 = classic modularity) */
    unsigned long seed;  /**< RNG seed */
    int betweenness;     /**< compute betweenness (O(VE)); on by default */
} cg_analyze_options_t;

#define CG_ANALYZE_OPTIONS_INIT {CG_COMMUNITY_LEIDEN, 1.0, 42UL, 1}

/** Installs claimgraph's igraph error handler. Idempotent; cg_analyze calls it. */
void cg_analyze_init(void);

/**
 * Computes communities and centrality and stores them in @p g (node cluster/scores
 * and the graph's analysis summary). Clusters are numbered 0.. by decreasing size,
 * ties by smallest member id.
 */
cg_error_t cg_analyze(cg_graph_t *g, const cg_analyze_options_t *opts, cg_errinfo_t *err);

/** Parses "leiden"/"louvain"; -1 when unknown. */
int cg_community_method_parse(const char *s);

#ifdef __cplusplus
}
#endif
#endif
