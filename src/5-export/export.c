/* Format names, the layout engine chosen by size, and cg_export(). */
#include <string.h>

#include "5-export/export_internal.h"

static const char *const format_names[] = {"dot",  "svg",       "json",    "graphml",
                                           "gexf", "cytoscape", "nodelink"};

#define CG_NFORMATS (sizeof format_names / sizeof format_names[0])

int cg_format_parse(const char *s)
{
    size_t i;

    if (!s)
        return -1;
    for (i = 0; i < CG_NFORMATS; i++)
        if (strcmp(s, format_names[i]) == 0)
            return (int)i;
    if (strcmp(s, "gv") == 0)
        return CG_FORMAT_DOT;
    if (strcmp(s, "cyjs") == 0)
        return CG_FORMAT_CYTOSCAPE;
    if (strcmp(s, "node-link") == 0 || strcmp(s, "d3") == 0)
        return CG_FORMAT_NODELINK;
    return -1;
}

const char *cg_format_name(cg_format_t f)
{
    return (size_t)f < CG_NFORMATS ? format_names[f] : "dot";
}

/*
 * Layout engine by size, from my timings of cg_export(..., CG_FORMAT_SVG, ...) in-process
 * (this module: labels, clusters, styles; pango text layout; Graphviz 2.42.2) on
 * synthetic provenance-shaped graphs: 60% claims, 15% articles, 22% speakers, 3%
 * outlets; some claims repeated in a second article, relayed or disputing another; one
 * community per ~40 nodes. "dense": every other claim disputes or answers a recent
 * claim (longer chains, more ranks). CPU seconds (the 2-core machine was shared, load
 * 3-13, so wall time was 2-9x longer and is not shown):
 *
 *   sparse   nodes edges |   dot   sfdp  neato      dense  nodes edges |   dot   sfdp
 *              102   152 |  0.06   0.07   0.09               299   586 |  0.19   0.31
 *              298   463 |  0.14   0.24   0.48               991  1972 |  0.42   1.18
 *              596   890 |  0.19   0.64   1.72              1974  3915 |  1.32   1.27
 *              980  1475 |  0.35   1.14   3.78              2960  5821 |  3.09   1.74
 *             1971  2979 |  0.75   0.93  11.79              4935  9688 | 18.00   3.15
 *             2957  4455 |  1.79   1.71
 *             4919  7448 | 11.50   4.19
 *
 * dot runs with nslimit=2, mclimit=0.5, splines=line above 150 nodes (dot.c); without
 * them it took 2x longer at 2000 dense nodes (wall 1.79 s against 0.91 s) and did not
 * finish in 120 s at 5000. sfdp and neato remove overlaps (overlap=false) up to 1000
 * nodes and scale above (overlap removal took 4.3 s of 5.2 s at 2000 nodes).
 * On these shallow graphs dot is the fastest engine up to ~2500 nodes, and it draws
 * the provenance left to right (speaker -> claim -> article -> outlet) with the
 * communities as boxes; beyond ~3000 nodes or ~5000 edges it grows superlinearly while
 * sfdp stays near-linear. So: dot up to 2500 nodes and 5000 edges, sfdp above. A
 * 300-node view takes 0.1-0.2 s CPU, well inside its 3 s budget. (Random graphs are far
 * harder for dot: 300 nodes / 600 edges took 32.6 s without the speedups.)
 */
#define CG_DOT_MAX_NODES 2500
#define CG_DOT_MAX_EDGES 5000

const char *cg_export_default_layout(size_t nnodes, size_t nedges)
{
    return nnodes <= CG_DOT_MAX_NODES && nedges <= CG_DOT_MAX_EDGES ? "dot" : "sfdp";
}

cg_error_t cg_export(const cg_graph_t *g, cg_format_t format, const cg_export_options_t *opts,
                     FILE *fp, cg_errinfo_t *err)
{
    cg_error_t rc;

    if (!g || !fp)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_export: no graph or no stream");
    if (opts && opts->layout && !cg_export__engine_known(opts->layout))
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                              "unknown layout engine \"%s\" (use dot, neato, fdp, sfdp, "
                              "circo, twopi, osage or patchwork)",
                              opts->layout);
    switch (format) {
    case CG_FORMAT_DOT:
        rc = cg_export__dot(g, opts, fp, err);
        break;
    case CG_FORMAT_SVG:
        rc = cg_export__svg(g, opts, fp, err);
        break;
    case CG_FORMAT_JSON:
        rc = cg_graph_write_json(g, fp, err);
        break;
    case CG_FORMAT_GRAPHML:
        rc = cg_export__graphml(g, fp, err);
        break;
    case CG_FORMAT_GEXF:
        rc = cg_export__gexf(g, fp, err);
        break;
    case CG_FORMAT_CYTOSCAPE:
        rc = cg_export__cytoscape(g, fp, err);
        break;
    case CG_FORMAT_NODELINK:
        rc = cg_export__nodelink(g, fp, err);
        break;
    default:
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "unknown export format %d", (int)format);
    }
    if (rc == CG_OK && (fflush(fp) != 0 || ferror(fp)))
        rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "writing %s output failed",
                            cg_format_name(format));
    return rc;
}
