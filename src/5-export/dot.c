/*
 * The provenance graph as a libcgraph graph, and DOT output written by agwrite.
 *
 * Node names are node ids; nodes are created in graph order and edges in graph order,
 * so agwrite's output is deterministic. Communities become cluster_<k> subgraphs in
 * increasing k. Shape and fill colour show the node kind (speakers are filled by
 * speaker kind), the border colour shows the community (for engines that ignore
 * clusters), edge colour and style show the edge type. Every label and tooltip is
 * cleaned and escaped (see cg_export__dot_escape).
 *
 * agwrite(g, chan) hands chan to the graph's I/O discipline; the default AgIoDisc
 * writes with fputs, so with the default discipline chan is simply a FILE *. We keep
 * AgIoDisc (and AgMemDisc) and replace only the id discipline.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "5-export/export_internal.h"

/** Graphviz takes char * for strings it does not modify. */
static char *gvs(const char *s)
{
    return (char *)s;
}

/* ---- styles --------------------------------------------------------------------- */

#define CG_FONT "Helvetica,Arial,sans-serif"

/** Claim labels: characters per line and lines. */
#define CG_CLAIM_WIDTH 60
#define CG_CLAIM_LINES 4
/** Other labels and tooltips: characters. */
#define CG_NAME_MAX 48
#define CG_TOOLTIP_MAX 400

typedef struct {
    const char *shape;
    const char *style;
    const char *fill;
} kind_style_t;

static const kind_style_t kind_styles[CG_NODE_KIND_COUNT] = {
    /* claim   */ {"box", "rounded,filled", "#ffffff"},
    /* speaker */ {"ellipse", "filled", "#cfe2ff"},
    /* article */ {"note", "filled", "#eeeeee"},
    /* outlet  */ {"hexagon", "filled", "#ffd8a8"},
};

/** Speaker fill by cg_speaker_kind_t. */
static const char *const speaker_fills[] = {
    "#cfe2ff", /* person */
    "#d3f0d3", /* organization */
    "#fff3bf", /* document */
    "#ffd8a8", /* outlet */
    "#e5dbff", /* group */
    "#e9ecef", /* unknown */
};

typedef struct {
    const char *color;
    const char *style;
    const char *arrowhead;
    /**
     * Drawn beside the edge as an xlabel; NULL: tooltip only. (A plain edge label in a
     * graph with clusters makes gvFreeLayout of dot 2.42 free memory twice.)
     */
    const char *label;
} edge_style_t;

static const edge_style_t edge_styles[CG_EDGE_TYPE_COUNT] = {
    /* asserts      */ {"#1f77b4", "solid", "normal", NULL},
    /* reported_in  */ {"#8c8c8c", "dashed", "normal", NULL},
    /* published_by */ {"#2ca02c", "dotted", "normal", NULL},
    /* spoke_to     */ {"#9467bd", "solid", "vee", NULL},
    /* relayed_by   */ {"#ff7f0e", "dashed", "vee", NULL},
    /* disputes     */ {"#d62728", "bold", "tee", "disputes"},
    /* responds_to  */ {"#17becf", "solid", "onormal", "responds to"},
};

/** Community colours (ColorBrewer Set3): node borders, and cluster fills with alpha. */
static const char *const cluster_colors[] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072",
                                             "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
                                             "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f"};

#define CG_NCLUSTER_COLORS (sizeof cluster_colors / sizeof cluster_colors[0])

/** Above this many nodes dot gets network-simplex and crossing limits, straight edges. */
#define CG_DOT_FAST_NODES 150

/** Above this many nodes overlaps are removed by scaling, not by moving nodes. */
#define CG_OVERLAP_MAX_NODES 1000

static const char *const known_engines[] = {"dot",   "neato", "fdp",   "sfdp",
                                            "circo", "twopi", "osage", "patchwork"};

int cg_export__engine_known(const char *engine)
{
    size_t i;

    if (!engine)
        return 0;
    for (i = 0; i < sizeof known_engines / sizeof known_engines[0]; i++)
        if (strcmp(engine, known_engines[i]) == 0)
            return 1;
    return 0;
}

