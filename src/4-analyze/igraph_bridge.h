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
 * Centrality scores on the directed view @p dg (weights @p dw) into every node; the time
 * of each score goes into @p stats.
 */
cg_error_t cg_analyze__centrality(cg_graph_t *g, const igraph_t *dg, const igraph_vector_t *dw,
                                  const cg_analyze_options_t *opts, cg_analyze_stats_t *stats,
                                  cg_errinfo_t *err);

/** Seconds on a monotonic clock, for cg_analyze_stats_t. */
double cg_analyze__now(void);

#endif
