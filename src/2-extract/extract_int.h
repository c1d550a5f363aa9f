/*
 * Internals of stage 2 (attribution extraction), shared by the files of src/2-extract/.
 *
 * Data flows: lexicon (word lists) -> tokenize (tokens, paragraphs) -> sentences ->
 * quotes (pairing marks) -> boilerplate (paragraph filter) -> mentions (noun phrases,
 * names) -> resolve (per-article entity table) -> attrib (attribution patterns) ->
 * extract (claims out). Everything here is per article and owned by one cg_x_ctx_t,
 * so extraction is thread-safe once the lexicons are loaded.
 */
#ifndef CG_EXTRACT_INT_H
#define CG_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "0-util/buf.h"
#include "claimgraph/article.h"
#include "claimgraph/claims.h"

/* ---- lexicon.c ------------------------------------------------------------------ */

/** One bit per word list in data/lexicons/ (see cg_lex__init for the file names). */
enum {
    CG_LX_SPEECH = 1u << 0,      /**< speech_verbs: reporting verbs, every form */
    CG_LX_BELIEF = 1u << 1,      /**< belief_verbs */
    CG_LX_WEAK = 1u << 2,        /**< weak_cues: only with an adjacent quotation */
    CG_LX_PHRASE_CUE = 1u << 3,  /**< phrase_cues: multi-word cues */
    CG_LX_ACCORDING = 1u << 4,   /**< according: "according to", "as reported by" */
    CG_LX_OBJVERB = 1u << 5,     /**< object_verbs: hearer before content */
    CG_LX_SRCOBJ = 1u << 6,      /**< source_object_verbs: "quoted X" */
    CG_LX_ATTRNOUN = 1u << 7,    /**< attribution_nouns */
    CG_LX_TITLE = 1u << 8,       /**< titles */
    CG_LX_PERSON = 1u << 9,      /**< person_nouns */
    CG_LX_GROUP = 1u << 10,      /**< group_nouns */
    CG_LX_ORG = 1u << 11,        /**< org_nouns */
    CG_LX_DOC = 1u << 12,        /**< document_nouns */
    CG_LX_OUTLET_WORD = 1u << 13, /**< outlet_words */
    CG_LX_OUTLET_DESC = 1u << 14, /**< outlet_descriptors */
    CG_LX_DET = 1u << 15,        /**< determiners */
    CG_LX_PREP = 1u << 16,       /**< prepositions */
    CG_LX_SKIP = 1u << 17,       /**< skip_words: auxiliaries, adverbs */
    CG_LX_PRON = 1u << 18,       /**< pronouns */
    CG_LX_PRON_M = 1u << 19,
    CG_LX_PRON_F = 1u << 20,
    CG_LX_PRON_PL = 1u << 21,
    CG_LX_PRON_N = 1u << 22,
    CG_LX_TIME = 1u << 23,       /**< time_words */
    CG_LX_FUNC = 1u << 24,       /**< function_words */
    CG_LX_REL = 1u << 25,        /**< relative_words */
    CG_LX_TITLE_CUE = 1u << 26,  /**< title_cues: "titled", "dubbed" */
    CG_LX_BOILER = 1u << 27,     /**< boilerplate line starts */
    CG_LX_NONCUE = 1u << 28,     /**< non_cues: "think tank" */
    CG_LX_INF = 1u << 29,        /**< infinitive_cues: "vowed to ..." */
    CG_LX_OBJCUE = 1u << 30      /**< object_cues: noun-phrase content ("endorsed X") */
};
/** Starts a longer phrase of some list (not a list of its own; beyond the range of int). */
#define CG_LX_START (1u << 31)

/** Loads every list (idempotent, not thread-safe). 0 or -1 on ENOMEM. */
int cg_lex__init(void);
void cg_lex__free(void);
/** cg_lex__hash of a word that holds a 0xE2 byte (’ or ‘ read as '); no full stop handling. */
uint64_t cg_lex__hash_utf8(const char *s, size_t len);
/** ASCII lower case of each byte, as cg_lex__hash folds it; 0 for 0xE2 (the lead byte of
    ’ and ‘, which cg_lex__hash reads as ') and for NUL. */