int cg_export__engine_draws_clusters(const char *engine)
{
    return strcmp(engine, "dot") == 0 || strcmp(engine, "fdp") == 0 ||
           strcmp(engine, "osage") == 0 || strcmp(engine, "patchwork") == 0;
}

/* ---- labels --------------------------------------------------------------------- */

/** Cleans, shortens (wrap when @p lines > 1) and escapes @p s for a DOT string. */
static char *make_label(const char *s, size_t width, size_t lines)
{
    char *clean = cg_export__clean_dup(s ? s : "", CG_CLEAN_TEXT), *cut = NULL, *esc = NULL;

    if (!clean)
        return NULL;
    cut = lines > 1 ? cg_export__wrap(clean, width, lines) : cg_export__truncate(clean, width);
    if (cut)
        esc = cg_export__dot_escape(cut);
    free(clean);
    free(cut);
    return esc;
}

/**
 * An article label: its doc name is often a long path whose end says the most, so a
 * long label with a '/' keeps its end ("…/articles/001_x.txt").
 */
static char *make_path_label(const char *s, size_t max)
{
    char *clean = cg_export__clean_dup(s ? s : "", CG_CLEAN_TEXT), *cut = NULL, *esc = NULL;

    if (!clean)
        return NULL;
    cut =
        strchr(clean, '/') ? cg_export__truncate_left(clean, max) : cg_export__truncate(clean, max);
    if (cut)
        esc = cg_export__dot_escape(cut);
    free(clean);
    free(cut);
    return esc;
}

/** Builds the (unescaped, single-line) tooltip text of node @p n. */
static int node_tooltip(cg_buf_t *b, const cg_node_t *n)
{
    size_t i;
    char num[64];
    int rc = 0;

    switch (n->kind) {
    case CG_NODE_CLAIM:
        rc |= cg_buf__puts(b, "claim (");
        rc |= cg_buf__puts(b, cg_claim_type_name(n->claim_type));
        if (n->nevidence > 1) {
            snprintf(num, sizeof num, ", seen %zu times", n->nevidence);
            rc |= cg_buf__puts(b, num);
        }
        rc |= cg_buf__puts(b, "): ");
        rc |= cg_buf__puts(b, n->label ? n->label : "");
        break;
    case CG_NODE_SPEAKER:
        rc |= cg_buf__puts(b, "speaker (");
        rc |= cg_buf__puts(b, cg_speaker_kind_name(n->speaker_kind));
        rc |= cg_buf__puts(b, "): ");
        rc |= cg_buf__puts(b, n->label ? n->label : "");
        for (i = 0; i < n->naliases; i++) {
            rc |= cg_buf__puts(b, i ? "; " : " - also: ");
            rc |= cg_buf__puts(b, n->aliases[i]);
        }
        break;
    case CG_NODE_ARTICLE:
        rc |= cg_buf__puts(b, "article: ");
        rc |= cg_buf__puts(b, n->label ? n->label : "");
        if (n->date) {
            rc |= cg_buf__puts(b, " - ");
            rc |= cg_buf__puts(b, n->date);
        }
        if (n->author) {
            rc |= cg_buf__puts(b, " - by ");
            rc |= cg_buf__puts(b, n->author);
        }
        if (n->url) {
            rc |= cg_buf__puts(b, " - ");
            rc |= cg_buf__puts(b, n->url);
        }
        break;
    case CG_NODE_OUTLET:
        rc |= cg_buf__puts(b, "outlet: ");
        rc |= cg_buf__puts(b, n->label ? n->label : "");
        break;
    }
    if (n->cluster >= 0) {
        snprintf(num, sizeof num, " [community %ld]", n->cluster);
        rc |= cg_buf__puts(b, num);
    }
    return rc ? -1 : 0;
}

/**
 * Tooltips become SVG attribute values (xlink:title). They are plain text, never
 * followed, but scanners (and careless viewers) look for URL schemes in attributes, so
 * a ':' after "javascript", "vbscript" or "data" (case and spaces ignored) gets an
 * invisible U+200B ZERO WIDTH SPACE before it: the text reads the same, and no
 * attribute spells a script URL.
 */
