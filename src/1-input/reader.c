/*
 * The article reader: expands inputs (files, folders, JSON Lines, stdin) into a stream
 * of articles, one in memory at a time.
 */
#define _GNU_SOURCE /* close_range */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "0-util/bigmem.h"
#include "0-util/buf.h"
#include "0-util/radix.h"
#include "0-util/u8check.h"
#include "1-input/manifest.h"
#include "1-input/reader.h"
#include "1-input/stdin.h"
#include "1-input/uring.h"
#include "1-input/utf8.h"
#include "claimgraph/article.h"

/* close_range(2): Linux 5.9, glibc 2.34 (when the kernel lacks it, close() does) */
#if defined(__linux__) && defined(__GLIBC__) &&                                                    \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
#define CG_HAVE_CLOSE_RANGE 1
#endif

typedef enum { ITEM_TEXT, ITEM_JSONL, ITEM_STDIN, ITEM_ERROR } item_kind_t;

typedef struct {
    item_kind_t kind;
    int is_reg; /* ITEM_TEXT known to be a regular file: a short read is its end */
    char *path;
    char *error; /* ITEM_ERROR: the message */
} item_t;

/* Bytes read from a file descriptor in large blocks, split into lines in place. */
typedef struct {
    char *data;
    size_t cap;
    size_t start;   /* first byte not handed out yet */
    size_t scanned; /* bytes before this have no '\n' after start */
    size_t end;     /* bytes read */
    int eof;
} linebuf_t;

#define JL_BLOCK ((size_t)1 << 20)   /* bytes asked for per read() of JSON Lines */
#define TEXT_BLOCK ((size_t)1 << 16) /* first buffer for a text file */
#define DEFER_MAX CG_READER_FD_BATCH /* text files whose close() waits (defer_close) */

struct cg_reader {
    item_t *items;
    size_t count, cap;
    size_t next;         /* next item to open */
    cg_manifest_t manifest;
    size_t max_bytes;
    size_t seq; /* articles handed out by cg_reader_next */
    /* an open JSON Lines stream */
    int jl_fd;           /* -1 when none is open */
    int jl_owned;        /* jl_fd was opened here (not standard input): close it */
    const char *jl_path; /* borrowed from items */
    size_t jl_line;
    linebuf_t lb;
    /* reading text files on the caller's thread (cg_reader_next) */
    cg_reader_textio_t tio;
    /* text files read but not closed yet (see defer_close) */
    int pend[DEFER_MAX];
    size_t npend;
};

void cg_article_free(cg_article_t *a)
{
    if (!a)
        return;
    free(a->doc);
    free(a->text);
    free(a->url);
    free(a->outlet);
    free(a->date);
    free(a->author);
    free(a->title);
    free(a);
}

/* Adds an item that takes @p path (allocated; freed here on ENOMEM). */
static int add_item_taking(cg_reader_t *r, item_kind_t kind, char *path, const char *error)
{
    item_t *it;

    if (cg__grow_array((void **)&r->items, &r->cap, r->count + 1, sizeof *it)) {
        free(path);
        return -1;
    }
    it = &r->items[r->count];
    it->kind = kind;
    it->is_reg = 0;
    it->path = path;
    it->error = cg__strdup(error);
    if (!it->path || (error && !it->error)) {
        free(it->path);
        free(it->error);
        return -1;
    }
    r->count++;
    return 0;
}

static int add_item(cg_reader_t *r, item_kind_t kind, const char *path, const char *error)
{
    char *p = cg__strdup(path);

    return p ? add_item_taking(r, kind, p, error) : -1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* dir/name in one allocation of its exact size (this runs once per file of a folder). */
static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir), k = strlen(name), sep = n == 0 || dir[n - 1] != '/';
    char *p = malloc(n + sep + k + 1);

    if (!p)
        return NULL;
    memcpy(p, dir, n);
    if (sep)
        p[n] = '/';
    memcpy(p + n + sep, name, k + 1);
    return p;
}

/*
 * The folders a walk has entered, by device and inode: a symbolic link back up the tree
 * (or two links to one folder) would otherwise make the walk read the same files again
 * and again, exponentially many times with two such links. Open addressing.
 */
typedef struct {
    struct {
        dev_t dev;
        ino_t ino;
        int used;
    } *slots;
    size_t count, cap;
} dir_set_t;

static size_t dir_hash(dev_t dev, ino_t ino)
{
    unsigned long long h = (unsigned long long)ino * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ ((unsigned long long)dev << 17) ^ (h >> 29));
}

/* 1 when (dev, ino) was already in @p s, 0 when added, -1 on ENOMEM. */
static int dir_set_add(dir_set_t *s, dev_t dev, ino_t ino)
{
    size_t i;

    if ((s->count + 1) * 2 > s->cap) {
        dir_set_t bigger = {NULL, 0, s->cap ? s->cap * 2 : 64};
        if (!(bigger.slots = calloc(bigger.cap, sizeof *bigger.slots)))
            return -1;
        for (i = 0; i < s->cap; i++)
            if (s->slots[i].used)
                dir_set_add(&bigger, s->slots[i].dev, s->slots[i].ino);
        free(s->slots);
        *s = bigger;
    }
    for (i = dir_hash(dev, ino) & (s->cap - 1); s->slots[i].used; i = (i + 1) & (s->cap - 1))
        if (s->slots[i].dev == dev && s->slots[i].ino == ino)
            return 1;
    s->slots[i].dev = dev;
    s->slots[i].ino = ino;
    s->slots[i].used = 1;
    s->count++;
    return 0;
}

/*
 * The names in folder @p d, except dot files, sorted; NULL-terminated. NULL on ENOMEM.
 * Each name is preceded by one byte (names[i][-1]): its d_type, so that the walk
 * needs no stat() for regular files and folders. Free with free(names[i] - 1).
 */
static char **list_folder(DIR *d)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;

    while ((de = readdir(d)) != NULL) {
        size_t len;
        char *p;

        if (de->d_name[0] == '.')
            continue;
        len = strlen(de->d_name);
        if (cg__grow_array((void **)&names, &cap, n + 2, sizeof *names) || !(p = malloc(len + 2))) {
            while (n)
                free(names[--n] - 1);
            free(names);
            return NULL;
        }
        p[0] = (char)de->d_type;
        memcpy(p + 1, de->d_name, len + 1);
        names[n] = p + 1;
        n++;
    }
    if (!names && cg__grow_array((void **)&names, &cap, 1, sizeof *names))
        return NULL;
    names[n] = NULL;
    cg_sort_strings(names, n);
    return names;
}

