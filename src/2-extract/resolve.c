/*
 * Speaker resolution within one article: an entity table with hash keys for full
 * names, single name tokens (surname, first name), descriptor heads ("general",
 * "spokesperson") and one-deletion variants of long name tokens (so "Wrenfeld"
 * finds "Wrenfield"). Pronouns and definite descriptions go to the most recent
 * compatible entity. Every lookup is O(1) expected: no scan over earlier mentions.
 */
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "2-extract/extract_int.h"

#define KEY_FULL 0x1F3A5C7E9B2D4F61ULL
#define KEY_TOK 0x2C4E6A8B1D3F5071ULL
#define KEY_DESC 0x3B5D7F91A3C5E7F9ULL
#define KEY_DEL 0x4A6C8EA0B2D4F618ULL

/* ---- map ------------------------------------------------------------------------ */

static size_t slot_of(uint64_t key, size_t cap)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static int map_grow(cg_x_map_t *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64, i;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    int *nv = malloc(ncap * sizeof *nv);

    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = slot_of(m->keys[i], ncap);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return 0;
}

int cg_x__map_put(cg_x_map_t *m, uint64_t key, int val)
{
    size_t j;

    if (!key)
        key = 1;
    if ((m->count + 1) * 2 > m->cap && map_grow(m))
        return -1;
    j = slot_of(key, m->cap);
    while (m->keys[j] && m->keys[j] != key)
        j = (j + 1) & (m->cap - 1);
    if (!m->keys[j])
        m->count++;
    m->keys[j] = key;
    m->vals[j] = val;
    return 0;
}