static int defang_schemes(cg_buf_t *out, const char *s)
{
    static const char *const schemes[] = {"javascript", "vbscript", "data"};
    const char *p;

    for (p = s; *p; p++) {
        if (*p == ':') {
            char tail[12];
            size_t n = 0, k;
            const char *q = p;

            /* up to 10 letters before the colon, spaces skipped, lower-cased */
            while (q > s && n < 10) {
                unsigned char c = (unsigned char)*--q;

                if (c == ' ')
                    continue;
                if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                    break;
                tail[n++] = (char)(c | 0x20);
            }
            for (k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
                size_t len = strlen(schemes[k]), j;
                int match = n >= len;

                for (j = 0; match && j < len; j++)
                    match = tail[j] == schemes[k][len - 1 - j];
                if (match) {
                    if (cg_buf__puts(out, "\xE2\x80\x8B"))
                        return -1;
                    break;
                }
            }
        }
        if (cg_buf__putc(out, *p))
            return -1;
    }
    return 0;
}

/* ---- building ------------------------------------------------------------------- */

typedef struct {
    Agsym_t *label, *shape, *style, *fillcolor, *color, *penwidth, *tooltip, *class_;
} node_syms_t;

typedef struct {
    Agsym_t *label, *color, *style, *arrowhead, *penwidth, *tooltip, *class_;
} edge_syms_t;

/** agattr with literal strings. */
static Agsym_t *attr(Agraph_t *ag, int kind, const char *name, const char *value)
{
    return agattr(ag, kind, gvs(name), gvs(value));
}

static int set_graph_attrs(Agraph_t *ag, const char *engine, size_t nnodes, int set_layout)
{
    int ok = 1;

    ok &= attr(ag, AGRAPH, "fontname", CG_FONT) != NULL;
    ok &= attr(ag, AGRAPH, "fontsize", "11") != NULL;
    ok &= attr(ag, AGRAPH, "bgcolor", "white") != NULL;
    ok &= attr(ag, AGRAPH, "pad", "0.2") != NULL;
    ok &= attr(ag, AGRAPH, "outputorder", "edgesfirst") != NULL;
    ok &= attr(ag, AGRAPH, "rankdir", "LR") != NULL;
    /* removing node overlaps costs sfdp/neato 4-5x the CPU above ~1000 nodes (2000
       nodes: 4.3 s against 0.9 s): scale the layout instead */
    ok &= attr(ag, AGRAPH, "overlap", nnodes > CG_OVERLAP_MAX_NODES ? "scale" : "false") != NULL;
    if (set_layout)
        ok &= attr(ag, AGRAPH, "layout", engine) != NULL;
    if (strcmp(engine, "dot") == 0) {
        ok &= attr(ag, AGRAPH, "nodesep", "0.2") != NULL;
        ok &= attr(ag, AGRAPH, "ranksep", "0.5") != NULL;
        if (nnodes > CG_DOT_FAST_NODES) {
            ok &= attr(ag, AGRAPH, "nslimit", "2") != NULL;
            ok &= attr(ag, AGRAPH, "mclimit", "0.5") != NULL;
            ok &= attr(ag, AGRAPH, "splines", "line") != NULL;
        }
    } else {
        ok &= attr(ag, AGRAPH, "splines", "false") != NULL;
    }
    /* cluster subgraphs set these; declared here so the root keeps neutral defaults */
    ok &= attr(ag, AGRAPH, "label", "") != NULL;
    ok &= attr(ag, AGRAPH, "style", "") != NULL;
    ok &= attr(ag, AGRAPH, "color", "") != NULL;
    ok &= attr(ag, AGRAPH, "fillcolor", "") != NULL;
    return ok ? 0 : -1;
}

