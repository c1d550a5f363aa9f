/*
 * The centrality scores computed in a child process while this one finds the
 * communities. igraph is not thread-safe in Debian's build (its error state, FINALLY
 * stack and RNG are global), so two igraph computations cannot share a process; a
 * forked child has its own copy of that state. It inherits the graph copy-on-write,
 * gives back its copy of the nodes' pages (it reads only the edges; they then no longer
 * count in its resident set) and, once its igraph view is built, of the edges'
 * (CG_ANALYZE__CHILD), computes cg_analyze__scores and writes a header and the
 * scores to a pipe, which the parent reads once its communities and betweenness are
 * done: Leiden and betweenness on one core, PageRank and HITS on the other (the two
 * halves took about as long on a 4.6 M-node graph). While the child runs the parent
 * writes no page of the graph (each write would copy the page). The results are the
 * same as in one process.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "0-util/bigmem.h"
#include "0-util/cpus.h"
#include "4-analyze/igraph_bridge.h"

/* Below this many nodes the whole analysis takes well under a second: no child. */
#define SIDE_MIN_NODES 100000

/** What the child writes first; the scores follow when rc is CG_OK. */
typedef struct {
    int rc;
    size_t n;
    cg_analyze_stats_t stats;
    char message[512];
} header_t;

/** Reads up to @p len bytes (fewer only at end of file); the count, or -1 on error. */
static ssize_t read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;

    while (got < len) {
        ssize_t k = read(fd, p + got, len - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0)
            break;
        got += (size_t)k;
    }
    return (ssize_t)got;
}

/** The child: computes the scores, writes them to @p fd, never returns. */
static void child(int fd, cg_graph_t *g, const size_t *pos,
                  const cg_analyze_options_t *opts)
{
    size_t n = cg_graph_node_count(g);
    cg_scores_t *scores;
    cg_errinfo_t e;
    header_t h;
    int ok;

    /* the child reads only the edges: its copy of the nodes and their strings (most of
     * the graph's memory) leaves its resident set */
    cg_graph__drop_node_pages(g);
    scores = calloc(n ? n : 1, sizeof *scores);
    memset(&h, 0, sizeof h);
    h.n = n;
    if (!scores) {
        h.rc = CG_ENOMEM;
        snprintf(h.message, sizeof h.message, "out of memory computing centrality");
    } else if ((h.rc = cg_analyze__scores(g, pos, opts, CG_ANALYZE__MAIN | CG_ANALYZE__CHILD,
                                          scores, &h.stats, &e)) != CG_OK) {
        snprintf(h.message, sizeof h.message, "%s", e.message);
    }
    ok = cg_write_all(fd, &h, sizeof h, -1) == 0 &&
         (h.rc != CG_OK || cg_write_all(fd, scores, n * sizeof *scores, -1) == 0);
    _exit(ok ? 0 : 1); /* no atexit handlers, no stdio flush: they belong to the parent */
}

int cg_analyze__side_start(cg_analyze__side_t *side, cg_graph_t *g, const size_t *pos,
                           const cg_analyze_options_t *opts)
{
    int fds[2];
    pid_t pid;

    side->pid = 0;
    side->fd = -1;
    if (opts->side < 0 || (opts->side == 0 && (cg_graph_node_count(g) < SIDE_MIN_NODES ||
                                                cg_usable_cpus() < 2)))
        return -1;
    if (pipe(fds) != 0)
        return -1;
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], g, pos, opts);
    }
    close(fds[1]);
    side->pid = (int)pid;
    side->fd = fds[0];
    return 0;
}

/** Reaps the child; non-zero when it did not exit with status 0. */
static int reap(cg_analyze__side_t *side)
{
    int status = 0;

    if (side->fd >= 0)
        close(side->fd);
    side->fd = -1;
    while (waitpid((pid_t)side->pid, &status, 0) < 0 && errno == EINTR)
        ;
    side->pid = 0;
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

void cg_analyze__side_cancel(cg_analyze__side_t *side)
{
    if (!side->pid)
        return;
    kill((pid_t)side->pid, SIGKILL);
    reap(side);
}

cg_error_t cg_analyze__side_finish(cg_analyze__side_t *side, size_t n, cg_scores_t *scores,
                                   cg_analyze_stats_t *stats, cg_errinfo_t *err)
{
    header_t h;
    size_t i, k;
    int complete;

    if (read_all(side->fd, &h, sizeof h) != (ssize_t)sizeof h || h.n != n) {
        cg_analyze__side_cancel(side);
        return cg_errinfo_set(err, CG_EIO, NULL, 0, "the centrality process gave no answer");
    }
    if (h.rc != CG_OK) {
        reap(side);
        h.message[sizeof h.message - 1] = '\0';
        return cg_errinfo_set(err, (cg_error_t)h.rc, NULL, 0, "%s", h.message);
    }
    for (i = 0, complete = 1; i < n && complete; i += k) {
        cg_scores_t buf[1024];
        size_t j;

        k = n - i < 1024 ? n - i : 1024;
        complete = read_all(side->fd, buf, k * sizeof *buf) == (ssize_t)(k * sizeof *buf);
        for (j = 0; complete && j < k; j++) {
            double b = scores[i + j].betweenness; /* computed by the parent meanwhile */
            scores[i + j] = buf[j];
            scores[i + j].betweenness = b;
        }
    }
    if (reap(side) || !complete)
        return cg_errinfo_set(err, CG_EIO, NULL, 0, "the centrality process gave no answer");
    stats->pagerank = h.stats.pagerank;
    stats->pagerank_ready = h.stats.pagerank_ready; /* CLOCK_MONOTONIC: one clock for both */
    stats->hits = h.stats.hits;
    stats->degrees = h.stats.degrees;
    stats->views += h.stats.views;
    return CG_OK;
}