/* A text file found by the walk. */
typedef struct {
    char *path;
    int is_reg; /* a regular file (not a FIFO or device behind a *.txt name) */
} found_t;

static int cmp_found(const void *a, const void *b)
{
    return strcmp(((const found_t *)a)->path, ((const found_t *)b)->path);
}

/*
 * Collects every *.txt below @p dir into @p paths (unsorted). Errors become items.
 * Entries are visited in sorted order, so which of two paths to one folder is kept, the
 * order of error items and of manifests do not depend on the file system.
 */
static int walk(cg_reader_t *r, const char *dir, found_t **paths, size_t *n, size_t *cap, int depth,
                dir_set_t *seen, cg_errinfo_t *err)
{
    DIR *d;
    struct stat dst;
    char **names;
    size_t i;
    int again, rc = 0;

    if (depth > 64)
        return add_item(r, ITEM_ERROR, dir, "folders nested too deeply");
    if (stat(dir, &dst) == 0) {
        if ((again = dir_set_add(seen, dst.st_dev, dst.st_ino)) < 0)
            return -1;
        if (again)
            return 0; /* a link to a folder already read: its files are in already */
    }
    d = opendir(dir);
    if (!d) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read folder: %s", strerror(errno));
        return add_item(r, ITEM_ERROR, dir, msg);
    }
    names = list_folder(d);
    closedir(d);
    if (!names)
        return -1;
    for (i = 0; names[i]; i++) {
        struct stat st;
        unsigned char type = (unsigned char)names[i][-1];
        char *p = rc ? NULL : join_path(dir, names[i]);

        /* d_type says what a regular file or folder is; links and unknowns need stat() */
        if (p && (type == DT_REG || type == DT_DIR))
            st.st_mode = type == DT_REG ? S_IFREG : S_IFDIR;
        else if (p && stat(p, &st) != 0) {
            free(p); /* dangling link */
            p = NULL;
            free(names[i] - 1);
            continue;
        }
        if (!p) {
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(r, p, paths, n, cap, depth + 1, seen, err);
            free(p);
        } else if (strcmp(names[i], "manifest.jsonl") == 0) {
            cg_errinfo_t e;
            if (cg_manifest__load(&r->manifest, p, &e) != CG_OK) {
                char msg[1200];
                cg_errinfo_format(&e, msg, sizeof msg);
                rc = add_item(r, ITEM_ERROR, p, msg);
            }
            free(p);
        } else if (ends_with(names[i], ".txt")) {
            if (cg__grow_array((void **)paths, cap, *n + 1, sizeof **paths)) {
                free(p);
                rc = -1;
            } else {
                (*paths)[*n].path = p;
                (*paths)[(*n)++].is_reg = S_ISREG(st.st_mode);
            }
        } else {
            free(p);
        }
        free(names[i] - 1);
    }
    free(names);
    return rc;
}

static int expand_folder(cg_reader_t *r, const char *dir, cg_errinfo_t *err)
{
    found_t *paths = NULL;
    size_t n = 0, cap = 0, i;
    dir_set_t seen = {NULL, 0, 0};
    int rc = walk(r, dir, &paths, &n, &cap, 0, &seen, err);

    free(seen.slots);
    /* the walk visits each folder's names in sorted order, so the paths are mostly in
       order already ("a-b.txt" before "a/z.txt" is the exception): sort only when not
       (the order is total, so the result is the same either way) */
    for (i = 1; i < n && cmp_found(&paths[i - 1], &paths[i]) < 0; i++)
        ;
    if (!rc && i < n)
        qsort(paths, n, sizeof *paths, cmp_found);
    /* the items take the paths (no copy) */
    if (!rc && cg__grow_array((void **)&r->items, &r->cap, r->count + n, sizeof *r->items))
        rc = -1;
    for (i = 0; i < n; i++) {
        if (rc)
            free(paths[i].path);
        else if (!(rc = add_item_taking(r, ITEM_TEXT, paths[i].path, NULL)))
            r->items[r->count - 1].is_reg = paths[i].is_reg;
    }
    free(paths);
    return rc;
}

cg_error_t cg_reader_new(cg_reader_t **out, const char *const *inputs, size_t n,
                         const cg_reader_options_t *opts, cg_errinfo_t *err)
{
    cg_reader_t *r = calloc(1, sizeof *r);
    cg_error_t rc = CG_OK;
    size_t i;

    *out = NULL;
    if (!r)
        return cg_errinfo_set(err, CG_ENOMEM, "", 0, "out of memory");
    r->max_bytes = opts && opts->max_bytes ? opts->max_bytes : ((size_t)1 << 30);
    r->jl_fd = -1;
    r->tio.dir_fd = -1;
    if (opts && opts->manifest && (rc = cg_manifest__load(&r->manifest, opts->manifest, err)))
        goto fail;
    for (i = 0; i < n; i++) {
        const char *p = inputs[i];
        struct stat st;
        int bad;

        if (strcmp(p, "-") == 0) {
            bad = add_item(r, ITEM_STDIN, "-", NULL);
        } else if (stat(p, &st) != 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
            bad = add_item(r, ITEM_ERROR, p, msg);
        } else if (S_ISDIR(st.st_mode)) {
            bad = expand_folder(r, p, err);
        } else {
            bad = add_item(r, ends_with(p, ".jsonl") ? ITEM_JSONL : ITEM_TEXT, p, NULL);
            if (!bad)
                r->items[r->count - 1].is_reg = S_ISREG(st.st_mode);
        }
        if (bad) {
            rc = cg_errinfo_set(err, CG_ENOMEM, p, 0, "out of memory");
            goto fail;
        }
    }
    cg_manifest__seal(&r->manifest);
    *out = r;
    return CG_OK;
fail:
    cg_reader_free(r);
    return rc;
}

/* Closes the open JSON Lines stream, if any (standard input stays open). */
static void jl_close(cg_reader_t *r)
{
    if (r->jl_fd >= 0 && r->jl_owned)
        close(r->jl_fd);
    r->jl_fd = -1;
    r->jl_owned = 0;
}

/* Closes the @p n descriptors at @p fds (sorting them): each run of consecutive numbers
   with one close_range(). */
