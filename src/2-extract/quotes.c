/*
 * Quote finder: decides which marks open and close (curly marks by their shape,
 * straight marks and ’ by their neighbours, so apostrophes such as "Pakistan’s" or
 * "ISIS’ cells" are not taken as quotes) and pairs them within a paragraph. A quote
 * left open ends at the next opening mark or at the paragraph end (BBC style: each
 * paragraph of a long quotation opens a new mark). Single quotes inside double ones,
 * and straight double quotes inside a curly quotation (“… "nested" …”), are not
 * recorded; only top-level quotes are.
 */
#include <string.h>

#include "0-util/buf.h"
#include "2-extract/extract_int.h"

static int open_like(const cg_x_ctx_t *x, size_t i)
{
    const cg_tok_t *t = &x->t[i];
    int space_before = (t->flags & (CG_TF_SPACE | CG_TF_NL)) || i == 0 || x->t[i - 1].para != t->para;
    int space_after = (t->flags & CG_TF_SPACE_AFTER) != 0;

    if (!space_before && i > 0) {
        const cg_tok_t *p = &x->t[i - 1];
        if (cg_x__punct(x, i - 1, '(') || cg_x__punct(x, i - 1, '[') || cg_x__dash(x, i - 1) ||
            (p->kind == CG_T_QUOTE))
            space_before = 1;
    }
    return space_before && !space_after;
}

static int close_like(const cg_x_ctx_t *x, size_t i)
{
    const cg_tok_t *t = &x->t[i];
    int space_before = (t->flags & (CG_TF_SPACE | CG_TF_NL)) != 0;

    return !space_before;
}

/** Curly or guillemet shape: 1 opening, 2 closing, 0 ambiguous. */
static int shape(const cg_x_ctx_t *x, size_t i)
{
    const unsigned char *s = (const unsigned char *)x->txt + x->t[i].s;
    size_t n = x->t[i].e - x->t[i].s;

    if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) {
        if (s[2] == 0x9C || s[2] == 0x9E || s[2] == 0x9F || s[2] == 0x98 || s[2] == 0x9B)
            return 1;
        if (s[2] == 0x9D || s[2] == 0x99)
            return 2;
    }
    if (n == 2 && s[0] == 0xC2)
        return s[1] == 0xAB ? 1 : 2;
    if (s[0] == '`')
        return 1;
    return 0;
}

static int add_quote(cg_x_ctx_t *x, size_t open, size_t close, size_t end, int dbl)
{
    cg_quote_t *q;
    size_t k;

    if (end <= open + 1)
        return 0; /* empty */
    if (cg__grow_array((void **)&x->q, &x->qcap, x->nq + 1, sizeof *x->q))
        return -1;
    q = &x->q[x->nq];
    memset(q, 0, sizeof *q);
    q->open = open;
    q->close = close;
    q->cs = open + 1;
    q->ce = end;
    q->bs = x->t[q->cs].s;
    q->be = x->t[end - 1].e;
    q->para = x->t[open].para;
    q->dbl = dbl;
    for (k = q->cs; k < q->ce; k++)
        if (x->t[k].kind == CG_T_WORD || x->t[k].kind == CG_T_NUM)
            q->nwords++;
    for (k = open; k < (close != (size_t)-1 ? close + 1 : end); k++)
        x->t[k].quote = (int32_t)x->nq;
    x->nq++;
    return 0;
}

int cg_x__quotes(cg_x_ctx_t *x)
{
    size_t pi;

    for (pi = 0; pi < x->np; pi++) {
        const cg_para_t *p = &x->p[pi];
        size_t i, dq = (size_t)-1, sq = (size_t)-1;
        int dq_curly = 0; /* the open double quote has a curly (shaped) mark */
        int nested = 0;   /* a straight pair is open inside that curly quotation */

        for (i = p->ts; i < p->te; i++) {
            cg_tok_t *t = &x->t[i];
            int sh;

            if (t->kind != CG_T_QUOTE)
                continue;
            sh = shape(x, i);
            if (t->flags & CG_TF_QDOUBLE) {
                int opening;
                if (sh == 0 && dq != (size_t)-1 && dq_curly) {
                    /* straight marks inside a curly quotation pair among themselves
                     * (“… "nested" …”); a lone closing-like one closes the quotation
                     * (sloppy “…,") */
                    if (nested || (open_like(x, i) && !close_like(x, i))) {
                        nested = !nested;
                        continue;
                    }
                }
                if (sh == 1)
                    opening = 1;
                else if (sh == 2)
                    opening = 0;
                else if (dq != (size_t)-1)
                    opening = open_like(x, i) && !close_like(x, i) && i > dq + 1 &&
                              x->t[i - 1].kind == CG_T_PUNCT;
                else
                    opening = !close_like(x, i) || open_like(x, i);
                if (opening) {
                    if (dq != (size_t)-1 && add_quote(x, dq, (size_t)-1, i, 1))
                        return -1;
                    dq = i;
                    dq_curly = sh == 1;
                    nested = 0;
                    sq = (size_t)-1;
                    t->flags |= CG_TF_QOPEN;
                } else if (dq != (size_t)-1) {
                    t->flags |= CG_TF_QCLOSE;
                    if (add_quote(x, dq, i, i, 1))
                        return -1;
                    dq = (size_t)-1;
                    sq = (size_t)-1;
                }
                continue;
            }
            /* single marks */
            if ((sh == 1 && !(t->flags & CG_TF_SPACE_AFTER)) || (sh == 0 && open_like(x, i))) {
                sq = i;
                t->flags |= CG_TF_QOPEN;
            } else if (sq != (size_t)-1 && close_like(x, i) && i > sq + 1) {
                t->flags |= CG_TF_QCLOSE;
                if (dq == (size_t)-1 && add_quote(x, sq, i, i, 0))
                    return -1;
                sq = (size_t)-1;
            }
        }
        if (dq != (size_t)-1 && add_quote(x, dq, (size_t)-1, p->te, 1))
            return -1;
    }
    return 0;
}
