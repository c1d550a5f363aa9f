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

const char *cg_export_default_layout(size_t nnodes, size_t nedges)
{
    (void)nedges;
    return nnodes <= 600 ? "dot" : "sfdp";
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
