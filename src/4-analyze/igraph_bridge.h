/*
 * Internals of stage 4. Every igraph call of claimgraph lives in src/4-analyze/ (igraph
 * 1.0 renames and reorders many of them): igraph_bridge.c converts graphs and errors,
 * communities.c and centrality.c compute, analyze.c puts it together.
 *
 * Error handling: cg_analyze_init installs a handler that records igraph's reason and
 * calls IGRAPH_FINALLY_FREE (freeing only igraph's own temporaries: claimgraph never
 * puts anything on igraph's FINALLY stack), so igraph functions return error codes
 * instead of aborting. Every object here is freed through `goto cleanup`.
 */
#ifndef CG_ANALYZE_BRIDGE_H
#define CG_ANALYZE_BRIDGE_H

#include <igraph.h>

#include "claimgraph/analyze.h"

/**
 * Converts an igraph error code into CG_EIGRAPH (or CG_ENOMEM) with a message naming
 * @p what was being computed and igraph's own reason.
 */
cg_error_t cg_analyze__error(igraph_error_t code, const char *what, cg_errinfo_t *err);

/**
 * The order of the igraph vertices: @p pos[i] is the vertex of node i. Nodes are sorted
 * by id, i.e. by a hash for claims, so a claim's speaker and article lie anywhere in
 * memory; a breadth-first order (each connected component from its smallest node)
 * puts neighbours close together, which keeps the algorithms' memory accesses local on
 * graphs larger than the caches. Caller frees *pos. CG_OK or CG_ENOMEM.
 */
cg_error_t cg_analyze__order(size_t **pos, const cg_graph_t *g, cg_errinfo_t *err);

/**
 * The directed igraph view of @p g: vertex pos[i] = node i; the edges numbered in
 * vertex order (by source, then target vertex) with their weights in @p weights. @p out
 * and @p weights must be uninitialised; on success the caller destroys both.
 */
cg_error_t cg_analyze__directed(igraph_t *out, igraph_vector_t *weights, const cg_graph_t *g,
                                const size_t *pos, cg_errinfo_t *err);

/**
 * The claims folded into their anchors, for the communities: a claim belongs to the
 * community of the source that made it. A claim's anchor is the speaker asserting it
 * (the one with the most evidence when several do), else the article reporting it; a
 * claim with neither keeps a vertex of its own, as every other node does. On return
 * (*vertex_of)[i] is the vertex of node i (anchored claims share their anchor's),
 * numbered 0..*nvertices-1 in the order of @p pos. Caller frees *vertex_of.
 * CG_OK or CG_ENOMEM.
 *
 * Folding is the aggregation step of Louvain and Leiden done once up front: with each
 * claim's edges kept on its anchor (its edge to the anchor as a self-loop), the
 * modularity of any partition of the folded view equals that of the same partition of
 * the whole graph with every claim in its anchor's community. On a corpus graph claims
 * are four nodes in five, so the search runs on a fifth of the vertices.
 */
cg_error_t cg_analyze__fold(size_t **vertex_of, size_t *nvertices, const cg_graph_t *g,
                            const size_t *pos, cg_errinfo_t *err);

/**
 * The undirected weighted view of @p g with node i as vertex vertex_of[i] (several nodes
 * may share a vertex): parallel edges, reciprocal ones and those that fold onto the same
 * pair collapse into one edge whose weight is the sum; an edge between two nodes of one
 * vertex becomes a self-loop. Same contract as cg_analyze__directed.
 */
cg_error_t cg_analyze__undirected(igraph_t *out, igraph_vector_t *weights, const cg_graph_t *g,
                                  const size_t *vertex_of, size_t nvertices, cg_errinfo_t *err);

/**
 * Communities on the undirected view @p ug (weights @p uw; node i is vertex
 * vertex_of[i], for @p nnodes nodes): @p cluster[i] is node i's cluster (0.. by
 * decreasing number of nodes, ties by smallest member id); fills @p a's modularity and
 * nclusters. The graph itself is not written: while a forked child shares its pages,
 * every write would copy a page.
 */
