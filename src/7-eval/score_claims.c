/* Scoring against claims gold, step for step as score.py. */
#include <stdlib.h>
#include <string.h>

#include "7-eval/eval_internal.h"

void cg_eval__prf(cg_eval_prf_t *out, size_t tp, size_t npred, size_t ngold)
{
    out->tp = tp;
    out->npred = npred;
    out->ngold = ngold;
    out->p = npred ? (double)tp / (double)npred : 0.0;
    out->r = ngold ? (double)tp / (double)ngold : 0.0;
    out->f1 = out->p + out->r != 0.0 ? 2 * out->p * out->r / (out->p + out->r) : 0.0;
}

/* What one claim looks like to score.py. */
typedef struct {
    size_t *toks; /* ids of its tokens known to the gold, sorted */
    size_t ntoks;
    size_t total; /* all its tokens */
} ptoks_t;

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

static int pred_tokens(const cg_gold_t *g, const char *text, ptoks_t *out, size_t *cap)
{
    cg_buf_t tok = CG_BUF_INIT;
    size_t pos = 0, len = strlen(text), id;
    int r, rc = -1;

    out->ntoks = out->total = 0;
    while ((r = cg_eval__next_token(text, len, &pos, &tok)) > 0) {
        out->total++;
        if ((id = cg_eval__map_get(&g->tokens, tok.data, tok.len)) == CG_EVAL_NONE)
            continue;
        if (cg__grow_array((void **)&out->toks, cap, out->ntoks + 1, sizeof *out->toks))
            goto cleanup;
        out->toks[out->ntoks++] = id;
    }
    if (r < 0)
        goto cleanup;
    qsort(out->toks, out->ntoks, sizeof *out->toks, size_cmp);
    rc = 0;
cleanup:
    cg_buf__free(&tok);
    return rc;
}

/* score.py's tf1: token F1 with multiset (Counter) overlap. */
static double tf1(const ptoks_t *a, const cg_eval__gclaim_t *b)
{
    size_t i = 0, j = 0, common = 0;
    double p, r;

    if (!a->total || !b->ntoks)
        return 0.0;
    while (i < a->ntoks && j < b->ntoks) {
        if (a->toks[i] == b->toks[j]) {
            common++;
            i++;
            j++;
        } else if (a->toks[i] < b->toks[j]) {
            i++;
        } else {
            j++;
        }
    }
    if (!common)
        return 0.0;
    p = (double)common / (double)a->total;
    r = (double)common / (double)b->ntoks;
    return 2 * p * r / (p + r);
}

/* " a " inside " p ": score.py's \b-delimited search (names are [0-9a-z ] only). */
static int contains_words(const char *p, const char *a)
{
    size_t la = strlen(a);
    const char *s = p;

    while ((s = strstr(s, a)) != NULL) {
        if ((s == p || s[-1] == ' ') && (s[la] == '\0' || s[la] == ' '))
            return 1;
        s++;
    }
    return 0;
}

/* score.py's speaker_ok, given norm_name(pred) and its strip_titles. */
static int speaker_ok(const char *p, const char *ps, const cg_eval__gclaim_t *g)
{
    size_t i;

    if (!*p)
        return 0;
    for (i = 0; i < g->naliases; i++) {
        const cg_eval__alias_t *a = &g->aliases[i];
        if (strcmp(p, a->norm) == 0 || strcmp(ps, a->stripped) == 0)
            return 1;
        if (a->multi && contains_words(p, a->norm))
            return 1;
    }
    return 0;
}

/* The claim's speaker as claims JSON Lines carries it (what score.py reads). */
static const char *pred_speaker(const cg_claim_t *c)
{
    return c->speaker_name ? c->speaker_name : "unknown";
}

/*
 * score.py's document key: the first gold document (in file order) equal to the claim's
 * doc, with backslashes as slashes, or ending with "/" + it. Every such suffix is looked
 * up, so the cost is the number of slashes, not the number of gold documents.
 */
static size_t doc_key(const cg_gold_t *g, const char *doc, cg_buf_t *tmp)
{
    size_t i, best = CG_EVAL_NONE, k;

    tmp->len = 0;
    if (cg_buf__puts(tmp, doc ? doc : ""))
        return CG_EVAL_NONE - 1;
    for (i = 0; i < tmp->len; i++)
        if (tmp->data[i] == '\\')
            tmp->data[i] = '/';
    best = cg_eval__map_get(&g->doc_index, tmp->data, tmp->len);
    for (i = 0; i < tmp->len; i++) {
        if (tmp->data[i] != '/')
            continue;
        k = cg_eval__map_get(&g->doc_index, tmp->data + i + 1, tmp->len - i - 1);
        if (k != CG_EVAL_NONE && (best == CG_EVAL_NONE || k < best))
            best = k;
    }
    return best;
}

typedef struct {
    const char *speaker;
    char *name;
} pair_t;

static int pair_cmp(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;
    int c = strcmp(x->speaker, y->speaker);

    return c ? c : strcmp(x->name, y->name);
}

typedef struct {
    size_t first; /* first claim of the document, for score.py's dict order */
    size_t doc;
} docorder_t;

static int docorder_cmp(const void *a, const void *b)
{
    const docorder_t *x = a, *y = b;

    return (x->first > y->first) - (x->first < y->first);
}

