/*
 * Mentions: noun phrases that can be speakers — pronouns, capitalised names (with
 * their titles stripped: "Lt Gen (R) Velma Orkney" -> "Velma Orkney"), descriptions
 * with a person/group/organisation/document head ("the retired army general", "a
 * report published by X"), and appositions ("X, the former minister,"). All searches
 * are bounded by a fixed number of tokens.
 */
#include <string.h>

#include "2-extract/extract_int.h"

#define NP_MAX 14 /* longest noun phrase considered, in tokens */

int cg_x__has_title(const cg_x_ctx_t *x, size_t s, size_t e)
{
    size_t i;

    for (i = s; i < e && i < x->nt; i++)
        if (x->t[i].kind == CG_T_WORD && (x->t[i].lex & CG_LX_TITLE) && (x->t[i].flags & CG_TF_CAP) &&
            (cg_lex__classes(cg_lex__expand(x->t[i].h)) & CG_LX_PERSON))
            return 1;
    return 0;
}

int cg_x__name_tok(const cg_x_ctx_t *x, size_t i)
{
    const cg_tok_t *t;

    if (i >= x->nt)
        return 0;
    t = &x->t[i];
    if (t->kind != CG_T_WORD || !(t->flags & CG_TF_CAP) || t->quote >= 0)
        return 0;
    if (t->flags & CG_TF_ALLCAP)
        return 1; /* "US", "IT": acronyms, not pronouns */
    if (t->lex & (CG_LX_FUNC | CG_LX_PRON | CG_LX_TIME | CG_LX_SPEECH | CG_LX_BELIEF | CG_LX_SKIP |
                  CG_LX_PREP | CG_LX_ACCORDING | CG_LX_REL))
        return 0;
    return 1;
}

/** A capitalised title word (Dr, Gen, Minister, ...). */
static int title_tok(const cg_x_ctx_t *x, size_t i)
{
    return i < x->nt && x->t[i].kind == CG_T_WORD && (x->t[i].lex & CG_LX_TITLE) &&
           (x->t[i].flags & CG_TF_CAP);
}

/** "(R)" after a military title. Returns tokens to skip (0 or 3). */
static size_t paren_initial(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    if (i + 2 < lim && cg_x__punct(x, i, '(') && cg_x__punct(x, i + 2, ')') &&
        x->t[i + 1].kind == CG_T_WORD && x->t[i + 1].e - x->t[i + 1].s <= 4 &&
        (x->t[i + 1].flags & CG_TF_CAP))
        return 3;
    return 0;
}

static int has_class(const cg_x_ctx_t *x, size_t s, size_t e, uint32_t cls)
{
    size_t i;

    for (i = s; i < e; i++)
        if (x->t[i].kind == CG_T_WORD && (x->t[i].lex & cls))
            return 1;
    return 0;
}

/**
 * End of the capitalised run starting at @p i: name words, a full stop after a title
 * ("Mr."), "(R)", and "of/and/the/for" joining parts of an organisation's name.
 */
static size_t run_end(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    size_t j = i, n = 0;

    while (j < lim && n < NP_MAX) {
        size_t k;
        if (cg_x__name_tok(x, j) || (j == i && x->t[j].kind == CG_T_WORD && (x->t[j].flags & CG_TF_CAP) &&
                                      (x->t[j].lex & CG_LX_DET) && cg_x__name_tok(x, j + 1) &&
                                      (x->t[j].h == cg_lex__hash_lit("the")))) {
            j++;
            n++;
            if (j < lim && cg_x__punct(x, j, '.') && title_tok(x, j - 1) && cg_x__name_tok(x, j + 1))
                j++;
            if ((k = paren_initial(x, j, lim)) && title_tok(x, j - 1))
                j += k;
            continue;
        }
        /* connectors inside organisation names */
        if (j > i && j + 1 < lim && x->t[j].kind == CG_T_WORD && !(x->t[j].flags & CG_TF_CAP)) {
            uint64_t h = x->t[j].h;
            int conn = h == cg_lex__hash_lit("of") || h == cg_lex__hash_lit("and") ||
                       h == cg_lex__hash_lit("for") || h == cg_lex__hash_lit("on");
            if (conn) {
                size_t k2 = j + 1, e2;
                if (k2 < lim && x->t[k2].h == cg_lex__hash_lit("the"))
                    k2++;
                if (cg_x__name_tok(x, k2)) {
                    e2 = run_end(x, k2, lim < k2 + NP_MAX ? lim : k2 + NP_MAX);
                    if (has_class(x, i, j, CG_LX_ORG | CG_LX_OUTLET_WORD) ||
                        has_class(x, k2, e2, CG_LX_ORG | CG_LX_OUTLET_WORD)) {
                        if (h == cg_lex__hash_lit("of") || has_class(x, k2, e2, CG_LX_ORG | CG_LX_OUTLET_WORD))
                            return e2;
                    }
                }
            }
        }
        break;
    }
    return j;
}

