/*
 * Attribution patterns, applied sentence by sentence in text order:
 *   - quotations with their cue after ("“…,” he said"), inverted ("said X") or before
 *     ("X said: “…”"), interrupted by the cue (one claim, two spans), and quotations
 *     that continue the last speaker;
 *   - reported speech after a reporting verb (that-clause or bare clause, hearer
 *     skipped: "told reporters that"), passive ("was assured by X that"), inverted
 *     ("…, officials said"), "according to X", "quoting X as saying that";
 *   - "Y's claim that …" (attribution nouns), with disputes/responds-to relations;
 *   - statements listed after "… revealed in this report:".
 * Every search is bounded by a fixed window, so the pass is linear in the text.
 */
#include <string.h>

#include "0-util/buf.h"
#include "2-extract/extract_int.h"

#define WIN 14      /* tokens searched around a cue */
#define CONTENT_MAX 400 /* longest reported content, in tokens */
/* "“…,” he said. “…”": the second quotation as a second span (PolNeAR) or its own claim */
#ifndef MERGE_AFTER_SENTENCE
#define MERGE_AFTER_SENTENCE 1
#endif

enum { CUE_NONE, CUE_VERB, CUE_ACCORDING, CUE_NOUN };

/*
 * A 64-bit filter of a few words, for loops that look for one of them at every token:
 * a token whose bit is clear is none of them (one shift and test instead of a compare per
 * word); a set bit still goes through the exact test. The bit is the top six bits of the
 * word's hash.
 */
#define WORD_BIT(w) (1ULL << (cg_lex__hash_lit(w) >> 58))
#define MAY_BE_ONE_OF(filter, h) (((filter) >> ((h) >> 58)) & 1u)

static inline int word_is_h(const cg_x_ctx_t *x, size_t i, uint64_t h)
{
    return i < x->nt && x->t[i].kind == CG_T_WORD && x->t[i].h == h;
}

/* Token i is the word w (a string literal: its hash folds to a constant). */
#define word_is(x, i, w) word_is_h((x), (i), cg_lex__hash_lit(w))

static int lower_word(const cg_x_ctx_t *x, size_t i)
{
    return i < x->nt && x->t[i].kind == CG_T_WORD && !(x->t[i].flags & CG_TF_CAP);
}

static int be_form(const cg_x_ctx_t *x, size_t i)
{
    return word_is(x, i, "was") || word_is(x, i, "were") || word_is(x, i, "been") ||
           word_is(x, i, "is") || word_is(x, i, "are") || word_is(x, i, "be") || word_is(x, i, "being");
}

static int ends_with(const cg_x_ctx_t *x, size_t i, const char *suf)
{
    size_t n = strlen(suf), len = x->t[i].e - x->t[i].s;

    return len > n + 1 && memcmp(x->txt + x->t[i].e - n, suf, n) == 0;
}

/** phrase_at for a word that starts some longer phrase. */
static size_t phrase_long(const cg_x_ctx_t *x, size_t i, size_t lim, uint32_t cls)
{
    size_t n, best = 0, maxn = cg_lex__max_phrase();
    uint64_t h = 0;
    uint32_t pbits = 0;

    /* stops as soon as no phrase of the classes goes on from the words so far */
    for (n = 0; n < maxn && i + n < lim; n++) {
        const cg_tok_t *t = &x->t[i + n];
        if (t->kind != CG_T_WORD || t->quote >= 0)
            break;
        if (n) {
            if (!(pbits & cls))
                break;
            h = cg_lex__combine(h, t->h);
            if (cg_lex__classes_prefix(h, &pbits) & cls)
                best = n + 1;
        } else {
            if (!(t->lex & CG_LX_START))
                break;
            h = t->h;
            (void)cg_lex__classes_prefix(h, &pbits);
        }
    }
    if (!best && i < lim && x->t[i].kind == CG_T_WORD && (x->t[i].lex & cls))
        best = 1;
    return best;
}

/** Longest phrase of class @p cls at token @p i; 0 when none. */
static inline size_t phrase_at(const cg_x_ctx_t *x, size_t i, size_t lim, uint32_t cls)
{
    const cg_tok_t *t;

    if (i >= lim)
        return 0;
    t = &x->t[i];
    if (t->kind != CG_T_WORD)
        return 0;
    if (t->quote >= 0 || !(t->lex & CG_LX_START))
        return (t->lex & cls) ? 1 : 0;
    return phrase_long(x, i, lim, cls);
}

/** A finite-verb-looking word within [i, lim) (for bare clauses). */
static int has_verb(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    size_t k;

    for (k = i; k < lim && k < i + 18; k++) {
        const cg_tok_t *t = &x->t[k];
        if (t->kind != CG_T_WORD || (t->flags & CG_TF_CAP))
            continue;
        if ((t->lex & CG_LX_SKIP) && !ends_with(x, k, "ly") &&
            (be_form(x, k) || word_is(x, k, "has") || word_is(x, k, "have") || word_is(x, k, "had") ||
             word_is(x, k, "will") || word_is(x, k, "would") || word_is(x, k, "can") ||
             word_is(x, k, "could") || word_is(x, k, "should") || word_is(x, k, "may") ||
             word_is(x, k, "might") || word_is(x, k, "must") || word_is(x, k, "did") ||
             word_is(x, k, "does") || word_is(x, k, "do")))
            return 1;
        if (ends_with(x, k, "ed") || ends_with(x, k, "es"))
            return 1;
        if (t->lex & (CG_LX_SPEECH | CG_LX_BELIEF))
            return 1;
    }
    return 0;
}

/** A verb-looking word right at @p k (auxiliary, -ed, -es, reporting verb). */
static int verbish(const cg_x_ctx_t *x, size_t k)
{
    const cg_tok_t *t = &x->t[k];

    if (t->kind != CG_T_WORD || (t->flags & CG_TF_CAP))
        return 0;
    if (has_verb(x, k, k + 1))
        return 1;
    if (ends_with(x, k, "n't") || ends_with(x, k, "n’t"))
        return 1;
    return 0;
}

/**
 * Does a clause start at @p k: a subject phrase followed closely by a verb ("the deal
 * was", "company leaders had", "she met"), not a bare object ("war against X")?
 */
static int clause_at(cg_x_ctx_t *x, size_t k, size_t lim)
{
    cg_np_t np;
    size_t j, stop;

    if (cg_x__np_at(x, k, lim, &np) && np.te > k) {
        stop = np.te + 3 < lim ? np.te + 3 : lim;
        for (j = np.te; j < stop; j++) {
            if (verbish(x, j))
                return 1;
            if (x->t[j].kind != CG_T_WORD || !(x->t[j].lex & CG_LX_SKIP) || (x->t[j].flags & CG_TF_CAP))
                break;
        }
        /* "X, the former minister, is"; "X, who …" is a relative clause on an object */
        if (np.te < lim && (cg_x__punct(x, np.te, ',') || cg_x__punct(x, np.te, '('))) {
            if (np.te + 1 < lim && x->t[np.te + 1].kind == CG_T_WORD && (x->t[np.te + 1].lex & CG_LX_REL)) {
                for (j = np.te + 2; j < lim && j < np.te + 16; j++)
                    if (cg_x__punct(x, j, ','))
                        return j + 1 < lim && verbish(x, j + 1);
                return 0;
            }
            return has_verb(x, np.te, lim);
        }
    }
    /* unknown nouns: a verb within a few plain words (prepositional phrases allowed) */
    stop = k + 12 < lim ? k + 12 : lim;
    for (j = k; j < stop; j++) {
        if (j > k && verbish(x, j)) {
            /* "against armed groups": an -ed word after a preposition is an adjective */
            if (ends_with(x, j, "ed") && x->t[j - 1].kind == CG_T_WORD &&
                (x->t[j - 1].lex & (CG_LX_PREP | CG_LX_DET)))
                continue;
            return 1;
        }
        if (x->t[j].kind == CG_T_QUOTE) {
            stop = stop + 1 < lim ? stop + 1 : lim;
            continue; /* scare quotes: "the ‘reform’ was" */
        }
        if (j > k && cg_x__punct(x, j, '.') && (x->t[j - 1].lex & CG_LX_TITLE) && !(x->t[j].flags & CG_TF_SPACE) &&
            cg_x__name_tok(x, j + 1)) {
            stop = stop + 1 < lim ? stop + 1 : lim;
            continue; /* "his support for Mr. Lowe makes" */
        }
        if (x->t[j].kind != CG_T_WORD && x->t[j].kind != CG_T_NUM && x->t[j].kind != CG_T_POSS)
            return 0;
        if (x->t[j].kind == CG_T_WORD && (x->t[j].lex & CG_LX_REL))
            return 0;
        if (j > k && (word_is(x, j, "that") || word_is(x, j, "and") || word_is(x, j, "or")))
            return 0;
    }
    return 0;
}

int cg_x__add_claim(cg_x_ctx_t *x, const cg_xclaim_t *c)
{
    if (cg__grow_array((void **)&x->cl, &x->clcap, x->ncl + 1, sizeof *x->cl))
        return -1;
    x->cl[x->ncl] = *c;
    return (int)x->ncl++;
}

static void claim_init(cg_xclaim_t *c)
{
    memset(c, 0, sizeof *c);
    c->ent = -1;
    c->rel_type = -1;
    c->rel_target = -1;
}

static void set_cue(const cg_x_ctx_t *x, cg_xclaim_t *c, size_t i, size_t n)
{
    if (!n)
        return;
    c->has_cue = 1;
    c->cs = x->t[i].s;
    c->ce = x->t[i + n - 1].e;
}

static void set_mention(const cg_x_ctx_t *x, cg_xclaim_t *c, const cg_np_t *np)
{
    size_t s = np->ts, e = np->te;

    if (np->type == CG_NP_NONE || e <= s)
        return;
    /* a name's mention: from the first title to the name's end */
    c->has_m = 1;
    c->ms = x->t[s].s;
    c->me = x->t[e - 1].e;
}

static void add_via(cg_xclaim_t *c, int e)
{
    int k;

    if (e < 0 || c->nvia >= 3)
        return;
    for (k = 0; k < c->nvia; k++)
        if (c->via[k] == e)
            return;
    c->via[c->nvia++] = e;
}

/** Trims punctuation and white space at the ends of a token range. */
static void trim_range(const cg_x_ctx_t *x, size_t *s, size_t *e, int keep_final_quote)
{
    while (*s < *e && x->t[*s].kind == CG_T_PUNCT && !cg_x__punct(x, *s, '(') && !cg_x__punct(x, *s, '['))
        (*s)++;
    while (*e > *s) {
        const cg_tok_t *t = &x->t[*e - 1];
        if (t->kind == CG_T_PUNCT && !cg_x__punct(x, *e - 1, ')') && !cg_x__punct(x, *e - 1, ']') &&
            !cg_x__punct(x, *e - 1, '%')) {
            (*e)--;
            continue;
        }
        if (t->kind == CG_T_QUOTE && !keep_final_quote && !(t->flags & CG_TF_QCLOSE)) {
            (*e)--;
            continue;
        }
        break;
    }
}

