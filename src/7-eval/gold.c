/* Gold annotations: JSON Lines in claims gold or span gold format, told apart by keys. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "7-eval/eval_internal.h"

typedef struct {
    cg_gold_t *gold;
    const char *path;
    size_t line;
    cg_errinfo_t *err;
} loader_t;

static cg_error_t bad(loader_t *l, const char *fmt, const char *what)
{
    char msg[400];

    snprintf(msg, sizeof msg, fmt, what);
    return cg_errinfo_set(l->err, CG_EINPUT, l->path, l->line, "%s gold: %s",
                          cg_gold_format_name(l->gold->format), msg);
}

static cg_error_t nomem(loader_t *l)
{
    return cg_errinfo_set(l->err, CG_ENOMEM, l->path, l->line, "out of memory");
}

/* Python's truth value of a JSON value. */
static int py_truthy(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return json_object_size(v) > 0;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_INTEGER:
        return json_integer_value(v) != 0;
    case JSON_REAL:
        return json_real_value(v) != 0.0;
    case JSON_TRUE:
        return 1;
    case JSON_FALSE:
    case JSON_NULL:
        return 0;
    }
    return 0;
}

/* The document of that name, created at the end when new. CG_EVAL_NONE on ENOMEM. */
static size_t doc_for(cg_gold_t *g, const char *name, size_t len)
{
    size_t idx;
    int r;
    cg_eval__gdoc_t *d;

    if (g->ndocs + 1 > g->docs_cap &&
        cg__grow_array((void **)&g->docs, &g->docs_cap, g->ndocs + 1, sizeof *g->docs))
        return CG_EVAL_NONE;
    r = cg_eval__map_put(&g->doc_index, name, len, g->ndocs, &idx);
    if (r < 0)
        return CG_EVAL_NONE;
    if (r == 0)
        return idx;
    d = &g->docs[g->ndocs];
    memset(d, 0, sizeof *d);
    if (!(d->name = cg__strndup(name, len))) {
        /* the map entry stays, pointing one past the end; the load fails anyway */
        return CG_EVAL_NONE;
    }
    return g->ndocs++;
}

/* ---- claims gold ---------------------------------------------------------------------- */

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

static void gclaim_free(cg_eval__gclaim_t *c)
{
    size_t i;

    free(c->speaker);
    free(c->toks);
    for (i = 0; i < c->naliases; i++) {
        free(c->aliases[i].norm);
        free(c->aliases[i].stripped);
    }
    free(c->aliases);
    memset(c, 0, sizeof *c);
}

/* Token ids of the content, interning new tokens. */
static int content_tokens(cg_gold_t *g, cg_eval__gclaim_t *c, const char *s, size_t len)
{
    cg_buf_t tok = CG_BUF_INIT;
    size_t pos = 0, cap = 0, id;
    int r, rc = -1;

    while ((r = cg_eval__next_token(s, len, &pos, &tok)) > 0) {
        if (cg_eval__map_put(&g->tokens, tok.data, tok.len, g->tokens.count, &id) < 0 ||
            cg__grow_array((void **)&c->toks, &cap, c->ntoks + 1, sizeof *c->toks))
            goto cleanup;
        c->toks[c->ntoks++] = id;
    }
    if (r < 0)
        goto cleanup;
    qsort(c->toks, c->ntoks, sizeof *c->toks, size_cmp);
    rc = 0;
cleanup:
    cg_buf__free(&tok);
    return rc;
}

static int add_alias(cg_eval__gclaim_t *c, size_t *cap, const char *s, size_t len)
{
    char *norm = cg_eval__norm_name(s, len), *stripped;

    if (!norm)
        return -1;
    if (!*norm) { /* score.py skips aliases without tokens */
        free(norm);
        return 0;
    }
    if (!(stripped = cg_eval__strip_titles(norm)) ||
        cg__grow_array((void **)&c->aliases, cap, c->naliases + 1, sizeof *c->aliases)) {
        free(norm);
        free(stripped);
        return -1;
    }
    c->aliases[c->naliases].norm = norm;
    c->aliases[c->naliases].stripped = stripped;
    c->aliases[c->naliases].multi = strchr(norm, ' ') != NULL;
    c->naliases++;
    return 0;
}