static void close_fds(int *fds, size_t n)
{
    size_t i, j, k;

    /* insertion sort: open() hands out rising numbers, so they are nearly sorted */
    for (i = 1; i < n; i++) {
        int fd = fds[i];
        for (j = i; j > 0 && fds[j - 1] > fd; j--)
            fds[j] = fds[j - 1];
        fds[j] = fd;
    }
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && fds[j] == fds[j - 1] + 1; j++)
            ;
#ifdef CG_HAVE_CLOSE_RANGE
        if (j - i > 1 && close_range((unsigned)fds[i], (unsigned)fds[j - 1], 0) == 0)
            continue;
#endif
        for (k = i; k < j; k++)
            close(fds[k]);
    }
}

static void close_deferred(cg_reader_t *r)
{
    close_fds(r->pend, r->npend);
    r->npend = 0;
}

/*
 * Closes @p fd, a text file read to its end, later: a system call costs more than the
 * work on a small file, and open() hands out the lowest free number, so the files read
 * one after another mostly hold consecutive numbers, which one close_range() closes.
 * Every number in a run is one the reader opened and has not closed yet, so nothing
 * else's descriptor is ever in it. At most DEFER_MAX are kept open; all are closed when
 * the reader is freed, or when open() runs out of descriptors.
 */
static void defer_close(cg_reader_t *r, int fd)
{
    int batch[DEFER_MAX];

    close_fds(batch, cg_reader__release_fd(r, fd, batch));
}

void cg_reader_free(cg_reader_t *r)
{
    size_t i;

    if (!r)
        return;
    close_deferred(r);
    cg_reader__textio_free(&r->tio);
    for (i = 0; i < r->count; i++) {
        free(r->items[i].path);
        free(r->items[i].error);
    }
    free(r->items);
    jl_close(r);
    free(r->lb.data);
    cg_manifest__free(&r->manifest);
    free(r);
}

/* read(2), retried when a signal interrupts it. */
static ssize_t read_some(int fd, char *dst, size_t n)
{
    ssize_t k;

    if (fd == STDIN_FILENO) /* what was looked at ahead comes first */
        return cg_input__stdin_read(dst, n);
    do
        k = read(fd, dst, n);
    while (k < 0 && errno == EINTR);
    return k;
}

/*
 * Reads the rest of @p fd into @p b (after what it holds). @p is_reg: a regular file,
 * whose end a short read shows, which saves the final read() that would return 0.
 */
static cg_error_t slurp_fd(int fd, int is_reg, const char *path, size_t max, cg_buf_t *b,
                           cg_errinfo_t *err)
{
    for (;;) {
        size_t want;
        ssize_t k;

        if (b->cap - b->len < TEXT_BLOCK / 2 + 1 &&
            cg_buf__grow(b, b->cap > TEXT_BLOCK ? b->cap : TEXT_BLOCK))
            return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
        want = b->cap - b->len - 1;
        k = read_some(fd, b->data + b->len, want);
        if (k < 0)
            return cg_errinfo_set(err, CG_EIO, path, 0, "read error: %s", strerror(errno));
        if (k == 0)
            break;
        if (b->len + (size_t)k > max)
            return cg_errinfo_set(err, CG_EINPUT, path, 0, "file larger than %zu bytes", max);
        b->len += (size_t)k;
        b->data[b->len] = '\0';
        if (is_reg && (size_t)k < want)
            break;
    }
    if (!b->data && cg_buf__grow(b, 0))
        return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
    return CG_OK;
}

/* A new article for @p doc owning a copy of @p len bytes at @p text (seq left 0). */
static cg_error_t make_article(const cg_manifest_t *m, cg_article_t **out, const char *doc,
                               const char *text, size_t len)
{
    cg_article_t *a = calloc(1, sizeof *a);
    const cg_manifest_entry_t *e;

    if (!a || !(a->doc = cg__strdup(doc)) || !(a->text = cg__strndup(text, len))) {
        cg_article_free(a);
        return CG_ENOMEM;
    }
    a->len = len;
    if ((e = cg_manifest__find(m, doc)) && cg_manifest__apply(e, a)) {
        cg_article_free(a);
        return CG_ENOMEM;
    }
    *out = a;
    return CG_OK;
}

/*
 * The folder of @p path, opened in @p t and kept from the last call while it is the
 * same: its descriptor, with the name inside it in *@p name; -1 (and the whole path in
 * *@p name) when there is none. Files are opened relative to it: the kernel then looks
 * up one name instead of every folder on the path again (path lookup was a large share
 * of the system time on folders of small files). The folder is opened with O_PATH, which
 * needs no permission on it beyond what the lookup itself checks.
 */