extern const unsigned char cg_lex__lower[256];
/** cg_lex__hash, out of line (for lengths not known at compile time). */
uint64_t cg_lex__hash_fn(const char *s, size_t len);
/** cg_lex__hash, inline: FNV-1a over the lower-cased bytes. */
static inline uint64_t cg_lex__hash_inline(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    if (len > 1 && s[len - 1] == '.')
        len--;
    for (i = 0; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        if (c == 0xE2)
            return cg_lex__hash_utf8(s, len);
        c += (c - 'A' < 26u) ? 32u : 0u;
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}
/**
 * Hash of a word: ASCII lower-cased, ’ read as ', a trailing full stop dropped.
 * For string literals use cg_lex__hash_lit, which folds to a constant at any -O level.
 */
#if defined(__GNUC__)
#define cg_lex__hash(s, len) \
    (__builtin_constant_p(len) ? cg_lex__hash_inline((s), (len)) : cg_lex__hash_fn((s), (len)))
#else
#define cg_lex__hash(s, len) cg_lex__hash_fn((s), (len))
#endif
/*
 * cg_lex__hash of a string literal of up to 16 ASCII letters (no full stop, no ’), as a
 * constant expression without loops, so that it folds at any optimisation level.
 */
#define CG_LEX__LC_(c) ((uint64_t)(c) + (((unsigned)(c) - 'A' < 26u) ? 32u : 0u))
#define CG_LEX__ST_(w, i, h) \
    (((h) ^ ((i) < sizeof(w) - 1 ? CG_LEX__LC_((unsigned char)(w)[(i) < sizeof(w) - 1 ? (i) : 0]) : 0u)) * \
     ((i) < sizeof(w) - 1 ? 1099511628211ULL : 1u))
#define CG_LEX__H4_(w, i, h) \
    CG_LEX__ST_(w, (i) + 3, CG_LEX__ST_(w, (i) + 2, CG_LEX__ST_(w, (i) + 1, CG_LEX__ST_(w, (i), h))))
#define CG_LEX__H16_(w) \
    CG_LEX__H4_(w, 12, CG_LEX__H4_(w, 8, CG_LEX__H4_(w, 4, CG_LEX__H4_(w, 0, 1469598103934665603ULL))))
#define cg_lex__hash_lit(w) \
    ((uint64_t)(CG_LEX__H16_(w) != 0u ? CG_LEX__H16_(w) : 1u) + 0u * sizeof(char[sizeof(w) <= 17 ? 1 : -1]))
/** Hash of a word sequence from the hashes of its words. */
static inline uint64_t cg_lex__combine(uint64_t prev, uint64_t word)
{
    uint64_t h = (prev ^ (word + 0x9E3779B97F4A7C15ULL + (prev << 6) + (prev >> 2)));
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}
/** Class bits of a word or phrase hash (0 when unknown). */
uint32_t cg_lex__classes(uint64_t h);
/**
 * Class bits of a word or phrase hash, and in @p pbits the classes of the longer
 * phrases that start with it (0 when no phrase goes on from it).
 */
uint32_t cg_lex__classes_prefix(uint64_t h, uint32_t *pbits);
/** Longest phrase length (in words) stored in any list. */
size_t cg_lex__max_phrase(void);
/** The expansion of an abbreviated title ("gen" -> "general"), or @p h itself. */
uint64_t cg_lex__expand(uint64_t h);

/* ---- a small open-addressing map from 64-bit keys to ints (resolve.c) ---------- */

typedef struct {
    uint64_t *keys; /* 0 = empty slot */
    int *vals;
    size_t cap, count;
} cg_x_map_t;

int cg_x__map_put(cg_x_map_t *m, uint64_t key, int val);
/** Returns the value or -1. */
int cg_x__map_get(const cg_x_map_t *m, uint64_t key);
void cg_x__map_free(cg_x_map_t *m);

/* ---- tokenize.c ----------------------------------------------------------------- */

enum { CG_T_WORD, CG_T_NUM, CG_T_PUNCT, CG_T_POSS, CG_T_QUOTE };

enum {
    CG_TF_CAP = 1u << 0,      /**< first letter is upper case */
    CG_TF_ALLCAP = 1u << 1,   /**< every letter upper case (two or more letters) */
    CG_TF_SPACE = 1u << 2,    /**< white space before */
    CG_TF_NL = 1u << 3,       /**< a line break before (new paragraph) */
    CG_TF_SENT = 1u << 4,     /**< first token of a sentence */
    CG_TF_QOPEN = 1u << 5,    /**< quote mark that opens */
    CG_TF_QCLOSE = 1u << 6,   /**< quote mark that closes */
    CG_TF_QDOUBLE = 1u << 7,  /**< double quote mark (else single) */
    CG_TF_SPACE_AFTER = 1u << 8
};

/* Tokens are packed to 36 bytes (4-byte aligned): the array is the largest allocation of
   an extraction, about 7 bytes per byte of English text. */
#if defined(__GNUC__)
#define CG_TOK_PACKED __attribute__((packed, aligned(4)))
#else
#define CG_TOK_PACKED
#endif

typedef struct CG_TOK_PACKED {
    uint64_t h;      /**< cg_lex__hash of the token */
    uint32_t s, e;   /**< byte span (articles are limited to 4 GiB) */
    uint32_t lex;    /**< lexicon classes */
    uint8_t kind;    /**< CG_T_* */
    uint8_t ch;      /**< a one-byte token: its byte (cg_x__punct reads it here instead of
                          in the text, far away in memory); 0 otherwise */
    uint16_t flags;  /**< CG_TF_* */
    uint32_t para;   /**< paragraph index */
    uint32_t sent;   /**< sentence index */
    int32_t quote;   /**< top-level quote containing the token (marks included), -1 */
} cg_tok_t;

typedef struct {
    size_t ts, te;   /**< token range */
    size_t bs, be;   /**< byte range (first to last token) */
    uint32_t flags;  /**< CG_PF_* */
} cg_para_t;

enum {
    CG_PF_BOILER = 1u << 0,  /**< boilerplate: byline, credit, copyright, ... */
    CG_PF_DUP = 1u << 1,     /**< repeats an earlier paragraph */
    CG_PF_HEADING = 1u << 2, /**< short line without final punctuation */
    CG_PF_QUOTE_ONLY = 1u << 3
};

typedef struct {
    size_t ts, te;   /**< token range */
    uint32_t para;
} cg_sent_t;

typedef struct {
    size_t open;     /**< token index of the opening mark */
    size_t close;    /**< token index of the closing mark, or (size_t)-1 if unclosed */
    size_t cs, ce;   /**< content token range (between the marks) */
    size_t bs, be;   /**< byte span of the content */
    uint32_t para;
    int dbl;         /**< double marks */
    int used;        /**< consumed by an attribution */
    int is_title;    /**< a title ("the report titled ...") */
    size_t nwords;
} cg_quote_t;

/** Per-article working state. */
typedef struct cg_x_ctx cg_x_ctx_t;

typedef struct {
    int type;            /* cg_claim_type_t */
    size_t sp[4][2];     /* byte spans */
    int nsp;
    int ent;             /* speaker entity, -1 unknown */
    size_t ms, me;       /* speaker mention byte span */
    int has_m;
    size_t cs, ce;       /* cue byte span */
    int has_cue;
    int via[3];
    int nvia;
    int rel_type;        /* -1 none */
    int rel_target;      /* index of target claim */
    int dropped;
} cg_xclaim_t;

enum { CG_EK_PERSON, CG_EK_ORG, CG_EK_DOC, CG_EK_OUTLET, CG_EK_GROUP, CG_EK_UNKNOWN };

typedef struct {
    size_t ns, ne;       /* byte span of the canonical name in the text */
    size_t tns, tne;     /* its token range */
    int titled;          /* documents: the name is a title in quotation marks */
    int desc;            /* named by a description ("analysts"), not a proper name */
    int kind;            /* CG_EK_* */
    int person_evidence; /* 0 weak, 1 strong */
    int gender;          /* 0 unknown, 1 male, 2 female */
    int plural;
    int publisher;       /* documents: entity that issued it, -1 */
    int ntok;
    uint32_t last_para;
} cg_ent_t;

struct cg_x_ctx {
    int oom;             /* an allocation failed somewhere */
    const cg_article_t *a;
    const char *txt;
    size_t len;
    cg_tok_t *t;
    size_t nt, tcap;
    cg_para_t *p;
    size_t np, pcap;
    cg_sent_t *s;
    size_t ns, scap;
    cg_quote_t *q;
    size_t nq, qcap;
    cg_ent_t *ents;
    size_t nents, ecap;
    cg_x_map_t names;    /* name / token / descriptor / fuzzy keys -> entity */
    cg_xclaim_t *cl;
    size_t ncl, clcap;
    /* recency */
    int last_speaker;
    uint32_t last_speaker_para;
    int last_person;     /* last person mentioned anywhere */
    int last_subject;    /* last person that was a sentence subject */
    int sent_subject;    /* subject entity of the current sentence (any kind), -1 */
    size_t sent_subject_sent;
    uint32_t last_subject_para;
    int last_group;
    int last_org;
    int last_outlet;
    int last_doc;
    int last_reporter;   /* last outlet/document that "reported" */
    int last_claim;      /* index of last claim emitted */
    uint32_t last_claim_para;
    /* report list mode: paragraphs after "... revealed in this report:" */
    int list_ent;
    uint32_t list_from_para;
    int list_left;
    size_t list_cue_s, list_cue_e;
};

/* tokenize.c */
int cg_x__tokenize(cg_x_ctx_t *x);
static inline int cg_x__is(const cg_x_ctx_t *x, size_t i, uint32_t cls)
{
    return i < x->nt && (x->t[i].lex & cls) != 0;
}
/** True when token @p i is the single ASCII character @p c. */
static inline int cg_x__punct(const cg_x_ctx_t *x, size_t i, char c)
{
    return i < x->nt && x->t[i].kind == CG_T_PUNCT && x->t[i].ch == (unsigned char)c && c;
}
/** True when token @p i is a dash (-, –, —). */
static inline int cg_x__dash(const cg_x_ctx_t *x, size_t i)
{
    const unsigned char *s;

    if (i >= x->nt || x->t[i].kind != CG_T_PUNCT)
        return 0;
    s = (const unsigned char *)x->txt + x->t[i].s;
    if (x->t[i].e - x->t[i].s == 1)
        return s[0] == '-';
    return x->t[i].e - x->t[i].s == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0x95);
}

