/* Helpers shared by the graph commands (build, run, export, report, clusters). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

cg_graph_t *cli_load_graph(const char *cmdname, const char *path)
{
    cg_graph_t *g = NULL;
    cg_errinfo_t e;

    if (cg_graph_read_json(&g, path, &e) != CG_OK) {
        cli_error(cmdname, &e);
        return NULL;
    }
    return g;
}

int cli_write_export(const char *cmdname, const cg_graph_t *g, cg_format_t format,
                     const cg_export_options_t *eo, const char *path, const char *const *inputs,
                     size_t ninputs)
{
    cg_export_options_t defaults = CG_EXPORT_OPTIONS_INIT;
    cg_outfile_t f;
    cg_errinfo_t e;

    if (!eo)
        eo = &defaults;
    if (cg_outfile_open(&f, path, inputs, ninputs, &e)) {
        cli_error(cmdname, &e);
        return CLI_FAIL;
    }
    if (cg_export(g, format, eo, f.fp, &e)) {
        if (!e.file[0])
            snprintf(e.file, sizeof e.file, "%s", path);
        cg_outfile_abort(&f);
        cli_error(cmdname, &e);
        return CLI_FAIL;
    }
    if (cg_outfile_commit(&f, &e)) {
        cli_error(cmdname, &e);
        return CLI_FAIL;
    }
    return CLI_OK;
}

int cli_analyze_options(const char *cmdname, const char *method, const char *resolution,
                        const char *seed, cg_analyze_options_t *ao)
{
    if (method) {
        int m = cg_community_method_parse(method);
        if (m < 0) {
            fprintf(stderr, "claimgraph %s: --method must be leiden or louvain, not '%s'\n",
                    cmdname, method);
            return CLI_USAGE;
        }
        ao->method = (cg_community_method_t)m;
    }
    if (resolution) {
        if (cli_double(cmdname, "resolution", resolution, &ao->resolution))
            return CLI_USAGE;
        if (ao->resolution <= 0) {
            fprintf(stderr, "claimgraph %s: --resolution must be positive\n", cmdname);
            return CLI_USAGE;
        }
    }
    if (seed) {
        size_t s;
        if (cli_size(cmdname, "seed", seed, &s))
            return CLI_USAGE;
        ao->seed = (unsigned long)s;
    }
    return 0;
}
