/*
 * The article reader: expands inputs (files, folders, JSON Lines, stdin) into a stream
 * of articles, one in memory at a time.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "1-input/manifest.h"
#include "1-input/utf8.h"
#include "claimgraph/article.h"

typedef enum { ITEM_TEXT, ITEM_JSONL, ITEM_STDIN, ITEM_ERROR } item_kind_t;

typedef struct {
    item_kind_t kind;
    char *path;
    char *error; /* ITEM_ERROR: the message */
} item_t;

struct cg_reader {
    item_t *items;
    size_t count, cap;
    size_t next;         /* next item to open */
    cg_manifest_t manifest;
    size_t max_bytes;
    size_t seq;          /* articles handed out */
    /* an open JSON Lines stream */
    FILE *jl;
    const char *jl_path; /* borrowed from items */
    size_t jl_line;
    char *line;
    size_t line_cap;
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

static int add_item(cg_reader_t *r, item_kind_t kind, const char *path, const char *error)
{
    item_t *it;

    if (cg__grow_array((void **)&r->items, &r->cap, r->count + 1, sizeof *it))
        return -1;
    it = &r->items[r->count];
    it->kind = kind;
    it->path = cg__strdup(path);
    it->error = cg__strdup(error);
    if (!it->path || (error && !it->error)) {
        free(it->path);
        free(it->error);
        return -1;
    }
    r->count++;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    cg_buf_t b = CG_BUF_INIT;

    if (cg_buf__puts(&b, dir) || ((n == 0 || dir[n - 1] != '/') && cg_buf__putc(&b, '/')) ||
        cg_buf__puts(&b, name)) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
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

/* The names in folder @p d, except dot files, sorted; NULL-terminated. NULL on ENOMEM. */
static char **list_folder(DIR *d)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;

    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (cg__grow_array((void **)&names, &cap, n + 2, sizeof *names) ||
            !(names[n] = cg__strdup(de->d_name))) {
            while (n)
                free(names[--n]);
            free(names);
            return NULL;
        }
        n++;
    }
    if (!names && cg__grow_array((void **)&names, &cap, 1, sizeof *names))
        return NULL;
    names[n] = NULL;
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    return names;
}

/*
 * Collects every *.txt below @p dir into @p paths (unsorted). Errors become items.
 * Entries are visited in sorted order, so which of two paths to one folder is kept, the
 * order of error items and of manifests do not depend on the file system.
 */
static int walk(cg_reader_t *r, const char *dir, char ***paths, size_t *n, size_t *cap,
                int depth, dir_set_t *seen, cg_errinfo_t *err)
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
        char *p = rc ? NULL : join_path(dir, names[i]);

        if (!p) {
            rc = -1;
        } else if (stat(p, &st) != 0) {
            free(p); /* dangling link */
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
                (*paths)[(*n)++] = p;
            }
        } else {
            free(p);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int expand_folder(cg_reader_t *r, const char *dir, cg_errinfo_t *err)
{
    char **paths = NULL;
    size_t n = 0, cap = 0, i;
    dir_set_t seen = {NULL, 0, 0};
    int rc = walk(r, dir, &paths, &n, &cap, 0, &seen, err);

    free(seen.slots);
    if (!rc && n > 1)
        qsort(paths, n, sizeof *paths, cmp_str);
    for (i = 0; i < n; i++) {
        if (!rc)
            rc = add_item(r, ITEM_TEXT, paths[i], NULL);
        free(paths[i]);
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

void cg_reader_free(cg_reader_t *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->count; i++) {
        free(r->items[i].path);
        free(r->items[i].error);
    }
    free(r->items);
    if (r->jl && r->jl != stdin)
        fclose(r->jl);
    free(r->line);
    cg_manifest__free(&r->manifest);
    free(r);
}

/* Reads all of @p fp (after @p prefix bytes already read) into a buffer. */
static cg_error_t slurp(FILE *fp, const char *path, const char *prefix, size_t nprefix,
                        size_t max, cg_buf_t *b, cg_errinfo_t *err)
{
    char chunk[65536];
    size_t k;

    if (nprefix && cg_buf__append(b, prefix, nprefix))
        return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
    while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (b->len + k > max)
            return cg_errinfo_set(err, CG_EINPUT, path, 0, "file larger than %zu bytes", max);
        if (cg_buf__append(b, chunk, k))
            return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
    }
    if (ferror(fp))
        return cg_errinfo_set(err, CG_EIO, path, 0, "read error: %s", strerror(errno));
    if (!b->data && cg_buf__grow(b, 0))
        return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
    return CG_OK;
}

static cg_error_t make_article(cg_reader_t *r, cg_article_t **out, const char *doc, cg_buf_t *b)
{
    cg_article_t *a = calloc(1, sizeof *a);
    const cg_manifest_entry_t *e;

    if (!a || !(a->doc = cg__strdup(doc))) {
        free(a);
        return CG_ENOMEM;
    }
    a->len = b->len;
    a->text = cg_buf__detach(b);
    a->seq = r->seq++;
    if ((e = cg_manifest__find(&r->manifest, doc)) && cg_manifest__apply(e, a)) {
        cg_article_free(a);
        return CG_ENOMEM;
    }
    *out = a;
    return CG_OK;
}

static int read_text_file(cg_reader_t *r, const char *path, cg_article_t **out, cg_errinfo_t *err)
{
    FILE *fp = fopen(path, "rb");
    cg_buf_t b = CG_BUF_INIT;
    cg_error_t rc;

    if (!fp)
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
    rc = slurp(fp, path, NULL, 0, r->max_bytes, &b, err);
    fclose(fp);
    if (!rc)
        rc = cg_input__check_text(b.data, b.len, path, 0, err);
    if (!rc && (rc = make_article(r, out, path, &b)))
        cg_errinfo_set(err, rc, path, 0, "out of memory");
    cg_buf__free(&b);
    return rc ? rc : 1;
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

/* Parses one JSON Lines record into an article. */
static int parse_record(cg_reader_t *r, const char *line, size_t n, cg_article_t **out,
                        cg_errinfo_t *err)
{
    const char *path = r->jl_path;
    json_error_t je;
    json_t *o, *text, *doc;
    cg_buf_t b = CG_BUF_INIT;
    cg_article_t *a = NULL;
    char name[64];
    cg_error_t rc = CG_OK;

    o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
    if (!o) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, r->jl_line, "invalid JSON: %s", je.text);
        if (err)
            err->column = je.column > 0 ? (size_t)je.column : 0;
        return rc;
    }
    text = json_object_get(o, "text");
    if (!json_is_object(o) || !json_is_string(text)) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, r->jl_line,
                            "each line must be a JSON object with a string \"text\"");
        goto done;
    }
    if ((rc = cg_input__check_text(json_string_value(text), json_string_length(text), path,
                                   r->jl_line, err)))
        goto done;
    if (cg_buf__append(&b, json_string_value(text), json_string_length(text))) {
        rc = cg_errinfo_set(err, CG_ENOMEM, path, r->jl_line, "out of memory");
        goto done;
    }
    doc = json_object_get(o, "doc");
    if (!doc)
        doc = json_object_get(o, "id");
    if (doc && !json_is_string(doc)) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, r->jl_line, "\"doc\"/\"id\" must be a string");
        goto done;
    }
    snprintf(name, sizeof name, ":%zu", r->jl_line);
    if (doc) {
        rc = make_article(r, &a, json_string_value(doc), &b);
    } else {
        char *d = malloc(strlen(path) + sizeof name);
        if (!d) {
            rc = CG_ENOMEM;
        } else {
            strcpy(d, path);
            strcat(d, name);
            rc = make_article(r, &a, d, &b);
            free(d);
        }
    }
    if (rc) {
        cg_errinfo_set(err, rc, path, r->jl_line, "out of memory");
        goto done;
    }
    if (meta(o, "url", &a->url) || meta(o, "outlet", &a->outlet) || meta(o, "date", &a->date) ||
        meta(o, "author", &a->author) || meta(o, "title", &a->title)) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, r->jl_line,
                            "url, outlet, date, author and title must be strings");
        goto done;
    }
    *out = a;
    a = NULL;
