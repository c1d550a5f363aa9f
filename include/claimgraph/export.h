/*
 * claimgraph — stage 5: exports and reports.
 *
 * DOT is built with libcgraph (communities as cluster_* subgraphs, shape and colour by
 * node kind, labels escaped) and written with agwrite; SVG is rendered in-process with
 * libgvc; JSON and the visualiser formats are written with Jansson.
 * Graphviz is not thread-safe: call from one thread.
 */
#ifndef CLAIMGRAPH_EXPORT_H
#define CLAIMGRAPH_EXPORT_H

#include <stdio.h>
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CG_FORMAT_DOT,
    CG_FORMAT_SVG,
    CG_FORMAT_JSON,      /**< claimgraph's graph.json */
    CG_FORMAT_GRAPHML,
    CG_FORMAT_GEXF,
    CG_FORMAT_CYTOSCAPE, /**< Cytoscape.js elements JSON */
    CG_FORMAT_NODELINK   /**< D3 / networkx node-link JSON */
} cg_format_t;

/** Parses a format name ("dot", "svg", ...); -1 when unknown. */
int cg_format_parse(const char *s);
const char *cg_format_name(cg_format_t f);

/** Centrality measures, for views and reports. */
typedef enum {
    CG_BY_PAGERANK,
    CG_BY_BETWEENNESS,
    CG_BY_INDEGREE,
    CG_BY_OUTDEGREE,
    CG_BY_HUB,
    CG_BY_AUTHORITY
} cg_measure_t;

int cg_measure_parse(const char *s);
const char *cg_measure_name(cg_measure_t m);
double cg_node_score(const cg_node_t *n, cg_measure_t m);

/** Which part of the graph to export. Initialise with CG_VIEW_OPTIONS_INIT. */
typedef struct {
    size_t top;          /**< keep the N most central nodes (0: all) ... */
    cg_measure_t by;     /**< ... by this measure */
    long cluster;        /**< keep one community (-1: all) */
    const char *ego;     /**< keep nodes within depth of the node with this id or label */
    int depth;           /**< for ego (default 1) */
} cg_view_options_t;

#define CG_VIEW_OPTIONS_INIT {0, CG_BY_PAGERANK, -1, NULL, 1}

/**
 * Returns the view of @p g selected by @p opts as a new graph (caller frees).
 * Fails with CG_EINVAL (and a message) when the ego node or cluster does not exist.
 */
cg_error_t cg_view(cg_graph_t **out, const cg_graph_t *g, const cg_view_options_t *opts,
                   cg_errinfo_t *err);

typedef struct {
    const char *layout; /**< Graphviz engine, or NULL to choose by size */
} cg_export_options_t;

#define CG_EXPORT_OPTIONS_INIT {NULL}

/** The layout engine chosen for a graph of this size when none is given. */
const char *cg_export_default_layout(size_t nnodes, size_t nedges);

/** Writes @p g in @p format to @p fp. */
cg_error_t cg_export(const cg_graph_t *g, cg_format_t format, const cg_export_options_t *opts,
                     FILE *fp, cg_errinfo_t *err);

/** Output style of reports. */
typedef enum { CG_REPORT_TEXT, CG_REPORT_JSON, CG_REPORT_CSV } cg_report_style_t;

typedef struct {
    cg_measure_t by;
    int kind;        /**< cg_node_kind_t, or -1 for all kinds */
    size_t top;      /**< rows (0: all) */
    cg_report_style_t style;
} cg_report_options_t;

#define CG_REPORT_OPTIONS_INIT {CG_BY_PAGERANK, CG_NODE_SPEAKER, 10, CG_REPORT_TEXT}

/** Writes a ranked table of nodes. Ties are broken by id. */
cg_error_t cg_report(const cg_graph_t *g, const cg_report_options_t *opts, FILE *fp,
                     cg_errinfo_t *err);

/**
 * Writes each cluster's id, size and most central members (@p members per cluster by
 * PageRank) in @p style.
 */
cg_error_t cg_report_clusters(const cg_graph_t *g, size_t members, cg_report_style_t style,
                              FILE *fp, cg_errinfo_t *err);

/**
 * Writes the summary report of a run (counts, top speakers, clusters) as text: what
 * `claimgraph run` prints and saves as report.txt.
 */
cg_error_t cg_report_summary(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err);

#ifdef __cplusplus
}
#endif
#endif