static int text_dir(cg_reader_textio_t *t, const char *path, const char **name)
{
#if defined(O_PATH) && defined(O_DIRECTORY)
    const char *slash = strrchr(path, '/');
    size_t dlen;

    if (slash && slash[1] && slash != path) {
        dlen = (size_t)(slash - path);
        if (t->dir_fd < 0 || t->dir_len != dlen || memcmp(t->dir_path, path, dlen) != 0) {
            char *d = cg__strndup(path, dlen);
            if (t->dir_fd >= 0)
                close(t->dir_fd);
            free(t->dir_path);
            t->dir_path = d;
            t->dir_len = dlen;
            t->dir_fd = d ? open(d, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
            if (t->dir_fd < 0) {
                free(t->dir_path);
                t->dir_path = NULL;
            }
        }
        *name = slash + 1;
        return t->dir_fd;
    }
#endif
    *name = path;
    return -1;
}

/* open(@p path) for reading, relative to its folder (text_dir) where that can be. */
static int open_text(cg_reader_textio_t *t, const char *path)
{
    const char *name;

    if (text_dir(t, path, &name) >= 0) {
        int fd = openat(t->dir_fd, name, O_RDONLY | O_CLOEXEC);
        if (fd >= 0 || (errno != EMFILE && errno != ENFILE))
            return fd;
        /* out of descriptors: give the folder's back and try as before */
        close(t->dir_fd);
        t->dir_fd = -1;
        free(t->dir_path);
        t->dir_path = NULL;
    }
    return open(path, O_RDONLY | O_CLOEXEC);
}

static void batch_free(cg_reader_batch_t *b);

void cg_reader__textio_free(cg_reader_textio_t *t)
{
    batch_free(t->batch);
    t->batch = NULL;
    if (t->dir_fd >= 0)
        close(t->dir_fd);
    free(t->dir_path);
    free(t->fbuf);
    t->dir_fd = -1;
    t->dir_path = NULL;
    t->dir_len = 0;
    t->fbuf = NULL;
    t->fbuf_cap = 0;
}

/*
 * Like make_article, but the article takes the text in @p b (shrunk to its length)
 * instead of a copy; @p b is left empty. On ENOMEM @p b keeps it.
 */
static cg_error_t make_article_taking(const cg_manifest_t *m, cg_article_t **out, const char *doc,
                                      cg_buf_t *b)
{
    cg_article_t *a = calloc(1, sizeof *a);
    const cg_manifest_entry_t *e;
    char *text;

    if (!a || !(a->doc = cg__strdup(doc))) {
        cg_article_free(a);
        return CG_ENOMEM;
    }
    /* shrinking in place: a failure leaves the larger block, as good */
    text = b->cap > b->len + 1 ? realloc(b->data, b->len + 1) : b->data;
    a->text = text ? text : b->data;
    a->len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    if ((e = cg_manifest__find(m, doc)) && cg_manifest__apply(e, a)) {
        cg_article_free(a);
        return CG_ENOMEM;
    }
    *out = a;
    return CG_OK;
}

/* ---- text files read ahead in a batch (io_uring) ----------------------------------- */

/* Bytes a batch reads of each file: BBC and PolNeAR articles are a few KB (the largest
   of 3,000 is 34 KB), and a file that fills its slot is read again the usual way. */
#define BATCH_SLOT ((size_t)16 << 10)

struct cg_reader_batch {
    cg_uring_t *ring;  /* NULL: io_uring is not there (or broke): no more batches */
    char *bufs;        /* CG_READER_BATCH slots of BATCH_SLOT bytes, mapped once */
    const item_t *items[CG_READER_BATCH];
    long got[CG_READER_BATCH]; /* bytes read, or -errno */
    size_t n;          /* files in the batch */
    size_t next;       /* the file read_text_io looks for first */
};

#if CG_READER_BATCH != CG_URING_BATCH
#error "a reader batch is one io_uring batch"
#endif

static void batch_free(cg_reader_batch_t *b)
{
    if (!b)
        return;
    cg_input__uring_free(b->ring);
    free(b->bufs);
    free(b);
}

/*
 * @p t's batch, made on first use: NULL when io_uring is not there (tried once per
 * thread: the ring is the calling thread's, it alone may use it).
 */
static cg_reader_batch_t *batch_get(cg_reader_textio_t *t)
{
    cg_reader_batch_t *b = t->batch;
    void *m;

    if (b)
        return b->ring ? b : NULL;
    if (!(b = calloc(1, sizeof *b)))
        return NULL;
    t->batch = b; /* kept even without a ring: says not to try again */
    if (!(b->ring = cg_input__uring_new()))
        return NULL;
    /* The slots' pages are faulted in at once (a page fault costs ~10 us in some virtual
       machines, and the kernel would take one per page it reads into). They come from the
       heap, not a mapping of their own: when the caller has raised malloc's mmap
       threshold, freeing them unmaps nothing, and an unmap in a process with threads at
       work costs every other CPU an interrupt (the TLB shootdown), at the very end of a
       run when every thread frees its batch. */
    if (!(m = malloc(CG_READER_BATCH * BATCH_SLOT))) {
        cg_input__uring_free(b->ring);
        b->ring = NULL;
        return NULL;
    }
    cg_big_populate(m, CG_READER_BATCH * BATCH_SLOT);
    /* zeroed (~40 us once the pages are there): the kernel fills the slots through
       io_uring, which memory checkers such as valgrind do not see, and a slot read
       from would otherwise count as never written */
    memset(m, 0, CG_READER_BATCH * BATCH_SLOT);
    b->bufs = m;
    return b;
}

void cg_reader__textio_prepare(cg_reader_textio_t *t)
{
    (void)batch_get(t);
}

size_t cg_reader__read_ahead(const cg_reader_t *r, cg_reader_textio_t *t,
                             const void *const *items, size_t n)
{
    cg_uring_file_t f[CG_READER_BATCH];
    cg_reader_batch_t *b;
    const char *first, *slash;
    size_t dlen, i;
    int dir = -1;

    (void)r;
    if (!n || !(b = batch_get(t)))
        return 0;
    b->n = b->next = 0;
    first = ((const item_t *)items[0])->path;
    slash = strrchr(first, '/');
    dlen = slash ? (size_t)(slash - first) + 1 : 0;
    for (i = 0; i < n && i < CG_READER_BATCH; i++) {
        const item_t *it = items[i];
        const char *name;
        /* regular files only (a FIFO would block the batch), and in one folder, the
           one text_dir keeps open */
        if (it->kind != ITEM_TEXT || !it->is_reg || strncmp(it->path, first, dlen) != 0 ||
            strchr(it->path + dlen, '/'))
            break;
        dir = text_dir(t, it->path, &name);
        f[i].dir_fd = dir >= 0 ? dir : AT_FDCWD;
        f[i].name = dir >= 0 ? name : it->path;
        f[i].buf = b->bufs + i * BATCH_SLOT;
        f[i].cap = BATCH_SLOT;
        b->items[i] = it;
    }
    if (cg_input__uring_read(b->ring, f, i) != 0) {
        /* the ring broke (or is another thread's): files are read the usual way from now
           on. The slots are left mapped for good: a request the kernel had started may
           still write to them, and their addresses must not be handed out again. */
        cg_input__uring_free(b->ring);
        b->ring = NULL;
        b->bufs = NULL;
        return 0;
    }
    for (n = 0; n < i; n++)
        b->got[n] = f[n].got;
    b->n = i;
    return i;
}

/*
 * @p it from @p t's batch: 1 with *@p out set, or 0 when it is not there or failed there
 * (it is then read the usual way, which reports any error as it always did).
 */
static int take_batched(const cg_reader_t *r, cg_reader_textio_t *t, const item_t *it,
                        cg_article_t **out, cg_errinfo_t *err)
{
    cg_reader_batch_t *b = t->batch;
    const char *text;
    size_t i, len;
    cg_error_t rc;

    if (!b || !b->n)
        return 0;
    /* files are taken in the order they were read ahead */
    i = b->next < b->n && b->items[b->next] == it ? b->next : 0;
    for (; i < b->n && b->items[i] != it; i++)
        ;
    if (i == b->n)
        return 0;
    b->next = i + 1;
    b->items[i] = NULL;
    /* a read that filled its slot may have left bytes behind; what slurp_fd would turn
       down is left to it too, for its message */
    if (b->got[i] < 0 || (size_t)b->got[i] >= BATCH_SLOT || (size_t)b->got[i] > r->max_bytes)
        return 0;
    text = b->bufs + i * BATCH_SLOT;
    len = (size_t)b->got[i];
    if ((rc = cg_input__check_text(text, len, it->path, 0, err)))
        return rc;
    /* an exact copy: the slot is read into again by the next batch */
    if ((rc = make_article(&r->manifest, out, it->path, text, len)))
        return cg_errinfo_set(err, rc, it->path, 0, "out of memory");
    return 1;
}

/*
 * A text file: open, read() into @p t's buffer (once for most files), and the article
 * takes the buffer (no copy of the text); the next file gets a new one. Touches nothing
 * of @p r but what is fixed once it is made (items, sealed manifest): any thread may
 * call it with its own @p t. The descriptor is left open in *@p fdp for the caller to
 * close (-1: none); *@p emfile is set when open() failed for want of descriptors.
 * Returns 1 with *@p out set, or an error naming the file.
 */
static int read_text_io(const cg_reader_t *r, cg_reader_textio_t *t, const item_t *it,
                        cg_article_t **out, int *fdp, int *emfile, cg_errinfo_t *err)
{
    const char *path = it->path;
    cg_buf_t b = {t->fbuf, 0, t->fbuf_cap};
    int fd, got = take_batched(r, t, it, out, err);
    cg_error_t rc;

    *fdp = -1;
    *emfile = 0;
    if (got)
        return got;
    fd = open_text(t, path);
    *fdp = fd;
    *emfile = fd < 0 && (errno == EMFILE || errno == ENFILE);
    if (fd < 0)
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
    /* a first block of TEXT_BLOCK: most files fit, and it stays below malloc's mmap
       threshold (a block per file taken from the heap, not mapped and unmapped) */
    if (!b.data && (b.data = malloc(TEXT_BLOCK)) != NULL)
        b.cap = TEXT_BLOCK;
    if (b.data)
        b.data[0] = '\0';
    rc = slurp_fd(fd, it->is_reg, path, r->max_bytes, &b, err);
    if (!rc)
        rc = cg_input__check_text(b.data, b.len, path, 0, err);
    if (!rc && (rc = make_article_taking(&r->manifest, out, path, &b)))
        cg_errinfo_set(err, rc, path, 0, "out of memory");
    t->fbuf = b.data; /* NULL when the article took it */
    t->fbuf_cap = b.cap;
    if (t->fbuf_cap > ((size_t)16 << 20)) { /* do not keep a huge one */
        free(t->fbuf);
        t->fbuf = NULL;
        t->fbuf_cap = 0;
    }
    return rc ? rc : 1;
}

/* A text file read on the caller's thread, its descriptor closed in a later batch. */
static int read_text_file(cg_reader_t *r, const item_t *it, cg_article_t **out, cg_errinfo_t *err)
{
    cg_reader_batch_t *b = r->tio.batch;
    int fd, emfile, got;

    /* not read ahead: this file and the ones after it, in one batch */
    if (it->is_reg && (!b || b->next >= b->n || b->items[b->next] != it)) {
        const void *items[CG_READER_BATCH];
        size_t i, n = 0;
        for (i = (size_t)(it - r->items); i < r->count && n < CG_READER_BATCH; i++)
            items[n++] = &r->items[i];
        if (n > 1)
            cg_reader__read_ahead(r, &r->tio, items, n);
    }
    got = read_text_io(r, &r->tio, it, out, &fd, &emfile, err);

    if (emfile && r->npend) {
        close_deferred(r); /* the descriptors kept open are needed */
        got = read_text_io(r, &r->tio, it, out, &fd, &emfile, err);
    }
    if (fd >= 0)
        defer_close(r, fd);
    return got;
}

int cg_reader__read_text(const cg_reader_t *r, cg_reader_textio_t *t, const void *item,
                         cg_article_t **out, int *fd, int *emfile, cg_errinfo_t *err)
{
    *out = NULL;
    return read_text_io(r, t, item, out, fd, emfile, err);
}

size_t cg_reader__release_fd(cg_reader_t *r, int fd, int *batch)
{
    size_t n;

#ifdef CG_HAVE_CLOSE_RANGE
    r->pend[r->npend++] = fd;
    if (r->npend < DEFER_MAX)
        return 0;
    n = r->npend;
    memcpy(batch, r->pend, n * sizeof *batch);
    r->npend = 0;
#else
    batch[0] = fd;
    n = 1;
#endif
    return n;
}

void cg_reader__close_batch(int *fds, size_t n)
{
    close_fds(fds, n);
}

void cg_reader__close_fds(cg_reader_t *r)
{
    close_deferred(r);
}

/* Copies the string member @p key of @p o into *@p dst; -1 when it has another type. */
static int meta(json_t *o, const char *key, char **dst)
{
    json_t *v = json_object_get(o, key);

    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    free(*dst);
    *dst = cg__strndup(json_string_value(v), json_string_length(v));
    return *dst ? 0 : -1;
}

/* ---- JSON Lines records: a fast path for the common case -------------------------- */

/*
 * Most records are one flat object of string (or null) members. fast_record reads those
 * directly, with one copy of the text; anything else (other value types, escapes in keys,
 * \u0000, lone surrogates, duplicate keys, bad bytes, a missing "text": every record
 * Jansson might reject or read differently) makes it give up, and the record goes to
 * json_loadb, which reports errors as before. Either way the article is the same.
 */

/* A member value: the bytes between the quotes of a string, or a null. */
typedef struct {
    const char *s;
    size_t n;
    int present, is_null, esc;
} jval_t;

/* The members the reader looks at, and at most this many members in all. */
enum { JK_TEXT, JK_DOC, JK_ID, JK_URL, JK_OUTLET, JK_DATE, JK_AUTHOR, JK_TITLE, JK_COUNT };
static const char *const jk_names[JK_COUNT] = {"text",   "doc",  "id",     "url",
                                               "outlet", "date", "author", "title"};
#define FAST_MAX_MEMBERS 32

static size_t skip_ws(const char *p, size_t i, size_t n)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    return i;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    int k;

    for (k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/*
 * Scans a string whose opening quote is at p[i - 1]: the index after its closing quote,
 * or 0 when it holds a control character, a malformed escape, \u0000 or a surrogate
 * that does not pair up. Sets *@p esc when it has escapes.
 */
static size_t scan_string(const char *p, size_t i, size_t n, int *esc)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

    for (;;) {
        /* 8 bytes at a time while none is '"', '\\' or a control character */
        while (i + 8 <= n) {
            uint64_t w, q, b;
            memcpy(&w, p + i, 8);
            q = w ^ (ones * '"');
            b = w ^ (ones * '\\');
            if ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
                break;
            i += 8;
        }
        while (i < n && p[i] != '"' && p[i] != '\\' && (unsigned char)p[i] >= 0x20)
            i++;
        if (i >= n || (unsigned char)p[i] < 0x20)
            return 0;
        if (p[i] == '"')
            return i + 1;
        *esc = 1;
        if (i + 1 >= n)
            return 0;
        switch (p[i + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            i += 2;
            break;
        case 'u': {
            unsigned v, lo;
            if (i + 6 > n || hex4(p + i + 2, &v))
                return 0;
            i += 6;
            /* what Jansson rejects: \u0000 and surrogates that do not pair up */
            if (v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
                return 0;
            if (v >= 0xD800 && v <= 0xDBFF) {
                if (i + 6 > n || p[i] != '\\' || p[i + 1] != 'u' || hex4(p + i + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                i += 6;
            }
            break;
        }
        default:
            return 0;
        }
    }
}

/*
 * Decodes the escapes of a scanned string into @p out (room for @p n bytes: decoding
 * never lengthens). Returns the length, or (size_t)-1 for what Jansson rejects or this
 * path leaves to it: \u0000 and surrogates that do not pair up.
 */
static size_t unescape(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;

    while (i < n) {
        unsigned v = 0, lo = 0;
        if (s[i] != '\\') { /* a run up to the next escape */
            const char *bs = memchr(s + i, '\\', n - i);
            size_t run = bs ? (size_t)(bs - (s + i)) : n - i;
            memcpy(out + o, s + i, run);
            o += run;
            i += run;
            continue;
        }
        switch (s[i + 1]) {
        case 'b':
            out[o++] = '\b';
            i += 2;
            continue;
        case 'f':
            out[o++] = '\f';
            i += 2;
            continue;
        case 'n':
            out[o++] = '\n';
            i += 2;
            continue;
        case 'r':
            out[o++] = '\r';
            i += 2;
            continue;
        case 't':
            out[o++] = '\t';
            i += 2;
            continue;
        case 'u':
            break;
        default:
            out[o++] = s[i + 1];
            i += 2;
            continue; /* " \ / */
        }
        hex4(s + i + 2, &v);
        i += 6;
        if (v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
            return (size_t)-1;
        if (v >= 0xD800 && v <= 0xDBFF) {
            if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' || hex4(s + i + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return (size_t)-1;
            i += 6;
            v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (v < 0x80) {
            out[o++] = (char)v;
        } else if (v < 0x800) {
            out[o++] = (char)(0xC0 | (v >> 6));
            out[o++] = (char)(0x80 | (v & 0x3F));
        } else if (v < 0x10000) {
            out[o++] = (char)(0xE0 | (v >> 12));
            out[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (v & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (v >> 18));
            out[o++] = (char)(0x80 | ((v >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (v & 0x3F));
        }
    }
    return o;
}

/* A new NUL-terminated copy of the string @p v, escapes decoded; NULL on ENOMEM or on an
   escape this path leaves to Jansson (*@p giveup set). */
static char *jval_dup(const jval_t *v, size_t *len, int *giveup)
{
    char *d = malloc(v->n + 1);
    size_t k;

    if (!d)
        return NULL;
    k = v->esc ? unescape(v->s, v->n, d) : (memcpy(d, v->s, v->n), v->n);
    if (k == (size_t)-1) {
        free(d);
        *giveup = 1;
        return NULL;
    }
    d[k] = '\0';
    if (len)
        *len = k;
    return d;
}

/* Reads a flat record: 1 with *@p out set, 0 to leave the record to Jansson. */
static int fast_record(const cg_reader_t *r, const char *p, size_t n, const char *path, size_t line,
                       cg_article_t **out)
{
    jval_t v[JK_COUNT];
    struct {
        const char *s;
        size_t n;
    } keys[FAST_MAX_MEMBERS];
    size_t nkeys = 0, i, k, len;
    cg_article_t *a = NULL;
    const cg_manifest_entry_t *e;
    const jval_t *doc;
    char *text = NULL;
    int giveup = 0;

    memset(v, 0, sizeof v);
    if (cg__u8_check((const uint8_t *)p, n))
        return 0;
    i = skip_ws(p, 0, n);
    if (i >= n || p[i] != '{')
        return 0;
    i = skip_ws(p, i + 1, n);
    for (;;) {
        size_t ks, ke, j;
        int esc = 0;
        jval_t val;

        if (i >= n || p[i] != '"' || nkeys == FAST_MAX_MEMBERS)
            return 0;
        ks = i + 1;
        if (!(ke = scan_string(p, ks, n, &esc)) || esc)
            return 0;
        keys[nkeys].s = p + ks;
        keys[nkeys].n = ke - 1 - ks;
        for (j = 0; j < nkeys; j++)
            if (keys[j].n == keys[nkeys].n && memcmp(keys[j].s, keys[nkeys].s, keys[j].n) == 0)
                return 0; /* duplicate */
        nkeys++;
        i = skip_ws(p, ke, n);
        if (i >= n || p[i] != ':')
            return 0;
        i = skip_ws(p, i + 1, n);
        memset(&val, 0, sizeof val);
        val.present = 1;
        if (i < n && p[i] == '"') {
            size_t end = scan_string(p, i + 1, n, &val.esc);
            if (!end)
                return 0;
            val.s = p + i + 1;
            val.n = end - 1 - (i + 1);
            i = end;
        } else if (i + 4 <= n && memcmp(p + i, "null", 4) == 0) {
            val.is_null = 1;
            i += 4;
        } else {
            return 0; /* numbers, arrays, objects, ...: Jansson's */
        }
        for (k = 0; k < JK_COUNT; k++)
            if (strlen(jk_names[k]) == keys[nkeys - 1].n &&
                memcmp(jk_names[k], keys[nkeys - 1].s, keys[nkeys - 1].n) == 0)
                v[k] = val;
        i = skip_ws(p, i, n);
        if (i < n && p[i] == ',') {
            i = skip_ws(p, i + 1, n);
            continue;
        }
        if (i < n && p[i] == '}')
            break;
        return 0;
    }
    if (skip_ws(p, i + 1, n) != n)
        return 0;
    /* what parse_record would accept, and nothing else */
    doc = v[JK_DOC].present ? &v[JK_DOC] : v[JK_ID].present ? &v[JK_ID] : NULL;
    if (!v[JK_TEXT].present || v[JK_TEXT].is_null || (doc && doc->is_null))
        return 0;
    if (!(text = jval_dup(&v[JK_TEXT], &len, &giveup)))
        return 0;
    /* no cg_input__check_text: the line is valid UTF-8 without control characters in its
       strings, and the escapes taken here decode to valid UTF-8 other than NUL, so the
       text is valid and holds neither NUL nor a UTF-16 byte-order mark */
    if (!(a = calloc(1, sizeof *a)))
        goto giveup;
    a->text = text;
    a->len = len;
    text = NULL;
    if (doc) {
        a->doc = jval_dup(doc, NULL, &giveup);
    } else {
        char name[64];
        size_t pl = strlen(path);
        snprintf(name, sizeof name, ":%zu", line);
        if ((a->doc = malloc(pl + strlen(name) + 1)) != NULL) {
            memcpy(a->doc, path, pl);
            strcpy(a->doc + pl, name);
        }
    }
    if (!a->doc)
        goto giveup;
    if ((e = cg_manifest__find(&r->manifest, a->doc)) && cg_manifest__apply(e, a))
        goto giveup;
    /* the record's own metadata wins over the manifest's */
    for (k = JK_URL; k <= JK_TITLE; k++) {
        char **dst = k == JK_URL      ? &a->url
                     : k == JK_OUTLET ? &a->outlet
                     : k == JK_DATE   ? &a->date
                     : k == JK_AUTHOR ? &a->author
                                      : &a->title;
        char *d;
        if (!v[k].present || v[k].is_null)
            continue;
        if (!(d = jval_dup(&v[k], NULL, &giveup)))
            goto giveup;
        free(*dst);
        *dst = d;
    }
    *out = a;
    return 1;
giveup: /* (or out of memory: Jansson's path says so properly) */
    free(text);
    cg_article_free(a);
    return 0;
}

int cg_reader__parse(const cg_reader_t *r, const char *data, size_t n, const char *path,
                     size_t line, cg_article_t **out, cg_errinfo_t *err)
{
    json_error_t je;
    json_t *o, *text, *doc;
    cg_article_t *a = NULL;
    char name[64];
    cg_error_t rc = CG_OK;

    *out = NULL;
    if (fast_record(r, data, n, path, line, out))
        return 1;
    o = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je);
    if (!o) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, line, "invalid JSON: %s", je.text);
        if (err)
            err->column = je.column > 0 ? (size_t)je.column : 0;
        return rc;
    }
    text = json_object_get(o, "text");
    if (!json_is_object(o) || !json_is_string(text)) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, line,
                            "each line must be a JSON object with a string \"text\"");
        goto done;
    }
    if ((rc = cg_input__check_text(json_string_value(text), json_string_length(text), path, line,
                                   err)))
        goto done;
    doc = json_object_get(o, "doc");
    if (!doc)
        doc = json_object_get(o, "id");
    if (doc && !json_is_string(doc)) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, line, "\"doc\"/\"id\" must be a string");
        goto done;
    }
    snprintf(name, sizeof name, ":%zu", line);
    if (doc) {
        rc = make_article(&r->manifest, &a, json_string_value(doc), json_string_value(text),
                          json_string_length(text));
    } else {
        char *d = malloc(strlen(path) + sizeof name);
        if (!d) {
            rc = CG_ENOMEM;
        } else {
            strcpy(d, path);
            strcat(d, name);
            rc = make_article(&r->manifest, &a, d, json_string_value(text),
                              json_string_length(text));
            free(d);
        }
    }
    if (rc) {
        cg_errinfo_set(err, rc, path, line, "out of memory");
        goto done;
    }
    if (meta(o, "url", &a->url) || meta(o, "outlet", &a->outlet) || meta(o, "date", &a->date) ||
        meta(o, "author", &a->author) || meta(o, "title", &a->title)) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, line,
                            "url, outlet, date, author and title must be strings");
        goto done;
    }
    *out = a;
    a = NULL;
done:
    cg_article_free(a);
    json_decref(o);
    return rc ? rc : 1;
}

/*
 * Reads more of the open JSON Lines stream into the line buffer, after moving the bytes
 * not handed out yet to its front (growing it when they fill half of it). Returns the
 * bytes read, 0 at the end of the stream (eof is set), or -1 with errno set.
 */
static ssize_t lb_fill(cg_reader_t *r)
{
    linebuf_t *lb = &r->lb;
    ssize_t k;

    if (lb->start > 0) {
        memmove(lb->data, lb->data + lb->start, lb->end - lb->start);
        lb->end -= lb->start;
        lb->scanned -= lb->start;
        lb->start = 0;
    }
    if (lb->cap - lb->end < JL_BLOCK / 2) {
        size_t cap = lb->cap ? lb->cap * 2 : JL_BLOCK;
        char *p = lb->cap > SIZE_MAX / 4 ? NULL : realloc(lb->data, cap + 1);
        if (!p) {
            errno = ENOMEM;
            return -1;
        }
        lb->data = p;
        lb->cap = cap;
    }
    k = read_some(r->jl_fd, lb->data + lb->end, lb->cap - lb->end);
    if (k == 0)
        lb->eof = 1;
    if (k > 0)
        lb->end += (size_t)k;
    return k;
}

/*
 * The next line of the open JSON Lines stream (with its '\n' unless it is the last
 * line), borrowed until the next call: 1, 0 at the end, -1 on a read error (errno).
 */
static int next_line(cg_reader_t *r, const char **line, size_t *n)
{
    linebuf_t *lb = &r->lb;

    for (;;) {
        const char *nl;

        if (lb->scanned < lb->start)
            lb->scanned = lb->start;
        nl = lb->end > lb->scanned ? memchr(lb->data + lb->scanned, '\n', lb->end - lb->scanned)
                                   : NULL;
        if (nl || (lb->eof && lb->start < lb->end)) {
            size_t stop = nl ? (size_t)(nl - lb->data) + 1 : lb->end;
            *line = lb->data + lb->start;
            *n = stop - lb->start;
            lb->start = lb->scanned = stop;
            return 1;
        }
        lb->scanned = lb->end;
        if (lb->eof)
            return 0;
        if (lb_fill(r) < 0)
            return -1;
    }
}

/* Empties the line buffer for a new stream (its memory is kept). */
static void lb_reset(linebuf_t *lb)
{
    lb->start = lb->scanned = lb->end = 0;
    lb->eof = 0;
}

/*
 * Next record of the open JSON Lines stream, unparsed: 2 with @p rec filled, 0 at its
 * end (the stream is closed), or an error.
 */
static int next_record(cg_reader_t *r, cg_reader_record_t *rec, cg_errinfo_t *err)
{
    const char *line;
    size_t n;
    int got;

    while ((got = next_line(r, &line, &n)) > 0) {
        size_t k = 0;

        r->jl_line++;
        while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r' || line[k] == '\n'))
            k++;
        if (k == n)
            continue;
        rec->data = line;
        rec->len = n;
        rec->path = r->jl_path;
        rec->line = r->jl_line;
        return 2;
    }
    if (got < 0) {
        int rc = errno == ENOMEM
                     ? cg_errinfo_set(err, CG_ENOMEM, r->jl_path, r->jl_line, "out of memory")
                     : cg_errinfo_set(err, CG_EIO, r->jl_path, r->jl_line, "read error");
        jl_close(r);
        return rc;
    }
    jl_close(r);
    return 0;
}

/* stdin: JSON Lines when the first non-blank byte is '{', otherwise one text article. */
static int open_stdin(cg_reader_t *r, cg_article_t **out, cg_reader_record_t *rec,
                      cg_errinfo_t *err)
{
    linebuf_t *lb = &r->lb;
    cg_buf_t b;
    size_t i = 0, lines = 0;
    cg_error_t rc;

    lb_reset(lb);
    r->jl_fd = STDIN_FILENO;
    for (;;) { /* read until the first non-blank byte, keeping every byte */
        for (; i < lb->end; i++) {
            char c = lb->data[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                break;
            lines += c == '\n';
        }
        if (i < lb->end || lb->eof)
            break;
        if (lb_fill(r) < 0) {
            r->jl_fd = -1;
            if (errno == ENOMEM)
                return cg_errinfo_set(err, CG_ENOMEM, "-", 0, "out of memory");
            return cg_errinfo_set(err, CG_EIO, "-", 0, "read error: %s", strerror(errno));
        }
    }
    if (i < lb->end && lb->data[i] == '{') {
        /* blank lines before the first record still count as lines; the blanks before
           the '{' on its line are not part of the record */
        lb->start = lb->scanned = i;
        r->jl_path = "-";
        r->jl_line = lines;
        return next_record(r, rec, err);
    }
    r->jl_fd = -1;
    /* one text article: the bytes read so far and the rest */
    b.data = lb->data;
    b.len = lb->end;
    b.cap = lb->data ? lb->cap + 1 : 0;
    memset(lb, 0, sizeof *lb);
    if (b.len > r->max_bytes)
        rc = cg_errinfo_set(err, CG_EINPUT, "-", 0, "file larger than %zu bytes", r->max_bytes);
    else
        rc = slurp_fd(STDIN_FILENO, 0, "-", r->max_bytes, &b, err);
    if (!rc)
        rc = cg_input__check_text(b.data, b.len, "-", 0, err);
    if (!rc && (rc = make_article(&r->manifest, out, "-", b.data, b.len)))
        cg_errinfo_set(err, rc, "-", 0, "out of memory");
    cg_buf__free(&b);
    return rc ? rc : 1;
}

/* cg_reader__next_any and cg_reader__next_lazy: with @p item, a text file is handed
   out unread (3), else read here (1). */
static int next_item(cg_reader_t *r, cg_article_t **out, cg_reader_record_t *rec,
                     const void **item, cg_errinfo_t *err)
{
    *out = NULL;
    for (;;) {
        item_t *it;
        int fd;

        if (r->jl_fd >= 0) {
            int rc = next_record(r, rec, err);
            if (rc != 0)
                return rc;
            continue;
        }
        if (r->next >= r->count)
            return 0;
        it = &r->items[r->next++];
        switch (it->kind) {
        case ITEM_ERROR:
            return cg_errinfo_set(err, CG_EIO, it->path, 0, "%s", it->error);
        case ITEM_TEXT:
            if (item) {
                *item = it;
                return 3;
            }
            return read_text_file(r, it, out, err);
        case ITEM_STDIN:
            return open_stdin(r, out, rec, err);
        case ITEM_JSONL:
            fd = open(it->path, O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                return cg_errinfo_set(err, CG_EIO, it->path, 0, "cannot open: %s",
                                      strerror(errno));
            lb_reset(&r->lb);
            r->jl_fd = fd;
            r->jl_owned = 1;
            r->jl_path = it->path;
            r->jl_line = 0;
            break;
        }
    }
}

int cg_reader__next_any(cg_reader_t *r, cg_article_t **out, cg_reader_record_t *rec,
                        cg_errinfo_t *err)
{
    return next_item(r, out, rec, NULL, err);
}

int cg_reader__next_lazy(cg_reader_t *r, cg_article_t **out, cg_reader_record_t *rec,
                         const void **item, cg_errinfo_t *err)
{
    return next_item(r, out, rec, item, err);
}

int cg_reader_next(cg_reader_t *r, cg_article_t **out, cg_errinfo_t *err)
{
    cg_reader_record_t rec;
    int got = cg_reader__next_any(r, out, &rec, err);

    if (got == 2)
        got = cg_reader__parse(r, rec.data, rec.len, rec.path, rec.line, out, err);
    if (got == 1)
        (*out)->seq = r->seq++;
    return got;
}

cg_error_t cg_article_from_buffer(cg_article_t **out, const char *doc, const char *text,
                                  size_t len, cg_errinfo_t *err)
{
    cg_article_t *a;
    cg_error_t rc;

    *out = NULL;
    if ((rc = cg_input__check_text(text, len, doc, 0, err)))
        return rc;
    a = calloc(1, sizeof *a);
    if (!a || !(a->doc = cg__strdup(doc)) || !(a->text = cg__strndup(text, len))) {
        cg_article_free(a);
        return cg_errinfo_set(err, CG_ENOMEM, doc, 0, "out of memory");
    }
    a->len = len;
    *out = a;
    return CG_OK;
}