done:
    cg_article_free(a);
    cg_buf__free(&b);
    json_decref(o);
    return rc ? rc : 1;
}

/* Next record of the open JSON Lines stream: 1, 0 at its end, or an error. */
static int next_record(cg_reader_t *r, cg_article_t **out, cg_errinfo_t *err)
{
    ssize_t n;

    while ((n = getline(&r->line, &r->line_cap, r->jl)) >= 0) {
        size_t k = 0;

        r->jl_line++;
        while (k < (size_t)n && strchr(" \t\r\n", r->line[k]) && r->line[k])
            k++;
        if (k == (size_t)n)
            continue;
        return parse_record(r, r->line, (size_t)n, out, err);
    }
    if (ferror(r->jl)) {
        int rc = cg_errinfo_set(err, CG_EIO, r->jl_path, r->jl_line, "read error");
        if (r->jl != stdin)
            fclose(r->jl);
        r->jl = NULL;
        return rc;
    }
    if (r->jl != stdin)
        fclose(r->jl);
    r->jl = NULL;
    return 0;
}

/* stdin: JSON Lines when the first non-blank byte is '{', otherwise one text article. */
static int open_stdin(cg_reader_t *r, cg_article_t **out, cg_errinfo_t *err)
{
    cg_buf_t head = CG_BUF_INIT, b = CG_BUF_INIT;
    int c;
    cg_error_t rc;

    while ((c = getc(stdin)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
        if (cg_buf__putc(&head, (char)c)) {
            cg_buf__free(&head);
            return cg_errinfo_set(err, CG_ENOMEM, "-", 0, "out of memory");
        }
    }
    if (c == '{') {
        ungetc(c, stdin);
        r->jl = stdin;
        r->jl_path = "-";
        r->jl_line = 0;
        /* blank lines before the first record still count as lines */
        for (size_t i = 0; i < head.len; i++)
            r->jl_line += head.data[i] == '\n';
        cg_buf__free(&head);
        return next_record(r, out, err);
    }
    if (c != EOF && cg_buf__putc(&head, (char)c)) {
        cg_buf__free(&head);
        return cg_errinfo_set(err, CG_ENOMEM, "-", 0, "out of memory");
    }
    rc = slurp(stdin, "-", head.data, head.len, r->max_bytes, &b, err);
    cg_buf__free(&head);
    if (!rc)
        rc = cg_input__check_text(b.data, b.len, "-", 0, err);
    if (!rc && (rc = make_article(r, out, "-", &b)))
        cg_errinfo_set(err, rc, "-", 0, "out of memory");
    cg_buf__free(&b);
    return rc ? rc : 1;
}

int cg_reader_next(cg_reader_t *r, cg_article_t **out, cg_errinfo_t *err)
{
    *out = NULL;
    for (;;) {
        item_t *it;

        if (r->jl) {
            int rc = next_record(r, out, err);
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
            return read_text_file(r, it->path, out, err);
        case ITEM_STDIN:
            return open_stdin(r, out, err);
        case ITEM_JSONL:
            r->jl = fopen(it->path, "rb");
            if (!r->jl)
                return cg_errinfo_set(err, CG_EIO, it->path, 0, "cannot open: %s",
                                      strerror(errno));
            r->jl_path = it->path;
            r->jl_line = 0;
            break;
        }
    }
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