/** Strips leading titles of a run; returns the first name token (or @p e). */
static size_t strip_front_titles(const cg_x_ctx_t *x, size_t s, size_t e, int *had_title);

/**
 * First token of the name in a run: after its last title ("US President Donald Trump"
 * -> "Donald Trump"), when name words follow that title; else after leading titles.
 */
static size_t strip_titles(const cg_x_ctx_t *x, size_t s, size_t e, int *had_title)
{
    size_t i, last_title = (size_t)-1;

    for (i = s; i < e; i++)
        if (title_tok(x, i))
            last_title = i;
    if (last_title != (size_t)-1 && last_title > s) {
        size_t n = last_title + 1;
        if (n < e && cg_x__punct(x, n, '.'))
            n++;
        n += paren_initial(x, n, e);
        if (n < e && cg_x__name_tok(x, n) && !title_tok(x, n)) {
            *had_title = 1;
            return n;
        }
    }
    return strip_front_titles(x, s, e, had_title);
}

static size_t strip_front_titles(const cg_x_ctx_t *x, size_t s, size_t e, int *had_title)
{
    size_t i = s, last_ok = s;

    *had_title = 0;
    while (i < e) {
        if (title_tok(x, i) || (x->t[i].kind == CG_T_WORD && (x->t[i].flags & CG_TF_ALLCAP) &&
                                x->t[i].e - x->t[i].s <= 3 && i + 2 < e && 0)) {
            i++;
            if (i < e && cg_x__punct(x, i, '.'))
                i++;
            i += paren_initial(x, i, e);
            *had_title = 1;
            last_ok = i;
            continue;
        }
        break;
    }
    (void)last_ok;
    if (i >= e)
        return e;
    /* "Director General of X": a title with its organisation, no name */
    if (*had_title && x->t[i].kind == CG_T_WORD && !(x->t[i].flags & CG_TF_CAP))
        return e;
    return i;
}

static int kind_of_run(const cg_x_ctx_t *x, size_t s, size_t e)
{
    size_t last = e - 1;

    if (cg_x__outlet_name(x, s, e) || cg_x__outlet_described(x, s))
        return CG_EK_OUTLET;
    if (has_class(x, s, e, CG_LX_ORG))
        return CG_EK_ORG;
    if (x->t[last].lex & CG_LX_GROUP)
        return CG_EK_GROUP;
    return CG_EK_UNKNOWN;
}

static int noun_head(const cg_x_ctx_t *x, size_t i)
{
    return x->t[i].kind == CG_T_WORD &&
           (x->t[i].lex & (CG_LX_PERSON | CG_LX_GROUP | CG_LX_ORG | CG_LX_DOC | CG_LX_OUTLET_DESC));
}

static int head_kind(const cg_x_ctx_t *x, size_t i, size_t s)
{
    uint32_t l = x->t[i].lex;

    if (l & CG_LX_OUTLET_DESC) {
        /* "news outlet", "media outlet", or a bare "outlet/daily/newspaper" */
        return CG_EK_OUTLET;
    }
    if (i > s && x->t[i - 1].kind == CG_T_WORD && !(x->t[i - 1].flags & CG_TF_CAP) &&
        (x->t[i - 1].lex & CG_LX_OUTLET_WORD) && (l & (CG_LX_ORG | CG_LX_GROUP)))
        return CG_EK_OUTLET; /* "news agency", "media group" */
    if (l & CG_LX_DOC)
        return CG_EK_DOC;
    if (l & CG_LX_GROUP)
        return CG_EK_GROUP;
    if (l & CG_LX_PERSON)
        return CG_EK_PERSON;
    if (l & CG_LX_ORG)
        return CG_EK_ORG;
    return CG_EK_UNKNOWN;
}