static int declare_node_attrs(Agraph_t *ag, node_syms_t *s)
{
    int ok = 1;

    ok &= attr(ag, AGNODE, "fontname", CG_FONT) != NULL;
    ok &= attr(ag, AGNODE, "fontsize", "10") != NULL;
    ok &= attr(ag, AGNODE, "margin", "0.08,0.04") != NULL;
    ok &= (s->label = attr(ag, AGNODE, "label", "\\N")) != NULL;
    ok &= (s->shape = attr(ag, AGNODE, "shape", "ellipse")) != NULL;
    ok &= (s->style = attr(ag, AGNODE, "style", "filled")) != NULL;
    ok &= (s->fillcolor = attr(ag, AGNODE, "fillcolor", "white")) != NULL;
    ok &= (s->color = attr(ag, AGNODE, "color", "#555555")) != NULL;
    ok &= (s->penwidth = attr(ag, AGNODE, "penwidth", "1")) != NULL;
    ok &= (s->tooltip = attr(ag, AGNODE, "tooltip", "")) != NULL;
    ok &= (s->class_ = attr(ag, AGNODE, "class", "")) != NULL;
    return ok ? 0 : -1;
}

static int declare_edge_attrs(Agraph_t *ag, edge_syms_t *s)
{
    int ok = 1;

    ok &= attr(ag, AGEDGE, "fontname", CG_FONT) != NULL;
    ok &= attr(ag, AGEDGE, "fontsize", "8") != NULL;
    ok &= attr(ag, AGEDGE, "arrowsize", "0.6") != NULL;
    ok &= (s->label = attr(ag, AGEDGE, "xlabel", "")) != NULL;
    ok &= (s->color = attr(ag, AGEDGE, "color", "#555555")) != NULL;
    ok &= (s->style = attr(ag, AGEDGE, "style", "solid")) != NULL;
    ok &= (s->arrowhead = attr(ag, AGEDGE, "arrowhead", "normal")) != NULL;
    ok &= (s->penwidth = attr(ag, AGEDGE, "penwidth", "1")) != NULL;
    ok &= (s->tooltip = attr(ag, AGEDGE, "tooltip", "")) != NULL;
    ok &= (s->class_ = attr(ag, AGEDGE, "class", "")) != NULL;
    return ok ? 0 : -1;
}

/** Sets the attributes of node @p an from @p n. */
static cg_error_t style_node(Agnode_t *an, const cg_node_t *n, const node_syms_t *s)
{
    const kind_style_t *ks = &kind_styles[(size_t)n->kind < CG_NODE_KIND_COUNT ? n->kind : 0];
    cg_buf_t tip = CG_BUF_INIT;
    char *label = NULL, *tooltip = NULL, *cut = NULL, *clean = NULL;
    const char *fill = ks->fill;
    cg_error_t rc = CG_ENOMEM;

    if (n->kind == CG_NODE_CLAIM)
        label = make_label(n->label, CG_CLAIM_WIDTH, CG_CLAIM_LINES);
    else if (n->kind == CG_NODE_ARTICLE)
        label = make_path_label(n->label, CG_NAME_MAX);
    else
        label = make_label(n->label, CG_NAME_MAX, 1);
    if (!label || node_tooltip(&tip, n))
        goto cleanup;
    if (!(clean = cg_export__clean_dup(tip.data, CG_CLEAN_TEXT)) ||
        !(cut = cg_export__truncate(clean, CG_TOOLTIP_MAX)))
        goto cleanup;
    tip.len = 0;
    if (defang_schemes(&tip, cut) || !(tooltip = cg_export__dot_escape_as(tip.data, 1)))
        goto cleanup;
    if (n->kind == CG_NODE_SPEAKER && (size_t)n->speaker_kind < 6)
        fill = speaker_fills[n->speaker_kind];
    agxset(an, s->label, label);
    agxset(an, s->shape, gvs(ks->shape));
    agxset(an, s->style, gvs(ks->style));
    agxset(an, s->fillcolor, gvs(fill));
    agxset(an, s->tooltip, tooltip);
    agxset(an, s->class_,
           gvs(n->kind == CG_NODE_SPEAKER
                   ? (n->speaker_kind == CG_SPEAKER_PERSON         ? "speaker person"
                      : n->speaker_kind == CG_SPEAKER_ORGANIZATION ? "speaker organization"
                                                                   : "speaker")
                   : cg_node_kind_name(n->kind)));
    if (n->cluster >= 0) {
        agxset(an, s->color, gvs(cluster_colors[(size_t)n->cluster % CG_NCLUSTER_COLORS]));
        agxset(an, s->penwidth, gvs("2"));
    }
    rc = CG_OK;
cleanup:
    cg_buf__free(&tip);
    free(label);
    free(tooltip);
    free(cut);
    free(clean);
    return rc;
}

