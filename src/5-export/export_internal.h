/*
 * Internals shared by the files of stage 5 (exports and reports). Not public.
 *
 *   escape.c        cleaning text (UTF-8, control characters), truncating, wrapping,
 *                   escaping for DOT labels, XML, terminal columns; number formatting
 *   measure.c       measure names, scores, ranking nodes
 *   gverror.c       Graphviz error messages into cg_errinfo_t
 *   seqid.c         a libcgraph id discipline numbering objects in creation order
 *   dot.c           the libcgraph graph and DOT output
 *   svg.c           SVG rendered in-process with libgvc
 *   formats_json.c  Cytoscape.js and node-link JSON
 *   graphml.c       GraphML
 *   gexf.c          GEXF 1.3
 *   export.c        format names, layout choice, cg_export()
 *   view.c          cg_view()
 *   report.c        cg_report(), cg_report_clusters()
 *   summary.c       cg_report_summary()
 */
#ifndef CG_EXPORT_INTERNAL_H
#define CG_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "0-util/buf.h"
#include "claimgraph/export.h"

/* ---- escape.c ------------------------------------------------------------------ */

/** How cg_export__clean() treats its input. */
typedef enum {
    /**
     * For JSON strings: invalid UTF-8 becomes U+FFFD and DEL is dropped (Jansson escapes
     * the other control characters but writes DEL raw); everything else is kept.
     */
    CG_CLEAN_JSON,
    /**
     * Data kept whole: invalid UTF-8 becomes U+FFFD; characters XML 1.0 forbids (C0
     * controls other than tab, newline and carriage return; U+FFFE, U+FFFF) and DEL
     * are dropped. Valid XML text.
     */
    CG_CLEAN_DATA,
    /**
     * Like CG_CLEAN_DATA, and also: tab, newline, carriage return, vertical tab, form
     * feed, NEL and the Unicode line and paragraph separators become spaces; every other control
     * character (C0, DEL, C1) and the bidirectional embedding/override/isolate controls are
     * dropped. For identifiers that must keep their spacing.
     */
    CG_CLEAN_NAME,
    /**
     * Like CG_CLEAN_NAME, and runs of white space collapse to one space, trimmed at
     * both ends. For labels and anything printed to a terminal.
     */
    CG_CLEAN_TEXT
} cg_clean_mode_t;

/**
 * Appends @p s (NUL-terminated; NULL is treated as "") to @p out, cleaned as @p mode
 * says. Returns 0, or -1 when out of memory.
 */
int cg_export__clean(cg_buf_t *out, const char *s, cg_clean_mode_t mode);

/** cg_export__clean() into a new string (caller frees); NULL when out of memory. */
char *cg_export__clean_dup(const char *s, cg_clean_mode_t mode);

/**
 * Returns a copy of @p clean (already cleaned) cut to at most @p max characters (code
 * points), ending with "…" when it was cut; the cut prefers a word boundary near the
 * end. Caller frees; NULL when out of memory.
 */
char *cg_export__truncate(const char *clean, size_t max);

/** Like cg_export__truncate but keeps the end: "…" followed by the last characters. */
char *cg_export__truncate_left(const char *clean, size_t max);

/**
 * Word-wraps @p clean (already cleaned, CG_CLEAN_TEXT) into lines of at most
 * @p width characters, at most @p max_lines lines; when the text does not fit, the
 * last line ends with "…". Words longer than a line are split. Lines are separated
 * by '\n'. Caller frees; NULL when out of memory.
 */
char *cg_export__wrap(const char *clean, size_t width, size_t max_lines);

/**
 * Escapes @p text (cleaned; '\n' separates lines) for a Graphviz plain-label or
 * tooltip value set with agsafeset: backslashes doubled (so \N, \G, \l ... stay
 * literal), '\n' becomes the centred line break \n, '&' '<' '>' become entities so
 * they are never taken for HTML entities, and a trailing backslash gets a space after
 * it (agwrite in 2.42 writes it before the closing quote unescaped). agwrite escapes
 * '"' itself. Caller frees; NULL when out of memory.
 */
char *cg_export__dot_escape(const char *text);

/**
 * cg_export__dot_escape, or when @p tooltip is set the form for tooltip values.
 * Graphviz 2.42 treats a tooltip in three passes: entities are decoded, then
 * interpretCRNL turns "\\" into "\" (and drops the backslash of any other escape),
 * then \N, \G ... are substituted. A doubled backslash before N would come out as the
 * node's name, and an entity &#92; would lose its backslash. So a backslash becomes
 * "\\" followed by U+200B ZERO WIDTH SPACE: after the second pass "\" stands before
 * the invisible space, which no substitution matches, and the reader sees "\".
 */
char *cg_export__dot_escape_as(const char *text, int tooltip);

/** Appends @p clean with & < > " ' escaped for XML text and attributes. 0 or -1. */
int cg_export__xml_escape(cg_buf_t *out, const char *clean);