/** Hard stops inside a noun phrase. */
static int np_stop(const cg_x_ctx_t *x, size_t i)
{
    const cg_tok_t *t = &x->t[i];

    if (t->kind == CG_T_PUNCT)
        return !cg_x__punct(x, i, '(') || 1;
    if (t->kind == CG_T_QUOTE)
        return 1;
    if (t->kind == CG_T_WORD && !(t->flags & CG_TF_CAP) &&
        (t->lex & (CG_LX_SPEECH | CG_LX_BELIEF | CG_LX_SKIP | CG_LX_REL | CG_LX_ACCORDING |
                   CG_LX_SRCOBJ | CG_LX_OBJVERB | CG_LX_OBJCUE)) &&
        !(t->lex & (CG_LX_PERSON | CG_LX_GROUP | CG_LX_ORG | CG_LX_DOC)))
        return 1;
    if (t->kind == CG_T_WORD && (t->lex & CG_LX_REL))
        return 1;
    return 0;
}

static void np_clear(cg_np_t *np, size_t i)
{
    memset(np, 0, sizeof *np);
    np->type = CG_NP_NONE;
    np->ts = np->te = i;
    np->title_q = -1;
}

/** "published by X", "compiled by X": returns the index after "by" or 0. */
static size_t publisher_at(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    size_t j = i;

    if (j < lim && x->t[j].kind == CG_T_WORD && !(x->t[j].flags & CG_TF_CAP) &&
        x->t[j].e - x->t[j].s > 3 && memcmp(x->txt + x->t[j].e - 2, "ed", 2) == 0)
        j++;
    else
        return 0;
    if (j < lim && x->t[j].h == cg_lex__hash_lit("by"))
        return j + 1;
    if (j < lim && x->t[j].h == cg_lex__hash_lit("from"))
        return j + 1;
    return 0;
}

