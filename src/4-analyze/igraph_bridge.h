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
 * The directed igraph view of @p g: vertex i = node i, edge i = edge i, @p weights[i]
 * = edge i's weight. @p out and @p weights must be uninitialised; on success the caller
 * destroys both.
 */
cg_error_t cg_analyze__directed(igraph_t *out, igraph_vector_t *weights, const cg_graph_t *g,
                                cg_errinfo_t *err);

/**
 * The undirected weighted view used for communities: reciprocal and parallel edges
 * collapsed into one edge whose weight is the sum. Same contract as cg_analyze__directed.
 */
cg_error_t cg_analyze__undirected(igraph_t *out, igraph_vector_t *weights, const cg_graph_t *g,
                                  cg_errinfo_t *err);

/**
 * Communities on the undirected view @p ug (weights @p uw): sets every node's cluster
 * (0.. by decreasing size, ties by smallest member id) and fills @p a's modularity and
 * nclusters.
 */
cg_error_t cg_analyze__communities(cg_graph_t *g, const igraph_t *ug, const igraph_vector_t *uw,
                                   const cg_analyze_options_t *opts, cg_analysis_t *a,
                                   cg_errinfo_t *err);

/**
 * Centrality scores on the directed view @p dg (weights @p dw) into @p scores (one per
 * vertex); the time of each score goes into @p stats.
 */
cg_error_t cg_analyze__centrality(const igraph_t *dg, const igraph_vector_t *dw,
                                  const cg_analyze_options_t *opts, cg_scores_t *scores,
                                  cg_analyze_stats_t *stats, cg_errinfo_t *err);

/**
 * The directed view of @p g and its centrality scores into @p scores (one per node):
 * cg_analyze__directed + cg_analyze__centrality, the view freed before returning.
 */
cg_error_t cg_analyze__scores(const cg_graph_t *g, const cg_analyze_options_t *opts,
                              cg_scores_t *scores, cg_analyze_stats_t *stats, cg_errinfo_t *err);

/* ---- side.c: the scores computed in a child process ---------------------------- */

/** A child process computing the centrality scores of a graph. */
typedef struct {
    int pid; /**< 0 when no child runs */
    int fd;  /**< read end of the pipe the child writes its results to */
} cg_analyze__side_t;

/**
 * Starts a child process (fork) computing cg_analyze__scores of @p g while the caller
 * goes on with the communities. Returns 0 when the child runs, -1 when none was started
 * (opts->side: a single CPU or a small graph; or fork failed): the caller then computes
 * the scores itself. No other thread may be running in the process.
 */
int cg_analyze__side_start(cg_analyze__side_t *side, const cg_graph_t *g,
                           const cg_analyze_options_t *opts);

/**
 * Waits for the child and reads its results into @p scores (one per node) and the
 * centrality times into @p stats. CG_OK; the child's own error (e.g. CG_EIGRAPH); or
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
