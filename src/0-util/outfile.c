/* Output files written atomically: temporary file beside the target, then rename. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "0-util/buf.h"
#include "claimgraph/util.h"

/*
 * Temporary files of the outputs open now, for the signal handlers: an interrupted run
 * removes them (the final paths were never touched). Slots are set and cleared by the
 * thread that opens and commits outputs; the handler only reads them.
 */
#define LIVE_MAX 16
static char *volatile live[LIVE_MAX];

static void live_add(char *tmp)
{
    size_t i;

    for (i = 0; i < LIVE_MAX; i++)
        if (!live[i]) {
            live[i] = tmp;
            return;
        }
}

static void live_remove(const char *tmp)
{
    size_t i;

    for (i = 0; tmp && i < LIVE_MAX; i++)
        if (live[i] == tmp)
            live[i] = NULL;
}

static void on_signal(int sig)
{
    size_t i;

    for (i = 0; i < LIVE_MAX; i++)
        if (live[i])
            unlink(live[i]); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

void cg_outfile_cleanup_on_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* keep an inherited "ignore" (nohup, a shell's background job) */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * Non-zero when @p path names an existing file that reading @p input would read:
 * @p input itself, or (@p input being a folder) a *.txt or manifest.jsonl below it.
 */
static int reads(const char *input, const char *path)
{
    struct stat st;
    char *rin = NULL, *rpath = NULL;
    const char *base = strrchr(path, '/');
    size_t n, k;
    int hit = 0;

    if (same_file(path, input))
        return 1;
    base = base ? base + 1 : path;
    k = strlen(base);
    if (!(k >= 4 && strcmp(base + k - 4, ".txt") == 0) && strcmp(base, "manifest.jsonl") != 0)
        return 0;
    if (stat(input, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    rin = realpath(input, NULL);
    rpath = realpath(path, NULL);
    if (rin && rpath) {
        n = strlen(rin);
        hit = strncmp(rpath, rin, n) == 0 && (rpath[n] == '/' || (n == 1 && rin[0] == '/'));
    }
    free(rin);
    free(rpath);
    return hit;
}

static void outfile_reset(cg_outfile_t *f)
{
    live_remove(f->tmp_path);
    free(f->path);
    free(f->tmp_path);
    memset(f, 0, sizeof *f);
}

cg_error_t cg_outfile_open(cg_outfile_t *f, const char *path, const char *const *inputs,
                           size_t ninputs, cg_errinfo_t *err)
{
    struct stat st, lst;
    char *resolved = NULL;
    const char *target = path;
    mode_t mode, mask;
    size_t i;
    int fd, exists;

    memset(f, 0, sizeof *f);
    if (!path || !*path)
        return cg_errinfo_set(err, CG_EINVAL, "", 0, "empty output path");
    if (strcmp(path, "-") == 0) {
        f->fp = stdout;
        f->is_stdout = 1;
        return CG_OK;
    }
    exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return cg_errinfo_set(err, CG_EINVAL, path, 0, "output is a directory");
    for (i = 0; i < ninputs; i++) {
        if (inputs[i] && strcmp(inputs[i], "-") != 0 && reads(inputs[i], path))
            return cg_errinfo_set(err, CG_EINVAL, path, 0,
                                  "refusing to write over an input file");
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* a device, FIFO or socket (/dev/null, /dev/stdout, a pipe): written in place,
           since renaming a file over it would replace the device itself */
        if (!(f->path = cg__strdup(path)))
            return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
        if (!(f->fp = fopen(path, "wb"))) {
            int e = errno;
            outfile_reset(f);
            return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(e));
        }
        return CG_OK;
    }
    /* through a symbolic link: replace the file it points to, not the link */
    if (exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
        (resolved = realpath(path, NULL)))
        target = resolved;
    f->path = cg__strdup(target);
    f->tmp_path = malloc(strlen(target) + 16);
    free(resolved);
    if (!f->path || !f->tmp_path) {
        outfile_reset(f);
        return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
    }
    sprintf(f->tmp_path, "%s.tmp.XXXXXX", f->path);
    fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int e = errno;
        outfile_reset(f);
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot create: %s", strerror(e));
    }
    /* the mode of the file it replaces, else what the umask gives a new file */
    mask = umask(0);
    umask(mask);
    mode = exists ? (st.st_mode & 07777) : (0666 & ~mask);
    (void)fchmod(fd, mode);
    live_add(f->tmp_path);
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        int e = errno;
        close(fd);
        unlink(f->tmp_path);
        outfile_reset(f);
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(e));
    }
    return CG_OK;
}

cg_error_t cg_outfile_commit(cg_outfile_t *f, cg_errinfo_t *err)
{
    cg_error_t rc = CG_OK;

    if (f->is_stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = cg_errinfo_set(err, CG_EIO, "-", 0, "write error on standard output");
        memset(f, 0, sizeof *f);
        return rc;
    }
    if (!f->fp)
        return cg_errinfo_set(err, CG_EINVAL, "", 0, "output not open");
    if (!f->tmp_path) { /* written in place */
        int bad = fflush(f->fp) != 0 || ferror(f->fp), e = errno;
        if (fclose(f->fp) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        if (bad)
            rc = cg_errinfo_set(err, CG_EIO, f->path, 0, "write error: %s", strerror(e));
        outfile_reset(f);
        return rc;
    }
    if (fflush(f->fp) != 0 || ferror(f->fp)) {
        int e = errno;
        fclose(f->fp);
        unlink(f->tmp_path);
        rc = cg_errinfo_set(err, CG_EIO, f->path, 0, "write error: %s", strerror(e));
    } else if (fclose(f->fp) != 0) {
        int e = errno;
        unlink(f->tmp_path);
        rc = cg_errinfo_set(err, CG_EIO, f->path, 0, "write error: %s", strerror(e));
    } else if (rename(f->tmp_path, f->path) != 0) {
        int e = errno;
        unlink(f->tmp_path);
        rc = cg_errinfo_set(err, CG_EIO, f->path, 0, "cannot rename into place: %s",
                            strerror(e));
    }
    outfile_reset(f);
    return rc;
}

void cg_outfile_abort(cg_outfile_t *f)
{
    if (!f->is_stdout && f->fp) {
        fclose(f->fp);
        if (f->tmp_path)
            unlink(f->tmp_path);
    }
    outfile_reset(f);
}