int cg_x__np_at(cg_x_ctx_t *x, size_t i, size_t lim, cg_np_t *np)
{
    size_t j, best_end = i, run_s = 0, run_e = 0, head = (size_t)-1, cap = i + NP_MAX;
    int definite = 0, have_run = 0;

    np_clear(np, i);
    if (lim > x->nt)
        lim = x->nt;
    if (cap < lim)
        lim = cap;
    if (i >= lim)
        return 0;
    /* pronoun */
    if (x->t[i].kind == CG_T_WORD && (x->t[i].lex & CG_LX_PRON) && !(x->t[i].flags & CG_TF_ALLCAP)) {
        uint64_t h = x->t[i].h;
        if (h == cg_lex__hash_lit("her") || h == cg_lex__hash_lit("it") || h == cg_lex__hash_lit("him") ||
            h == cg_lex__hash_lit("them") || h == cg_lex__hash_lit("us") || h == cg_lex__hash_lit("me")) {
            /* object forms and "it" only as whole phrases */
            if (h == cg_lex__hash_lit("her") && i + 1 < lim && x->t[i + 1].kind == CG_T_WORD &&
                !(x->t[i + 1].lex & (CG_LX_SPEECH | CG_LX_SKIP | CG_LX_BELIEF)))
                goto noun; /* "her spokesman" */
        }
        np->type = CG_NP_PRON;
        np->ts = i;
        np->te = i + 1;
        np->head = i;
        np->kind = (x->t[i].lex & CG_LX_PRON_PL) ? CG_EK_GROUP
                   : (x->t[i].lex & CG_LX_PRON_N) ? CG_EK_ORG
                                                   : CG_EK_PERSON;
        return 1;
    }
noun:
    j = i;
    if (x->t[j].kind == CG_T_WORD && (x->t[j].lex & CG_LX_DET) && !cg_x__name_tok(x, j)) {
        uint64_t h = x->t[j].h;
        /* "its source", "his aide" introduce someone new: not definite */
        definite = h == cg_lex__hash_lit("the") || h == cg_lex__hash_lit("this") ||
                   h == cg_lex__hash_lit("that") || h == cg_lex__hash_lit("these") ||
                   h == cg_lex__hash_lit("those");
        if (!(x->t[j].flags & CG_TF_CAP) || h != cg_lex__hash_lit("the") || !cg_x__outlet_name(x, j, run_end(x, j, lim)))
            j++;
    }
    while (j < lim) {
        if (cg_x__name_tok(x, j) || (x->t[j].kind == CG_T_WORD && (x->t[j].flags & CG_TF_CAP) &&
                                     x->t[j].h == cg_lex__hash_lit("the") && j > i)) {
            size_t e = run_end(x, j, lim);
            if (e <= j)
                e = j + 1;
            run_s = j;
            run_e = e;
            have_run = 1;
            best_end = e;
            if (noun_head(x, e - 1))
                head = e - 1;
            j = e;
            continue;
        }
        if (x->t[j].kind == CG_T_POSS) {
            /* possessor: the phrase goes on ("Pakistan's interior ministry") */
            j++;
            continue;
        }
        if (np_stop(x, j) && !(cg_x__dash(x, j) && 0))
            break;
        if (x->t[j].kind == CG_T_WORD && (x->t[j].lex & CG_LX_PREP)) {
            /* "official of X", "director general of the X Bureau" */
            if (x->t[j].h == cg_lex__hash_lit("of") && head != (size_t)-1 && head + 1 == j) {
                size_t k = j + 1, e;
                cg_np_t sub;
                if (cg_x__np_at(x, k, lim, &sub) && sub.type != CG_NP_PRON) {
                    e = sub.te;
                    best_end = e;
                    j = e;
                    break;
                }
            }
            break;
        }
        if (x->t[j].kind == CG_T_WORD && !(x->t[j].flags & CG_TF_CAP) && (x->t[j].lex & CG_LX_FUNC) &&
            !(x->t[j].lex & CG_LX_DET))
            break; /* "and", "but", "while" */
        if (x->t[j].kind == CG_T_WORD || x->t[j].kind == CG_T_NUM) {
            if (noun_head(x, j) || ((x->t[j].lex & CG_LX_TITLE) && (x->t[j].flags & CG_TF_CAP))) {
                head = j;
                best_end = j + 1;
                have_run = 0;
            } else if (have_run && best_end == j) {
                /* after a name only words leading to a head: "X army general" */
                size_t k2;
                int ok = 0;
                for (k2 = j; k2 < lim && k2 < j + 3; k2++) {
                    if (x->t[k2].kind != CG_T_WORD || (x->t[k2].lex & CG_LX_FUNC))
                        break;
                    if (noun_head(x, k2)) {
                        ok = 1;
                        break;
                    }
                }
                if (!ok)
                    break;
            }
            j++;
            continue;
        }
        break;
    }
    if (best_end <= i)
        return 0;
    np->ts = i;
    np->te = best_end;
    np->definite = definite;
    /* a name at the end of the phrase wins: "security expert Lt Gen (R) Velma Orkney" */
    if (have_run && run_e == best_end) {
        int had_title = 0;
        size_t ns = strip_titles(x, run_s, run_e, &had_title);
        if (ns < run_e) {
            int k = kind_of_run(x, ns, run_e);
            if (k == CG_EK_UNKNOWN && cg_x__outlet_described(x, run_s))
                k = CG_EK_OUTLET;
            np->type = CG_NP_NAME;
            np->ns = ns;
            np->ne = run_e;
            np->desc_ts = i;
            np->desc_te = ns;
            np->kind = k;
            if (k == CG_EK_UNKNOWN && (had_title || (ns > i && (x->t[ns - 1].lex & (CG_LX_PERSON | CG_LX_TITLE)))))
                np->kind = CG_EK_PERSON;
            np->person_evidence = np->kind == CG_EK_PERSON;
            /* "The Globe", "The Daily Example": keep the article */
            if (np->kind == CG_EK_OUTLET && run_s > i && x->t[run_s - 1].h == cg_lex__hash_lit("the") &&
                (x->t[run_s - 1].flags & CG_TF_CAP))
                np->ns = run_s - 1;
            return 1;
        }
        /* only titles: a description ("the Foreign Minister") */
        head = run_e - 1;
    }
    if (head != (size_t)-1 && head < best_end) {
        np->type = CG_NP_DESC;
        np->head = head;
        np->kind = head_kind(x, head, i);
        if (np->kind == CG_EK_UNKNOWN && (x->t[head].lex & CG_LX_TITLE))
            np->kind = CG_EK_PERSON;
        /* "the Pakistan Intelligence Bureau": a capitalised organisation is a name */
        if (np->kind == CG_EK_ORG && have_run && run_e == head + 1 && (x->t[head].flags & CG_TF_CAP)) {
            np->type = CG_NP_NAME;
            np->ns = run_s;
            np->ne = run_e;
        }
        if (np->kind == CG_EK_OUTLET && (x->t[head].flags & CG_TF_CAP) && have_run) {
            np->type = CG_NP_NAME;
            np->ns = run_s;
            np->ne = run_e;
        }
        if (np->kind == CG_EK_DOC) {
            size_t k = best_end, pb;
            /* the report titled "..." */
            if (k + 1 < x->nt && (x->t[k].lex & CG_LX_TITLE_CUE) && x->t[k + 1].kind == CG_T_QUOTE &&
                x->t[k + 1].quote >= 0)
                np->title_q = x->t[k + 1].quote;
            else if (k < x->nt && x->t[k].kind == CG_T_QUOTE && x->t[k].quote >= 0 &&
                     (x->t[k].flags & CG_TF_QOPEN))
                np->title_q = -1;
            pb = publisher_at(x, k, k + 4 < x->nt ? k + 4 : x->nt);
            if (!pb && k < x->nt && (x->t[k].h == cg_lex__hash_lit("by") || x->t[k].h == cg_lex__hash_lit("from") ||
                                     x->t[k].h == cg_lex__hash_lit("of")))
                pb = k + 1;
            if (pb) {
                cg_np_t sub;
                if (cg_x__np_at(x, pb, pb + NP_MAX, &sub) && sub.type != CG_NP_PRON) {
                    np->pub_ts = sub.ts;
                    np->pub_te = sub.te;
                }
            }
        }
        return 1;
    }
    if (have_run) {
        np->type = CG_NP_NAME;
        np->ns = run_s;
        np->ne = run_e;
        np->kind = kind_of_run(x, run_s, run_e);
        np->te = run_e;
        return 1;
    }
    return 0;
}

