/* Scoring against span gold, step for step as to_spans.py + score_spans.py --bytes. */
#include <stdlib.h>
#include <string.h>

#include "7-eval/eval_internal.h"

static const double thresholds[CG_EVAL_NTHRESHOLDS] = {1.0, 0.8, 0.3};

/* to_spans.py's stem: the path's last component without a ".txt" ending. */
static void stem(const char *doc, const char **s, size_t *len)
{
    const char *slash;

    if (!doc)
        doc = "";
    slash = strrchr(doc, '/');
    *s = slash ? slash + 1 : doc;
    *len = strlen(*s);
    if (*len >= 4 && memcmp(*s + *len - 4, ".txt", 4) == 0)
        *len -= 4;
}

/* A claim as score_spans.py sees it. */
typedef struct {
    cg_eval__cset_t content;
    cg_eval__cset_t source;
} patt_t;

/* One candidate pair of a matching round. */
typedef struct {
    double sc;  /* |p ∩ g| / |g| */
    double jac; /* |p ∩ g| / |p ∪ g| */
    size_t i, j;
} cand_t;

/* Descending by (sc, jac, i, j), like Python's sort(reverse=True) on those tuples. */
static int cand_cmp(const void *a, const void *b)
{
    const cand_t *x = a, *y = b;

    if (x->sc != y->sc)
        return x->sc < y->sc ? 1 : -1;
    if (x->jac != y->jac)
        return x->jac < y->jac ? 1 : -1;
    if (x->i != y->i)
        return x->i < y->i ? 1 : -1;
    if (x->j != y->j)
        return x->j < y->j ? 1 : -1;
    return 0;
}

