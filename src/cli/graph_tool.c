/*
 * The graph commands run in a second executable.
 *
 * `claimgraph` itself carries out only the commands that read text (extract, eval) and
 * links none of the graph libraries: igraph's shared dependencies (BLAS, LAPACK, ARPACK,
 * the Fortran and OpenMP runtimes) and Graphviz's are mapped, relocated and initialised
 * by every process that links them, ~4 ms of a start-up that was ~7 ms, and a run over
 * the BBC corpus (~100 ms) went ~7 ms faster without them. The graph commands (build,
 * run, export, report, clusters) are handed to CG_GRAPH_TOOL, the whole tool, installed
 * in the same folder: it is executed in place of this process with the same arguments,
 * and with huge pages for malloc turned on at the same time (cg_exec_with_huge_pages),
 * which that executable would otherwise re-execute itself to get.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"

#ifndef CG_GRAPH_TOOL
#error "CG_GRAPH_TOOL (the graph commands' executable's file name) must be defined"
#endif

/* The folder of this executable, from /proc (the real file, whatever link ran it), or
   from argv[0] when it names a path; "" when neither tells. */
static void own_folder(const char *argv0, char *dir, size_t size)
{
    ssize_t len = readlink("/proc/self/exe", dir, size - 1);
    char *slash;

    if (len > 0 && (size_t)len < size - 1) {
        dir[len] = '\0';
    } else if (argv0 && strchr(argv0, '/') && strlen(argv0) < size) {
        snprintf(dir, size, "%s", argv0);
    } else {
        dir[0] = '\0';
        return;
    }
    slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0'; /* "/" */
    else
        *slash = '\0';
}

int cli_run_graph_tool(const char *cmdname, char **argv)
{
    char dir[4096], path[4096 + sizeof CG_GRAPH_TOOL + 1];

    own_folder(argv[0], dir, sizeof dir);
    if (!dir[0]) {
        fprintf(stderr, "claimgraph %s: cannot find the folder of this program, where %s "
                        "(which carries out the graph commands) is\n", cmdname, CG_GRAPH_TOOL);
        return CLI_FAIL;
    }
    snprintf(path, sizeof path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
             CG_GRAPH_TOOL);
    cg_exec_with_huge_pages(path, argv);
    fprintf(stderr, "claimgraph %s: cannot run %s (which carries out the graph commands): %s\n",
            cmdname, path, strerror(errno));
    return CLI_FAIL;
}
