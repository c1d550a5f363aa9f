/* claimgraph: who said what, where, and through whom. Dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} command_t;

static const command_t commands[] = {
    {"extract", cmd_extract, "find attributed claims in articles; write claims JSON Lines"},
    {"build", cmd_build, "build and analyse the provenance graph; write graph.json"},
    {"export", cmd_export, "export a graph (or a view) as DOT, SVG, JSON, GraphML, ..."},
    {"report", cmd_report, "rank nodes by a centrality measure"},
    {"clusters", cmd_clusters, "list communities with their most central members"},
    {"run", cmd_run, "all of the above into a folder (default: the bundled articles)"},
    {"eval", cmd_eval, "score claims against gold annotations (P/R/F1)"},
    {NULL, NULL, NULL}};

static void usage(FILE *fp)
{
    int i;

    fprintf(fp, "usage: claimgraph <command> [options] [args]\n"
                "       claimgraph --version | --help\n\n"
                "Reads news articles and answers who said what, where, and through whom.\n\n"
                "commands:\n");
    for (i = 0; commands[i].name; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nRun 'claimgraph <command> --help' for a command's options.\n"
                "exit status: 0 ok, 1 failure (the message names the file), 2 usage error\n");
}

/** Commands that build or analyse graphs (extract and eval only read text). */
static int is_graph_command(const char *name)
{
    static const char *const names[] = {"build", "run", "export", "report", "clusters", NULL};
    int i;

    for (i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    int i, rc;

    if (argc >= 2 && is_graph_command(argv[1]))
        cg_reexec_with_huge_pages(argv); /* big graphs: huge pages for igraph's memory */
    cg_outfile_cleanup_on_signals(); /* an interrupted run leaves no temporary files */
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("claimgraph %s\n", CLAIMGRAPH_VERSION);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    for (i = 0; commands[i].name; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            rc = commands[i].fn(argc - 2, argv + 2);
            cg_extract_shutdown();
            if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "claimgraph %s: write error on standard output\n", argv[1]);
                return CLI_FAIL;
            }
            return rc;
        }
    }
    fprintf(stderr, "claimgraph: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