int cg_x__map_get(const cg_x_map_t *m, uint64_t key)
{
    size_t j;

    if (!m->cap)
        return -1;
    if (!key)
        key = 1;
    j = slot_of(key, m->cap);
    while (m->keys[j]) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void cg_x__map_free(cg_x_map_t *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- names ---------------------------------------------------------------------- */

static int is_name_word(const cg_x_ctx_t *x, size_t i)
{
    return x->t[i].kind == CG_T_WORD || x->t[i].kind == CG_T_NUM;
}

static uint64_t name_hash(const cg_x_ctx_t *x, size_t ns, size_t ne)
{
    uint64_t h = 0;
    size_t i, n = 0;

    for (i = ns; i < ne; i++) {
        if (!is_name_word(x, i))
            continue;
        h = n ? cg_lex__combine(h, x->t[i].h) : x->t[i].h;
        n++;
    }
    return h;
}

static size_t name_ntok(const cg_x_ctx_t *x, size_t ns, size_t ne)
{
    size_t i, n = 0;

    for (i = ns; i < ne; i++)
        n += is_name_word(x, i);
    return n;
}

/** Lower-cased bytes of a token (for deletion variants), at most 63 bytes. */
static size_t lower_tok(const cg_x_ctx_t *x, size_t i, char *buf)
{
    size_t n = x->t[i].e - x->t[i].s, k;

    if (n > 63)
        n = 63;
    for (k = 0; k < n; k++) {
        char c = x->txt[x->t[i].s + k];
        buf[k] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    buf[n] = 0;
    return n;
}

/** Calls back with the hash of every one-deletion variant of token @p i. */
static int del_variants(const cg_x_ctx_t *x, size_t i, uint64_t *out, size_t max)
{
    char buf[64], tmp[64];
    size_t n = lower_tok(x, i, buf), k, m = 0;
    uint64_t prefix[64];

    /* plain ASCII (the usual case): FNV-1a of the bytes before the deletion is shared
       by the variants, so each hashes only what follows it; the same hashes as below */
    for (k = 0; k < n && (unsigned char)buf[k] - 1u < 0x7Fu; k++)
        ;
    if (k == n && n >= 2) {
        prefix[0] = 1469598103934665603ULL;
        for (k = 0; k < n; k++)
            prefix[k + 1] = (prefix[k] ^ (unsigned char)buf[k]) * 1099511628211ULL;
        for (k = 0; k < n && m < max; k++) {
            size_t len = n - 1, j;
            uint64_t h;
            if (len > 1 && (k == n - 1 ? buf[n - 2] : buf[n - 1]) == '.')
                len--; /* cg_lex__hash drops a final full stop */
            if (k >= len) {
                h = prefix[len];
            } else {
                h = prefix[k];
                for (j = k + 1; j <= len; j++)
                    h = (h ^ (unsigned char)buf[j]) * 1099511628211ULL;
            }
            out[m++] = h ? h : 1;
        }
        return (int)m;
    }
    for (k = 0; k < n && m < max; k++) {
        if ((unsigned char)buf[k] >= 0x80)
            return (int)m; /* keep to ASCII names */
        memcpy(tmp, buf, k);
        memcpy(tmp + k, buf + k + 1, n - k - 1);
        out[m++] = cg_lex__hash(tmp, n - 1);
    }
    return (int)m;
}

static int long_tok(const cg_x_ctx_t *x, size_t i)
{
    return x->t[i].e - x->t[i].s >= 6 && x->t[i].e - x->t[i].s < 64;
}

/** Registers the lookup keys of entity @p e's name [ns, ne). */
static int register_name(cg_x_ctx_t *x, int e, size_t ns, size_t ne)
{
    cg_ent_t *en = &x->ents[e];
    size_t i, first = (size_t)-1, last = (size_t)-1;

    if (cg_x__map_put(&x->names, name_hash(x, ns, ne) ^ KEY_FULL, e))
        return -1;
    for (i = ns; i < ne; i++) {
        if (!is_name_word(x, i))
            continue;
        if (first == (size_t)-1)
            first = i;
        last = i;
    }
    if (first == (size_t)-1)
        return 0;
    if (en->kind == CG_EK_PERSON || (en->kind == CG_EK_UNKNOWN && en->person_evidence)) {
        size_t toks[2] = {first, last}, k;
        for (k = 0; k < 2; k++) {
            size_t ti = toks[k];
            uint64_t v[64];
            int nv, j;
            if (k == 1 && last == first)
                break;
            if (x->t[ti].e - x->t[ti].s < 2 || (x->t[ti].lex & (CG_LX_TITLE | CG_LX_FUNC)))
                continue;
            if (cg_x__map_put(&x->names, x->t[ti].h ^ KEY_TOK, e))
                return -1;
            if (!long_tok(x, ti))
                continue;
            nv = del_variants(x, ti, v, 64);
            for (j = 0; j < nv; j++)
                if (cg_x__map_put(&x->names, v[j] ^ KEY_DEL, e))
                    return -1;
        }
    } else if (ne - ns == 1 || (en->kind == CG_EK_ORG && (x->t[first].flags & CG_TF_ALLCAP))) {
        if (cg_x__map_put(&x->names, x->t[first].h ^ KEY_TOK, e))
            return -1;
    }
    return 0;
}

int cg_x__new_entity(cg_x_ctx_t *x, size_t ns, size_t ne, int kind)
{
    cg_ent_t *en;
    int e;

    if (cg__grow_array((void **)&x->ents, &x->ecap, x->nents + 1, sizeof *x->ents))
        return -1;
    e = (int)x->nents++;
    en = &x->ents[e];
    memset(en, 0, sizeof *en);
    en->tns = ns;
    en->tne = ne;
    en->ns = x->t[ns].s;
    en->ne = x->t[ne - 1].e;
    en->kind = kind;
    en->publisher = -1;
    en->ntok = (int)name_ntok(x, ns, ne);
    if (register_name(x, e, ns, ne))
        return -1;
    return e;
}

/** Looks a single token up as a name part, exactly or with one edit. */
static int lookup_tok(const cg_x_ctx_t *x, size_t i)
{
    uint64_t v[64];
    int e, nv, j;

    e = cg_x__map_get(&x->names, x->t[i].h ^ KEY_TOK);
    if (e >= 0 || !long_tok(x, i))
        return e;
    /* query lacks a letter of the entity token */
    e = cg_x__map_get(&x->names, x->t[i].h ^ KEY_DEL);
    if (e >= 0)
        return e;
    nv = del_variants(x, i, v, 64);
    for (j = 0; j < nv; j++) {
        e = cg_x__map_get(&x->names, v[j] ^ KEY_TOK); /* query has an extra letter */
        if (e >= 0)
            return e;
        e = cg_x__map_get(&x->names, v[j] ^ KEY_DEL); /* one letter differs */
        if (e >= 0)
            return e;
    }
    return -1;
}

static int kinds_compatible(int have, int want)
{
    if (have == want || want == CG_EK_UNKNOWN || have == CG_EK_UNKNOWN)
        return 1;
    return 0;
}

int cg_x__entity_for_name(cg_x_ctx_t *x, size_t ns, size_t ne, int kind, int strong)
{
    int e;
    size_t n = name_ntok(x, ns, ne), first = ns, last = ne - 1;

    if (!n)
        return -1;
    while (first < ne && !is_name_word(x, first))
        first++;
    while (last > first && !is_name_word(x, last))
        last--;
    e = cg_x__map_get(&x->names, name_hash(x, ns, ne) ^ KEY_FULL);
    if (e < 0 && (kind == CG_EK_PERSON || kind == CG_EK_UNKNOWN)) {
        if (n == 1) {
            e = lookup_tok(x, first);
            if (e >= 0 && x->ents[e].kind != CG_EK_PERSON && x->ents[e].kind != CG_EK_UNKNOWN &&
                x->ents[e].ntok > 1)
                e = -1;
        } else {
            int el = lookup_tok(x, last);
            if (el >= 0 && (x->ents[el].kind == CG_EK_PERSON || x->ents[el].kind == CG_EK_UNKNOWN)) {
                int ef = lookup_tok(x, first);
                if (ef == el) {
                    e = el;
                } else if (x->ents[el].ntok == 1 && ef < 0) {
                    /* "Trump" seen first, now "Donald Trump": extend */
                    e = el;
                    x->ents[e].tns = ns;
                    x->ents[e].tne = ne;
                    x->ents[e].ns = x->t[ns].s;
                    x->ents[e].ne = x->t[ne - 1].e;
                    x->ents[e].ntok = (int)n;
                    if (register_name(x, e, ns, ne))
                        return -1;
                }
            }
        }
    }
    if (e >= 0) {
        cg_ent_t *en = &x->ents[e];
        if (!kinds_compatible(en->kind, kind) && strong)
            e = -1;
        else {
            if (en->kind == CG_EK_UNKNOWN && kind != CG_EK_UNKNOWN) {
                en->kind = kind;
                if (register_name(x, e, en->tns, en->tne))
                    return -1;
            }
            if (strong && !en->person_evidence) {
                en->person_evidence = 1;
                if (register_name(x, e, en->tns, en->tne))
                    return -1;
            }
            if ((int)n > en->ntok && kind == en->kind && en->kind != CG_EK_DOC) {
                /* a longer form of the same name becomes canonical */
                en->tns = ns;
                en->tne = ne;
                en->ns = x->t[ns].s;
                en->ne = x->t[ne - 1].e;
                en->ntok = (int)n;
                if (register_name(x, e, ns, ne))
                    return -1;
            }
            return e;
        }
    }
    e = cg_x__new_entity(x, ns, ne, kind);
    if (e >= 0 && strong) {
        x->ents[e].person_evidence = 1;
        if (register_name(x, e, ns, ne))
            return -1;
    }
    return e;
}

void cg_x__promote_person(cg_x_ctx_t *x, int e)
{
    cg_ent_t *en;

    if (e < 0)
        return;
    en = &x->ents[e];
    if (en->kind != CG_EK_UNKNOWN || en->person_evidence || en->ntok < 2 || en->ntok > 3)
        return;
    en->person_evidence = 1;
    if (register_name(x, e, en->tns, en->tne))
        x->oom = 1;
}

int cg_x__add_descriptors(cg_x_ctx_t *x, int e, size_t ds, size_t de)
{
    size_t i;

    for (i = ds; i < de && i < x->nt; i++) {
        const cg_tok_t *t = &x->t[i];
        uint64_t h;
        if (t->kind != CG_T_WORD)
            continue;
        h = cg_lex__expand(t->h);
        if (!(t->lex & (CG_LX_PERSON | CG_LX_GROUP | CG_LX_ORG | CG_LX_OUTLET_DESC | CG_LX_DOC)) &&
            !(cg_lex__classes(h) & CG_LX_PERSON))
            continue;
        if (cg_x__map_put(&x->names, h ^ KEY_DESC, e))
            return -1;
    }
    return 0;
}

void cg_x__touch(cg_x_ctx_t *x, int e, uint32_t para)
{
    cg_ent_t *en;

    if (e < 0)
        return;
    en = &x->ents[e];
    en->last_para = para;
    switch (en->kind) {
    case CG_EK_PERSON:
        x->last_person = e;
        break;
    case CG_EK_GROUP:
        x->last_group = e;
        break;
    case CG_EK_OUTLET:
        x->last_outlet = e;
        x->last_org = e;
        break;
    case CG_EK_DOC:
        x->last_doc = e;
        break;
    case CG_EK_ORG:
        x->last_org = e;
        if (en->plural)
            x->last_group = e;
        break;
    default:
        if (en->ntok >= 2 && en->ntok <= 4 && en->person_evidence)
            x->last_person = e;
        else
            x->last_org = e;
        break;
    }
}

static int recent(const cg_x_ctx_t *x, int e, uint32_t para, uint32_t maxdist)
{
    return e >= 0 && x->ents[e].last_para + maxdist >= para;
}

static int gender_ok(const cg_x_ctx_t *x, int e, int g)
{
    return e >= 0 && (g == 0 || x->ents[e].gender == 0 || x->ents[e].gender == g);
}

static int is_personish(const cg_x_ctx_t *x, int e)
{
    return e >= 0 && (x->ents[e].kind == CG_EK_PERSON ||
                      (x->ents[e].kind == CG_EK_UNKNOWN && x->ents[e].person_evidence));
}

/** Entity a document speaks for: its title, else its publisher. */
static int doc_voice(const cg_x_ctx_t *x, int d)
{
    if (d >= 0 && x->ents[d].kind == CG_EK_DOC && !x->ents[d].titled && x->ents[d].publisher >= 0)
        return x->ents[d].publisher;
    return d;
}

static int resolve_pron(cg_x_ctx_t *x, const cg_np_t *np, uint32_t para)
{
    uint32_t lex = x->t[np->head].lex;
    int g = (lex & CG_LX_PRON_M) ? 1 : (lex & CG_LX_PRON_F) ? 2 : 0, e = -1;

    if (g) {
        if (is_personish(x, x->last_speaker) && x->last_speaker_para + 2 >= para &&
            gender_ok(x, x->last_speaker, g))
            e = x->last_speaker;
        else if (is_personish(x, x->last_subject) && x->last_subject_para + 2 >= para &&
                 gender_ok(x, x->last_subject, g))
            e = x->last_subject;
        else if (is_personish(x, x->last_person) && gender_ok(x, x->last_person, g))
            e = x->last_person;
        if (e >= 0 && x->ents[e].gender == 0)
            x->ents[e].gender = g;
        return e;
    }
    if (lex & CG_LX_PRON_PL) {
        const char *w = x->txt + x->t[np->head].s;
        if ((w[0] | 0x20) == 'w')
            return -1; /* "we" outside a quotation: the author */
        if (recent(x, x->last_group, para, 3))
            return x->last_group;
        if (recent(x, x->last_org, para, 2))
            return x->last_org;
        return -1;
    }
    if (lex & CG_LX_PRON_N) {
        int c = -1;
        if (x->sent_subject >= 0 && x->sent_subject_sent == x->t[np->head].sent &&
            !is_personish(x, x->sent_subject) && x->ents[x->sent_subject].tne <= np->head)
            c = x->sent_subject;
        else if (x->last_speaker >= 0 && !is_personish(x, x->last_speaker) &&
            x->last_speaker_para + 2 >= para)
            c = x->last_speaker;
        else if (recent(x, x->last_org, para, 3))
            c = x->last_org;
        else if (recent(x, x->last_doc, para, 3))
            c = doc_voice(x, x->last_doc);
        return c;
    }
    return -1;
}

static int np_name_entity(cg_x_ctx_t *x, size_t ns, size_t ne, int kind)
{
    /* descriptions name themselves without their determiner */
    while (ns < ne && (x->t[ns].lex & CG_LX_DET) && !(x->t[ns].flags & CG_TF_CAP && ne - ns > 1 &&
                                                      cg_x__outlet_name(x, ns, ne)))
        ns++;
    if (ns >= ne)
        return -1;
    {
        int e = cg_x__entity_for_name(x, ns, ne, kind, 0);
        if (e >= 0 && x->ents[e].tns == ns && !(x->t[ns].flags & CG_TF_ALLCAP) &&
            (x->t[ns].lex & (CG_LX_PERSON | CG_LX_GROUP | CG_LX_ORG | CG_LX_DOC | CG_LX_OUTLET_DESC)) &&
            !cg_x__name_tok(x, ns + 1))
            x->ents[e].desc = 1;
        return e;
    }
}

int cg_x__resolve(cg_x_ctx_t *x, const cg_np_t *np)
{
    uint32_t para = x->t[np->ts].para;
    int e = -1;

    switch (np->type) {
    case CG_NP_PRON:
        return resolve_pron(x, np, para);
    case CG_NP_NAME:
        e = cg_x__entity_for_name(x, np->ns, np->ne, np->kind, np->person_evidence);
        if (e < 0)
            return -1;
        if (np->desc_te > np->desc_ts && x->ents[e].gender == 0) {
            size_t k;
            for (k = np->desc_ts; k < np->desc_te; k++) {
                if (x->t[k].kind != CG_T_WORD)
                    continue;
                if (x->t[k].e - x->t[k].s == 2 && (x->txt[x->t[k].s] | 0x20) == 'm' &&
                    (x->txt[x->t[k].s + 1] | 0x20) == 'r')
                    x->ents[e].gender = 1; /* Mr */
                else if ((x->t[k].e - x->t[k].s == 3 && (x->txt[x->t[k].s] | 0x20) == 'm' &&
                          (x->txt[x->t[k].s + 1] | 0x20) == 'r' && (x->txt[x->t[k].s + 2] | 0x20) == 's') ||
                         (x->t[k].e - x->t[k].s == 2 && (x->txt[x->t[k].s] | 0x20) == 'm' &&
                          (x->txt[x->t[k].s + 1] | 0x20) == 's'))
                    x->ents[e].gender = 2; /* Mrs, Ms */
            }
        }
        if (np->desc_te > np->desc_ts && cg_x__add_descriptors(x, e, np->desc_ts, np->desc_te))
            return -1;
        cg_x__touch(x, e, para);
        return e;
    case CG_NP_DESC: {
        const cg_tok_t *h = &x->t[np->head];
        if (np->kind == CG_EK_DOC) {
            int pub = -1;
            if (np->pub_te > np->pub_ts) {
                cg_np_t pn;
                if (cg_x__np_at(x, np->pub_ts, np->pub_te, &pn) && pn.type == CG_NP_NAME)
                    pub = cg_x__entity_for_name(x, pn.ns, pn.ne, pn.kind == CG_EK_UNKNOWN ? CG_EK_ORG : pn.kind, 0);
                else if (pn.type == CG_NP_DESC)
                    pub = np_name_entity(x, pn.ts, pn.te, pn.kind);
            }
            if (np->title_q >= 0) {
                const cg_quote_t *q = &x->q[np->title_q];
                e = cg_x__entity_for_name(x, q->cs, q->ce, CG_EK_DOC, 0);
                if (e < 0)
                    return -1;
                x->ents[e].titled = 1;
            } else if (np->definite && pub < 0 &&
                       ((x->last_doc >= 0 && recent(x, x->last_doc, para, 12)) || x->last_reporter >= 0)) {
                if (x->last_doc >= 0 && recent(x, x->last_doc, para, 12))
                    return doc_voice(x, x->last_doc);
                return x->last_reporter;
            } else if (pub < 0) {
                /* an unresolved document names itself: "the statement", "three new polls" */
                e = np_name_entity(x, np->ts, np->te, CG_EK_DOC);
                if (e < 0)
                    return -1;
            } else {
                e = cg_x__new_entity(x, np->head, np->head + 1, CG_EK_DOC);
                if (e < 0)
                    return -1;
            }
            if (pub >= 0)
                x->ents[e].publisher = pub;
            cg_x__touch(x, e, para);
            return doc_voice(x, e);
        }
        if (np->kind == CG_EK_OUTLET && np->definite) {
            if (x->last_outlet >= 0)
                return x->last_outlet;
            if (x->last_reporter >= 0)
                return x->last_reporter;
        }
        if (np->definite && np->kind != CG_EK_GROUP) {
            e = cg_x__map_get(&x->names, cg_lex__expand(h->h) ^ KEY_DESC);
            if (e >= 0 && recent(x, e, para, 30))
                return e;
            if (np->kind == CG_EK_PERSON && np->te - np->ts <= 6) {
                if (is_personish(x, x->last_speaker) && x->last_speaker_para + 2 >= para)
                    return x->last_speaker;
                if (is_personish(x, x->last_subject) && x->last_subject_para + 2 >= para)
                    return x->last_subject;
                if (is_personish(x, x->last_person) && recent(x, x->last_person, para, 1))
                    return x->last_person;
            }
            if (np->kind == CG_EK_ORG && np->te - np->ts <= 3 && recent(x, x->last_org, para, 4))
                return x->last_org;
        }
        e = np_name_entity(x, np->ts, np->te, np->kind);
        if (e >= 0) {
            if (np->kind == CG_EK_GROUP)
                x->ents[e].plural = 1;
            cg_x__touch(x, e, para);
        }
        return e;
    }
    default:
        return -1;
    }
}

int cg_x__entity_name_put(const cg_x_ctx_t *x, int e, cg_buf_t *b)
{
    const cg_ent_t *en = &x->ents[e];
    size_t i, start = b->len;
    int space = 0;

    /* never longer than the span: one allocation, not one per doubling */
    if (cg_buf__grow(b, en->ne > en->ns ? en->ne - en->ns : 0))
        return -1;
    for (i = en->ns; i < en->ne; i++) {
        unsigned char c = (unsigned char)x->txt[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0) {
            space = 1;
            continue;
        }
        if (space && b->len > start && cg_buf__putc(b, ' '))
            return -1;
        space = 0;
        /* "Analysts" at a sentence start names the same group as "analysts" */
        if (i == en->ns && en->desc && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (cg_buf__putc(b, (char)c))
            return -1;
    }
    return 0;
}

char *cg_x__entity_name(const cg_x_ctx_t *x, int e)
{
    cg_buf_t b = CG_BUF_INIT;

    if (cg_x__entity_name_put(x, e, &b)) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}