static int span_cmp(const void *a, const void *b)
{
    const cg_span_t *x = a, *y = b;

    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Sorts and removes duplicates; returns the new count. */
static size_t span_unique(cg_span_t *s, size_t n)
{
    size_t i, k = 0;

    qsort(s, n, sizeof *s, span_cmp);
    for (i = 0; i < n; i++)
        if (!k || span_cmp(&s[k - 1], &s[i]) != 0)
            s[k++] = s[i];
    return k;
}

/* Number of spans in both sorted unique lists. */
static size_t span_common(const cg_span_t *a, size_t na, const cg_span_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;

    while (i < na && j < nb) {
        int c = span_cmp(&a[i], &b[j]);
        if (c == 0) {
            n++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

typedef struct {
    size_t tp[CG_EVAL_NTHRESHOLDS];
    size_t spk[CG_EVAL_NTHRESHOLDS];
    size_t cue_tp, cue_np, cue_ng;
} totals_t;

/* Scores one document: its claims are claims[idx[0..np)] in input order. */
static int score_doc(const cg_eval__gdoc_t *d, const cg_claim_t *claims, const size_t *idx,
                     size_t np, totals_t *t)
{
    patt_t *P = calloc(np ? np : 1, sizeof *P);
    size_t *inter = NULL;
    cand_t *cand = NULL;
    cg_span_t *gc = NULL, *pc = NULL, *tmp = NULL;
    unsigned char *ui = NULL, *uj = NULL;
    size_t i, j, k, ng = d->natts, ngc = 0, npc = 0, tmpcap = 0, ncand;
    int rc = -1;

    if (!P)
        goto cleanup;
    /* claims and the spans they carry (claims without spans are not attributions) */
    for (i = 0; i < np; i++) {
        const cg_claim_t *c = &claims[idx[i]];
        cg_span_t src;

        if (c->nspans > tmpcap) {
            cg_span_t *nt = realloc(tmp, c->nspans * sizeof *tmp);
            if (!nt)
                goto cleanup;
            tmp = nt;
            tmpcap = c->nspans;
        }
        memcpy(tmp, c->spans, c->nspans * sizeof *tmp);
        if (cg_eval__cset_build(&P[i].content, tmp, c->nspans, d->text, d->len))
            goto cleanup;
        src = c->speaker_span;
        if (c->has_speaker_span && cg_eval__cset_build(&P[i].source, &src, 1, d->text, d->len))
            goto cleanup;
    }

    /* cues: distinct exact spans on each side */
    for (j = 0; j < ng; j++)
        ngc += d->atts[j].ncues;
    if (!(gc = malloc((ngc ? ngc : 1) * sizeof *gc)) || !(pc = malloc((np ? np : 1) * sizeof *pc)))
        goto cleanup;
    for (j = 0, ngc = 0; j < ng; j++)
        for (k = 0; k < d->atts[j].ncues; k++)
            gc[ngc++] = d->atts[j].cues[k];
    for (i = 0; i < np; i++)
        if (claims[idx[i]].cue_text)
            pc[npc++] = claims[idx[i]].cue_span;
    ngc = span_unique(gc, ngc);
    npc = span_unique(pc, npc);
    t->cue_tp += span_common(gc, ngc, pc, npc);
    t->cue_np += npc;
    t->cue_ng += ngc;

    if (!np || !ng) {
        rc = 0;
        goto cleanup;
    }
    inter = malloc(np * ng * sizeof *inter);
    cand = malloc(np * ng * sizeof *cand);
    ui = malloc(np);
    uj = malloc(ng);
    if (!inter || !cand || !ui || !uj)
        goto cleanup;
    for (i = 0; i < np; i++)
        for (j = 0; j < ng; j++)
            inter[i * ng + j] = cg_eval__cset_inter(&P[i].content, &d->atts[j].content);

    for (k = 0; k < CG_EVAL_NTHRESHOLDS; k++) {
        double th = thresholds[k];

        ncand = 0;
        for (i = 0; i < np; i++) {
            for (j = 0; j < ng; j++) {
                size_t in = inter[i * ng + j], gs = d->atts[j].content.size;
                size_t ps = P[i].content.size;
                double sc;
                int exact;

                if (!gs)
                    continue;
                sc = (double)in / (double)gs;
                exact = in == gs && in == ps;
                if ((th == 1.0 && exact) || (th < 1.0 && sc >= th && in)) {
                    cand[ncand].sc = sc;
                    cand[ncand].jac = (double)in / (double)(ps + gs - in);
                    cand[ncand].i = i;
                    cand[ncand].j = j;
                    ncand++;
                }
            }
        }
        qsort(cand, ncand, sizeof *cand, cand_cmp);
        memset(ui, 0, np);
        memset(uj, 0, ng);
        for (i = 0; i < ncand; i++) {
            const cg_eval__cset_t *ps = &P[cand[i].i].source, *gs = &d->atts[cand[i].j].source;
            if (ui[cand[i].i] || uj[cand[i].j])
                continue;
            ui[cand[i].i] = uj[cand[i].j] = 1;
            t->tp[k]++;
            if (cg_eval__cset_inter(ps, gs) || (!ps->size && !gs->size))
                t->spk[k]++;
        }
    }
    rc = 0;
cleanup:
    if (P)
        for (i = 0; i < np; i++) {
            cg_eval__cset_free(&P[i].content);
            cg_eval__cset_free(&P[i].source);
        }
    free(P);
    free(inter);
    free(cand);
    free(gc);
    free(pc);
    free(tmp);
    free(ui);
    free(uj);
    return rc;
}

cg_error_t cg_eval__score_spans(cg_eval_spans_result_t *out, const cg_gold_t *g,
                                const cg_claim_t *claims, size_t n, cg_errinfo_t *err)
{
    size_t *key = malloc((n ? n : 1) * sizeof *key), *start = calloc(g->ndocs + 1, sizeof *start);
    size_t *fill = calloc(g->ndocs + 1, sizeof *fill), *order = malloc((n ? n : 1) * sizeof *order);
    size_t i, k, ngold = 0, npred = 0;
    totals_t t;
    cg_error_t rc = CG_OK;

    memset(out, 0, sizeof *out);
    memset(&t, 0, sizeof t);
    if (!key || !start || !fill || !order)
        goto oom;
    for (i = 0; i < n; i++) {
        const char *s;
        size_t len;

        stem(claims[i].doc, &s, &len);
        key[i] = cg_eval__map_get(&g->doc_index, s, len);
        if (key[i] == CG_EVAL_NONE)
            out->ignored++;
        else if (claims[i].nspans)
            start[key[i] + 1]++;
        else
            key[i] = CG_EVAL_NONE; /* no content: to_spans.py keeps it, score_spans.py drops it */
    }
    for (k = 0; k < g->ndocs; k++)
        start[k + 1] += start[k];
    for (i = 0; i < n; i++)
        if (key[i] != CG_EVAL_NONE)
            order[start[key[i]] + fill[key[i]]++] = i;
    for (k = 0; k < g->ndocs; k++) {
        size_t np = start[k + 1] - start[k];
        ngold += g->docs[k].natts;
        npred += np;
        if (score_doc(&g->docs[k], claims, order + start[k], np, &t))
            goto oom;
    }
    out->gold = ngold;
    out->predicted = npred;
    for (k = 0; k < CG_EVAL_NTHRESHOLDS; k++) {
        cg_eval_threshold_t *a = &out->at[k];
        a->threshold = thresholds[k];
        cg_eval__prf(&a->content, t.tp[k], npred, ngold);
        a->speaker_ok = t.spk[k];
        a->speaker_acc = t.tp[k] ? (double)t.spk[k] / (double)t.tp[k] : 0.0;
        cg_eval__prf(&a->end_to_end, t.spk[k], npred, ngold);
    }
    cg_eval__prf(&out->cue, t.cue_tp, t.cue_np, t.cue_ng);
    goto cleanup;
oom:
    rc = cg_errinfo_set(err, CG_ENOMEM, "", 0, "out of memory");
cleanup:
    free(key);
    free(start);
    free(fill);
    free(order);
    return rc;
}