static cg_error_t load_claim(loader_t *l, json_t *o)
{
    cg_gold_t *g = l->gold;
    cg_eval__gclaim_t c;
    json_t *id = json_object_get(o, "id"), *doc = json_object_get(o, "doc");
    json_t *spk = json_object_get(o, "speaker"), *aliases = json_object_get(o, "aliases");
    json_t *content = json_object_get(o, "content"), *req = json_object_get(o, "required");
    json_t *a;
    char key[64];
    const char *kp;
    size_t klen, i, acap = 0;
    cg_eval__gdoc_t *d;
    cg_error_t rc = CG_OK;

    memset(&c, 0, sizeof c);
    if (json_is_string(id)) {
        kp = json_string_value(id);
        klen = json_string_length(id);
    } else if (json_is_integer(id)) {
        /* integers and strings never collide: strings are keyed with a leading 's' */
        snprintf(key, sizeof key, "i%" JSON_INTEGER_FORMAT, json_integer_value(id));
        kp = key;
        klen = strlen(key);
    } else {
        return bad(l, "%s", "\"id\" must be a string or an integer");
    }
    if (!json_is_string(doc))
        return bad(l, "%s", "\"doc\" must be a string");
    if (!json_is_string(spk))
        return bad(l, "%s", "\"speaker\" must be a string");
    if (!json_is_array(aliases))
        return bad(l, "%s", "\"aliases\" must be a list of strings");
    json_array_foreach(aliases, i, a)
    {
        if (!json_is_string(a))
            return bad(l, "%s", "\"aliases\" must be a list of strings");
    }
    if (!json_is_string(content))
        return bad(l, "%s", "\"content\" must be a string");
    if (!req)
        return bad(l, "%s", "\"required\" is missing");
    c.required = py_truthy(req);
    if (!(c.speaker = cg__strndup(json_string_value(spk), json_string_length(spk))) ||
        content_tokens(g, &c, json_string_value(content), json_string_length(content)))
        goto oom;
    json_array_foreach(aliases, i, a)
    {
        if (add_alias(&c, &acap, json_string_value(a), json_string_length(a)))
            goto oom;
    }
    if (g->nclaims + 1 > g->claims_cap &&
        cg__grow_array((void **)&g->claims, &g->claims_cap, g->nclaims + 1, sizeof *g->claims))
        goto oom;
    if (json_is_string(id)) {
        /* key strings as 's' + id so that they cannot equal an integer's key */
        cg_buf_t k = CG_BUF_INIT;
        int r = cg_buf__putc(&k, 's') ? -1 : cg_buf__append(&k, kp, klen);
        if (!r)
            r = cg_eval__map_put(&g->ids, k.data, k.len, g->nclaims, &c.slot);
        cg_buf__free(&k);
        if (r < 0)
            goto oom;
    } else if (cg_eval__map_put(&g->ids, kp, klen, g->nclaims, &c.slot) < 0) {
        goto oom;
    }
    if ((c.doc = doc_for(g, json_string_value(doc), json_string_length(doc))) == CG_EVAL_NONE)
        goto oom;
    d = &g->docs[c.doc];
    if (cg__grow_array((void **)&d->items, &d->cap, d->nitems + 1, sizeof *d->items))
        goto oom;
    d->items[d->nitems++] = g->nclaims;
    g->claims[g->nclaims++] = c;
    return CG_OK;
oom:
    rc = nomem(l);
    gclaim_free(&c);
    return rc;
}

/* ---- span gold ------------------------------------------------------------------------ */

static void gatt_free(cg_eval__gatt_t *a)
{
    cg_eval__cset_free(&a->content);
    cg_eval__cset_free(&a->source);
    free(a->cues);
    memset(a, 0, sizeof *a);
}

static void gdoc_clear_spans(cg_eval__gdoc_t *d)
{
    size_t i;

    for (i = 0; i < d->natts; i++)
        gatt_free(&d->atts[i]);
    free(d->atts);
    free(d->text);
    d->atts = NULL;
    d->natts = 0;
    d->text = NULL;
    d->len = 0;
}

/* Reads one [s, e] pair of non-negative integers. */
static int get_pair(json_t *v, cg_span_t *out)
{
    json_t *s, *e;

    if (!json_is_array(v) || json_array_size(v) != 2)
        return -1;
    s = json_array_get(v, 0);
    e = json_array_get(v, 1);
    if (!json_is_integer(s) || !json_is_integer(e) || json_integer_value(s) < 0 ||
        json_integer_value(e) < 0)
        return -1;
    out->start = (size_t)json_integer_value(s);
    out->end = (size_t)json_integer_value(e);
    return 0;
}