/** Claim type of content tokens [s, e): direct when one quotation covers it. */
static int content_type(const cg_x_ctx_t *x, size_t s, size_t e)
{
    size_t k;
    int quoted = 0;

    for (k = s; k < e; k++)
        if (x->t[k].quote >= 0) {
            quoted = 1;
            break;
        }
    if (!quoted)
        return CG_CLAIM_INDIRECT;
    if (x->t[s].kind == CG_T_QUOTE && x->t[s].quote >= 0) {
        const cg_quote_t *q = &x->q[x->t[s].quote];
        size_t qe = q->close != (size_t)-1 ? q->close + 1 : q->ce;
        if (qe >= e)
            return CG_CLAIM_DIRECT;
    }
    return CG_CLAIM_MIXED;
}

/** Marks every quote that starts inside [s, e) as used. */
static void use_quotes(cg_x_ctx_t *x, size_t s, size_t e)
{
    size_t k;

    for (k = s; k < e; k++)
        if (x->t[k].quote >= 0)
            x->q[x->t[k].quote].used = 1;
}

/** Title case around @p i ("Mayor Says Bridge Will Reopen"): capitalised words on both sides. */
static int title_case_at(const cg_x_ctx_t *x, size_t i)
{
    size_t k;

    if (i < 1 || i + 2 >= x->nt)
        return 0;
    for (k = i - 1; k <= i + 2; k++)
        if (x->t[k].kind != CG_T_WORD || !(x->t[k].flags & CG_TF_CAP) || (x->t[k].flags & CG_TF_ALLCAP) ||
            x->t[k].para != x->t[i].para || x->t[k].quote >= 0)
            return 0;
    return 1;
}

static size_t verb_cue_rest(const cg_x_ctx_t *x, size_t i, size_t lim, int allow_weak);

/**
 * Is there a reporting cue at @p i (verb, not a noun use)? Returns its length. The cheap
 * tests are inlined where it is called (mostly on words that are no cue at all); the
 * rest is verb_cue_rest.
 */
static inline size_t verb_cue_at(const cg_x_ctx_t *x, size_t i, size_t lim, int allow_weak)
{
    const cg_tok_t *t = &x->t[i];

    if (t->kind != CG_T_WORD || t->quote >= 0)
        return 0;
    /* a cue is a phrase cue (its first word starts a longer phrase) or a word of these lists */
    if (!(t->lex & (CG_LX_START | CG_LX_SPEECH | CG_LX_BELIEF | CG_LX_OBJCUE | (allow_weak ? CG_LX_WEAK : 0u))))
        return 0;
    return verb_cue_rest(x, i, lim, allow_weak);
}

/* Token @p i holds a '-' ("wake-up"). A loop, not memchr: words are a few bytes, and a
   library call per candidate cue cost more than the scan. */
static inline int has_hyphen(const cg_x_ctx_t *x, size_t i)
{
    const char *p = x->txt + x->t[i].s, *e = x->txt + x->t[i].e;

    for (; p < e; p++)
        if (*p == '-')
            return 1;
    return 0;
}

/* verb_cue_at on a word that passed its first tests. */
static size_t verb_cue_rest(const cg_x_ctx_t *x, size_t i, size_t lim, int allow_weak)
{
    const cg_tok_t *t = &x->t[i];
    size_t n;

    /* "a wake-up call for", "a follow-up report": the head of a compound noun */
    if (i > 1 && x->t[i - 1].kind == CG_T_WORD && !(t->lex & CG_LX_SPEECH) &&
        (has_hyphen(x, i - 1) || cg_x__dash(x, i - 2)))
        return 0;
    n = phrase_at(x, i, lim, CG_LX_PHRASE_CUE | CG_LX_OBJCUE);
    if (n > 1 && !(t->flags & CG_TF_CAP) &&
        !(i > 0 && (x->t[i - 1].kind == CG_T_POSS || (x->t[i - 1].kind == CG_T_WORD && (x->t[i - 1].lex & CG_LX_DET) &&
                                                      !word_is(x, i - 1, "that")))))
        return n;
    if (!(t->lex & (CG_LX_SPEECH | CG_LX_BELIEF | CG_LX_OBJCUE)) && !(allow_weak && (t->lex & CG_LX_WEAK)))
        return 0;
    /* capitalised: only inside a title-case headline ("Pollster Says Race Is Close") */
    if ((t->flags & CG_TF_CAP) &&
        ((t->flags & CG_TF_SENT) || !(t->lex & CG_LX_SPEECH) ||
         (!(x->p[t->para].flags & CG_PF_HEADING) && !title_case_at(x, i))))
        return 0;
    /* noun uses: "the claims", "Orkney's claims", "his remarks" */
    if (i > 0 && (x->t[i - 1].kind == CG_T_POSS ||
                  (x->t[i - 1].kind == CG_T_WORD && (x->t[i - 1].lex & CG_LX_DET) &&
                   !word_is(x, i - 1, "that"))))
        return 0;
    if (i > 0 && word_is(x, i - 1, "to") && !(x->t[i].lex & CG_LX_BELIEF))
        return 0; /* "to say" is rarely an attribution by itself */
    /* "waning demand and rising costs", "faster than predicted and well above": content
       does not begin with a conjunction, so neither does a cue's */
    if (word_is(x, i + 1, "and") || word_is(x, i + 1, "or"))
        return 0;
    if (phrase_at(x, i, lim, CG_LX_NONCUE) > 1)
        return 0; /* "think tank", "claimed responsibility" */
    /* "an operative believed to be", "is said to have": no speaker */
    if (word_is(x, i + 1, "to") && !(t->lex & CG_LX_INF) &&
        (ends_with(x, i, "ed") || word_is(x, i, "said") || word_is(x, i, "thought") || word_is(x, i, "known")))
        return 0;
    return 1;
}

/** Whether a cue starts at @p i (for content-end detection). */
static int cue_follows(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    size_t k = i;

    while (k < lim && k < i + 3 && lower_word(x, k) && (x->t[k].lex & CG_LX_SKIP))
        k++;
    return k < lim && verb_cue_at(x, k, lim, 0) > 0 && !(x->t[k].lex & CG_LX_BELIEF);
}

/**
 * End of reported content starting at @p s within sentence end @p te: stops before
 * ", saying", ", according to", ", X said", "and told", ";", extended to the close of a
 * quotation that opened inside. @p stop_comma ends it at the first comma.
 */
static size_t content_end(const cg_x_ctx_t *x, size_t s, size_t te, int stop_comma)
{
    size_t k;

    for (k = s; k < te && k < s + CONTENT_MAX; k++) {
        const cg_tok_t *t = &x->t[k];
        if (t->quote >= 0 && (t->flags & CG_TF_QOPEN)) {
            const cg_quote_t *q = &x->q[t->quote];
            size_t qe = q->close != (size_t)-1 ? q->close : q->ce - 1;
            if (qe >= te) {
                /* a quotation running past the sentence: take it whole */
                return qe + 1;
            }
            k = qe;
            /* "… a “ridiculous proposition,” adding that …": the comma inside the marks */
            if (qe > 0 && cg_x__punct(x, qe - 1, ',') && qe + 1 < te && x->t[qe + 1].kind == CG_T_WORD &&
                x->t[qe + 1].quote < 0 &&
                (((x->t[qe + 1].lex & CG_LX_SPEECH) && ends_with(x, qe + 1, "ing")) ||
                 (x->t[qe + 1].lex & CG_LX_ACCORDING) || word_is(x, qe + 1, "while") ||
                 word_is(x, qe + 1, "whereas")))
                return qe + 1;
            continue;
        }
        if (t->quote >= 0)
            continue;
        if (cg_x__punct(x, k, ';'))
            return k;
        if (cg_x__punct(x, k, ',')) {
            if (stop_comma && k > s + 1)
                return k;
            if (k + 1 < te) {
                const cg_tok_t *n = &x->t[k + 1];
                if (n->kind == CG_T_WORD && (n->lex & CG_LX_ACCORDING))
                    return k;
                if (n->kind == CG_T_WORD && (n->lex & CG_LX_SPEECH) && ends_with(x, k + 1, "ing"))
                    return k;
                /* ", while others …": a contrast that is the writer's, not the speaker's */
                if (word_is(x, k + 1, "while") || word_is(x, k + 1, "whereas"))
                    return k;
                /* ", but he pressed …": a new clause with a personal subject */
                if ((word_is(x, k + 1, "but") || word_is(x, k + 1, "and")) && k + 3 < te &&
                    (word_is(x, k + 2, "he") || word_is(x, k + 2, "she") || word_is(x, k + 2, "they")) &&
                    verbish(x, k + 3))
                    return k;
                /* ", he said." / ", officials said" near the end */
                {
                    cg_np_t np;
                    if (cg_x__np_at((cg_x_ctx_t *)x, k + 1, te, &np) && np.te < te &&
                        verb_cue_at(x, np.te, te, 0) && np.te + 6 >= te)
                        return k;
                    /* "Asked if C, X said she ...": a new reporting clause mid-sentence */
                    if (np.type != CG_NP_NONE && np.te > k + 1 && np.te + 1 < te && !word_is(x, s, "that") &&
                        (x->t[np.te].lex & CG_LX_SPEECH) && !(x->t[np.te].lex & CG_LX_WEAK) &&
                        !ends_with(x, np.te, "ing") && verb_cue_at(x, np.te, te, 0))
                        return k;
                    if (verb_cue_at(x, k + 1, te, 0) && k + 6 >= te)
                        return k;
                }
            }
        }
        if (word_is(x, k, "and") && k > s + 2 && word_is(x, k + 1, "that") && k > s &&
            (cg_x__punct(x, k - 1, ',') || x->t[k - 1].kind == CG_T_QUOTE))
            return cg_x__punct(x, k - 1, ',') ? k - 1 : k; /* a second that-clause */
        if (word_is(x, k, "and") && k > s + 2 && cue_follows(x, k + 1, te))
            return k > s && cg_x__punct(x, k - 1, ',') ? k - 1 : k;
        if (word_is(x, k, "but") && k > s + 2 && cue_follows(x, k + 1, te))
            return k > s && cg_x__punct(x, k - 1, ',') ? k - 1 : k;
    }
    return k;
}

/** Stores a claim with speaker @p np (resolved) and content [s, e). */
static int emit(cg_x_ctx_t *x, const cg_np_t *np, int ent, size_t cue, size_t ncue, size_t s, size_t e,
                int type, uint32_t para)
{
    cg_xclaim_t c;
    int idx;

    trim_range(x, &s, &e, 1);
    if (e <= s)
        return -2;
    claim_init(&c);
    c.type = type >= 0 ? type : content_type(x, s, e);
    c.sp[0][0] = x->t[s].s;
    c.sp[0][1] = x->t[e - 1].e;
    c.nsp = 1;
    c.ent = ent;
    if (np)
        set_mention(x, &c, np);
    set_cue(x, &c, cue, ncue);
    idx = cg_x__add_claim(x, &c);
    if (idx < 0)
        return -1;
    use_quotes(x, s, e);
    if (ent >= 0 && np && np->type == CG_NP_NAME)
        cg_x__promote_person(x, ent);
    if (ent >= 0) {
        x->last_speaker = ent;
        x->last_speaker_para = para;
        x->ents[ent].last_para = para;
    }
    x->last_claim = idx;
    x->last_claim_para = para;
    return idx;
}