/* sentences.c */
int cg_x__sentences(cg_x_ctx_t *x);

/* quotes.c */
int cg_x__quotes(cg_x_ctx_t *x);

/* boilerplate.c */
int cg_x__boilerplate(cg_x_ctx_t *x);

/* mentions.c: noun phrases that can be speakers */
enum { CG_NP_NONE, CG_NP_PRON, CG_NP_NAME, CG_NP_DESC };

typedef struct {
    int type;          /* CG_NP_* */
    size_t ts, te;     /* mention token range (as it stands) */
    size_t ns, ne;     /* name tokens (titles stripped) for CG_NP_NAME */
    size_t head;       /* head token for CG_NP_DESC / CG_NP_PRON */
    int kind;          /* CG_EK_* guess */
    int definite;      /* description starts with the/this/that/its/... */
    int person_evidence;
    size_t pub_ts, pub_te; /* "published by X": X's token range (pub_te == 0 none) */
    int title_q;       /* quote index of a title ("the report titled ..."), -1 */
    size_t desc_ts, desc_te; /* descriptor words (titles/roles) before/after the name */
} cg_np_t;

/** Parses the speaker noun phrase in the subject zone [@p i0, @p i1). 1 found, 0 not. */
int cg_x__subject_np(cg_x_ctx_t *x, size_t i0, size_t i1, cg_np_t *np);
/** Parses a noun phrase starting at @p i (bounded by @p lim). 1 found, 0 not. */
int cg_x__np_at(cg_x_ctx_t *x, size_t i, size_t lim, cg_np_t *np);
/** Registers name mentions of one sentence (entities, descriptors). 0 or -1. */
int cg_x__scan_mentions(cg_x_ctx_t *x, size_t ts, size_t te);
/** True when [s, e) holds a capitalised title that names a role ("Minister", "Gen"). */
int cg_x__has_title(const cg_x_ctx_t *x, size_t s, size_t e);
/** True when the token is a capitalised word that can be part of a name. */
int cg_x__name_tok(const cg_x_ctx_t *x, size_t i);