/*
 * score_spans.py's spans(rec, key, "b"): the value (missing or false: none) is a list of
 * items, each either {"b": [[s, e], ...], ...} or an [s, e] pair. Appends to *out.
 * Returns 0, 1 on a bad shape (message in *what), -1 on ENOMEM.
 */
static int get_spans(json_t *rec, const char *key, cg_span_t **out, size_t *n, size_t *cap,
                     const char **what)
{
    json_t *v = json_object_get(rec, key), *it, *b, *p;
    size_t i, k;
    cg_span_t sp;

    if (!v || !py_truthy(v))
        return 0;
    if (!json_is_array(v)) {
        *what = "must be a list";
        return 1;
    }
    json_array_foreach(v, i, it)
    {
        if (json_is_object(it)) {
            b = json_object_get(it, "b");
            if (!json_is_array(b)) {
                *what = "items need \"b\": a list of [start, end] byte offsets";
                return 1;
            }
            json_array_foreach(b, k, p)
            {
                if (get_pair(p, &sp)) {
                    *what = "\"b\" must hold [start, end] pairs of non-negative integers";
                    return 1;
                }
                if (cg__grow_array((void **)out, cap, *n + 1, sizeof **out))
                    return -1;
                (*out)[(*n)++] = sp;
            }
        } else if (get_pair(it, &sp) == 0) {
            if (cg__grow_array((void **)out, cap, *n + 1, sizeof **out))
                return -1;
            (*out)[(*n)++] = sp;
        } else {
            *what = "items must be {\"b\": [[start, end], ...]} or [start, end]";
            return 1;
        }
    }
    return 0;
}

static cg_error_t load_doc(loader_t *l, json_t *o)
{
    cg_gold_t *g = l->gold;
    json_t *doc = json_object_get(o, "doc"), *text = json_object_get(o, "text");
    json_t *atts = json_object_get(o, "attributions"), *x;
    cg_eval__gdoc_t tmp, *d;
    cg_span_t *sp = NULL;
    size_t i, nsp = 0, spcap = 0, acap = 0, idx;
    cg_error_t rc = CG_OK;
    static const char *const keys[] = {"content", "source", "cue"};

    memset(&tmp, 0, sizeof tmp);
    if (!json_is_string(doc))
        return bad(l, "%s", "\"doc\" must be a string");
    if (!json_is_string(text))
        return bad(l, "%s", "\"text\" must be a string");
    if (!json_is_array(atts))
        return bad(l, "%s", "\"attributions\" must be a list");
    tmp.len = json_string_length(text);
    if (!(tmp.text = cg__strndup(json_string_value(text), tmp.len)))
        goto oom;
    json_array_foreach(atts, i, x)
    {
        cg_eval__gatt_t a;
        int k, r = 0;
        const char *what = NULL;
        char msg[300];

        if (!json_is_object(x)) {
            snprintf(msg, sizeof msg, "attribution %zu is not an object", i + 1);
            rc = bad(l, "%s", msg);
            goto cleanup;
        }
        if (!json_object_get(x, "content") || !py_truthy(json_object_get(x, "content")))
            continue; /* score_spans.py drops attributions without content */
        memset(&a, 0, sizeof a);
        for (k = 0; k < 3 && r == 0; k++) {
            nsp = 0;
            r = get_spans(x, keys[k], &sp, &nsp, &spcap, &what);
            if (r)
                break;
            if (k == 2) {
                if (nsp && !(a.cues = malloc(nsp * sizeof *a.cues)))
                    r = -1;
                else if (nsp)
                    memcpy(a.cues, sp, nsp * sizeof *sp);
                a.ncues = nsp;
            } else if (cg_eval__cset_build(k == 0 ? &a.content : &a.source, sp, nsp, tmp.text,
                                           tmp.len)) {
                r = -1;
            }
        }
        if (!r && cg__grow_array((void **)&tmp.atts, &acap, tmp.natts + 1, sizeof *tmp.atts))
            r = -1;
        if (r) {
            gatt_free(&a);
            if (r < 0)
                goto oom;
            snprintf(msg, sizeof msg, "attribution %zu: \"%s\" %s", i + 1, keys[k], what);
            rc = bad(l, "%s", msg);
            goto cleanup;
        }
        tmp.atts[tmp.natts++] = a;
    }
    if ((idx = doc_for(g, json_string_value(doc), json_string_length(doc))) == CG_EVAL_NONE)
        goto oom;
    /* a repeated document replaces the earlier one, as in score_spans.py's dict */
    d = &g->docs[idx];
    gdoc_clear_spans(d);
    d->text = tmp.text;
    d->len = tmp.len;
    d->atts = tmp.atts;
    d->natts = tmp.natts;
    memset(&tmp, 0, sizeof tmp);
    goto cleanup;
oom:
    rc = nomem(l);
cleanup:
    gdoc_clear_spans(&tmp);
    free(sp);
    return rc;
}

