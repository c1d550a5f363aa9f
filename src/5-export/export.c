/* Format names, the layout engine chosen by size, and cg_export(). */
#include <string.h>

#include "5-export/export_internal.h"

static const char *const format_names[] = {"dot",     "svg",       "json",    "graphml",
                                           "gexf",    "cytoscape", "nodelink"};

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
 * Layout engine by size, from timings of SVG export in-process (this module, labels,
 * clusters and all) on synthetic provenance-shaped graphs: 60% claims, 15% articles,
 * 22% speakers, 3% outlets; claims repeated in a second article, relayed, disputing
 * or answering other claims; 1 community per ~40 nodes. CPU: 2 cores shared with other
 * builds (load 2-9), Graphviz 2.42.2, pango text layout. Seconds, "dense" = one claim
 * in two disputes or answers another (longer chains, more ranks):
 *
 *   nodes  edges |  dot  dot-plain |  sfdp  neato
 *     100    150 | 0.04    0.05    |  0.05   0.07
 *     200    300 | 0.11    0.23    |  0.11   0.14
 *     300    460 | 0.09    0.21    |  0.22   0.43
 *     600    890 | 0.14    0.50    |  0.46   0.93
 *    1000   1480 | 0.22    0.27    |  1.01   3.55
 *    2000   2950 | 0.54    0.66    |  2.11  11.35
 *    2000   3920 | 0.91    1.79    |  8.08  26.94   (dense)
 *    3000   5820 | 4.35    4.93    |  8.50      -   (dense)
 *    5000   9690 | 37.5    >120    |  16.5      -   (dense)
 *
 * "dot" has nslimit=2, mclimit=0.5, splines=line (set above CG_DOT_FAST_NODES = 150
 * nodes, dot.c); "dot-plain" has none. sfdp and neato remove overlaps (overlap=false),
 * which costs them most of their time with our label sizes. On these shallow graphs
 * (4-6 ranks) dot is the fastest engine up to ~3000 nodes and draws the provenance
 * left to right, so it is the default up to 2500 nodes and 5000 edges; beyond, dot
 * grows superlinearly (x9 from 3000 to 5000 nodes) while sfdp stays near-linear.
 * A 300-node view takes ~0.1-0.25 s, well inside the 3 s budget. (Random graphs are
 * much harder for dot: 300 nodes / 600 edges took 32.6 s without the speedups.)
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