static int add_span(cg_x_ctx_t *x, int idx, size_t s, size_t e)
{
    cg_xclaim_t *c = &x->cl[idx];

    size_t bs, be;
    int p, k;

    trim_range(x, &s, &e, 1);
    if (e <= s || c->nsp >= 4)
        return 0;
    bs = x->t[s].s;
    be = x->t[e - 1].e;
    /* spans stay in file order and never overlap ("“a” X said “b”" may add “a” last) */
    for (p = 0; p < c->nsp && c->sp[p][0] < bs; p++)
        ;
    if ((p > 0 && c->sp[p - 1][1] > bs) || (p < c->nsp && c->sp[p][0] < be))
        return 0;
    for (k = c->nsp; k > p; k--) {
        c->sp[k][0] = c->sp[k - 1][0];
        c->sp[k][1] = c->sp[k - 1][1];
    }
    c->sp[p][0] = bs;
    c->sp[p][1] = be;
    c->nsp++;
    use_quotes(x, s, e);
    return 0;
}

/** Token range of quote @p qi including its marks. */
static void quote_range(const cg_x_ctx_t *x, int qi, size_t *s, size_t *e)
{
    const cg_quote_t *q = &x->q[qi];

    *s = q->open;
    *e = q->close != (size_t)-1 ? q->close + 1 : q->ce;
}

/** A noun phrase after a verb, preferring "DESC, NAME," to the description. */
static int object_np(cg_x_ctx_t *x, size_t i, size_t lim, cg_np_t *np)
{
    cg_np_t n2;

    if (!cg_x__np_at(x, i, lim, np))
        return 0;
    if ((np->type == CG_NP_DESC || cg_x__has_title(x, np->ts, np->te)) && np->te + 1 < lim &&
        cg_x__punct(x, np->te, ',') && cg_x__np_at(x, np->te + 1, lim, &n2) && n2.type == CG_NP_NAME &&
        (n2.kind == CG_EK_UNKNOWN || n2.kind == CG_EK_PERSON) &&
        (n2.te >= lim || cg_x__punct(x, n2.te, ',') || x->t[n2.te].kind != CG_T_WORD)) {
        n2.desc_ts = np->ts;
        n2.desc_te = np->te;
        if (n2.kind == CG_EK_UNKNOWN)
            n2.kind = CG_EK_PERSON;
        n2.person_evidence = 1;
        *np = n2;
    }
    return 1;
}

/** Is @p ent an outlet? */
static int is_outlet(const cg_x_ctx_t *x, int e)
{
    return e >= 0 && x->ents[e].kind == CG_EK_OUTLET;
}

/** A quotation whose closing mark is at token @p k (or that ends right before @p k). */
static int quote_closing_at(const cg_x_ctx_t *x, size_t k)
{
    if (k < x->nt && x->t[k].kind == CG_T_QUOTE && x->t[k].quote >= 0 && (x->t[k].flags & CG_TF_QCLOSE))
        return x->t[k].quote;
    return -1;
}

/** The next opening quotation at @p k in paragraph @p para, -1 if none. */
static int quote_opening_at(const cg_x_ctx_t *x, size_t k, uint32_t para)
{
    if (k < x->nt && x->t[k].para == para && x->t[k].kind == CG_T_QUOTE && x->t[k].quote >= 0 &&
        (x->t[k].flags & CG_TF_QOPEN) && x->q[x->t[k].quote].open == k && !x->q[x->t[k].quote].is_title)
        return x->t[k].quote;
    return -1;
}

/** Does a reporting cue follow quotation @p qi in its sentence? */
static int quote_has_cue_after(const cg_x_ctx_t *x, int qi)
{
    size_t s, e, k, lim;

    quote_range(x, qi, &s, &e);
    if (e >= x->nt)
        return 0;
    lim = x->s[x->t[e - 1].sent].te;
    for (k = e; k < lim && k < e + WIN; k++)
        if (verb_cue_at(x, k, lim, 1))
            return 1;
    return 0;
}

/** Speaker of a quotation-or-content before cue at @p c: the zone between them. */
static int speaker_between(cg_x_ctx_t *x, size_t zs, size_t c, size_t ncue, size_t lim, cg_np_t *np,
                           int *ent)
{
    *ent = -1;
    if (zs < c) {
        if (!cg_x__subject_np(x, zs, c, np))
            return 0;
    } else {
        /* inverted: "said Penbury" */
        if (!object_np(x, c + ncue, lim, np))
            return 0;
    }
    *ent = cg_x__resolve(x, np);
    return 1;
}

/** Relations waiting for the next claim of the sentence. */
typedef struct {
    int type;
    int target;
} pending_rel_t;

static void apply_rel(cg_x_ctx_t *x, int idx, pending_rel_t *pr)
{
    if (idx < 0 || pr->target < 0 || pr->target == idx)
        return;
    x->cl[idx].rel_type = pr->type;
    x->cl[idx].rel_target = pr->target;
    pr->target = -1;
}

/** Sentence-level intermediaries: "Speaking to X,", "in an interview with X". */
static int sentence_via(cg_x_ctx_t *x, size_t ts, size_t te)
{
    static const uint64_t via_words = WORD_BIT("speaking") | WORD_BIT("talking") |
                                      WORD_BIT("spoke") | WORD_BIT("talked") |
                                      WORD_BIT("speak") | WORD_BIT("interview");
    size_t k;

    for (k = ts; k + 1 < te && k < ts + 60; k++) {
        cg_np_t np;
        size_t at = 0;
        uint64_t h = x->t[k].h;
        /* only these six words start an intermediary */
        if (x->t[k].kind != CG_T_WORD || !MAY_BE_ONE_OF(via_words, h) ||
            (h != cg_lex__hash_lit("speaking") && h != cg_lex__hash_lit("talking") &&
             h != cg_lex__hash_lit("spoke") && h != cg_lex__hash_lit("talked") &&
             h != cg_lex__hash_lit("speak") && h != cg_lex__hash_lit("interview")))
            continue;
        if ((word_is(x, k, "speaking") || word_is(x, k, "talking") || word_is(x, k, "spoke") ||
             word_is(x, k, "talked") || word_is(x, k, "speak")) &&
            (word_is(x, k + 1, "to") || word_is(x, k + 1, "with")))
            at = k + 2;
        else if (word_is(x, k, "interview") && (word_is(x, k + 1, "with") || word_is(x, k + 1, "to")))
            at = k + 2;
        if (!at)
            continue;
        if (cg_x__np_at(x, at, te, &np)) {
            int e = cg_x__resolve(x, &np);
            if (is_outlet(x, e))
                return e;
        }
    }
    return -1;
}

/* ---- patterns ------------------------------------------------------------------- */

typedef struct {
    size_t ts, te;     /* sentence tokens */
    uint32_t para;
    size_t done;       /* tokens before this are inside an emitted content */
    int subj_ent;      /* the sentence subject, once resolved */
    cg_np_t subj;
    int have_subj;
    int via;           /* sentence-level intermediary outlet */
    pending_rel_t rel;
    int first_claim;   /* first claim index of this sentence */
} sent_t;

/** A claim without its own subject takes the speaker mention of its sentence's first claim. */
static void inherit_mention(cg_x_ctx_t *x, const sent_t *S, int idx)
{
    if (S->first_claim < 0)
        return;
    x->cl[idx].has_m = x->cl[S->first_claim].has_m;
    x->cl[idx].ms = x->cl[S->first_claim].ms;
    x->cl[idx].me = x->cl[S->first_claim].me;
}

static void finish_claim(cg_x_ctx_t *x, sent_t *S, int idx)
{
    if (idx < 0)
        return;
    if (S->via >= 0 && S->via != x->cl[idx].ent)
        add_via(&x->cl[idx], S->via);
    apply_rel(x, idx, &S->rel);
    if (S->first_claim < 0)
        S->first_claim = idx;
}

/** "“…,” he said, “…”" and "“…,” he said. “…”": further spans of one claim. */
static void continuation_spans(cg_x_ctx_t *x, int idx, size_t after, uint32_t para)
{
    size_t k = after;
    int q;

    if (k < x->nt && (cg_x__punct(x, k, ',') || cg_x__punct(x, k, ':') || cg_x__dash(x, k) ||
                      (MERGE_AFTER_SENTENCE && cg_x__punct(x, k, '.'))))
        k++;
    q = quote_opening_at(x, k, para);
    if (q < 0 || x->q[q].used)
        return;
    /* after a full stop only a properly closed quotation goes on the same claim */
    if (k > after && cg_x__punct(x, after, '.') && x->q[q].close == (size_t)-1)
        return;
    if (quote_has_cue_after(x, q))
        return;
    {
        size_t s, e;
        quote_range(x, q, &s, &e);
        add_span(x, idx, s, e);
    }
}

/**
 * Does the sentence starting at @p k (paragraph @p para) consist of "X said" and at most
 * an adverbial (so it names the speaker of a quotation before it)? Returns the cue index
 * plus one, or 0.
 */
static size_t cue_opens_sentence(const cg_x_ctx_t *x, size_t k, uint32_t para)
{
    size_t j, lim, n;

    if (k >= x->nt || x->t[k].para != para || !(x->t[k].flags & CG_TF_SENT) || x->t[k].quote >= 0)
        return 0;
    lim = x->s[x->t[k].sent].te;
    for (j = k; j < lim && j < k + 8; j++) {
        if (x->t[j].kind == CG_T_QUOTE || cg_x__punct(x, j, ','))
            return 0;
        if ((n = verb_cue_at(x, j, lim, 0)) > 0)
            return (x->t[j].lex & CG_LX_SPEECH) && !(j > k && be_form(x, j - 1)) &&
                           (j + n >= lim || cg_x__punct(x, j + n, '.') || cg_x__punct(x, j + n, ',') ||
                            (x->t[j + n].lex & (CG_LX_PREP | CG_LX_TIME)) != 0)
                       ? j + 1
                       : 0;
    }
    return 0;
}

