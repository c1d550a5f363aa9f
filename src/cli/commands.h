/* The subcommands of the claimgraph tool; each returns an exit code (CLI_OK ...). */
#ifndef CG_CLI_COMMANDS_H
#define CG_CLI_COMMANDS_H

#include "claimgraph/claimgraph.h"

int cmd_extract(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_clusters(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_eval(int argc, char **argv);

/**
 * Runs the graph commands' executable (CG_GRAPH_TOOL, beside this one) in place of this
 * process with the same @p argv; see graph_tool.c. Returns only on failure, after
 * printing why: CLI_FAIL.
 */
int cli_run_graph_tool(const char *cmdname, char **argv);

/* Shared helpers (common.c). */

/** Prints a bad-input diagnostic; @p ud is the subcommand name. */
void cli_diag(const cg_errinfo_t *e, void *ud);

/** Parses --jobs (1..256). Returns 0, or -1 after printing a usage error. */
int cli_jobs(const char *cmdname, const char *s, size_t *out);

/* The graph commands' helpers (graph_common.c). */

/** Reads a graph.json, printing the error on failure. Returns NULL on failure. */
cg_graph_t *cli_load_graph(const char *cmdname, const char *path);

/** Writes @p g to @p path atomically in @p format. Returns CLI_OK or CLI_FAIL. */
int cli_write_export(const char *cmdname, const cg_graph_t *g, cg_format_t format,
                     const cg_export_options_t *eo, const char *path, const char *const *inputs,
                     size_t ninputs);

/** Parses --method/--resolution/--seed into @p ao. Returns 0 or CLI_USAGE. */
int cli_analyze_options(const char *cmdname, const char *method, const char *resolution,
                        const char *seed, cg_analyze_options_t *ao);

#endif