static void style_edge(Agedge_t *ae, const cg_edge_t *e, const edge_syms_t *s)
{
    const edge_style_t *es = &edge_styles[(size_t)e->type < CG_EDGE_TYPE_COUNT ? e->type : 0];
    const char *type = cg_edge_type_name(e->type);
    char tip[64], pw[32];

    agxset(ae, s->color, gvs(es->color));
    agxset(ae, s->style, gvs(es->style));
    agxset(ae, s->arrowhead, gvs(es->arrowhead));
    agxset(ae, s->class_, gvs(type));
    if (es->label)
        agxset(ae, s->label, gvs(es->label));
    if (e->weight > 1.5) {
        double w = 1 + log2(e->weight);

        snprintf(tip, sizeof tip, "%s (x%.0f)", type, e->weight);
        agxset(ae, s->penwidth, cg_export__fmt_double(pw, sizeof pw, w > 4 ? 4 : w, 3));
    } else {
        snprintf(tip, sizeof tip, "%s", type);
    }
    agxset(ae, s->tooltip, tip);
}

/** The DOT name of a node: its id, cleaned; a trailing backslash gets a space. */
static char *node_name(const char *id)
{
    cg_buf_t b = CG_BUF_INIT;

    if (cg_export__clean(&b, id, CG_CLEAN_NAME) ||
        (b.len && b.data[b.len - 1] == '\\' && cg_buf__putc(&b, ' '))) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

/** Adds cluster_<k> subgraphs, in increasing k, with their members in graph order. */
static cg_error_t add_clusters(Agraph_t *ag, const cg_graph_t *g, Agnode_t **anodes)
{
    long k, nclusters = cg_export__cluster_count(g);
    size_t i, nn = cg_graph_node_count(g);
    size_t *sizes = NULL;
    Agraph_t **subs = NULL;
    cg_error_t rc = CG_ENOMEM;
    char name[48], label[80], fill[16];

    if (nclusters <= 0)
        return CG_OK;
    sizes = calloc((size_t)nclusters, sizeof *sizes);
    subs = calloc((size_t)nclusters, sizeof *subs);
    if (!sizes || !subs)
        goto cleanup;
    for (i = 0; i < nn; i++) {
        long c = cg_graph_node(g, i)->cluster;

        if (c >= 0)
            sizes[c]++;
    }
    rc = CG_EGRAPHVIZ;
    for (k = 0; k < nclusters; k++) {
        if (!sizes[k])
            continue;
        snprintf(name, sizeof name, "cluster_%ld", k);
        snprintf(label, sizeof label, "community %ld (%zu)", k, sizes[k]);
        snprintf(fill, sizeof fill, "%s40", cluster_colors[(size_t)k % CG_NCLUSTER_COLORS]);
        if (!(subs[k] = agsubg(ag, name, 1)))
            goto cleanup;
        agsafeset(subs[k], gvs("label"), label, gvs(""));
        agsafeset(subs[k], gvs("style"), gvs("rounded,filled"), gvs(""));
        agsafeset(subs[k], gvs("color"), gvs(cluster_colors[(size_t)k % CG_NCLUSTER_COLORS]),
                  gvs(""));
        agsafeset(subs[k], gvs("fillcolor"), fill, gvs(""));
    }
    for (i = 0; i < nn; i++) {
        long c = cg_graph_node(g, i)->cluster;

        if (c >= 0 && !agsubnode(subs[c], anodes[i], 1))
            goto cleanup;
    }
    rc = CG_OK;
cleanup:
    free(sizes);
    free(subs);
    return rc;
}

cg_error_t cg_export__dot_build(Agraph_t **out, const cg_graph_t *g, const char *engine,
                                unsigned flags, cg_errinfo_t *err)
{
    size_t i, nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g);
    Agraph_t *ag = NULL;
    Agnode_t **anodes = NULL;
    node_syms_t ns;
    edge_syms_t es;
    char *name = NULL;
    cg_error_t rc = CG_ENOMEM;

    *out = NULL;
    if (!cg_export__engine_known(engine))
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                              "unknown layout engine \"%s\" (use dot, neato, fdp, sfdp, "
                              "circo, twopi, osage or patchwork)",
                              engine ? engine : "");
    cg_export__gv_errors_begin();
    anodes = calloc(nn ? nn : 1, sizeof *anodes);
    if (!anodes)
        goto cleanup;
    rc = CG_EGRAPHVIZ;
    if (!(ag = agopen(gvs("claimgraph"), Agdirected, cg_export__sequential_disc())))
        goto cleanup;
    if (set_graph_attrs(ag, engine, nn, (flags & CG_DOT_SET_LAYOUT) != 0) ||
        declare_node_attrs(ag, &ns) || declare_edge_attrs(ag, &es))
        goto cleanup;
    for (i = 0; i < nn; i++) {
        const cg_node_t *n = cg_graph_node(g, i);

        if (!(name = node_name(n->id))) {
            rc = CG_ENOMEM;
            goto cleanup;
        }
        if (agnode(ag, name, 0)) {
            char *shown = cg_export__clean_dup(name, CG_CLEAN_TEXT);

            cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                           "two nodes have the DOT name \"%s\" after cleaning their ids",
                           shown ? shown : "?");
            free(shown);
            rc = CG_EINVAL;
            goto cleanup;
        }
        if (!(anodes[i] = agnode(ag, name, 1)))
            goto cleanup;
        free(name);
        name = NULL;
        if ((rc = style_node(anodes[i], n, &ns)) != CG_OK)
            goto cleanup;
        rc = CG_EGRAPHVIZ;
    }
    if ((flags & CG_DOT_CLUSTERS) && (rc = add_clusters(ag, g, anodes)) != CG_OK)
        goto cleanup;
    /* node borders show the community too (style_node), for drawings without boxes */
    rc = CG_EGRAPHVIZ;
    for (i = 0; i < ne; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);
        Agedge_t *ae;

        if (e->source >= nn || e->target >= nn) {
            rc = cg_errinfo_set(err, CG_EINVAL, NULL, 0, "edge %zu has an end out of range", i);
            goto cleanup;
        }
        if (!(ae = agedge(ag, anodes[e->source], anodes[e->target], NULL, 1)))
            goto cleanup;
        style_edge(ae, e, &es);
    }
    *out = ag;
    ag = NULL;
    rc = CG_OK;
