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
 * Returns the view of @p g selected by @p opts as a new graph (caller frees with
 * cg_graph_free; @p opts NULL: the whole graph). Filters apply in this order: the
 * community @p opts->cluster; then the nodes within @p opts->depth edges of the ego
 * node, following edges in both directions (inside the community when one is chosen);
 * then the @p opts->top most central of the nodes left by @p opts->by, ties by id.
 * The ego node is the node whose id is @p opts->ego, else whose label equals it
 * ignoring case (speakers preferred over outlets, articles, claims), else the speaker
 * with that alias. Node and edge order stay the graph's. O(V log V + E).
 * Fails with CG_EINVAL (and a message) when the ego node or cluster does not exist,
 * when the name matches several nodes of the same kind, or when depth is negative.
 */
cg_error_t cg_view(cg_graph_t **out, const cg_graph_t *g, const cg_view_options_t *opts,
                   cg_errinfo_t *err);

typedef struct {
    const char *layout; /**< Graphviz engine (dot, neato, fdp, sfdp, circo, twopi, osage,
                             patchwork), or NULL to choose by size */
} cg_export_options_t;

#define CG_EXPORT_OPTIONS_INIT {NULL}

/**
 * The layout engine chosen for a graph of this size when none is given: "dot" up to
 * 2500 nodes and 5000 edges, "sfdp" above (timings in export.c). Static string.
 */
const char *cg_export_default_layout(size_t nnodes, size_t nedges);

/**
 * Writes @p g in @p format to @p fp (@p opts may be NULL). Output is deterministic:
 * the same graph gives the same bytes. Every string is cleaned (invalid UTF-8 becomes
 * U+FFFD; characters the format cannot carry are dropped) and escaped for its format.
 *
 * DOT: built with libcgraph, written by agwrite; node names are node ids, communities
 * are cluster_<k> subgraphs; a layout other than dot (chosen or given) is written as
 * the graph's "layout" attribute. SVG: laid out and rendered in-process with libgvc;
 * no scripts, event handlers or links. JSON: cg_graph_write_json. GraphML, GEXF 1.3,
 * Cytoscape.js elements (communities as compound nodes "cluster:<k>"), node-link JSON.
 *
 * Returns CG_OK, CG_EINVAL (unknown format or layout engine), CG_EGRAPHVIZ (with
 * Graphviz's messages in @p err), CG_ENOMEM or CG_EIO. Graphviz is not thread-safe:
 * DOT and SVG exports must come from one thread.
 */
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

/**
 * Writes a ranked table of nodes (@p opts NULL: CG_REPORT_OPTIONS_INIT): rank, score,
 * kind, label, id. Ties are broken by id. Text has aligned columns (labels cut to fit,
 * control characters and escape sequences removed, so it is safe on a terminal); JSON
 * is an object with "measure", "kind", "analyzed", "total" and "rows"; CSV has a header
 * row and one row per node, RFC 4180 quoting, LF line ends.
 */
cg_error_t cg_report(const cg_graph_t *g, const cg_report_options_t *opts, FILE *fp,
                     cg_errinfo_t *err);

/**
 * Writes each cluster's id, size, node counts per kind and most central members
 * (@p members per cluster by PageRank) in @p style. CSV has one row per member (one
 * row per cluster when @p members is 0). A graph without communities gives an empty
 * list (and a note in text).
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