cg_error_t cg_eval__score_claims(cg_eval_claims_result_t *out, const cg_gold_t *g,
                                 const cg_claim_t *claims, size_t n, cg_errinfo_t *err)
{
    size_t *key = NULL, *start = NULL, *fill = NULL, *order = NULL, *mpred = NULL;
    unsigned char *mhas = NULL, *mok = NULL;
    docorder_t *docs = NULL;
    pair_t *pairs = NULL;
    ptoks_t pt = {NULL, 0, 0};
    cg_buf_t tmp = CG_BUF_INIT;
    size_t i, k, ndocs_seen = 0, fp = 0, tp_claim = 0, tp_attr = 0, nreq = 0, npairs = 0;
    size_t ptcap = 0, nspk;
    char *pn = NULL, *ps = NULL;
    cg_error_t rc = CG_OK;

    memset(out, 0, sizeof *out);
    key = malloc((n ? n : 1) * sizeof *key);
    order = malloc((n ? n : 1) * sizeof *order);
    start = calloc(g->ndocs + 1, sizeof *start);
    fill = calloc(g->ndocs + 1, sizeof *fill);
    docs = malloc((g->ndocs ? g->ndocs : 1) * sizeof *docs);
    mpred = calloc(g->nclaims + 1, sizeof *mpred);
    mhas = calloc(g->nclaims + 1, 1);
    mok = calloc(g->nclaims + 1, 1);
    if (!key || !order || !start || !fill || !docs || !mpred || !mhas || !mok)
        goto oom;

    /* group the claims by gold document, keeping their order; the rest are false positives */
    for (i = 0; i < n; i++) {
        key[i] = doc_key(g, claims[i].doc, &tmp);
        if (key[i] == CG_EVAL_NONE - 1)
            goto oom;
        if (key[i] == CG_EVAL_NONE) {
            fp++;
            continue;
        }
        if (!start[key[i] + 1]++) {
            docs[ndocs_seen].first = i;
            docs[ndocs_seen++].doc = key[i];
        }
    }
    for (k = 0; k < g->ndocs; k++)
        start[k + 1] += start[k];
    for (i = 0; i < n; i++)
        if (key[i] != CG_EVAL_NONE)
            order[start[key[i]] + fill[key[i]]++] = i;
    qsort(docs, ndocs_seen, sizeof *docs, docorder_cmp);

    for (k = 0; k < ndocs_seen; k++) {
        const cg_eval__gdoc_t *d = &g->docs[docs[k].doc];
        size_t q;

        for (q = start[docs[k].doc]; q < start[docs[k].doc + 1]; q++) {
            const cg_claim_t *c = &claims[order[q]];
            const cg_eval__gclaim_t *bg = NULL;
            double best = 0.0;
            size_t j;
            int ok;

            if (pred_tokens(g, c->text ? c->text : "", &pt, &ptcap))
                goto oom;
            for (j = 0; j < d->nitems; j++) {
                const cg_eval__gclaim_t *gc = &g->claims[d->items[j]];
                double f = tf1(&pt, gc);
                if (f > best) {
                    best = f;
                    bg = gc;
                }
            }
            if (!bg || best < 0.5) {
                fp++;
                continue;
            }
            if (!bg->required)
                continue; /* optional gold claims absorb matches */
            free(pn);
            free(ps);
            ps = NULL;
            if (!(pn = cg_eval__norm_name(pred_speaker(c), strlen(pred_speaker(c)))) ||
                !(ps = cg_eval__strip_titles(pn)))
                goto oom;
            ok = speaker_ok(pn, ps, bg);
            if (!mhas[bg->slot] || (ok && !mok[bg->slot])) {
                mhas[bg->slot] = 1;
                mok[bg->slot] = (unsigned char)ok;
                mpred[bg->slot] = order[q];
            }
        }
    }
    for (i = 0; i < g->nclaims; i++) {
        const cg_eval__gclaim_t *gc = &g->claims[i];
        if (!gc->required)
            continue;
        nreq++;
        if (mhas[gc->slot]) {
            tp_claim++;
            tp_attr += mok[gc->slot];
        }
    }
    out->gold = nreq;
    out->false_pos = fp;
    out->predicted_counted = tp_claim + fp;
    cg_eval__prf(&out->claim, tp_claim, tp_claim + fp, nreq);
    cg_eval__prf(&out->attribution, tp_attr, tp_claim + fp, nreq);

    /* speaker fragmentation: distinct predicted names per gold speaker */
    if (!(pairs = calloc(g->nclaims + 1, sizeof *pairs)))
        goto oom;
    for (i = 0; i < g->nclaims; i++) {
        const char *s;
        if (!mhas[i] || !mok[i])
            continue; /* slots are first claims of their id, so i is the one score.py finds */
        s = pred_speaker(&claims[mpred[i]]);
        pairs[npairs].speaker = g->claims[i].speaker;
        if (!(pairs[npairs].name = cg_eval__norm_name(s, strlen(s))))
            goto oom;
        npairs++;
    }
    qsort(pairs, npairs, sizeof *pairs, pair_cmp);
    for (i = 0, k = 0, nspk = 0; i < npairs; i++) {
        if (i == 0 || strcmp(pairs[i].speaker, pairs[i - 1].speaker) != 0) {
            nspk++;
            k++;
        } else if (strcmp(pairs[i].name, pairs[i - 1].name) != 0) {
            k++;
        }
    }
    out->speaker_names_per_speaker = nspk ? (double)k / (double)nspk : 0.0;
    goto cleanup;
oom:
    rc = cg_errinfo_set(err, CG_ENOMEM, "", 0, "out of memory");
cleanup:
    if (pairs)
        for (i = 0; i < npairs; i++)
            free(pairs[i].name);
    free(pairs);
    free(pn);
    free(ps);
    free(pt.toks);
    cg_buf__free(&tmp);
    free(key);
    free(order);
    free(start);
    free(fill);
    free(docs);
    free(mpred);
    free(mhas);
    free(mok);
    return rc;
}
