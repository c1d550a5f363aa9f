/*
 * Boilerplate filter: marks paragraphs that are neither claims nor speakers — bylines,
 * credits, captions, e-mail and copyright lines, links — and paragraphs that repeat an
 * earlier one (an article body pasted twice), plus short headings.
 */
#include <string.h>

#include "claimgraph/util.h"
#include "2-extract/extract_int.h"

/** Longest boilerplate phrase at token @p i (0 none). */
static size_t boiler_phrase(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    size_t n, best = 0, maxn = cg_lex__max_phrase();
    uint64_t h = 0;
    uint32_t pbits = CG_LX_BOILER;

    /* stops as soon as no boilerplate phrase goes on from the words so far */
    for (n = 0; n < maxn && i + n < lim && (pbits & CG_LX_BOILER); n++) {
        const cg_tok_t *t = &x->t[i + n];
        h = n ? cg_lex__combine(h, t->h) : t->h;
        if (cg_lex__classes_prefix(h, &pbits) & CG_LX_BOILER)
            best = n + 1;
    }
    /* a single word ("Source", "Photo") only when a colon follows or the line is tiny */
    if (best == 1 && !cg_x__punct(x, i + 1, ':') && lim - i > 6) {
        const cg_tok_t *t0 = &x->t[i];
        int is_by = t0->e - t0->s == 2 && (x->txt[t0->s] | 0x20) == 'b' &&
                    (x->txt[t0->s + 1] | 0x20) == 'y' && (t0->flags & CG_TF_CAP);
        if (!is_by || lim - i > 12)
            best = 0;
    }
    return best;
}

/* Token @p i holds byte @p c. A loop, not memchr: tokens are a few bytes, and this runs
   for every word of a short paragraph. */
static int has_byte(const cg_x_ctx_t *x, size_t i, char c)
{
    const char *p = x->txt + x->t[i].s, *e = x->txt + x->t[i].e;

    for (; p < e; p++)
        if (*p == c)
            return 1;
    return 0;
}

static int is_terminal_tok(const cg_x_ctx_t *x, size_t i)
{
    return cg_x__punct(x, i, '.') || cg_x__punct(x, i, '!') || cg_x__punct(x, i, '?');
}

int cg_x__boilerplate(cg_x_ctx_t *x)
{
    cg_x_map_t seen = {0};
    size_t pi;
    int rc = 0;

    for (pi = 0; pi < x->np; pi++) {
        cg_para_t *p = &x->p[pi];
        size_t n = p->te - p->ts, i, nwords = 0, last = p->te - 1;
        int boiler = 0;
        /* an e-mail address needs an '@' in the paragraph: one memchr over its bytes
           (all its tokens lie between bs and be) instead of a look at every byte of
           every word, most paragraphs having none */
        int at = n <= 60 && p->be > p->bs && memchr(x->txt + p->bs, '@', p->be - p->bs) != NULL;

        for (i = p->ts; i < p->te; i++) {
            const cg_tok_t *t = &x->t[i];
            if (t->kind == CG_T_WORD || t->kind == CG_T_NUM)
                nwords++;
            if (at && t->kind == CG_T_WORD && has_byte(x, i, '@') && has_byte(x, i, '.'))
                boiler = 1;
            if (n <= 60 && t->kind == CG_T_PUNCT && t->e - t->s == 2 &&
                (unsigned char)x->txt[t->s] == 0xC2 && (unsigned char)x->txt[t->s + 1] == 0xA9)
                boiler = 1; /* © */
            if (n <= 12 && t->kind == CG_T_WORD && t->e - t->s >= 4 &&
                (memcmp(x->txt + t->s, "http", 4) == 0 || memcmp(x->txt + t->s, "www.", 4) == 0))
                boiler = 1;
        }
        if (n <= 40 && boiler_phrase(x, p->ts, p->te) > 0)
            boiler = 1;
        if (boiler)
            p->flags |= CG_PF_BOILER;
        /* headings: short, no final full stop */
        if (nwords <= 12 && n > 0) {
            size_t l = last;
            while (l > p->ts && x->t[l].kind == CG_T_QUOTE)
                l--;
            if (!is_terminal_tok(x, l) || (cg_x__punct(x, l, '?') && nwords <= 8))
                if (!(cg_x__punct(x, last, ':') && nwords > 4 && x->t[p->ts].kind != CG_T_QUOTE))
                    p->flags |= CG_PF_HEADING;
        }
        /* repeated paragraphs */
        if (n >= 3) {
            uint64_t h = cg_hash64(x->txt + p->bs, p->be - p->bs);
            if (!h)
                h = 1;
            if (cg_x__map_get(&seen, h) >= 0) {
                p->flags |= CG_PF_DUP;
            } else if (cg_x__map_put(&seen, h, (int)pi)) {
                rc = -1;
                goto cleanup;
            }
        }
    }
cleanup:
    cg_x__map_free(&seen);
    return rc;
}