/* ---- loading -------------------------------------------------------------------------- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

cg_error_t cg_gold_load(cg_gold_t **out, const char *path, cg_errinfo_t *err)
{
    FILE *fp = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    cg_gold_t *g = NULL;
    loader_t l = {NULL, path, 0, err};
    int first = 1;
    cg_error_t rc = CG_OK;

    if (!out || !path)
        return cg_errinfo_set(err, CG_EINVAL, "", 0, "cg_gold_load: NULL argument");
    *out = NULL;
    if (!(g = calloc(1, sizeof *g)))
        return cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory");
    l.gold = g;
    fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        rc = cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
        goto cleanup;
    }
    while ((n = getline(&line, &cap, fp)) >= 0) {
        size_t s = 0, e = (size_t)n;
        json_error_t je;
        json_t *o;

        l.line++;
        while (s < e && is_blank(line[s]))
            s++;
        while (e > s && is_blank(line[e - 1]))
            e--;
        if (s == e)
            continue;
        o = json_loadb(line + s, e - s, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!o) {
            rc = cg_errinfo_set(err, CG_EINPUT, path, l.line, "invalid JSON: %s", je.text);
            if (err && je.column > 0)
                err->column = (size_t)je.column + s;
            goto cleanup;
        }
        if (!json_is_object(o)) {
            json_decref(o);
            rc = cg_errinfo_set(err, CG_EINPUT, path, l.line, "gold record is not an object");
            goto cleanup;
        }
        if (first) {
            if (json_object_get(o, "attributions")) {
                g->format = CG_GOLD_SPANS;
            } else if (json_object_get(o, "content")) {
                g->format = CG_GOLD_CLAIMS;
            } else {
                json_decref(o);
                rc = cg_errinfo_set(err, CG_EINPUT, path, l.line,
                                    "unknown gold format: the first record has neither "
                                    "\"content\" (claims gold) nor \"attributions\" (span gold)");
                goto cleanup;
            }
            first = 0;
        }
        rc = g->format == CG_GOLD_SPANS ? load_doc(&l, o) : load_claim(&l, o);
        json_decref(o);
        if (rc)
            goto cleanup;
    }
    if (ferror(fp)) {
        rc = cg_errinfo_set(err, CG_EIO, path, l.line, "read error: %s", strerror(errno));
        goto cleanup;
    }
    if (first) {
        rc = cg_errinfo_set(err, CG_EINPUT, path, 0, "no gold records");
        goto cleanup;
    }
    *out = g;
    g = NULL;
cleanup:
    free(line);
    if (fp && fp != stdin)
        fclose(fp);
    cg_gold_free(g);
    return rc;
}

void cg_gold_free(cg_gold_t *gold)
{
    size_t i;

    if (!gold)
        return;
    for (i = 0; i < gold->ndocs; i++) {
        free(gold->docs[i].name);
        free(gold->docs[i].items);
        gdoc_clear_spans(&gold->docs[i]);
    }
    free(gold->docs);
    for (i = 0; i < gold->nclaims; i++)
        gclaim_free(&gold->claims[i]);
    free(gold->claims);
    cg_eval__map_free(&gold->doc_index);
    cg_eval__map_free(&gold->ids);
    cg_eval__map_free(&gold->tokens);
    free(gold);
}

cg_gold_format_t cg_gold_format(const cg_gold_t *gold)
{
    return gold->format;
}

const char *cg_gold_format_name(cg_gold_format_t f)
{
    return f == CG_GOLD_SPANS ? "spans" : "claims";
}