/** Words that open a sentence without being its subject ("But", "However,"). */
static int lead_word(const cg_x_ctx_t *x, size_t i)
{
    const cg_tok_t *t = &x->t[i];

    if (t->kind != CG_T_WORD)
        return 0;
    if (t->lex & (CG_LX_DET | CG_LX_PRON))
        return 0;
    if (t->lex & (CG_LX_FUNC | CG_LX_SKIP))
        return 1;
    if (t->e - t->s > 4 && memcmp(x->txt + t->e - 2, "ly", 2) == 0)
        return 1;
    return 0;
}

/** Index after an opening adverbial ("Last year,", "On January 29,"), else @p i. */
static size_t skip_intro(const cg_x_ctx_t *x, size_t i, size_t lim)
{
    int rounds;

    for (rounds = 0; rounds < 4 && i < lim; rounds++) {
        const cg_tok_t *t = &x->t[i];
        size_t k;
        int intro = 0;
        if (t->kind == CG_T_WORD && !(t->lex & (CG_LX_DET | CG_LX_PRON)) &&
            (t->lex & (CG_LX_PREP | CG_LX_TIME | CG_LX_FUNC | CG_LX_REL | CG_LX_SKIP)))
            intro = 1;
        if (t->kind == CG_T_NUM)
            intro = 1;
        if (t->kind == CG_T_WORD && t->e - t->s > 4 && memcmp(x->txt + t->e - 2, "ly", 2) == 0)
            intro = 1;
        if (t->kind == CG_T_WORD && (t->lex & CG_LX_ACCORDING))
            intro = 1;
        if (!intro)
            break;
        /* up to the comma that ends the adverbial */
        for (k = i + 1; k < lim && k < i + 25; k++) {
            if (cg_x__punct(x, k, ','))
                break;
            if (x->t[k].kind == CG_T_WORD && (x->t[k].lex & (CG_LX_SPEECH | CG_LX_BELIEF)) &&
                !(x->t[k].flags & CG_TF_CAP) && x->t[k].quote < 0 &&
                x->t[k].h != cg_lex__hash_lit("asked"))
                break;
        }
        if (k < lim && cg_x__punct(x, k, ',')) {
            i = k + 1;
            continue;
        }
        /* a bare lead word ("But security expert X ...") */
        if (lead_word(x, i)) {
            i++;
            continue;
        }
        break;
    }
    return i;
}

static int ends_with_ly(const cg_x_ctx_t *x, size_t i)
{
    return x->t[i].e - x->t[i].s > 4 && memcmp(x->txt + x->t[i].e - 2, "ly", 2) == 0;
}

static int lower_word_np(const cg_x_ctx_t *x, size_t i)
{
    return x->t[i].kind == CG_T_WORD && !(x->t[i].flags & CG_TF_CAP) && !(x->t[i].lex & CG_LX_FUNC);
}

