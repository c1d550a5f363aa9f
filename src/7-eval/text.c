/* The eval module's text helpers: a string map, score.py's tokens and names, byte sets. */
#include <stdlib.h>
#include <string.h>

#include "7-eval/eval_internal.h"
#include "claimgraph/util.h"

/* ---- string -> index map ------------------------------------------------------------ */

void cg_eval__map_free(cg_eval__map_t *m)
{
    size_t i;

    for (i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* The slot holding the key, or the empty slot where it would go. */
static size_t map_find(const cg_eval__map_t *m, const char *key, size_t len)
{
    size_t i = (size_t)cg_hash64(key, len) & (m->cap - 1);

    while (m->slots[i].key && (m->slots[i].len != len || memcmp(m->slots[i].key, key, len) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

size_t cg_eval__map_get(const cg_eval__map_t *m, const char *key, size_t len)
{
    size_t i;

    if (!m->cap)
        return CG_EVAL_NONE;
    i = map_find(m, key, len);
    return m->slots[i].key ? m->slots[i].val : CG_EVAL_NONE;
}

static int map_grow(cg_eval__map_t *m)
{
    cg_eval__map_t bigger;
    size_t i;

    bigger.cap = m->cap ? m->cap * 2 : 64;
    bigger.count = m->count;
    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return -1;
    for (i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            bigger.slots[map_find(&bigger, m->slots[i].key, m->slots[i].len)] = m->slots[i];
    free(m->slots);
    *m = bigger;
    return 0;
}

int cg_eval__map_put(cg_eval__map_t *m, const char *key, size_t len, size_t val, size_t *found)
{
    size_t i;
    char *copy;

    if ((m->count + 1) * 2 > m->cap && map_grow(m))
        return -1;
    i = map_find(m, key, len);
    if (m->slots[i].key) {
        if (found)
            *found = m->slots[i].val;
        return 0;
    }
    if (!(copy = cg__strndup(key, len)))
        return -1;
    m->slots[i].key = copy;
    m->slots[i].len = len;
    m->slots[i].val = val;
    m->count++;
    if (found)
        *found = val;
    return 1;
}

/* ---- tokens and names ----------------------------------------------------------------- */

/*
 * score.py tokenises s.lower().replace("’", "'") with [0-9a-z]+. Only ASCII letters and
 * digits can be in a token; the curly apostrophe and the straight one are both
 * separators. Python's lower() maps exactly two non-ASCII code points to ASCII letters
 * (checked over all of Unicode): U+0130 -> "i" + U+0307 (a separator follows) and
 * U+212A KELVIN SIGN -> "k".
 */
int cg_eval__next_token(const char *s, size_t len, size_t *pos, cg_buf_t *tok)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = *pos;

    tok->len = 0;
    if (tok->data)
        tok->data[0] = '\0';
    while (i < len) {
        unsigned char c = u[i];
        char out = 0;
        size_t step = 1;
        int ends = 0;

        if (c >= '0' && c <= '9')
            out = (char)c;
        else if (c >= 'a' && c <= 'z')
            out = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out = (char)(c - 'A' + 'a');
        else if (c == 0xC4 && i + 1 < len && u[i + 1] == 0xB0) {
            out = 'i';
            step = 2;
            ends = 1;
        } else if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x84 && u[i + 2] == 0xAA) {
            out = 'k';
            step = 3;
        }
        if (out) {
            if (cg_buf__putc(tok, out))
                return -1;
            i += step;
            if (!ends)
                continue;
            *pos = i;
            return 1;
        }
        i++;
        if (tok->len) {
            *pos = i;
            return 1;
        }
    }
    *pos = i;
    return tok->len > 0;
}

char *cg_eval__norm_name(const char *s, size_t len)
{
    cg_buf_t out = CG_BUF_INIT, tok = CG_BUF_INIT;
    size_t pos = 0;
    int r;
    char *res = NULL;

    if (cg_buf__grow(&out, 0))
        goto cleanup;
    out.data[0] = '\0';
    while ((r = cg_eval__next_token(s, len, &pos, &tok)) > 0) {
        if ((out.len && cg_buf__putc(&out, ' ')) || cg_buf__append(&out, tok.data, tok.len))
            goto cleanup;
    }
    if (r < 0)
        goto cleanup;
    res = cg_buf__detach(&out);
cleanup:
    cg_buf__free(&out);
    cg_buf__free(&tok);
    return res;
}

/* score.py's TITLES: part of the scoring protocol, so kept here rather than in a lexicon. */
static const char *const titles[] = {"mr",         "mrs",      "ms",   "dr",     "lt",
                                     "gen",        "r",        "the",  "sheikh", "former",
                                     "president",  "minister", "prof", "sir",    "general",
                                     "lieutenant", "col",      "maj",  "capt",   NULL};

static int is_title(const char *w, size_t len)
{
    size_t i;

    for (i = 0; titles[i]; i++)
        if (strlen(titles[i]) == len && memcmp(titles[i], w, len) == 0)
            return 1;
    return 0;
}

char *cg_eval__strip_titles(const char *norm)
{
    cg_buf_t out = CG_BUF_INIT;
    const char *p = norm;

    if (cg_buf__grow(&out, strlen(norm)))
        return NULL;
    out.data[0] = '\0';
    while (*p) {
        size_t n;
        while (*p == ' ')
            p++;
        n = strcspn(p, " ");
        if (n && !is_title(p, n)) {
            if (out.len)
                cg_buf__putc(&out, ' '); /* room was reserved above */
            cg_buf__append(&out, p, n);
        }
        p += n;
    }
    return cg_buf__detach(&out);
}

/* ---- byte sets -------------------------------------------------------------------------- */

/* Python's str.isalnum() for the code points U+0000..U+00FF (bytes read as Latin-1),
   computed with python3: [chr(i).isalnum() for i in range(256)]. */
static const unsigned char latin1_alnum[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 10 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 30 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 50 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* 70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, /* A0 */
    0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, /* B0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* C0 */
    1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, /* D0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* E0 */
    1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, /* F0 */
};

static int span_cmp(const void *a, const void *b)
{
    const cg_span_t *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Appends the alphanumeric runs of [s, e) to out (coalescing with the last run). */
static int add_runs(cg_eval__cset_t *out, size_t *cap, size_t s, size_t e, const char *text)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = s;

    while (i < e) {
        size_t j;
        while (i < e && !latin1_alnum[u[i]])
            i++;
        if (i >= e)
            break;
        j = i;
        while (j < e && latin1_alnum[u[j]])
            j++;
        out->size += j - i;
        if (out->nruns && out->runs[out->nruns - 1].end == i) {
            out->runs[out->nruns - 1].end = j;
        } else {
            if (cg__grow_array((void **)&out->runs, cap, out->nruns + 1, sizeof *out->runs))
                return -1;
            out->runs[out->nruns].start = i;
            out->runs[out->nruns].end = j;
            out->nruns++;
        }
        i = j;
    }
    return 0;
}

int cg_eval__cset_build(cg_eval__cset_t *out, cg_span_t *spans, size_t n, const char *text,
                        size_t len)
{
    size_t i, cap = 0, cur_s = 0, cur_e = 0;
    int have = 0;

    memset(out, 0, sizeof *out);
    qsort(spans, n, sizeof *spans, span_cmp);
    for (i = 0; i < n; i++) {
        size_t s = spans[i].start, e = spans[i].end < len ? spans[i].end : len;
        if (s >= e)
            continue;
        if (have && s <= cur_e) {
            if (e > cur_e)
                cur_e = e;
            continue;
        }
        if (have && add_runs(out, &cap, cur_s, cur_e, text))
            goto fail;
        cur_s = s;
        cur_e = e;
        have = 1;
    }
    if (have && add_runs(out, &cap, cur_s, cur_e, text))
        goto fail;
    return 0;
fail:
    cg_eval__cset_free(out);
    return -1;
}

void cg_eval__cset_free(cg_eval__cset_t *c)
{
    free(c->runs);
    memset(c, 0, sizeof *c);
}

size_t cg_eval__cset_inter(const cg_eval__cset_t *a, const cg_eval__cset_t *b)
{
    size_t i = 0, j = 0, n = 0;

    while (i < a->nruns && j < b->nruns) {
        size_t s = a->runs[i].start > b->runs[j].start ? a->runs[i].start : b->runs[j].start;
        size_t e = a->runs[i].end < b->runs[j].end ? a->runs[i].end : b->runs[j].end;
        if (s < e)
            n += e - s;
        if (a->runs[i].end < b->runs[j].end)
            i++;
        else
            j++;
    }
    return n;
}