/** Post-quote cue: "“…,” he said" / "“…,” said X" / "“…,” the outlet quoted its source". */
static int try_post_quote(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue)
{
    size_t k, zs, qs, qe, after;
    int qi = -1, ent = -1, idx, via = -1;
    cg_np_t np;

    for (k = c; k > S->ts && k + WIN > c; k--) {
        size_t p = k - 1;
        if (x->t[p].quote >= 0) {
            qi = quote_closing_at(x, p);
            if (qi < 0 && x->q[x->t[p].quote].close == (size_t)-1 && x->q[x->t[p].quote].ce == k)
                qi = x->t[p].quote;
            break;
        }
        if ((cg_x__punct(x, p, '.') && (x->t[p + 1].flags & CG_TF_SENT)) || cg_x__punct(x, p, ';') ||
            cg_x__punct(x, p, ':') || cg_x__punct(x, p, '!') || cg_x__punct(x, p, '?'))
            return 0;
        if (p != k - 1 && verb_cue_at(x, p, c, 0))
            return 0;
    }
    /* "“… okay?” Lowe said.": the quotation closed the previous sentence */
    if (qi < 0 && k == S->ts && k > 0 && x->t[k - 1].para == S->para && cue_opens_sentence(x, k, S->para) == c + 1)
        qi = quote_closing_at(x, k - 1);
    if (qi < 0 || x->q[qi].used || x->q[qi].is_title)
        return 0;
    quote_range(x, qi, &qs, &qe);
    /* "“…,” he said" shape: the quotation ends its clause */
    {
        const cg_quote_t *q = &x->q[qi];
        size_t last = q->ce > q->cs ? q->ce - 1 : q->cs;
        int shaped = cg_x__punct(x, last, ',') || cg_x__punct(x, last, '?') || cg_x__punct(x, last, '!') ||
                     cg_x__punct(x, last, '.') || cg_x__dash(x, last) ||
                     (qe < x->nt && (cg_x__punct(x, qe, ',') || cg_x__dash(x, qe))) || qe == c;
        if (!shaped)
            return 0;
    }
    zs = qe;
    if (zs < c && (cg_x__punct(x, zs, ',') || cg_x__dash(x, zs)))
        zs++;
    /* the zone must hold at most a speaker phrase */
    if (x->t[c].lex & CG_LX_SRCOBJ) {
        /* "the media outlet quoted its source": the object is the speaker */
        cg_np_t sub;
        if (zs < c && cg_x__subject_np(x, zs, c, &sub))
            via = cg_x__resolve(x, &sub);
        if (!object_np(x, c + ncue, S->te, &np))
            return 0;
        ent = cg_x__resolve(x, &np);
        after = np.te;
    } else {
        /* "“…,” he will say", "“…,” she has since said": the auxiliaries are not the speaker */
        size_t cz = c;
        while (cz > zs + 1 && lower_word(x, cz - 1) && (x->t[cz - 1].lex & CG_LX_SKIP))
            cz--;
        if (!speaker_between(x, zs, zs < c ? cz : c, ncue, S->te, &np, &ent))
            return 0;
        after = zs < c ? c + ncue : np.te;
        if (zs < c && np.te < cz) {
            /* something else between speaker and cue: only apposition allowed */
            if (!cg_x__punct(x, np.te, ',') && !cg_x__punct(x, np.te, '(') && !cg_x__dash(x, np.te))
                return 0;
        }
    }
    if (ent < 0 && np.type != CG_NP_PRON && np.type != CG_NP_NAME && np.type != CG_NP_DESC)
        return 0;
    idx = emit(x, &np, ent, c, ncue, qs, qe, CG_CLAIM_DIRECT, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    if (is_outlet(x, via))
        add_via(&x->cl[idx], via);
    /* told reporters / told OUTLET */
    if (x->t[c].lex & CG_LX_OBJVERB) {
        cg_np_t obj;
        if (after < S->te && cg_x__np_at(x, after, S->te, &obj)) {
            int oe = cg_x__resolve(x, &obj);
            if (is_outlet(x, oe))
                add_via(&x->cl[idx], oe);
        }
    }
    finish_claim(x, S, idx);
    /* interrupted quotation */
    {
        size_t end = after;
        while (end < S->te && end < after + 8 && !cg_x__punct(x, end, ',') && !cg_x__punct(x, end, '.') &&
               x->t[end].kind != CG_T_QUOTE)
            end++;
        continuation_spans(x, idx, end, S->para);
    }
    S->done = c + ncue;
    return 1;
}

/** "X described Y as “…”", "X hailed Y as “…”": the quoted words are X's. */
static int try_as_quote(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue)
{
    size_t k, lim = c + ncue + 10 < S->te ? c + ncue + 10 : S->te;
    int qi = -1, ent, idx;
    cg_np_t np;

    for (k = c + ncue; k + 1 < lim; k++) {
        if (cg_x__punct(x, k, '.') || cg_x__punct(x, k, ';') || x->t[k].quote >= 0)
            return 0;
        if (verb_cue_at(x, k, lim, 0))
            return 0; /* "rebutted and described as “…” the remarks": the "as" is the other verb's */
        if (word_is(x, k, "as")) {
            size_t j = k + 1;
            if (k == c + ncue)
                return 0; /* "referred to as “…”": no object, a passive naming */
            if (j < lim && (word_is(x, j, "a") || word_is(x, j, "an") || word_is(x, j, "the")))
                j++;
            qi = quote_opening_at(x, j, S->para);
            break;
        }
    }
    if (qi < 0 || x->q[qi].used)
        return 0;
    if (!cg_x__subject_np(x, S->ts, c, &np))
        return 0;
    ent = cg_x__resolve(x, &np);
    {
        size_t qs, qe;
        quote_range(x, qi, &qs, &qe);
        idx = emit(x, &np, ent, c, ncue, qs, qe, CG_CLAIM_MIXED, S->para);
        if (idx == -1)
            return -1;
        if (idx < 0)
            return 0;
        finish_claim(x, S, idx);
        S->done = qe;
    }
    return 1;
}

/** Pre-quote cue: "X said: “…”", "He added, “…”", "X told reporters: “…”". */
static int try_pre_quote(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue)
{
    size_t k = c + ncue, lim, qs, qe;
    int qi = -1, ent = -1, idx;
    cg_np_t np;

    lim = k + 8 < x->nt ? k + 8 : x->nt;
    for (; k < lim; k++) {
        if (x->t[k].kind == CG_T_QUOTE) {
            qi = quote_opening_at(x, k, S->para);
            break;
        }
        if (cg_x__punct(x, k, '.') || x->t[k].kind == CG_T_QUOTE)
            return 0;
        if (word_is(x, k, "that"))
            return 0; /* reported speech with a quotation inside */
    }
    if (qi < 0 || x->q[qi].used)
        return 0;
    /* only a colon, comma or a short hearer phrase between */
    if (k > c + ncue && !cg_x__punct(x, k - 1, ':') && !cg_x__punct(x, k - 1, ','))
        return 0;
    if (!cg_x__subject_np(x, S->ts, c, &np))
        return 0;
    ent = cg_x__resolve(x, &np);
    quote_range(x, qi, &qs, &qe);
    idx = emit(x, &np, ent, c, ncue, qs, qe, CG_CLAIM_DIRECT, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    finish_claim(x, S, idx);
    continuation_spans(x, idx, qe, S->para);
    S->done = qe;
    return 1;
}

/** Words that open an indirect question. */
static int wh_word(const cg_x_ctx_t *x, size_t k)
{
    return word_is(x, k, "whether") || word_is(x, k, "if") || word_is(x, k, "how") || word_is(x, k, "why") ||
           word_is(x, k, "what") || word_is(x, k, "when") || word_is(x, k, "where") || word_is(x, k, "who");
}

/**
 * "Asked whether C, X said ...", "When asked about C, ...": the question is a claim of
 * its own; its asker is the agent ("asked by X") or nobody.
 */
static int try_asked(cg_x_ctx_t *x, sent_t *S, size_t c)
{
    size_t k = c + 1, cs, ce;
    cg_np_t np;
    int have_np = 0, ent = -1, idx;

    if (k < S->te && word_is(x, k, "by") && object_np(x, k + 1, S->te, &np)) {
        have_np = 1;
        ent = cg_x__resolve(x, &np);
        k = np.te;
    }
    if (k + 2 >= S->te || !(wh_word(x, k) || word_is(x, k, "about")))
        return 0;
    cs = word_is(x, k, "about") ? k + 1 : k;
    ce = content_end(x, cs, S->te, 1);
    /* the question ends at the comma before the main clause */
    if (ce >= S->te || !cg_x__punct(x, ce, ',') || ce <= cs + 1)
        return 0;
    {
        /* the answer, not the question, is what later quotations continue */
        int lc = x->last_claim, ls = x->last_speaker;
        uint32_t lcp = x->last_claim_para, lsp = x->last_speaker_para;
        idx = emit(x, have_np ? &np : NULL, ent, c, 1, cs, ce, -1, S->para);
        x->last_claim = lc;
        x->last_claim_para = lcp;
        x->last_speaker = ls;
        x->last_speaker_para = lsp;
    }
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    S->done = ce;
    return 1;
}

/**
 * "X seems to Y", "X appeared ready to Y", "X is expected to Y": a judgement with no
 * named source. The content is the subject and the complement (two spans) without the
 * verb; the cue of "is expected" includes its auxiliary.
 */
static int try_raising(cg_x_ctx_t *x, sent_t *S, size_t c)
{
    size_t cue_s = c, k = c + 1, ss, se, ce, lo;
    int idx;

    if (k + 1 >= S->te || x->t[c].quote >= 0 || (x->t[c].flags & CG_TF_CAP))
        return 0;
    if (word_is(x, c, "expected")) {
        if (c == S->ts || !be_form(x, c - 1) || word_is(x, c - 1, "being"))
            return 0;
        cue_s = c - 1;
        if (!word_is(x, k, "to"))
            return 0;
    } else if (word_is(x, k, "to")) {
        /* "appeared to reporters": a hearer, not an infinitive */
        if (!lower_word(x, k + 1) || (x->t[k + 1].lex & (CG_LX_DET | CG_LX_PRON | CG_LX_PREP)))
            return 0;
    } else if (!word_is(x, c, "seem") && !word_is(x, c, "seems") && !word_is(x, c, "seemed")) {
        return 0; /* "appeared in court", "appeared on television" */
    } else if (!lower_word(x, k) || (x->t[k].lex & (CG_LX_PREP | CG_LX_DET | CG_LX_TIME | CG_LX_REL))) {
        return 0;
    }
    /* the subject: back to the clause start, relative pronoun included */
    lo = S->ts > S->done ? S->ts : S->done;
    se = cue_s;
    while (se > lo && lower_word(x, se - 1) && (x->t[se - 1].lex & CG_LX_SKIP))
        se--;
    for (ss = se; ss > lo && ss + 20 > se; ss--) {
        const cg_tok_t *p = &x->t[ss - 1];
        if (p->quote >= 0 || cg_x__punct(x, ss - 1, ',') || cg_x__punct(x, ss - 1, ';') ||
            cg_x__punct(x, ss - 1, ':') || cg_x__dash(x, ss - 1))
            break;
        if (p->kind == CG_T_WORD && (p->lex & CG_LX_REL) && !(p->flags & CG_TF_CAP)) {
            if (word_is(x, ss - 1, "who") || word_is(x, ss - 1, "which") || word_is(x, ss - 1, "that"))
                ss--;
            break;
        }
        if (p->kind == CG_T_WORD && (p->lex & CG_LX_FUNC) && !(p->lex & (CG_LX_DET | CG_LX_PRON)) &&
            (word_is(x, ss - 1, "and") || word_is(x, ss - 1, "but") || word_is(x, ss - 1, "because") ||
             word_is(x, ss - 1, "while") || word_is(x, ss - 1, "although") || word_is(x, ss - 1, "though") ||
             word_is(x, ss - 1, "if") || word_is(x, ss - 1, "as") || word_is(x, ss - 1, "since") ||
             word_is(x, ss - 1, "so") || word_is(x, ss - 1, "when") || word_is(x, ss - 1, "where")))
            break;
    }
    if (ss >= se)
        return 0; /* no subject in this clause */
    ce = content_end(x, k, S->te, 0);
    if (ce <= k + 1)
        return 0;
    {
        int lc = x->last_claim, ls = x->last_speaker;
        uint32_t lcp = x->last_claim_para, lsp = x->last_speaker_para;
        idx = emit(x, NULL, -1, cue_s, c + 1 - cue_s, ss, se, CG_CLAIM_INDIRECT, S->para);
        if (idx >= 0)
            add_span(x, idx, k, ce);
        x->last_claim = lc;
        x->last_claim_para = lcp;
        x->last_speaker = ls;
        x->last_speaker_para = lsp;
    }
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    S->done = ce;
    return 1;
}

/**
 * "In a new poll (last month), C" / "In the survey, C": a poll introduced by a
 * sentence-initial "In" is the source of the clause after the comma.
 */
static int try_in_document(cg_x_ctx_t *x, sent_t *S, size_t c)
{
    cg_np_t np;
    size_t k, cs, ce;
    int ent, idx;

    if (!object_np(x, c + 1, S->te, &np) || np.type != CG_NP_DESC || np.kind != CG_EK_DOC)
        return 0;
    /* measurements speak for themselves; a statement's issuer is the subject that follows */
    if (!(word_is(x, np.head, "poll") || word_is(x, np.head, "polls") || word_is(x, np.head, "survey") ||
          word_is(x, np.head, "surveys") || word_is(x, np.head, "polling")))
        return 0;
    for (k = np.te; k < S->te && k < np.te + 6 && !cg_x__punct(x, k, ','); k++)
        if (x->t[k].kind != CG_T_WORD && x->t[k].kind != CG_T_NUM)
            return 0;
    if (k >= S->te || !cg_x__punct(x, k, ','))
        return 0;
    cs = k + 1;
    if (!clause_at(x, cs, S->te))
        return 0;
    ce = content_end(x, cs, S->te, 0);
    if (ce <= cs + 2)
        return 0;
    /* "In a statement, X said …": the statement is X's, the verb says so */
    for (k = cs; k < ce && k < cs + 30; k++)
        if (x->t[k].quote < 0 && (x->t[k].lex & (CG_LX_SPEECH | CG_LX_BELIEF)) && verb_cue_at(x, k, S->te, 0))
            return 0;
    ent = cg_x__resolve(x, &np);
    idx = emit(x, &np, ent, c, 1, cs, ce, -1, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    finish_claim(x, S, idx);
    S->done = ce;
    return 1;
}

/** Content start after a cue: "that", hearer, adverbials. Returns 0 when none. */
static size_t content_start(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue, int *via, int belief)
{
    size_t k = c + ncue, j;
    int objverb = (x->t[c].lex & CG_LX_OBJVERB) != 0;

    *via = -1;
    if (k >= S->te)
        return 0;
    if (cg_x__punct(x, k, ':'))
        return k + 1 < S->te ? k + 1 : 0;
    if (cg_x__punct(x, k, ',') && k + 3 < S->te && !objverb && x->t[k + 1].kind == CG_T_WORD &&
        !(x->t[k + 1].lex & (CG_LX_PREP | CG_LX_REL | CG_LX_SKIP | CG_LX_ACCORDING)) &&
        !ends_with(x, k + 1, "ing"))
        return k + 1;
    /* "that" within a short window with no clause break */
    for (j = k; j < S->te && j < k + 12; j++) {
        if (word_is(x, j, "that")) {
            if (j > k && objverb) {
                cg_np_t obj;
                if (cg_x__np_at(x, k, j, &obj)) {
                    int oe = cg_x__resolve(x, &obj);
                    if (is_outlet(x, oe))
                        *via = oe;
                }
            }
            if (j > k && !objverb) {
                /* only adverbials between: "said on Tuesday that", "said in a statement that" */
                if (!(x->t[k].lex & (CG_LX_PREP | CG_LX_TIME | CG_LX_SKIP)) && !ends_with(x, k, "ly"))
                    break;
            }
            return j;
        }
        if (cg_x__punct(x, j, ',') || cg_x__punct(x, j, '.') || cg_x__punct(x, j, ';') ||
            x->t[j].kind == CG_T_QUOTE)
            break;
        if (j > k && verb_cue_at(x, j, S->te, 0))
            break;
    }
    if (objverb) {
        cg_np_t obj;
        if (cg_x__np_at(x, k, S->te, &obj)) {
            int oe = cg_x__resolve(x, &obj);
            if (is_outlet(x, oe))
                *via = oe;
            k = obj.te;
        } else if (x->t[k].kind == CG_T_WORD && (x->t[k].lex & CG_LX_DET) && !(x->t[k].lex & CG_LX_PRON)) {
            /* a hearer in no word list: "told a news conference they …" */
            size_t h = k + 1;
            while (h < S->te && h < k + 4 && lower_word(x, h) &&
                   !(x->t[h].lex & (CG_LX_FUNC | CG_LX_PREP | CG_LX_SKIP | CG_LX_REL | CG_LX_PRON | CG_LX_DET)))
                h++;
            if (h == k + 1)
                return 0;
            k = h;
        } else {
            return 0;
        }
        if (k < S->te && word_is(x, k, "to") && (x->t[c].lex & CG_LX_INF))
            return k;
        /* "asked the senator whether ...": an indirect question after the hearer */
        if (k + 1 < S->te && wh_word(x, k) && x->t[k + 1].kind == CG_T_WORD)
            return k;
        if (k < S->te && (cg_x__punct(x, k, ':')))
            return k + 1;
    }
    if (k >= S->te)
        return 0;
    /* infinitive after "want", "hope", "plan", "promise", "vow" */
    if (word_is(x, k, "to") && k + 1 < S->te && lower_word(x, k + 1) && (x->t[c].lex & CG_LX_INF))
        return k;
    /* bare clause: a subject-like word and a verb */
    {
        const cg_tok_t *t = &x->t[k];
        int subj = (t->kind == CG_T_WORD && !(t->lex & (CG_LX_SKIP | CG_LX_REL | CG_LX_SPEECH | CG_LX_BELIEF)) &&
                    !ends_with(x, k, "ing") && !ends_with(x, k, "ly")) ||
                   t->kind == CG_T_NUM || (t->kind == CG_T_QUOTE && (t->flags & CG_TF_QOPEN));
        if (t->kind == CG_T_WORD && (t->lex & CG_LX_PREP) && !(t->lex & CG_LX_DET))
            subj = 0;
        if (word_is(x, k, "him") || word_is(x, k, "them") || word_is(x, k, "us") || word_is(x, k, "me"))
            subj = 0;
        if (subj && clause_at(x, k, S->te))
            return k;
    }
    return 0;
}

/**
 * Noun-phrase content right after a cue ("endorsed X", "called X “unfit”", "polls show
 * X", "said yes"): for reporting verbs and object cues only. Returns 0 when none.
 */
static size_t object_start(const cg_x_ctx_t *x, const sent_t *S, size_t c, size_t ncue)
{
    size_t k = c + ncue;
    const cg_tok_t *t;

    if (!(x->t[c].lex & (CG_LX_SPEECH | CG_LX_OBJCUE)) && ncue == 1)
        return 0;
    if ((x->t[c].lex & CG_LX_WEAK) && !(x->t[c].lex & CG_LX_OBJCUE) && ncue == 1)
        return 0;
    if (k >= S->te)
        return 0;
    t = &x->t[k];
    /* "asked whether ...", "wondered how ...": an indirect question */
    if (word_is(x, k, "whether") || word_is(x, k, "if") || word_is(x, k, "how") || word_is(x, k, "why") ||
        word_is(x, k, "what"))
        return k + 1 < S->te && x->t[k + 1].kind == CG_T_WORD ? k : 0;
    if ((x->t[c].lex & CG_LX_OBJVERB) && !(x->t[c].lex & CG_LX_OBJCUE))
        return 0; /* "told reporters", "informed the minister": the object is the hearer */
    if (word_is(x, c, "ask") || word_is(x, c, "asks") || word_is(x, c, "asked") || word_is(x, c, "asking"))
        return 0; /* "asked the minister" */
    if (word_is(x, k, "as") || word_is(x, k, "out") || word_is(x, k, "up") || word_is(x, k, "off"))
        return 0; /* "referred to as", "called out", "called off" */
    if (t->kind == CG_T_QUOTE)
        return (t->flags & CG_TF_QOPEN) && t->quote >= 0 && !x->q[t->quote].is_title ? k : 0;
    if (t->kind == CG_T_NUM)
        return k;
    if (t->kind != CG_T_WORD)
        return 0;
    /* "said on Tuesday", "said Monday", "found guilty", "called back" */
    if ((t->lex & (CG_LX_PREP | CG_LX_TIME | CG_LX_REL)) && !(t->lex & CG_LX_DET) && !(t->lex & CG_LX_PRON))
        return 0;
    if (ends_with(x, k, "ly") || (t->lex & CG_LX_SKIP))
        return 0;
    if (verb_cue_at(x, k, S->te, 0))
        return 0;
    return k;
}

/** Cues whose noun-phrase object is a finding ("polls show X", "the study found X"). */
static int finding_cue(const cg_x_ctx_t *x, size_t c)
{
    return word_is(x, c, "show") || word_is(x, c, "shows") || word_is(x, c, "showed") || word_is(x, c, "shown") ||
           word_is(x, c, "found") || word_is(x, c, "finds") || word_is(x, c, "find") ||
           word_is(x, c, "reveals") || word_is(x, c, "revealed") || word_is(x, c, "indicates") ||
           word_is(x, c, "indicated") || word_is(x, c, "suggests") || word_is(x, c, "suggested");
}

/**
 * May the speaker of cue @p c take a noun-phrase content? Verbs of judgement and support
 * need a person-like source (a person, a group of people, a pronoun, "who"); findings a
 * document too. Participles qualify only as a second predicate (", calling X") or after
 * an auxiliary, not as reduced relatives ("groups opposing X", "in seeking X").
 */
/**
 * Is the noun phrase ending at @p e the subject of the verb at @p c, as far as we can
 * tell cheaply? Not when another reporting verb or a subordinating word stands between
 * them ("X asked why terrorists seek refuge": "seek" has its own subject).
 */
static int subject_adjacent(const cg_x_ctx_t *x, size_t e, size_t c)
{
    size_t k;

    for (k = e; k < c && k < e + 40; k++) {
        if (x->t[k].kind != CG_T_WORD || x->t[k].quote >= 0)
            continue;
        if ((x->t[k].lex & CG_LX_SPEECH) && !(x->t[k].flags & CG_TF_CAP))
            return 0;
        if (word_is(x, k, "why") || word_is(x, k, "whether") || word_is(x, k, "how") ||
            word_is(x, k, "because") || word_is(x, k, "although") || word_is(x, k, "though") ||
            word_is(x, k, "if") || word_is(x, k, "unless"))
            return 0;
    }
    return 1;
}

static int object_source_ok(const cg_x_ctx_t *x, const sent_t *S, size_t c, size_t ncue, const cg_np_t *np,
                            int ent)
{
    int kind = ent >= 0 ? x->ents[ent].kind : np ? np->kind : CG_EK_UNKNOWN;

    (void)ncue;
    if (word_is(x, c, "claim") || word_is(x, c, "claims") || word_is(x, c, "claimed") || word_is(x, c, "claiming"))
        return 0; /* "claimed an attack": responsibility, not words */
    if (ends_with(x, c, "ing") && c > S->ts && !cg_x__punct(x, c - 1, ',') && !be_form(x, c - 1))
        return 0;
    if (x->t[c].lex & CG_LX_SPEECH)
        return 1;
    {
        const cg_np_t *subj = np ? np : S->have_subj ? &S->subj : NULL;
        if (subj && subj->te < c && !subject_adjacent(x, subj->te, c))
            return 0; /* "X asked why terrorists seek refuge": the cue has its own subject */
    }
    if (finding_cue(x, c) && (kind == CG_EK_DOC || kind == CG_EK_OUTLET || kind == CG_EK_ORG))
        return 1;
    if (!np)
        return ent >= 0 && (kind == CG_EK_PERSON || kind == CG_EK_GROUP);
    if (np->type == CG_NP_PRON)
        return !word_is(x, np->head, "it") && !word_is(x, np->head, "this") && !word_is(x, np->head, "that");
    if (kind == CG_EK_PERSON || kind == CG_EK_GROUP)
        return 1;
    return np->type == CG_NP_NAME && (np->person_evidence || kind == CG_EK_UNKNOWN);
}

/** End of a noun-phrase content: the reported-content end, cut before ", who/which". */
static size_t object_end(const cg_x_ctx_t *x, size_t s, size_t te)
{
    size_t e = content_end(x, s, te, 0), k;

    for (k = s + 1; k + 1 < e; k++) {
        if (x->t[k].quote >= 0)
            continue;
        if (cg_x__punct(x, k, ',') && x->t[k + 1].kind == CG_T_WORD && (x->t[k + 1].lex & CG_LX_REL) &&
            !(x->t[k + 1].lex & CG_LX_PREP))
            return k;
    }
    return e;
}

/**
 * ", who (also) said/believes" right before cue @p c: the noun phrase that ends at the
 * comma before "who" (the longest one, up to 8 tokens back). 1 found, 0 not.
 */
static int rel_subject(cg_x_ctx_t *x, const sent_t *S, size_t c, cg_np_t *np)
{
    size_t w = c, comma, st;
    int found = 0;
    cg_np_t cand;

    while (w > S->ts && lower_word(x, w - 1) && (x->t[w - 1].lex & CG_LX_SKIP))
        w--;
    if (w < S->ts + 3 || !word_is(x, w - 1, "who") || !cg_x__punct(x, w - 2, ','))
        return 0;
    comma = w - 2;
    for (st = comma; st > S->ts && st + 8 > comma; st--) {
        if (x->t[st - 1].kind == CG_T_PUNCT || x->t[st - 1].kind == CG_T_QUOTE)
            break;
        if (cg_x__np_at(x, st - 1, comma, &cand) && cand.te == comma && cand.type != CG_NP_PRON) {
            *np = cand;
            found = 1;
        }
    }
    return found;
}

/** Reported speech for verb cue @p c. */
static int try_reported(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue)
{
    size_t cs, ce, zs = S->ts;
    int ent = -1, idx, via = -1, belief = (x->t[c].lex & CG_LX_BELIEF) && !(x->t[c].lex & CG_LX_SPEECH);
    cg_np_t np;
    int have_np = 0;

    if (x->t[c].lex & CG_LX_WEAK && !(x->t[c].lex & (CG_LX_SPEECH | CG_LX_BELIEF | CG_LX_OBJCUE)))
        return 0;
    /* "groups opposing the dam": a participle after a noun qualifies it */
    if (!(x->t[c].lex & (CG_LX_SPEECH | CG_LX_BELIEF)) && ends_with(x, c, "ing") && c > S->ts &&
        !cg_x__punct(x, c - 1, ',') && !be_form(x, c - 1))
        return 0;
    /* passive with agent: "was assured by X that" */
    {
        size_t p = c;
        while (p > S->ts && lower_word(x, p - 1) && (x->t[p - 1].lex & CG_LX_SKIP) && !be_form(x, p - 1))
            p--;
        if (p > S->ts && be_form(x, p - 1)) {
            if (!word_is(x, c + ncue, "by") || !(x->t[c].lex & (CG_LX_SPEECH | CG_LX_BELIEF)))
                return 0;
            if (!object_np(x, c + ncue + 1, S->te, &np))
                return 0;
            ent = cg_x__resolve(x, &np);
            cs = content_start(x, S, np.te - ncue, ncue, &via, 0);
            if (!cs) {
                size_t k = np.te;
                while (k < S->te && k < np.te + 10 && !word_is(x, k, "that"))
                    k++;
                if (k >= S->te || !word_is(x, k, "that"))
                    return 0;
                cs = k;
            }
            have_np = 1;
            goto content;
        }
    }
    /* the speaker */
    if (ends_with(x, c, "ing") && c > S->ts && cg_x__punct(x, c - 1, ',')) {
        /* ", saying that ...": the sentence subject or the last speaker of the sentence */
        if (S->first_claim >= 0 && x->cl[x->ncl - 1].ent >= 0) {
            ent = x->cl[x->ncl - 1].ent;
        } else if (S->have_subj || cg_x__subject_np(x, S->ts, c, &S->subj)) {
            if (!S->have_subj) {
                S->have_subj = 1;
                S->subj_ent = cg_x__resolve(x, &S->subj);
            }
            np = S->subj;
            ent = S->subj_ent;
            have_np = 1;
        } else {
            return 0;
        }
    } else if (c > S->ts && (word_is(x, c - 1, "and") || word_is(x, c - 1, "but")) && S->first_claim >= 0 &&
               x->cl[x->ncl - 1].ent >= 0) {
        /* "... but said that ...": the subject of the previous claim */
        ent = x->cl[x->ncl - 1].ent;
    } else if (rel_subject(x, S, c, &np)) {
        /* "…, Edric Thorne, who believes C": the antecedent speaks */
        have_np = 1;
        ent = cg_x__resolve(x, &np);
    } else {
        if (!cg_x__subject_np(x, zs, c, &np))
            return 0;
        have_np = 1;
        ent = cg_x__resolve(x, &np);
    }
    /* parenthetical cue: "C1, X said, C2" / "In the end, X said, C" */
    if (c + ncue + 1 < S->te && cg_x__punct(x, c + ncue, ',')) {
        size_t k;
        cg_np_t pn;
        for (k = c; k > S->ts && k + 10 > c; k--)
            if (cg_x__punct(x, k - 1, ',') || x->t[k - 1].quote >= 0)
                break;
        if (k > S->ts + 1 && cg_x__punct(x, k - 1, ',') && cg_x__np_at(x, k, c, &pn) && pn.te == c) {
            np = pn;
            have_np = 1;
            ent = cg_x__resolve(x, &np);
        }
    }
    if (c + ncue + 1 < S->te && cg_x__punct(x, c + ncue, ',') && have_np && np.ts > S->ts &&
        cg_x__punct(x, np.ts - 1, ',') && np.te == c) {
        size_t c2 = c + ncue + 1, ce2, pre_s = S->ts > S->done ? S->ts : S->done;
        ce2 = content_end(x, c2, S->te, 0);
        if (ce2 > c2 + 1) {
            idx = emit(x, &np, ent, c, ncue, pre_s, np.ts - 1, -1, S->para);
            if (idx == -1)
                return -1;
            if (idx >= 0) {
                add_span(x, idx, c2, ce2);
                finish_claim(x, S, idx);
                S->done = ce2;
                return 1;
            }
        }
    }
    cs = content_start(x, S, c, ncue, &via, belief);
    if (!cs) {
        cs = object_start(x, S, c, ncue);
        if (!cs)
            return 0;
        if (!object_source_ok(x, S, c, ncue, have_np ? &np : NULL, ent))
            return 0;
        ce = object_end(x, cs, S->te);
        if (ce <= cs)
            return 0;
        goto emit;
    }
content:
    ce = content_end(x, cs, S->te, 0);
    if (ce <= cs + 1)
        return 0;
emit:
    idx = emit(x, have_np ? &np : NULL, ent, c, ncue, cs, ce, -1, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    if (!have_np)
        inherit_mention(x, S, idx);
    if (via >= 0)
        add_via(&x->cl[idx], via);
    if (ent >= 0 && (x->ents[ent].kind == CG_EK_OUTLET || x->ents[ent].kind == CG_EK_DOC) &&
        (word_is(x, c, "reported") || word_is(x, c, "reports") || word_is(x, c, "revealed")))
        x->last_reporter = ent;
    finish_claim(x, S, idx);
    S->done = ce;
    return 1;
}

/** "CONTENT, X said." / "CONTENT, said X." with no quotation marks. */
static int try_inverted(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue)
{
    size_t comma = (size_t)-1, k, end, cs, adv;
    int ent = -1, idx, appos;
    cg_np_t np;

    /* the cue must close the sentence (a short adverbial may follow) */
    end = c + ncue;
    {
        /* "C, said X, a professor who has ...": the speaker's apposition, not a clause */
        cg_np_t an;
        appos = c > S->ts && cg_x__punct(x, c - 1, ',') && cg_x__np_at(x, end, S->te, &an) &&
                an.type == CG_NP_NAME && an.te + 2 < S->te && cg_x__punct(x, an.te, ',') &&
                x->t[an.te + 1].kind == CG_T_WORD && !(x->t[an.te + 1].flags & CG_TF_CAP) &&
                (x->t[an.te + 1].lex & CG_LX_DET) && !(x->t[an.te + 1].lex & CG_LX_PRON) &&
                !word_is(x, an.te + 1, "that");
    }
    if (word_is(x, end, "that") || (!appos && end < S->te && clause_at(x, end, S->te)))
        return 0;
    /* a trailing adverbial opens with a preposition: "she said in a video message to X." */
    adv = end < S->te && x->t[end].kind == CG_T_WORD && (x->t[end].lex & (CG_LX_PREP | CG_LX_TIME)) ? 14 : 6;
    while (end < S->te && end < c + ncue + adv && !cg_x__punct(x, end, '.') && !cg_x__punct(x, end, ',') &&
           x->t[end].kind != CG_T_QUOTE)
        end++;
    if (end < S->te && !cg_x__punct(x, end, '.') && !cg_x__punct(x, end, ','))
        return 0;
    for (k = c; k > S->ts && k + WIN > c; k--) {
        if (cg_x__punct(x, k - 1, ',')) {
            comma = k - 1;
            break;
        }
        if (x->t[k - 1].quote >= 0)
            return 0;
    }
    if (comma == (size_t)-1 || comma < S->ts + 4)
        return 0;
    if (!speaker_between(x, comma + 1, c, ncue, S->te, &np, &ent))
        return 0;
    if (comma + 1 < c && np.te != c && !cg_x__punct(x, np.te, ','))
        return 0;
    if (comma + 1 < c && np.ts != comma + 1)
        return 0;
    if (comma + 1 >= c && np.te > end)
        return 0;
    cs = S->ts;
    if (cs < S->done)
        cs = S->done;
    if (comma <= cs + 2)
        return 0;
    /* the content must not be a quotation already handled */
    if (x->t[cs].quote >= 0 && x->q[x->t[cs].quote].used)
        return 0;
    idx = emit(x, &np, ent, c, ncue, cs, comma, -1, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    finish_claim(x, S, idx);
    /* "CONTENT, X said, CONTENT" */
    if (appos) {
        S->done = S->te;
    } else if (end < S->te && cg_x__punct(x, end, ',') && end + 2 < S->te) {
        size_t ce2 = content_end(x, end + 1, S->te, 0);
        add_span(x, idx, end + 1, ce2);
        S->done = ce2;
    } else {
        S->done = end;
    }
    return 1;
}

/** "lead" words that may precede "According to" ("But according to"). */
static int lead_word_simple(const cg_x_ctx_t *x, size_t i)
{
    return word_is(x, i, "but") || word_is(x, i, "and") || word_is(x, i, "also") || word_is(x, i, "yet") ||
           word_is(x, i, "however") || cg_x__punct(x, i, ',');
}

/** "X as saying" within a few tokens of @p k ("citing officials as saying that"). */
static int has_as_saying(const cg_x_ctx_t *x, size_t k, size_t te)
{
    size_t j;

    for (j = k; j + 1 < te && j < k + 12; j++) {
        if (cg_x__punct(x, j, ',') || cg_x__punct(x, j, '.'))
            return 0;
        if (word_is(x, j, "as") && (x->t[j + 1].lex & CG_LX_SPEECH))
            return 1;
    }
    return 0;
}

/**
 * "…, citing X": what is cited (X) is the content; the citer is the speaker of the
 * sentence's claim so far, or its subject.
 */
static int try_citing(cg_x_ctx_t *x, sent_t *S, size_t c)
{
    cg_np_t np;
    int ent = -1, idx, have_np = 0;
    size_t ce;

    if (c == S->ts)
        return 0;
    if (S->first_claim >= 0 && x->cl[x->ncl - 1].ent >= 0) {
        ent = x->cl[x->ncl - 1].ent;
    } else if (cg_x__subject_np(x, S->ts, c, &np)) {
        have_np = 1;
        ent = cg_x__resolve(x, &np);
    } else {
        return 0;
    }
    if (x->t[c + 1].kind != CG_T_WORD && x->t[c + 1].kind != CG_T_QUOTE && x->t[c + 1].kind != CG_T_NUM)
        return 0;
    ce = object_end(x, c + 1, S->te);
    if (ce <= c + 1)
        return 0;
    idx = emit(x, have_np ? &np : NULL, ent, c, 1, c + 1, ce, -1, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    if (!have_np)
        inherit_mention(x, S, idx);
    finish_claim(x, S, idx);
    S->done = ce;
    return 1;
}

/** "according to X, CONTENT" / "CONTENT, according to X" / "quoting X as saying that". */
static int try_according(cg_x_ctx_t *x, sent_t *S, size_t c, size_t ncue)
{
    cg_np_t np;
    int ent, idx, quoting = word_is(x, c, "quoting") || word_is(x, c, "citing");
    size_t after, cs, ce, lead;

    if (word_is(x, c, "citing") && c + 1 < S->te && !has_as_saying(x, c + 1, S->te))
        return try_citing(x, S, c);
    if (!object_np(x, c + ncue, S->te, &np))
        return 0;
    ent = cg_x__resolve(x, &np);
    after = np.te;
    /* skip a trailing apposition/adverbial of the source */
    if (quoting) {
        size_t k;
        for (k = after; k < S->te && k < after + 6; k++) {
            if (word_is(x, k, "as") && k + 1 < S->te && (x->t[k + 1].lex & CG_LX_SPEECH)) {
                int via = -1;
                size_t st = content_start(x, S, k + 1, 1, &via, 0);
                if (!st)
                    return 0;
                ce = content_end(x, st, S->te, 0);
                idx = emit(x, &np, ent, c, ncue, st, ce, -1, S->para);
                if (idx == -1)
                    return -1;
                if (idx >= 0) {
                    /* "The News published a report, quoting ...": the subject is the outlet */
                    if (!S->have_subj && cg_x__subject_np(x, S->ts, c, &S->subj)) {
                        S->have_subj = 1;
                        S->subj_ent = cg_x__resolve(x, &S->subj);
                    }
                    if (S->have_subj && is_outlet(x, S->subj_ent))
                        add_via(&x->cl[idx], S->subj_ent);
                    finish_claim(x, S, idx);
                    S->done = ce;
                }
                return idx >= 0;
            }
        }
    }
    lead = S->ts > S->done ? S->ts : S->done;
    while (lead < c && lead < S->ts + 3 && lead_word_simple(x, lead))
        lead++;
    if (c == lead) {
        /* at the start: "According to X, CONTENT" */
        size_t k = after;
        while (k < S->te && k < after + 12 && !cg_x__punct(x, k, ','))
            k++;
        if (k >= S->te || !cg_x__punct(x, k, ','))
            return 0;
        cs = k + 1;
        ce = content_end(x, cs, S->te, 0);
    } else {
        /* "CONTENT, according to X" (and "C1, according to X, C2") */
        cs = lead;
        ce = c;
        if (ce <= cs + 2)
            return 0;
        if (after + 2 < S->te && cg_x__punct(x, after, ',')) {
            size_t ce2 = content_end(x, after + 1, S->te, 0);
            idx = emit(x, &np, ent, c, ncue, cs, ce, -1, S->para);
            if (idx == -1)
                return -1;
            if (idx < 0)
                return 0;
            add_span(x, idx, after + 1, ce2);
            finish_claim(x, S, idx);
            S->done = ce2;
            return 1;
        }
    }
    idx = emit(x, &np, ent, c, ncue, cs, ce, -1, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    if (ent >= 0 && x->ents[ent].kind == CG_EK_OUTLET && word_is(x, c + 1, "reported"))
        x->last_reporter = ent;
    if (ent >= 0 && x->ents[ent].kind == CG_EK_OUTLET)
        x->last_reporter = ent;
    finish_claim(x, S, idx);
    if (ce > S->done)
        S->done = ce;
    return 1;
}

/** "Y's (shocking) claim(s) that C", "the claim by Y that C". */
static int try_noun(cg_x_ctx_t *x, sent_t *S, size_t n, int *out_idx)
{
    size_t k = n + 1, ps, ce;
    cg_np_t np;
    int ent = -1, idx, have = 0;

    *out_idx = -1;
    if (k < S->te && (word_is(x, k, "by") || word_is(x, k, "of")) && object_np(x, k + 1, S->te, &np)) {
        have = 1;
        k = np.te;
    }
    if (!word_is(x, k, "that") || k + 2 >= S->te)
        return 0;
    if (!have) {
        /* possessor before: "Orkney's shocking claim" */
        size_t p = n;
        while (p > S->ts && p + 4 > n && lower_word(x, p - 1) && !(x->t[p - 1].lex & (CG_LX_DET | CG_LX_PREP)))
            p--;
        if (p == S->ts || x->t[p - 1].kind != CG_T_POSS)
            return 0;
        ps = p - 1;
        /* the possessor phrase: back to its start */
        {
            size_t st = ps;
            while (st > S->ts && st + 6 > ps && cg_x__name_tok(x, st - 1))
                st--;
            if (st == ps) {
                if (st > S->ts && x->t[st - 1].kind == CG_T_WORD && (x->t[st - 1].lex & CG_LX_PERSON))
                    st--;
                else
                    return 0;
            }
            if (!cg_x__np_at(x, st, ps, &np))
                return 0;
        }
    }
    ent = cg_x__resolve(x, &np);
    if (ent < 0)
        return 0;
    ce = content_end(x, k, S->te, 1);
    if (ce <= k + 2)
        return 0;
    {
        /* the claimed content is cited, not asserted, here: keep the last speaker */
        int ls = x->last_speaker;
        uint32_t lp = x->last_speaker_para;
        idx = emit(x, &np, ent, n, 1, k, ce, -1, S->para);
        x->last_speaker = ls;
        x->last_speaker_para = lp;
    }
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    *out_idx = idx;
    S->done = ce;
    return 1;
}


/* ---- the pass ------------------------------------------------------------------- */

static int deny_verb(const cg_x_ctx_t *x, size_t i)
{
    uint64_t h;

    if (i >= x->nt || x->t[i].kind != CG_T_WORD)
        return 0;
    h = x->t[i].h;
    return h == cg_lex__hash_lit("denies") || h == cg_lex__hash_lit("denied") ||
           h == cg_lex__hash_lit("deny") || h == cg_lex__hash_lit("denying") ||
           h == cg_lex__hash_lit("disputes") || h == cg_lex__hash_lit("disputed") ||
           h == cg_lex__hash_lit("rejects") || h == cg_lex__hash_lit("rejected") ||
           h == cg_lex__hash_lit("refutes") || h == cg_lex__hash_lit("refuted") ||
           h == cg_lex__hash_lit("rebuts") || h == cg_lex__hash_lit("rebutted") ||
           h == cg_lex__hash_lit("dismisses") || h == cg_lex__hash_lit("dismissed") ||
           h == cg_lex__hash_lit("contradicts") || h == cg_lex__hash_lit("contradicted") ||
           h == cg_lex__hash_lit("challenges") || h == cg_lex__hash_lit("challenged") ||
           h == cg_lex__hash_lit("counters") || h == cg_lex__hash_lit("countered") ||
           h == cg_lex__hash_lit("rebutting") || h == cg_lex__hash_lit("rejecting") ||
           h == cg_lex__hash_lit("dismissing") || h == cg_lex__hash_lit("disputing");
}

static int comment_verb(const cg_x_ctx_t *x, size_t i)
{
    return (word_is(x, i, "commented") || word_is(x, i, "commenting") || word_is(x, i, "comments") ||
            word_is(x, i, "comment") || word_is(x, i, "responded") || word_is(x, i, "responding") ||
            word_is(x, i, "reacted") || word_is(x, i, "reacting") || word_is(x, i, "replied") ||
            word_is(x, i, "replying")) &&
           (word_is(x, i + 1, "on") || word_is(x, i + 1, "to"));
}

/**
 * "X denies Y's claims that C" / "X commented on Y's claim that C" / "commenting on
 * this claim": emits Y's claim (when stated) and sets the relation for X's next claim.
 */
static int try_relation(cg_x_ctx_t *x, sent_t *S, size_t c)
{
    size_t k;
    int type = deny_verb(x, c) ? CG_RELATION_DISPUTES : comment_verb(x, c) ? CG_RELATION_RESPONDS_TO : -1;

    if (type < 0)
        return 0;
    for (k = c + 1; k < S->te && k < c + 9; k++) {
        if (x->t[k].quote >= 0 || cg_x__punct(x, k, ',') || cg_x__punct(x, k, '.'))
            return 0;
        if (x->t[k].kind == CG_T_WORD && (x->t[k].lex & CG_LX_ATTRNOUN) && !(x->t[k].flags & CG_TF_CAP)) {
            int idx = -1, r;
            if (word_is(x, k + 1, "that") || word_is(x, k + 1, "by")) {
                r = try_noun(x, S, k, &idx);
                if (r < 0)
                    return -1;
            }
            if (idx < 0 && k > 0 &&
                (word_is(x, k - 1, "this") || word_is(x, k - 1, "that") || word_is(x, k - 1, "these") ||
                 word_is(x, k - 1, "the") || word_is(x, k - 1, "those")) &&
                x->last_claim >= 0)
                idx = x->last_claim;
            if (idx < 0)
                return 0;
            S->rel.type = type;
            S->rel.target = idx;
            if (S->done < k + 1)
                S->done = k + 1;
            return 1;
        }
    }
    return 0;
}

/** Marks quotations that are titles: after "titled", or a whole short heading line. */
static void mark_titles(cg_x_ctx_t *x)
{
    size_t qi;

    for (qi = 0; qi < x->nq; qi++) {
        cg_quote_t *q = &x->q[qi];
        const cg_para_t *p = &x->p[q->para];
        size_t k;
        if (q->open > 0 && x->t[q->open - 1].kind == CG_T_WORD && (x->t[q->open - 1].lex & CG_LX_TITLE_CUE)) {
            q->is_title = 1;
            continue;
        }
        if (q->open == p->ts && q->nwords <= 15) {
            size_t end = q->close != (size_t)-1 ? q->close + 1 : q->ce;
            int term = 0;
            if (end + 1 < p->te)
                continue;
            for (k = q->cs; k < q->ce; k++)
                if (cg_x__punct(x, k, '.') || cg_x__punct(x, k, '!') || cg_x__punct(x, k, ','))
                    term = 1;
            if (!term)
                q->is_title = 1;
        }
    }
}

/** Titled documents of a sentence: "the report titled “...”" becomes an entity. */
static void register_titled_docs(cg_x_ctx_t *x, size_t ts, size_t te)
{
    size_t k;

    for (k = ts; k + 2 < te; k++) {
        if (x->t[k].kind == CG_T_WORD && (x->t[k].lex & CG_LX_DOC) && (x->t[k + 1].lex & CG_LX_TITLE_CUE) &&
            x->t[k + 2].kind == CG_T_QUOTE && x->t[k + 2].quote >= 0) {
            size_t st = k;
            cg_np_t np;
            if (st > ts && word_is(x, st - 1, "the"))
                st--;
            if (cg_x__np_at(x, st, te, &np) && np.type == CG_NP_DESC && np.kind == CG_EK_DOC)
                (void)cg_x__resolve(x, &np);
        }
    }
}

/** Does the sentence announce a list of statements ("... revealed in this report:")? */
static int list_intro(cg_x_ctx_t *x, const sent_t *S, int *ent, size_t *cs, size_t *ce)
{
    size_t last = S->te - 1, k, cue = (size_t)-1;
    int doc = -1;

    if (!cg_x__punct(x, last, ':') || S->te != x->p[S->para].te)
        return 0;
    for (k = S->ts; k < last; k++) {
        if (cue == (size_t)-1 && x->t[k].kind == CG_T_WORD && !(x->t[k].flags & CG_TF_CAP) &&
            (x->t[k].lex & CG_LX_SPEECH))
            cue = k;
        if (x->t[k].kind == CG_T_WORD && (x->t[k].lex & CG_LX_DOC) && !(x->t[k].flags & CG_TF_CAP)) {
            size_t st = k;
            cg_np_t np;
            while (st > S->ts && st + 3 > k && (x->t[st - 1].lex & CG_LX_DET))
                st--;
            if (cg_x__np_at(x, st, last, &np) && np.kind == CG_EK_DOC)
                doc = cg_x__resolve(x, &np);
        }
    }
    if (doc < 0 || cue == (size_t)-1)
        return 0;
    *ent = doc;
    *cs = x->t[cue].s;
    *ce = x->t[last].e;
    return 1;
}

/** "Name: words" at a headline or transcript line start ("Senator X: We will win"). */
static int try_colon(cg_x_ctx_t *x, sent_t *S)
{
    size_t k;
    cg_np_t np;
    int ent, idx;

    if (!(x->t[S->ts].flags & CG_TF_NL) && S->ts != x->p[S->para].ts)
        return 0;
    for (k = S->ts; k < S->te && k < S->ts + 6; k++)
        if (cg_x__punct(x, k, ':'))
            break;
    if (k >= S->te || k == S->ts || !cg_x__punct(x, k, ':') || S->te - k < 4 || S->te - k > 30)
        return 0;
    if (!cg_x__np_at(x, S->ts, k, &np) || np.type != CG_NP_NAME || np.te != k)
        return 0;
    if (np.ne - np.ns == 1 && x->t[np.ns].e - x->t[np.ns].s < 3)
        return 0; /* "Q:", "A:" */
    if (x->t[k + 1].kind == CG_T_NUM)
        return 0; /* "Updated: 12 May" */
    ent = cg_x__resolve(x, &np);
    idx = emit(x, &np, ent, k, 1, k + 1, S->te, -1, S->para);
    if (idx == -1)
        return -1;
    if (idx < 0)
        return 0;
    finish_claim(x, S, idx);
    S->done = S->te;
    return 1;
}

/** Last token of quotation @p qi (its closing mark, or its last word when unclosed). */
static size_t quote_last(const cg_x_ctx_t *x, size_t qi)
{
    const cg_quote_t *q = &x->q[qi];

    return q->close != (size_t)-1 ? q->close : q->ce - 1;
}

int cg_x__attribute(cg_x_ctx_t *x)
{
    static const uint64_t raising_words = WORD_BIT("seem") | WORD_BIT("seems") |
                                          WORD_BIT("seemed") | WORD_BIT("appear") |
                                          WORD_BIT("appears") | WORD_BIT("appeared") |
                                          WORD_BIT("expected");
    size_t si, qptr = 0;
    uint32_t cur_para = (uint32_t)-1;

    mark_titles(x);
    for (si = 0; si < x->ns; si++) {
        sent_t S;
        size_t i, qi;
        const cg_para_t *P;

        memset(&S, 0, sizeof S);
        S.ts = x->s[si].ts;
        S.te = x->s[si].te;
        S.para = x->s[si].para;
        S.done = S.ts;
        S.via = -1;
        S.rel.target = -1;
        S.first_claim = -1;
        P = &x->p[S.para];
        if (P->flags & (CG_PF_BOILER | CG_PF_DUP))
            continue;
        if (S.para != cur_para) {
            cur_para = S.para;
            if (x->list_ent >= 0 && S.para > x->list_from_para) {
                if ((P->flags & CG_PF_HEADING) || x->list_left <= 0)
                    x->list_ent = -1;
                else
                    x->list_left--;
            }
        }
        if (cg_x__scan_mentions(x, S.ts, S.te))
            return -1;
        register_titled_docs(x, S.ts, S.te);
        /* statements listed after "... revealed in this report:" */
        if (x->list_ent >= 0 && S.para > x->list_from_para) {
            cg_xclaim_t c;
            size_t s = S.ts, e = S.te;
            int has_quote = 0;
            for (i = s; i < e; i++)
                if (x->t[i].quote >= 0)
                    has_quote = 1;
            if (!has_quote) {
                trim_range(x, &s, &e, 1);
                if (e > s + 3) {
                    claim_init(&c);
                    c.type = CG_CLAIM_DIRECT;
                    c.sp[0][0] = x->t[s].s;
                    c.sp[0][1] = x->t[e - 1].e;
                    c.nsp = 1;
                    c.ent = x->list_ent;
                    c.has_cue = 1;
                    c.cs = x->list_cue_s;
                    c.ce = x->list_cue_e;
                    if (cg_x__add_claim(x, &c) < 0)
                        return -1;
                }
                continue;
            }
            x->list_ent = -1;
        }
        S.via = sentence_via(x, S.ts, S.te);
        {
            int r = try_colon(x, &S);
            if (r < 0)
                return -1;
        }
        for (i = S.ts; i < S.te; i++) {
            size_t n;
            int r = 0;
            uint64_t h;
            if (i < S.done || x->t[i].quote >= 0 || x->t[i].kind != CG_T_WORD)
                continue;
            h = x->t[i].h; /* a word: word_is(x, i, w) is h == cg_lex__hash_lit(w) */
            n = phrase_at(x, i, S.te, CG_LX_ACCORDING);
            if (n && !(n == 1 && !(word_is(x, i, "quoting") || word_is(x, i, "citing")))) {
                r = try_according(x, &S, i, n);
                if (r < 0)
                    return -1;
                if (r) {
                    if (S.done <= i)
                        S.done = i + n;
                    continue;
                }
            }
            if (h == cg_lex__hash_lit("asked") &&
                (i == S.ts || (i == S.ts + 1 && (word_is(x, S.ts, "when") || word_is(x, S.ts, "after") ||
                                                  word_is(x, S.ts, "if") || word_is(x, S.ts, "as"))))) {
                r = try_asked(x, &S, i);
                if (r < 0)
                    return -1;
                if (r)
                    continue;
            }
            if (h == cg_lex__hash_lit("in") && i == S.ts) {
                r = try_in_document(x, &S, i);
                if (r < 0)
                    return -1;
                if (r)
                    continue;
            }
            if (MAY_BE_ONE_OF(raising_words, h) &&
                (h == cg_lex__hash_lit("seem") || h == cg_lex__hash_lit("seems") ||
                h == cg_lex__hash_lit("seemed") || h == cg_lex__hash_lit("appear") ||
                h == cg_lex__hash_lit("appears") || h == cg_lex__hash_lit("appeared") ||
                 h == cg_lex__hash_lit("expected"))) { /* raising verbs, or "is expected" */
                r = try_raising(x, &S, i);
                if (r < 0)
                    return -1;
                if (r)
                    continue;
            }
            n = verb_cue_at(x, i, S.te, 1);
            if (!n) {
                /* "Y's claim that ...", "the claim by Y that ..." */
                if ((x->t[i].lex & CG_LX_ATTRNOUN) && !(x->t[i].flags & CG_TF_CAP) &&
                    (word_is(x, i + 1, "that") || word_is(x, i + 1, "by"))) {
                    int idx;
                    r = try_noun(x, &S, i, &idx);
                    if (r < 0)
                        return -1;
                }
                continue;
            }
            if (x->t[i].lex & CG_LX_SRCOBJ && !(x->t[i].lex & CG_LX_SPEECH)) {
                r = try_post_quote(x, &S, i, n);
                if (r < 0)
                    return -1;
                continue;
            }
            r = try_relation(x, &S, i);
            if (r < 0)
                return -1;
            if (r)
                continue;
            r = try_as_quote(x, &S, i, n);
            if (!r)
                r = try_post_quote(x, &S, i, n);
            if (!r)
                r = try_pre_quote(x, &S, i, n);
            if (!r && !((x->t[i].lex & (CG_LX_WEAK | CG_LX_OBJCUE)) && !(x->t[i].lex & (CG_LX_SPEECH | CG_LX_BELIEF)) &&
                        n == 1))
                r = try_inverted(x, &S, i, n);
            if (!r && !((x->t[i].lex & CG_LX_WEAK) && !(x->t[i].lex & (CG_LX_SPEECH | CG_LX_BELIEF | CG_LX_OBJCUE)) &&
                        n == 1))
                r = try_reported(x, &S, i, n);
            if (r < 0)
                return -1;
            if (!r)
                i += n - 1;
        }
        /* quotations that end in this sentence and found no cue: the last speaker goes on */
        while (qptr < x->nq && quote_last(x, qptr) < S.ts)
            qptr++;
        for (qi = qptr; qi < x->nq && quote_last(x, qi) < S.te; qi++) {
            cg_quote_t *q = &x->q[qi];
            if (q->used || q->is_title || q->nwords < 3)
                continue;
            if (q->close != (size_t)-1 && cue_opens_sentence(x, q->close + 1, q->para))
                continue; /* "“…?” Lowe said." names its own speaker next */
            if (!(x->t[q->open].flags & CG_TF_SENT) && q->open != x->p[q->para].ts &&
                !(q->open > 0 && cg_x__punct(x, q->open - 1, ':')))
                continue;
            if (x->last_claim >= 0 && x->cl[x->last_claim].ent >= 0 && x->last_claim_para + 1 >= S.para &&
                x->last_claim_para <= S.para) {
                size_t s, e;
                int idx;
                cg_xclaim_t *prev = &x->cl[x->last_claim];
                quote_range(x, (int)qi, &s, &e);
                /* a closed quotation goes on as a further span of the speaker's direct claim
                   (one attribution of split quotations); an unclosed one stays its own claim */
                if (prev->type == CG_CLAIM_DIRECT && prev->nsp < 4 && q->close != (size_t)-1) {
                    add_span(x, x->last_claim, s, e);
                    x->last_claim_para = S.para;
                    continue;
                }
                idx = emit(x, NULL, prev->ent, 0, 0, s, e, CG_CLAIM_DIRECT, S.para);
                if (idx == -1)
                    return -1;
            }
        }
        {
            int ent;
            size_t cs, ce;
            if (list_intro(x, &S, &ent, &cs, &ce)) {
                x->list_ent = ent;
                x->list_from_para = S.para;
                x->list_left = 5;
                x->list_cue_s = cs;
                x->list_cue_e = ce;
            }
        }
    }
    return 0;
}