/* resolve.c */
/** Resolves a parsed noun phrase to an entity (creating it). Returns index, -1 if not. */
int cg_x__resolve(cg_x_ctx_t *x, const cg_np_t *np);
/** Entity for a name token range, creating it with @p kind. -1 on ENOMEM. */
int cg_x__entity_for_name(cg_x_ctx_t *x, size_t ns, size_t ne, int kind, int strong);
/** Registers descriptor words [ds, de) for entity @p e. */
int cg_x__add_descriptors(cg_x_ctx_t *x, int e, size_t ds, size_t de);
/** Notes that entity @p e was mentioned in paragraph @p para (recency). */
void cg_x__touch(cg_x_ctx_t *x, int e, uint32_t para);
/** Canonical name of entity @p e (newly allocated, whitespace collapsed). */
/** Appends entity @p e's name (as cg_x__entity_name gives it) to @p b: 0, or -1 on ENOMEM. */
int cg_x__entity_name_put(const cg_x_ctx_t *x, int e, cg_buf_t *b);
char *cg_x__entity_name(const cg_x_ctx_t *x, int e);
int cg_x__new_entity(cg_x_ctx_t *x, size_t ns, size_t ne, int kind);
/** Gives a two/three-word name that speaks the lookup keys of a person's name. */
void cg_x__promote_person(cg_x_ctx_t *x, int e);

/* outlet.c */
/** 1 when the name tokens [ns, ne) look like a news outlet's name. */
int cg_x__outlet_name(const cg_x_ctx_t *x, size_t ns, size_t ne);
/** 1 when tokens before @p ns describe an outlet ("news outlet X"). */
int cg_x__outlet_described(const cg_x_ctx_t *x, size_t ns);

/* attrib.c */
int cg_x__attribute(cg_x_ctx_t *x);
/** Appends a claim record; returns its index or -1 on ENOMEM. */
int cg_x__add_claim(cg_x_ctx_t *x, const cg_xclaim_t *c);

#endif