/** Writes @p s to @p fp cleaned (CG_CLEAN_DATA) and XML-escaped. 0, or -1 on ENOMEM. */
int cg_export__xml_put(FILE *fp, const char *s);

/** Display width of @p clean in terminal columns (East Asian wide characters count 2). */
size_t cg_export__width(const char *clean);

/**
 * Appends @p clean cut to at most @p cols terminal columns (ending with "…" when cut)
 * and, when @p pad is set, padded with spaces to exactly @p cols columns. 0 or -1.
 */
int cg_export__fit(cg_buf_t *out, const char *clean, size_t cols, int pad);

/**
 * Formats @p v with @p digits significant digits ("%.*g"), always with a '.' decimal
 * point whatever the locale; "nan"/"inf" are written as "nan"/"inf"/"-inf".
 * Returns @p buf.
 */
char *cg_export__fmt_double(char *buf, size_t size, double v, int digits);

/* ---- formats_json.c ------------------------------------------------------------ */

struct json_t;

/** A Jansson string of @p s cleaned with CG_CLEAN_JSON (NULL: ""); NULL on ENOMEM. */
struct json_t *cg_export__json_string(const char *s);

/** A Jansson number: an integer when @p v is integral and small, null when not finite. */
struct json_t *cg_export__json_number(double v);

/**
 * Writes @p j (stolen) compactly with 10 significant digits for reals. Returns CG_OK,
 * CG_ENOMEM when @p j is NULL, or CG_EIO.
 */
cg_error_t cg_export__json_put(struct json_t *j, FILE *fp);

/* ---- measure.c ----------------------------------------------------------------- */

/**
 * Fills *@p out (caller frees) with the indices of the nodes of @p kind (-1: all
 * kinds) for which @p keep is NULL or set, sorted by @p by descending, ties by id
 * ascending (NaN ranks last). *@p n receives the count. Returns CG_OK or CG_ENOMEM.
 */
cg_error_t cg_export__rank(const cg_graph_t *g, cg_measure_t by, int kind,
                           const unsigned char *keep, size_t **out, size_t *n);

/** Non-zero when @p m is a count (in/out-degree) rather than a real-valued score. */
int cg_export__measure_is_count(cg_measure_t m);

/**
 * Number of clusters: 1 + the largest node cluster id, or 0 when no node has one.
 */
long cg_export__cluster_count(const cg_graph_t *g);

/* ---- gverror.c ----------------------------------------------------------------- */

/** Starts collecting Graphviz error messages (agseterrf). Pair with _end. */
void cg_export__gv_errors_begin(void);

/**
 * Stops collecting and restores the previous handler. When @p code is an error,
 * fills @p err with "@p what: <collected Graphviz messages>" and returns @p code.
 */
cg_error_t cg_export__gv_errors_end(cg_error_t code, const char *what, cg_errinfo_t *err);

/* ---- seqid.c ------------------------------------------------------------------- */

struct Agdisc_s;

/**
 * A libcgraph discipline (default memory and I/O) whose id discipline numbers named
 * objects in creation order, so agwrite writes subgraphs in the order they were made.
 * Static; pass it to agopen.
 */
struct Agdisc_s *cg_export__sequential_disc(void);

/* ---- dot.c --------------------------------------------------------------------- */

struct Agraph_s;

/** Non-zero when @p engine is a Graphviz layout engine claimgraph accepts. */
int cg_export__engine_known(const char *engine);

/** cg_export__dot_build flags: carry layout=<engine>; add cluster_<k> subgraphs. */
#define CG_DOT_SET_LAYOUT 1u
#define CG_DOT_CLUSTERS 2u

/**
 * Non-zero when @p engine lays out cluster subgraphs (dot, fdp, osage, patchwork).
 * neato draws their boxes without keeping them apart, sfdp, circo and twopi ignore them.
 */
int cg_export__engine_draws_clusters(const char *engine);

/**
 * Builds the libcgraph graph for @p g, with attributes tuned for layout @p engine and
 * the @p flags above. Caller closes the result with agclose(). Returns CG_OK,
 * CG_ENOMEM, CG_EINVAL or CG_EGRAPHVIZ.
 */
cg_error_t cg_export__dot_build(struct Agraph_s **out, const cg_graph_t *g, const char *engine,
                                unsigned flags, cg_errinfo_t *err);

/** Writes @p g as DOT (agwrite). */
cg_error_t cg_export__dot(const cg_graph_t *g, const cg_export_options_t *opts, FILE *fp,
                          cg_errinfo_t *err);

/* ---- svg.c / formats_json.c / graphml.c / gexf.c ------------------------------- */

cg_error_t cg_export__svg(const cg_graph_t *g, const cg_export_options_t *opts, FILE *fp,
                          cg_errinfo_t *err);
cg_error_t cg_export__cytoscape(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err);
cg_error_t cg_export__nodelink(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err);
cg_error_t cg_export__graphml(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err);
cg_error_t cg_export__gexf(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err);

#endif
