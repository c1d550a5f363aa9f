/* Sidecar manifests (JSON Lines) giving article metadata by file name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "1-input/manifest.h"

static void entry_free(cg_manifest_entry_t *e)
{
    free(e->key);
    free(e->url);
    free(e->outlet);
    free(e->date);
    free(e->author);
    free(e->title);
}

/* Copies member @p key when it is a string; -1 when present with another type. */
static int opt_str(json_t *o, const char *key, char **out)
{
    json_t *v = json_object_get(o, key);

    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = cg__strndup(json_string_value(v), json_string_length(v));
    return *out ? 0 : -1;
}

cg_error_t cg_manifest__load(cg_manifest_t *m, const char *path, cg_errinfo_t *err)
{
    FILE *fp = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    cg_error_t rc = CG_OK;

    if (!fp)
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open manifest: %s", strerror(errno));
    while ((n = getline(&line, &cap, fp)) >= 0) {
        json_error_t je;
        json_t *o;
        cg_manifest_entry_t e;
        size_t k = 0;

        lineno++;
        while (k < (size_t)n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r' ||
                                 line[k] == '\n'))
            k++;
        if (k == (size_t)n)
            continue;
        o = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &je);
        if (!o) {
            rc = cg_errinfo_set(err, CG_EINPUT, path, lineno, "manifest: invalid JSON: %s",
                                je.text);
            break;
        }
        memset(&e, 0, sizeof e);
        if (!json_is_object(o) || (opt_str(o, "doc", &e.key) || (!e.key && opt_str(o, "path", &e.key))) ||
            !e.key || opt_str(o, "url", &e.url) || opt_str(o, "outlet", &e.outlet) ||
            opt_str(o, "date", &e.date) || opt_str(o, "author", &e.author) ||
            opt_str(o, "title", &e.title)) {
            entry_free(&e);
            json_decref(o);
            rc = cg_errinfo_set(err, CG_EINPUT, path, lineno,
                                "manifest: each line must be an object with \"doc\" or \"path\" "
                                "and optional string fields url, outlet, date, author, title");
            break;
        }
        json_decref(o);
        if (cg__grow_array((void **)&m->items, &m->cap, m->count + 1, sizeof *m->items)) {
            entry_free(&e);
            rc = cg_errinfo_set(err, CG_ENOMEM, path, lineno, "out of memory");
            break;
        }
        m->items[m->count++] = e;
    }
    if (!rc && ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, path, lineno, "read error");
    free(line);
    fclose(fp);
    return rc;
}

static int cmp_entry(const void *a, const void *b)
{
    const cg_manifest_entry_t *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    /* stable on equal keys: keep load order so the later entry sorts last */
    return c ? c : (x < y ? -1 : x > y);
}

void cg_manifest__seal(cg_manifest_t *m)
{
    if (m->count > 1)
        qsort(m->items, m->count, sizeof *m->items, cmp_entry);
}

static const cg_manifest_entry_t *find_key(const cg_manifest_t *m, const char *key)
{
    size_t lo = 0, hi = m->count;
    const cg_manifest_entry_t *hit = NULL;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->items[mid].key, key);
        if (c <= 0) {
            if (c == 0)
                hit = &m->items[mid];
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return hit; /* the last of equal keys */
}

const cg_manifest_entry_t *cg_manifest__find(const cg_manifest_t *m, const char *doc)
{
    const cg_manifest_entry_t *e;
    const char *base;

    if (!m || !m->count || !doc)
        return NULL;
    if ((e = find_key(m, doc)))
        return e;
    base = strrchr(doc, '/');
    return base ? find_key(m, base + 1) : NULL;
}

static int fill(char **dst, const char *src)
{
    if (*dst || !src)
        return 0;
    *dst = cg__strdup(src);
    return *dst ? 0 : -1;
}

int cg_manifest__apply(const cg_manifest_entry_t *e, cg_article_t *a)
{
    return fill(&a->url, e->url) | fill(&a->outlet, e->outlet) | fill(&a->date, e->date) |
           fill(&a->author, e->author) | fill(&a->title, e->title);
}

void cg_manifest__free(cg_manifest_t *m)
{
    size_t i;

    for (i = 0; i < m->count; i++)
        entry_free(&m->items[i]);
    free(m->items);
    memset(m, 0, sizeof *m);
}
