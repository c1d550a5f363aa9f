/*
 * Sentence splitter: a sentence ends at . ! ? (plus closing quote marks and brackets)
 * before white space and an upper-case letter, digit or opening mark, unless the full
 * stop ends a title or an initial ("Dr.", "Lt.", "W."); and always at a paragraph end.
 */
#include <string.h>

#include "0-util/buf.h"
#include "2-extract/extract_int.h"

static int is_terminal(const cg_x_ctx_t *x, size_t i)
{
    const cg_tok_t *t = &x->t[i];
    const unsigned char *s = (const unsigned char *)x->txt + t->s;

    if (t->kind != CG_T_PUNCT)
        return 0;
    if (t->e - t->s == 1)
        return s[0] == '.' || s[0] == '!' || s[0] == '?';
    return t->e - t->s == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xA6; /* … */
}

/** A full stop after token @p i - 1 that belongs to an abbreviation. */
static int abbrev_before(const cg_x_ctx_t *x, size_t dot)
{
    const cg_tok_t *w;

    if (dot == 0 || x->txt[x->t[dot].s] != '.')
        return 0;
    w = &x->t[dot - 1];
    if (w->kind != CG_T_WORD || w->e != x->t[dot].s)
        return 0;
    if (w->e - w->s == 1 && (w->flags & CG_TF_CAP))
        return 1; /* initial */
    if ((w->flags & CG_TF_CAP) && (w->lex & CG_LX_TITLE) && w->e - w->s <= 5)
        return 1;
    return 0;
}

int cg_x__sentences(cg_x_ctx_t *x)
{
    size_t i, start = 0;

    for (i = 0; i < x->nt; i++) {
        int end = 0;
        size_t j = i;

        if (i + 1 >= x->nt || (x->t[i + 1].flags & CG_TF_NL)) {
            end = 1;
        } else if (is_terminal(x, i) && !abbrev_before(x, i)) {
            /* absorb closing marks and further terminals */
            while (j + 1 < x->nt && !(x->t[j + 1].flags & (CG_TF_SPACE | CG_TF_NL)) &&
                   (x->t[j + 1].kind == CG_T_QUOTE || is_terminal(x, j + 1) ||
                    cg_x__punct(x, j + 1, ')') || cg_x__punct(x, j + 1, ']')))
                j++;
            if (j + 1 >= x->nt || (x->t[j + 1].flags & CG_TF_NL)) {
                end = 1;
            } else if (x->t[j + 1].flags & CG_TF_SPACE) {
                const cg_tok_t *n = &x->t[j + 1];
                if ((n->flags & CG_TF_CAP) || n->kind == CG_T_NUM || n->kind == CG_T_QUOTE ||
                    cg_x__punct(x, j + 1, '('))
                    end = 1;
            }
            if (end) {
                /* closing quote marks of this sentence stay in it only when they close */
                i = j;
            }
        }
        if (end) {
            cg_sent_t *s;
            size_t k;
            if (cg__grow_array((void **)&x->s, &x->scap, x->ns + 1, sizeof *x->s))
                return -1;
            s = &x->s[x->ns];
            s->ts = start;
            s->te = i + 1;
            s->para = x->t[start].para;
            for (k = start; k <= i; k++)
                x->t[k].sent = (uint32_t)x->ns;
            x->t[start].flags |= CG_TF_SENT;
            x->ns++;
            start = i + 1;
        }
    }
    return 0;
}