/** Skips auxiliaries and adverbs backwards from @p e (exclusive); returns new end. */
static size_t trim_aux(const cg_x_ctx_t *x, size_t s, size_t e)
{
    while (e > s) {
        const cg_tok_t *t = &x->t[e - 1];
        if (t->kind == CG_T_WORD && !(t->flags & CG_TF_CAP) &&
            ((t->lex & CG_LX_SKIP) ||
             (t->e - t->s > 4 && memcmp(x->txt + t->e - 2, "ly", 2) == 0 && !(t->lex & CG_LX_PERSON)))) {
            e--;
            continue;
        }
        break;
    }
    return e;
}

/**
 * A subject description whose head is in no word list, right before the verb: "the
 * organizers", "many residents", "most voters". Needs a determiner (or a number) in
 * front and only plain lower-case words after it, so that objects of prepositions
 * ("in the polls") and clause fragments are not taken.
 */
static int bare_description(const cg_x_ctx_t *x, size_t s, size_t end, size_t i1, cg_np_t *np)
{
    size_t k = end, n = 0;

    while (k > s && n < 4 && x->t[k - 1].kind == CG_T_WORD && !(x->t[k - 1].flags & CG_TF_CAP) &&
           x->t[k - 1].quote < 0 &&
           !(x->t[k - 1].lex & (CG_LX_FUNC | CG_LX_PREP | CG_LX_SKIP | CG_LX_REL | CG_LX_PRON | CG_LX_DET |
                                CG_LX_TIME | CG_LX_SPEECH | CG_LX_BELIEF)) &&
           !ends_with_ly(x, k - 1)) {
        k--;
        n++;
    }
    if (!n || k == s || i1 >= x->nt || !(x->t[i1].lex & (CG_LX_SPEECH | CG_LX_BELIEF)))
        return 0;
    {
        /* "the rules relating to": a participle after a noun qualifies it */
        size_t cl = x->t[i1].e - x->t[i1].s;
        if (cl > 4 && memcmp(x->txt + x->t[i1].e - 3, "ing", 3) == 0)
            return 0;
    }
    /* the determiner (or number) */
    if (!(x->t[k - 1].kind == CG_T_NUM ||
          (x->t[k - 1].kind == CG_T_WORD && (x->t[k - 1].lex & CG_LX_DET) && !(x->t[k - 1].lex & CG_LX_PRON))))
        return 0;
    k--;
    /* it opens the subject zone: nothing but an introduction before it */
    if (k > s && !cg_x__punct(x, k - 1, ','))
        return 0;
    {
        size_t h = end - 1, hl = x->t[h].e - x->t[h].s;
        const char *w = x->txt + x->t[h].s;
        if (hl < 3 || (w[hl - 1] == 'g' && w[hl - 2] == 'n' && w[hl - 3] == 'i'))
            return 0; /* "the timing", not a group of people */
        np_clear(np, k);
        np->type = CG_NP_DESC;
        np->ts = k;
        np->te = end;
        np->head = h;
        np->definite = x->t[k].h == cg_lex__hash_lit("the");
        if (w[hl - 1] != 's' || w[hl - 2] == 's')
            return 0; /* "the former", "the country": plural heads only (groups of people) */
        np->kind = CG_EK_GROUP;
    }
    return 1;
}

