/*
 * claimgraph: who said what, where, and through whom. Dispatches to the subcommands.
 *
 * Built twice: as `claimgraph`, which carries out the commands that read text and hands
 * the graph commands to the second executable (graph_tool.c), and with CG_CLI_GRAPH as
 * that executable, which carries out every command.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv); /* NULL: carried out by the graph executable */
    int graph;                        /* builds or analyses graphs (extract and eval read text) */
    const char *summary;
} command_t;

/* A graph command: carried out here, or (NULL) by the graph commands' executable. */
#ifdef CG_CLI_GRAPH
#define GRAPH_COMMAND(fn) fn
#else
#define GRAPH_COMMAND(fn) NULL
#endif

static const command_t commands[] = {
    {"extract", cmd_extract, 0, "find attributed claims in articles; write claims JSON Lines"},
    {"build", GRAPH_COMMAND(cmd_build), 1,
     "build and analyse the provenance graph; write graph.json"},
    {"export", GRAPH_COMMAND(cmd_export), 1,
     "export a graph (or a view) as DOT, SVG, JSON, GraphML, ..."},
    {"report", GRAPH_COMMAND(cmd_report), 1,
     "rank nodes by a centrality measure"},
    {"clusters", GRAPH_COMMAND(cmd_clusters), 1,
     "list communities with their most central members"},
    {"run", GRAPH_COMMAND(cmd_run), 1,
     "all of the above into a folder (default: the bundled articles)"},
    {"eval", cmd_eval, 0, "score claims against gold annotations (P/R/F1)"},
    {NULL, NULL, 0, NULL}};

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

/** Non-zero for a command that builds or analyses graphs. */
static int is_graph_command(const char *name)
{
    int i;

    for (i = 0; commands[i].name; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].graph;
    return 0;
}

int main(int argc, char **argv)
{
    int i, rc;

    if (argc >= 2 && is_graph_command(argv[1])) {
#ifdef CG_CLI_GRAPH
        cg_reexec_with_huge_pages(argv); /* big graphs: huge pages for igraph's memory */
#else
        return cli_run_graph_tool(argv[1], argv); /* the same, in the graph executable */
#endif
    }
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