cg_error_t cg_analyze__communities(const igraph_t *ug, const igraph_vector_t *uw,
                                   const size_t *vertex_of, size_t nnodes,
                                   const cg_analyze_options_t *opts, cg_analysis_t *a,
                                   long *cluster, cg_errinfo_t *err);

/**
 * Hub and authority scores of the directed view @p dg with weights @p dw into @p hub and
 * @p auth (resized to the vertex count; all 0 without edges), each scaled to a largest
 * entry of 1 (hits.c). igraph's error code: ARPACK's when it does not converge.
 */
igraph_error_t cg_analyze__hits(const igraph_t *dg, const igraph_vector_t *dw,
                                igraph_vector_t *hub, igraph_vector_t *auth);

/* Which centrality scores to compute. */
#define CG_ANALYZE__MAIN 1        /* degrees, PageRank, hub and authority */
#define CG_ANALYZE__BETWEENNESS 2 /* betweenness (when opts->betweenness; else left alone) */
#define CG_ANALYZE__CHILD 4       /* cg_analyze__scores in the side process: the graph's
                                     edge pages are given back once the view is built */

/**
 * The centrality scores named by @p parts on the directed view @p dg (weights @p dw;
 * node i is vertex pos[i]) into @p scores (one per node, zeroed by the caller; other
 * fields are left alone); the time of each score goes into @p stats.
 */
cg_error_t cg_analyze__centrality(const igraph_t *dg, const igraph_vector_t *dw,
                                  const size_t *pos, const cg_analyze_options_t *opts, int parts,
                                  cg_scores_t *scores, cg_analyze_stats_t *stats,
                                  cg_errinfo_t *err);

/**
 * The directed view of @p g and the centrality scores named by @p parts into @p scores
 * (one per node): cg_analyze__directed + cg_analyze__centrality, the view freed before
 * returning.
 */
cg_error_t cg_analyze__scores(cg_graph_t *g, const size_t *pos,
                              const cg_analyze_options_t *opts, int parts, cg_scores_t *scores,
                              cg_analyze_stats_t *stats, cg_errinfo_t *err);

/* ---- side.c: the scores computed in a child process ---------------------------- */

/** A child process computing the centrality scores of a graph. */
typedef struct {
    int pid; /**< 0 when no child runs */
    int fd;  /**< read end of the pipe the child writes its results to */
} cg_analyze__side_t;

/**
 * Starts a child process (fork) computing the CG_ANALYZE__MAIN scores of @p g while the
 * caller goes on with the communities and betweenness. Returns 0 when the child runs,
 * -1 when none was started (opts->side: a single CPU or a small graph; or fork failed):
 * the caller then computes the scores itself. No other thread may be running in the
 * process. @p g is not const: the child gives back its copy of the node pages
 * (cg_graph__drop_node_pages); the caller's graph is unchanged.
 */
int cg_analyze__side_start(cg_analyze__side_t *side, cg_graph_t *g, const size_t *pos,
                           const cg_analyze_options_t *opts);

/**
 * Waits for the child and reads its results into @p scores (one per node; their
 * betweenness is left alone) and the centrality times into @p stats. CG_OK; the child's own error (e.g. CG_EIGRAPH); or
 * CG_EIO when the child died without an answer (killed, out of memory): the caller
 * may then compute the scores itself.
 */
cg_error_t cg_analyze__side_finish(cg_analyze__side_t *side, size_t n, cg_scores_t *scores,
                                   cg_analyze_stats_t *stats, cg_errinfo_t *err);

/** Stops a running child (SIGKILL) and reaps it; nothing when none runs. */
void cg_analyze__side_cancel(cg_analyze__side_t *side);

/** Seconds on a monotonic clock, for cg_analyze_stats_t. */
double cg_analyze__now(void);

#endif
