/* claimgraph export: graph.json in, DOT/SVG/JSON/visualiser formats out, whole or a view. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"

/* Above this many nodes an SVG takes long enough to say so (a 33,000-node community of
 * the 100 MB corpus's graph: 65 s and 3.4 GB; a 300-node view: under a second). */
#define SVG_WARN_NODES 5000

static const cli_opt_t opts[] = {
    {"format", 'f', "FMT", "dot, svg, json, graphml, gexf, cytoscape or nodelink"},
    {"output", 'o', "FILE", "write to FILE (default: standard output)"},
    {"layout", 0, "ENGINE", "Graphviz layout for svg (dot, sfdp, neato, fdp...; default by size)"},
    {"top", 0, "N", "keep only the N most central nodes"},
    {"by", 0, "MEASURE", "centrality for --top: pagerank, betweenness, indegree, outdegree, hub, authority"},
    {"cluster", 0, "K", "keep only community K"},
    {"ego", 0, "NAME", "keep the neighbourhood of the node with this id, name or alias"},
    {"depth", 0, "D", "radius of the --ego neighbourhood (default 1)"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {"export", "GRAPH.json --format FMT [-o FILE] [VIEW OPTIONS]",
                              "Export a graph built by 'claimgraph build', or a view of it.",
                              NULL, opts};

int cmd_export(int argc, char **argv)
{
    cli_args_t args;
    cg_view_options_t vo = CG_VIEW_OPTIONS_INIT;
    cg_export_options_t eo = CG_EXPORT_OPTIONS_INIT;
    cg_graph_t *g = NULL, *view = NULL;
    cg_errinfo_t e;
    const char *fmt, *s, *out;
    int format, rc = cli_parse(&cmd, argc, argv, &args);

    if (rc)
        return rc;
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    rc = CLI_USAGE;
    if (args.noperands != 1) {
        fprintf(stderr, "claimgraph export: give exactly one GRAPH.json\n"
                        "Try 'claimgraph export --help'.\n");
        goto done;
    }
    fmt = cli_get(&cmd, &args, "format");
    if (!fmt || (format = cg_format_parse(fmt)) < 0) {
        fprintf(stderr, "claimgraph export: --format must be one of dot, svg, json, graphml, "
                        "gexf, cytoscape, nodelink%s%s\n",
                fmt ? ", not " : "", fmt ? fmt : "");
        goto done;
    }
    if ((s = cli_get(&cmd, &args, "top")) && cli_size("export", "top", s, &vo.top))
        goto done;
    if ((s = cli_get(&cmd, &args, "by")) && (int)(vo.by = (cg_measure_t)cg_measure_parse(s)) < 0) {
        fprintf(stderr, "claimgraph export: unknown measure '%s'\n", s);
        goto done;
    }
    if ((s = cli_get(&cmd, &args, "cluster"))) {
        size_t k;
        if (cli_size("export", "cluster", s, &k))
            goto done;
        vo.cluster = (long)k;
    }
    vo.ego = cli_get(&cmd, &args, "ego");
    if ((s = cli_get(&cmd, &args, "depth"))) {
        size_t d;
        if (cli_size("export", "depth", s, &d))
            goto done;
        vo.depth = (int)(d > 1000 ? 1000 : d);
    }
    eo.layout = cli_get(&cmd, &args, "layout");
    out = cli_get(&cmd, &args, "output");
    rc = CLI_FAIL;
    if (!(g = cli_load_graph("export", args.operands[0])))
        goto done;
    if (vo.top || vo.cluster >= 0 || vo.ego) {
        if (cg_view(&view, g, &vo, &e)) {
            if (!e.file[0])
                snprintf(e.file, sizeof e.file, "%s", args.operands[0]);
            cli_error("export", &e);
            goto done;
        }
    }
    if (format == CG_FORMAT_SVG && cg_graph_node_count(view ? view : g) > SVG_WARN_NODES)
        fprintf(stderr,
                "claimgraph export: drawing %zu nodes as SVG can take minutes and gigabytes; "
                "--top N draws the N most central\n",
                cg_graph_node_count(view ? view : g));
    rc = cli_write_export("export", view ? view : g, (cg_format_t)format, &eo, out ? out : "-",
                          args.operands, 1);
done:
    cg_graph_free(view);
    cg_graph_free(g);
    free(args.operands);
    return rc;
}
