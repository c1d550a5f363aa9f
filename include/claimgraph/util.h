/*
 * claimgraph — helpers shared by the library and the CLI.
 */
#ifndef CLAIMGRAPH_UTIL_H
#define CLAIMGRAPH_UTIL_H

#include <stdio.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * An output file written atomically: data goes to a temporary file beside @p path and
 * is renamed over it on commit, so a failed run never leaves half a file.
 */
typedef struct {
    FILE *fp;       /**< write here */
    char *path;     /**< final path (owned) */
    char *tmp_path; /**< temporary path (owned); NULL when @p path is a device, FIFO or
                         socket, which is written in place */
    int is_stdout;  /**< "-" was given: fp is stdout */
} cg_outfile_t;

/**
 * Opens @p path ("-" for stdout) for atomic writing. Refuses (CG_EINVAL) when @p path
 * is the same file as one of the @p ninputs @p inputs, or an existing *.txt or
 * manifest.jsonl inside an input folder (a file the reader would read). A symbolic link
 * is followed (the file it points to is replaced, with its mode kept); a device, FIFO
 * or socket (/dev/null, a pipe) is written in place, never renamed over.
 */
cg_error_t cg_outfile_open(cg_outfile_t *f, const char *path, const char *const *inputs,
                           size_t ninputs, cg_errinfo_t *err);
/** Flushes, checks for write errors and renames into place. Frees @p f's fields. */
cg_error_t cg_outfile_commit(cg_outfile_t *f, cg_errinfo_t *err);
/** Removes the temporary file (after a failure). Frees @p f's fields. */
void cg_outfile_abort(cg_outfile_t *f);

/**
 * Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that remove the temporary
 * files of the outputs still open, then let the signal end the process as before
 * (signals inherited as ignored stay ignored). For programs: the CLI calls it first.
 */
void cg_outfile_cleanup_on_signals(void);

/** 64-bit hash of bytes (xxHash XXH3), for content-derived ids. */
unsigned long long cg_hash64(const void *data, size_t len);

/**
 * For executables that build or analyse large graphs, first thing in main(): when the
 * kernel gives transparent huge pages only to memory that asks for them and
 * GLIBC_TUNABLES does not name glibc.malloc.hugetlb, re-executes the program with
 * glibc.malloc.hugetlb=1 added, so that malloc'ed memory (igraph's) gets huge pages.
 * Returns only when it did not re-execute (nothing to do, or it could not).
 */
void cg_reexec_with_huge_pages(char **argv);

/**
 * Executes the program @p path with @p argv, first adding glibc.malloc.hugetlb=1 to
 * GLIBC_TUNABLES when cg_reexec_with_huge_pages() would (so that the program need not
 * re-execute itself). Returns only on failure: -1 with errno set, the environment as it
 * was.
 */
int cg_exec_with_huge_pages(const char *path, char **argv);

#ifdef __cplusplus
}
#endif
#endif