cleanup:
    free(name);
    free(anodes);
    if (ag)
        agclose(ag);
    if (rc == CG_EINVAL)
        cg_export__gv_errors_end(CG_OK, NULL, NULL);
    else
        rc = cg_export__gv_errors_end(rc,
                                      rc == CG_ENOMEM ? "out of memory building the DOT graph"
                                                      : "building the DOT graph failed",
                                      err);
    return rc;
}

cg_error_t cg_export__dot(const cg_graph_t *g, const cg_export_options_t *opts, FILE *fp,
                          cg_errinfo_t *err)
{
    const char *layout = opts ? opts->layout : NULL;
    const char *engine =
        layout ? layout : cg_export_default_layout(cg_graph_node_count(g), cg_graph_edge_count(g));
    Agraph_t *ag = NULL;
    cg_error_t rc;

    rc = cg_export__dot_build(
        &ag, g, engine,
        CG_DOT_CLUSTERS | (layout != NULL || strcmp(engine, "dot") != 0 ? CG_DOT_SET_LAYOUT : 0u),
        err);
    if (rc != CG_OK)
        return rc;
    cg_export__gv_errors_begin();
    if (agwrite(ag, fp) == EOF || ferror(fp))
        rc = CG_EIO;
    agclose(ag);
    return cg_export__gv_errors_end(rc, "writing DOT failed", err);
}