int cg_x__subject_np(cg_x_ctx_t *x, size_t i0, size_t i1, cg_np_t *np)
{
    size_t s, end, k;
    cg_np_t a, b;
    int have_a = 0, have_b = 0;

    np_clear(np, i0);
    if (i1 <= i0)
        return 0;
    end = trim_aux(x, i0, i1);
    if (end <= i0)
        return 0;
    /* a clause boundary close to the verb starts a new subject zone */
    for (k = end; k > i0 && k + 30 > end; k--) {
        size_t r = k - 1;
        if (cg_x__punct(x, r, ';') || cg_x__punct(x, r, ':')) {
            i0 = k;
            break;
        }
        if (x->t[r].kind == CG_T_WORD && (x->t[r].lex & CG_LX_REL) && !(x->t[r].lex & CG_LX_PREP) &&
            r + 1 < end) {
            /* "in which the terrorist claimed": the relative clause has its own subject */
            const cg_tok_t *n = &x->t[r + 1];
            if ((n->lex & (CG_LX_DET | CG_LX_PRON)) || cg_x__name_tok(x, r + 1)) {
                i0 = r + 1;
                break;
            }
        }
        if (x->t[r].kind == CG_T_QUOTE && x->t[r].quote >= 0) {
            i0 = k;
            break;
        }
    }
    s = skip_intro(x, i0, end);
    if (s < end && cg_x__np_at(x, s, end, &a))
        have_a = 1;
    /* the phrase right before the verb */
    for (k = end; k > s && k + 8 > end; k--) {
        size_t st = k - 1;
        if (cg_x__punct(x, st, ',') || x->t[st].kind == CG_T_QUOTE)
            break;
        if (cg_x__np_at(x, st, end, &b) && b.te == end) {
            /* keep extending to the left while the phrase still ends at the verb */
            cg_np_t c;
            size_t st2 = st;
            while (st2 > s && st2 + 8 > end && cg_x__np_at(x, st2 - 1, end, &c) && c.te == end) {
                b = c;
                st2--;
            }
            have_b = 1;
            break;
        }
    }
    if (have_a) {
        size_t after = a.te;
        int adjacent = after >= end;
        int apposition = after < end && (cg_x__punct(x, after, ',') || cg_x__punct(x, after, '(') ||
                                         cg_x__dash(x, after) ||
                                         (x->t[after].lex & CG_LX_REL));
        /* "Pakistan's Defense Minister, Khawaja Muhammad Asif, stressed" */
        if ((a.type == CG_NP_DESC || cg_x__has_title(x, a.ts, a.te)) && after < end && cg_x__punct(x, after, ',')) {
            cg_np_t n2;
            if (cg_x__np_at(x, after + 1, end, &n2) && n2.type == CG_NP_NAME &&
                (n2.te >= end || cg_x__punct(x, n2.te, ','))) {
                n2.desc_ts = a.ts;
                n2.desc_te = a.te;
                n2.kind = CG_EK_PERSON;
                n2.person_evidence = 1;
                *np = n2;
                return 1;
            }
        }
        if (a.type == CG_NP_DESC && a.kind == CG_EK_DOC && a.pub_te > a.pub_ts)
            apposition = 1; /* "A report published by X, ..., revealed" */
        /* "X's regional proxy, the Taliban who rule ..., claims": the apposition */
        if (after < end && x->t[after].kind == CG_T_POSS) {
            size_t k2 = after + 1;
            cg_np_t n3;
            while (k2 < end && k2 < after + 6 && lower_word_np(x, k2))
                k2++;
            if (k2 + 1 < end && cg_x__punct(x, k2, ',') && cg_x__np_at(x, k2 + 1, end, &n3) &&
                n3.type != CG_NP_PRON &&
                (n3.te >= end || cg_x__punct(x, n3.te, ',') || (x->t[n3.te].lex & CG_LX_REL))) {
                *np = n3;
                return 1;
            }
        }
        /* a full name right before the verb beats a description at the start */
        if (have_b && a.type == CG_NP_DESC && b.type == CG_NP_NAME && b.ne - b.ns >= 2 && !adjacent &&
            (b.kind == CG_EK_PERSON || b.kind == CG_EK_UNKNOWN)) {
            *np = b;
            return 1;
        }
        if (adjacent || apposition || !have_b) {
            if (a.type != CG_NP_NONE) {
                *np = a;
                return 1;
            }
        }
    }
    if (have_b) {
        /* not the object of a preposition */
        if (b.ts > i0 && x->t[b.ts - 1].kind == CG_T_WORD && (x->t[b.ts - 1].lex & CG_LX_PREP) &&
            !(x->t[b.ts - 1].lex & CG_LX_REL) && have_a) {
            *np = a;
            return 1;
        }
        *np = b;
        return 1;
    }
    if (have_a) {
        *np = a;
        return 1;
    }
    return bare_description(x, s, end, i1, np);
}

int cg_x__scan_mentions(cg_x_ctx_t *x, size_t ts, size_t te)
{
    size_t i = ts;
    uint32_t para = ts < x->nt ? x->t[ts].para : 0;

    /* the sentence subject: recency for pronouns and descriptions */
    {
        size_t s = skip_intro(x, ts, te);
        cg_np_t np;
        x->sent_subject = -1;
        if (s < te && x->t[s].quote < 0 && cg_x__np_at(x, s, te, &np) &&
            (np.type == CG_NP_NAME || (np.type == CG_NP_DESC && np.kind == CG_EK_GROUP && !np.definite))) {
            int e = cg_x__resolve(x, &np);
            x->sent_subject = e;
            x->sent_subject_sent = x->t[ts].sent;
            if (e >= 0 && (x->ents[e].kind == CG_EK_PERSON ||
                           (x->ents[e].kind == CG_EK_UNKNOWN && x->ents[e].person_evidence))) {
                x->last_subject = e;
                x->last_subject_para = para;
            }
            i = np.te > s ? np.te : s + 1;
        }
    }
    /* every other name with a title or role before it, or an apposition after it */
    while (i < te) {
        if (cg_x__name_tok(x, i) && (i == ts || !cg_x__name_tok(x, i - 1))) {
            size_t e = run_end(x, i, te), ds = i, k;
            int had_title = 0, ent;
            size_t ns = strip_titles(x, i, e, &had_title);
            int person = had_title, crossed_of = 0;
            if (ns >= e || e <= i) {
                i = e > i ? e : i + 1;
                continue;
            }
            /* role words just before: "founding member X", "security expert X" */
            /* a run in parentheses is an acronym; a run before 's is a possessor */
            if ((i > ts && cg_x__punct(x, i - 1, '(')) || (e < te && x->t[e].kind == CG_T_POSS)) {
                i = e;
                continue;
            }
            for (k = i; k > ts && k + 16 > i; k--) {
                const cg_tok_t *p = &x->t[k - 1];
                if (p->kind == CG_T_WORD && !(p->flags & CG_TF_CAP) && (p->lex & CG_LX_PERSON)) {
                    /* a role beyond "of" describes someone else unless a closer role did */
                    if (!crossed_of)
                        person = 1;
                    if (person)
                        ds = k - 1;
                    continue;
                }
                if (p->kind == CG_T_WORD && !(p->flags & CG_TF_CAP) &&
                    !(p->lex & (CG_LX_PREP | CG_LX_SPEECH | CG_LX_REL | CG_LX_SKIP | CG_LX_FUNC)))
                    continue; /* modifiers: "founding", "former" */
                if (p->kind == CG_T_POSS) {
                    /* skip the possessor: "X (Y) and Z's founding member" */
                    size_t m = k - 1;
                    while (m > ts && m + 12 > k &&
                           (cg_x__name_tok(x, m - 1) || cg_x__punct(x, m - 1, '(') || cg_x__punct(x, m - 1, ')') ||
                            x->t[m - 1].h == cg_lex__hash_lit("and") || x->t[m - 1].h == cg_lex__hash_lit("of")))
                        m--;
                    k = m + 1;
                    continue;
                }
                if (p->kind == CG_T_WORD && (p->h == cg_lex__hash_lit("of"))) {
                    crossed_of = 1;
                    continue;
                }
                break;
            }
            /* apposition: "X, the former minister," / "X, a security analyst" */
            if (!person && e + 2 < te && cg_x__punct(x, e, ',')) {
                for (k = e + 1; k < te && k < e + 10; k++) {
                    if (cg_x__punct(x, k, ','))
                        break;
                    if (x->t[k].kind == CG_T_WORD && (x->t[k].lex & CG_LX_PERSON) &&
                        !(x->t[k].flags & CG_TF_CAP))
                        person = 1;
                }
            }
            if (person && kind_of_run(x, ns, e) == CG_EK_UNKNOWN) {
                ent = cg_x__entity_for_name(x, ns, e, CG_EK_PERSON, 1);
                if (ent >= 0) {
                    if (cg_x__add_descriptors(x, ent, ds, ns))
                        return -1;
                    if (e + 2 < te && cg_x__punct(x, e, ',')) {
                        size_t k2;
                        for (k2 = e + 1; k2 < te && k2 < e + 12 && !cg_x__punct(x, k2, ','); k2++)
                            ;
                        if (cg_x__add_descriptors(x, ent, e + 1, k2))
                            return -1;
                    }
                    cg_x__touch(x, ent, para);
                }
            } else if (kind_of_run(x, ns, e) == CG_EK_OUTLET) {
                ent = cg_x__entity_for_name(x, ns, e, CG_EK_OUTLET, 0);
                cg_x__touch(x, ent, para);
            } else if (e - ns >= 2 && e - ns <= 4 && kind_of_run(x, ns, e) == CG_EK_UNKNOWN) {
                ent = cg_x__entity_for_name(x, ns, e, CG_EK_UNKNOWN, 0);
                if (ent >= 0)
                    x->ents[ent].last_para = para;
            }
            i = e;
            continue;
        }
        i++;
    }
    return 0;
}
