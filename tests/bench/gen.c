/*
 * claimgraph-gen — writes a synthetic news corpus of a given size for the benchmark and
 * the sharding test.
 *
 * Articles read like wire copy: a headline, paragraphs of narrative sentences, direct
 * quotes (straight and curly marks, before and after the cue), reported speech,
 * "according to", interviews ("told <outlet>"), intermediaries ("as reported by"),
 * denials and answers. Every name (people, organisations, places, outlets) is built
 * from invented syllables, so no real person appears. Quotes and sentences are drawn
 * from a large combinatorial space and carry numbers, so deduplication cannot collapse
 * the corpus: its claims grow linearly with its size. The speaker population grows
 * with the corpus too (a popular head and a long tail), like a real archive.
 *
 * The output is deterministic for a given seed and size.
 *
 *   claimgraph-gen --size 100M [--seed S] [--format jsonl|txt] [--files K] -o PATH
 *
 * jsonl (default): PATH is a file (or, with --files K > 1, a folder of K files
 * part-NNN.jsonl), one article object per line with "doc", "outlet", "date", "title",
 * "text". txt: PATH is a folder of NNNN/NNNNNNN.txt files (no metadata).
 * Exit status: 0 ok, 1 write error, 2 usage.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- random numbers (splitmix64 seeding xoshiro256**) -------------------------- */

static uint64_t rs[4];

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rnd(void)
{
    uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
    rs[2] ^= rs[0];
    rs[3] ^= rs[1];
    rs[1] ^= rs[2];
    rs[0] ^= rs[3];
    rs[2] ^= t;
    rs[3] = rotl(rs[3], 45);
    return r;
}

static void seed_rng(uint64_t s)
{
    int i;
    for (i = 0; i < 4; i++)
        rs[i] = splitmix(&s);
}

/* Uniform in [0, n). */
static size_t pick(size_t n)
{
    return (size_t)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct / 100. */
static int chance(unsigned pct)
{
    return pick(100) < pct;
}

/* Skewed towards 0: a few items are very frequent, most are rare. */
static size_t pick_skewed(size_t n)
{
    double u = (double)(rnd() >> 11) / 9007199254740992.0;
    size_t i = (size_t)((double)n * u * u * u);
    return i < n ? i : n - 1;
}

/* Less skewed: the most frequent person is in about 1 article of 60, as in real news. */
static size_t pick_skewed2(size_t n)
{
    double u = (double)(rnd() >> 11) / 9007199254740992.0;
    size_t i = (size_t)((double)n * u * u);
    return i < n ? i : n - 1;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[pick(NELEM(a))])

/* ---- a byte buffer --------------------------------------------------------------- */

typedef struct {
    char *p;
    size_t len, cap;
} buf_t;

static void need(buf_t *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + extra + 1 > cap)
            cap *= 2;
        if (!(b->p = realloc(b->p, cap))) {
            fputs("claimgraph-gen: out of memory\n", stderr);
            exit(1);
        }
        b->cap = cap;
    }
}

static void put(buf_t *b, const char *s)
{
    size_t n = strlen(s);
    need(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void putn(buf_t *b, const char *s, size_t n)
{
    need(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void putch(buf_t *b, char c)
{
    need(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

static void putnum(buf_t *b, unsigned long v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%lu", v);
    putn(b, tmp, (size_t)n);
}

/* Capitalises the first byte written since @p at. */
static void cap_at(buf_t *b, size_t at)
{
    if (at < b->len && b->p[at] >= 'a' && b->p[at] <= 'z')
        b->p[at] = (char)(b->p[at] - 'a' + 'A');
}

/* ---- invented words -------------------------------------------------------------- */

static const char *const onsets[] = {"b",  "br", "d",  "dr", "f",  "g",  "gr", "h",  "j",
                                     "k",  "kh", "l",  "m",  "n",  "p",  "pr", "r",  "s",
                                     "sh", "t",  "tr", "v",  "z",  "zh", "y",  "ch", "th",
                                     "qu", "st", "vr", "sk", "",   "",   "w"};
static const char *const vowels[] = {"a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei",
                                     "ou", "ia", "io", "ue", "ya", "ae"};
static const char *const codas[] = {"", "", "", "n", "r", "l", "s", "m", "k", "th", "nd",
                                    "rt", "sk", "v", "z", "sh", "x"};
static const char *const name_tails[] = {"",     "",     "",    "",    "ov",  "ani", "ez",
                                         "oulu", "stad", "ari", "enko", "uma", "ila", "eth",
                                         "gaard", "owa", "uri", "ant"};

/* Writes an invented capitalised word of @p syl syllables into @p out (size >= 64). */
static void invent(char *out, int syl, int tail)
{
    size_t n = 0;
    int i;

    for (i = 0; i < syl; i++) {
        const char *parts[3] = {PICK(onsets), PICK(vowels), i == syl - 1 ? PICK(codas) : ""};
        int k;
        for (k = 0; k < 3; k++) {
            size_t m = strlen(parts[k]);
            memcpy(out + n, parts[k], m);
            n += m;
        }
    }
    if (tail) {
        const char *t = PICK(name_tails);
        size_t m = strlen(t);
        memcpy(out + n, t, m);
        n += m;
    }
    out[n] = '\0';
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

/* A pool of distinct invented words. */
typedef struct {
    char **w;
    size_t n;
} pool_t;

static unsigned long long fnv(const char *s)
{
    unsigned long long h = 1469598103934665603ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static void make_pool(pool_t *p, size_t n, int minsyl, int maxsyl, int tail)
{
    size_t cap = 1, i, made = 0;
    unsigned long long *seen;

    while (cap < n * 2 + 16)
        cap *= 2;
    seen = calloc(cap, sizeof *seen);
    p->w = malloc(n * sizeof *p->w);
    if (!seen || !p->w) {
        fputs("claimgraph-gen: out of memory\n", stderr);
        exit(1);
    }
    while (made < n) {
        char tmp[64];
        unsigned long long h;
        invent(tmp, minsyl + (int)pick((size_t)(maxsyl - minsyl + 1)), tail && chance(40));
        if (strlen(tmp) < 3)
            continue;
        h = fnv(tmp) | 1;
        for (i = h & (cap - 1); seen[i] && seen[i] != h; i = (i + 1) & (cap - 1))
            ;
        if (seen[i])
            continue;
        seen[i] = h;
        p->w[made++] = strdup(tmp);
    }
    p->n = n;
    free(seen);
}

/* ---- English words for the narrative -------------------------------------------- */

static const char *const nouns[] = {
    "plan",     "budget",   "report",    "policy",   "deal",       "agreement", "proposal",
    "reform",   "tax",      "scheme",    "project",  "inquiry",    "decision",  "law",
    "bill",     "strategy", "programme", "contract", "investment", "market",    "economy",
    "crisis",   "election", "campaign",  "vote",     "debate",     "talks",     "summit",
    "strike",   "protest",  "service",   "hospital", "school",     "railway",   "bridge",
    "harbour",  "pipeline", "factory",   "network",  "council",    "committee", "court",
    "ruling",   "fund",     "loan",      "price",    "wage",       "pension",   "border",
    "treaty",   "ceasefire", "mission",  "border",   "fleet",      "airport",   "licence",
    "merger",   "takeover", "dividend",  "forecast", "shortfall",  "surplus",   "deficit",
    "audit",    "review",   "study",     "survey",   "trial",      "vaccine",   "outbreak",
    "flood",    "drought",  "harvest",   "reservoir", "grid",      "tariff",    "quota",
    "subsidy",  "levy",     "mandate",   "coalition", "majority",  "minority",  "amendment",
    "timetable", "deadline", "target",   "shortage", "backlog",    "upgrade",   "closure"};
static const char *const adjs[] = {
    "new",       "serious",     "difficult", "important", "fair",     "clear",     "huge",
    "modest",    "urgent",      "careful",   "bold",      "costly",   "flawed",    "popular",
    "risky",     "necessary",   "unfair",    "historic",  "major",    "minor",     "long-term",
    "short-term", "regional",   "national",  "local",     "global",   "public",    "private",
    "independent", "temporary", "permanent", "rapid",     "gradual",  "significant",
    "reckless",  "sensible",    "ambitious", "realistic", "credible", "unworkable"};
static const char *const verbs_past[] = {
    "approved", "rejected", "delayed",  "cancelled", "expanded", "reviewed", "backed",
    "blocked",  "funded",   "launched", "announced", "welcomed", "condemned", "questioned",
    "promised", "ignored",  "doubled",  "halved",    "raised",   "cut",      "extended",
    "suspended", "restored", "signed",  "drafted",   "opposed",  "supported", "postponed"};
static const char *const verbs_base[] = {
    "approve", "reject",  "delay",  "cancel", "expand",  "review",  "back",    "block",
    "fund",    "launch",  "deliver", "protect", "improve", "reduce", "increase", "change",
    "defend",  "challenge", "scrap", "rebuild", "finish", "support", "oppose",  "restore"};
static const char *const dets[] = {"the", "this", "that", "our", "their", "a", "every"};
static const char *const preps[] = {"in", "for", "across", "near", "around", "outside", "within"};
static const char *const months[] = {"January", "February", "March",     "April",   "May",
                                     "June",    "July",     "August",    "September",
                                     "October", "November", "December"};
static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                   "Friday", "Saturday", "Sunday"};
static const char *const roles[] = {"minister",    "spokesman",     "spokeswoman", "chairman",
                                    "chief executive", "director",  "head",        "leader",
                                    "secretary",   "president",     "governor",    "mayor",
                                    "senior official", "economist", "analyst",     "adviser"};
static const char *const titles_m[] = {"Mr", "Dr", "Prof", "Senator", "Minister", "Mayor",
                                       "General", "Judge"};
static const char *const titles_f[] = {"Ms", "Dr", "Prof", "Senator", "Minister", "Mayor",
                                       "General", "Judge", "Mrs"};
static const char *const org_kinds[] = {"Ministry of", "Bank of", "University of",
                                        "Council of", "Agency for", "Institute of"};
static const char *const org_suffix[] = {"Party", "Group", "Holdings", "Union", "Federation",
                                         "Alliance", "Authority", "Commission", "Foundation"};
static const char *const outlet_kinds[] = {"Daily", "Times", "Herald", "Courier", "Post",
                                           "Gazette", "News", "Tribune", "Radio", "TV",
                                           "Chronicle", "Observer", "Dispatch"};
static const char *const say_verbs[] = {"said", "said", "said", "said",   "added",
                                        "warned", "insisted", "argued", "claimed", "stressed",
                                        "explained", "admitted", "noted", "told reporters"};
static const char *const report_verbs[] = {"said", "said", "said", "claimed", "warned",
                                           "argued", "insisted", "believes", "suggested",
                                           "announced", "denied", "confirmed", "stated"};

/* ---- the world: people, organisations, places, outlets ------------------------- */

typedef struct {
    uint32_t first, last;
    uint8_t female, title, role;
    uint32_t org;
} person_t;

static pool_t firsts_m, firsts_f, lasts, words, outlet_names;
static person_t *people;
static size_t npeople, norgs, nplaces, noutlets;
static char **orgs, **places, **outlets;

static char *xstrdup2(const char *a, const char *sep, const char *b)
{
    size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
    char *s = malloc(na + ns + nb + 1);
    if (!s) {
        fputs("claimgraph-gen: out of memory\n", stderr);
        exit(1);
    }
    memcpy(s, a, na);
    memcpy(s + na, sep, ns);
    memcpy(s + na + ns, b, nb + 1);
    return s;
}

static void make_world(unsigned long long size)
{
    size_t i;

    /* the population grows with the corpus: ~2,000 people per 10 MB plus a base */
    npeople = 1500 + (size_t)(size / 5000);
    norgs = 300 + (size_t)(size / 50000);
    nplaces = 500 + (size_t)(size / 100000);
    noutlets = 120 + (size_t)(size / 10000000);
    make_pool(&firsts_m, 2500, 2, 3, 0);
    make_pool(&firsts_f, 2500, 2, 3, 0);
    make_pool(&lasts, npeople / 2 + 1000, 2, 3, 1);
    make_pool(&words, norgs + nplaces + 200, 2, 3, 0);
    make_pool(&outlet_names, noutlets, 1, 2, 0);
    for (i = 0; i < firsts_f.n; i++) { /* female first names end in a vowel more often */
        size_t n = strlen(firsts_f.w[i]);
        char *v = firsts_f.w[i];
        if (chance(50) && n > 3 && !strchr("aeiou", v[n - 1])) {
            char *t = xstrdup2(v, "", "a");
            free(v);
            firsts_f.w[i] = t;
        }
    }
    orgs = malloc(norgs * sizeof *orgs);
    places = malloc(nplaces * sizeof *places);
    outlets = malloc(noutlets * sizeof *outlets);
    people = malloc(npeople * sizeof *people);
    if (!orgs || !places || !outlets || !people) {
        fputs("claimgraph-gen: out of memory\n", stderr);
        exit(1);
    }
    for (i = 0; i < nplaces; i++)
        places[i] = strdup(words.w[norgs + i]);
    for (i = 0; i < norgs; i++) {
        if (chance(50))
            orgs[i] = xstrdup2(PICK(org_kinds), " ", places[pick(nplaces)]);
        else
            orgs[i] = xstrdup2(words.w[i], " ", PICK(org_suffix));
        /* the same organisation name twice would merge; make it unique with the index */
        if (i >= NELEM(org_kinds) * 40 && chance(30)) {
            char *t = xstrdup2(orgs[i], " ", words.w[pick(norgs)]);
            free(orgs[i]);
            orgs[i] = t;
        }
    }
    for (i = 0; i < noutlets; i++) {
        if (chance(30))
            outlets[i] = xstrdup2("The", " ", outlet_names.w[i]);
        else
            outlets[i] = strdup(outlet_names.w[i]);
        {
            char *t = xstrdup2(outlets[i], " ", PICK(outlet_kinds));
            free(outlets[i]);
            outlets[i] = t;
        }
    }
    for (i = 0; i < npeople; i++) {
        person_t *p = &people[i];
        p->female = (uint8_t)chance(45);
        p->first = (uint32_t)pick(p->female ? firsts_f.n : firsts_m.n);
        /* a surname is shared by about two people, so surname-only mentions are
           sometimes ambiguous across articles, as in real news */
        p->last = (uint32_t)pick(lasts.n);
        p->title = (uint8_t)pick(p->female ? NELEM(titles_f) : NELEM(titles_m));
        p->role = (uint8_t)pick(NELEM(roles));
        p->org = (uint32_t)pick(norgs);
    }
}

static const char *first_of(const person_t *p)
{
    return p->female ? firsts_f.w[p->first] : firsts_m.w[p->first];
}

/* ---- sentences -------------------------------------------------------------------- */

static void noun_phrase(buf_t *b)
{
    put(b, PICK(dets));
    putch(b, ' ');
    if (chance(60)) {
        put(b, PICK(adjs));
        putch(b, ' ');
    }
    put(b, PICK(nouns));
}

static void place_phrase(buf_t *b)
{
    put(b, PICK(preps));
    putch(b, ' ');
    put(b, places[pick_skewed(nplaces)]);
}

static void number_phrase(buf_t *b)
{
    switch (pick(4)) {
    case 0:
        putnum(b, 2 + pick(98));
        put(b, "%");
        break;
    case 1:
        putnum(b, 1 + pick(900));
        put(b, pick(2) ? " million" : " billion");
        break;
    case 2:
        put(b, "by ");
        put(b, PICK(months));
        putch(b, ' ');
        putnum(b, 2001 + pick(40));
        break;
    default:
        putnum(b, 10 + pick(99990));
        put(b, " jobs");
        break;
    }
}

/* A clause a source can say: "the new plan would cut 4% of jobs in Kavor". */
static void clause(buf_t *b)
{
    switch (pick(6)) {
    case 0:
        noun_phrase(b);
        put(b, " would ");
        put(b, PICK(verbs_base));
        putch(b, ' ');
        noun_phrase(b);
        putch(b, ' ');
        place_phrase(b);
        break;
    case 1:
        put(b, "the government had ");
        put(b, PICK(verbs_past));
        putch(b, ' ');
        noun_phrase(b);
        put(b, " worth ");
        number_phrase(b);
        break;
    case 2:
        noun_phrase(b);
        put(b, " was ");
        put(b, PICK(adjs));
        put(b, " and ");
        put(b, PICK(adjs));
        break;
    case 3:
        put(b, "officials ");
        put(b, PICK(verbs_past));
        putch(b, ' ');
        noun_phrase(b);
        putch(b, ' ');
        place_phrase(b);
        put(b, " on ");
        put(b, PICK(days));
        break;
    case 4:
        put(b, "there was no ");
        put(b, PICK(nouns));
        put(b, " for ");
        noun_phrase(b);
        put(b, " until ");
        number_phrase(b);
        break;
    default:
        noun_phrase(b);
        put(b, " could ");
        put(b, PICK(verbs_base));
        putch(b, ' ');
        number_phrase(b);
        break;
    }
}

/* The words of a direct quote: one to three sentences in the first person. */
static void quote_words(buf_t *b)
{
    int n = 1 + (int)pick_skewed(3), i;

    for (i = 0; i < n; i++) {
        size_t at = b->len;
        if (i)
            putch(b, ' '), at++;
        switch (pick(5)) {
        case 0:
            put(b, "we will ");
            put(b, PICK(verbs_base));
            putch(b, ' ');
            noun_phrase(b);
            putch(b, ' ');
            place_phrase(b);
            put(b, " ");
            number_phrase(b);
            break;
        case 1:
            put(b, "I have never seen ");
            noun_phrase(b);
            put(b, " so ");
            put(b, PICK(adjs));
            break;
        case 2:
            put(b, "this is ");
            noun_phrase(b);
            put(b, " and people ");
            place_phrase(b);
            put(b, " deserve ");
            noun_phrase(b);
            break;
        case 3:
            put(b, "nobody should ");
            put(b, PICK(verbs_base));
            putch(b, ' ');
            noun_phrase(b);
            put(b, " while ");
            clause(b);
            break;
        default:
            clause(b);
            break;
        }
        cap_at(b, at);
        if (i + 1 < n)
            putch(b, '.');
    }
}

static void open_q(buf_t *b, int curly)
{
    put(b, curly ? "\xE2\x80\x9C" : "\"");
}

static void close_q(buf_t *b, int curly)
{
    put(b, curly ? "\xE2\x80\x9D" : "\"");
}

/* How a person is named: full with title or role at the first mention, then short. */
static void name_full(buf_t *b, const person_t *p)
{
    if (chance(50)) {
        put(b, (p->female ? titles_f : titles_m)[p->title]);
        putch(b, ' ');
    }
    put(b, first_of(p));
    putch(b, ' ');
    put(b, lasts.w[p->last]);
}

static void name_short(buf_t *b, const person_t *p, int *mentioned)
{
    if (!*mentioned) {
        name_full(b, p);
        *mentioned = 1;
        return;
    }
    if (chance(60)) {
        put(b, p->female ? "Ms" : "Mr");
        putch(b, ' ');
    }
    put(b, lasts.w[p->last]);
}

typedef struct {
    const person_t *who[5];
    int mentioned[5];
    int n;
    int last; /* index of the last speaker, for pronouns; -1 */
    int curly;
    const char *outlet;
} article_ctx_t;

/* One attributed sentence by speaker @p k of the article. */
static void attributed(buf_t *b, article_ctx_t *c, int k)
{
    const person_t *p = c->who[k];
    int *m = &c->mentioned[k];
    size_t at = b->len;

    switch (pick(11)) {
    case 0: /* "Quote," said Name. */
        open_q(b, c->curly);
        quote_words(b);
        cap_at(b, at + (c->curly ? 3 : 1));
        putch(b, ',');
        close_q(b, c->curly);
        putch(b, ' ');
        put(b, PICK(say_verbs));
        putch(b, ' ');
        name_short(b, p, m);
        putch(b, '.');
        break;
    case 1: /* Name, the role of Org, said: "Quote." */
        name_short(b, p, m);
        put(b, ", the ");
        put(b, roles[p->role]);
        put(b, " of the ");
        put(b, orgs[p->org]);
        put(b, ", said: ");
        at = b->len;
        open_q(b, c->curly);
        quote_words(b);
        cap_at(b, at + (c->curly ? 3 : 1));
        putch(b, '.');
        close_q(b, c->curly);
        break;
    case 2: /* "Quote," he added. (needs an earlier mention) */
        if (c->last != k || !*m) {
            name_short(b, p, m);
            put(b, " said ");
            clause(b);
            putch(b, '.');
            break;
        }
        open_q(b, c->curly);
        quote_words(b);
        cap_at(b, at + (c->curly ? 3 : 1));
        putch(b, ',');
        close_q(b, c->curly);
        putch(b, ' ');
        put(b, p->female ? "she" : "he");
        putch(b, ' ');
        put(b, pick(2) ? "added" : "said");
        putch(b, '.');
        break;
    case 3: /* Name told Outlet that ... */
        name_short(b, p, m);
        put(b, " told ");
        put(b, outlets[pick_skewed(noutlets)]);
        put(b, " that ");
        clause(b);
        putch(b, '.');
        break;
    case 4: /* Name said reported speech. */
        name_short(b, p, m);
        putch(b, ' ');
        put(b, PICK(report_verbs));
        put(b, " that ");
        clause(b);
        putch(b, '.');
        break;
    case 5: /* According to Name, ... */
        put(b, "According to ");
        name_short(b, p, m);
        put(b, ", ");
        clause(b);
        putch(b, '.');
        break;
    case 6: /* "Quote," Name said, as reported by Outlet. */
        open_q(b, c->curly);
        quote_words(b);
        cap_at(b, at + (c->curly ? 3 : 1));
        putch(b, ',');
        close_q(b, c->curly);
        putch(b, ' ');
        name_short(b, p, m);
        put(b, " said, as reported by ");
        put(b, outlets[pick_skewed(noutlets)]);
        putch(b, '.');
        break;
    case 7: /* a denial of an earlier speaker's claim */
        if (c->n > 1) {
            int o = (k + 1) % c->n;
            name_short(b, p, m);
            put(b, " denied ");
            name_short(b, c->who[o], &c->mentioned[o]);
            put(b, "'s claim that ");
            clause(b);
            putch(b, '.');
            break;
        }
        /* fall through */
    case 8: /* mixed quote */
        name_short(b, p, m);
        put(b, " called ");
        noun_phrase(b);
        put(b, " \"");
        put(b, PICK(adjs));
        put(b, " and ");
        put(b, PICK(adjs));
        put(b, "\" and said it ");
        put(b, pick(2) ? "would " : "could ");
        put(b, PICK(verbs_base));
        putch(b, ' ');
        noun_phrase(b);
        putch(b, '.');
        break;
    case 9: /* the organisation speaks */
        put(b, "The ");
        put(b, orgs[p->org]);
        putch(b, ' ');
        put(b, PICK(report_verbs));
        put(b, " in a statement that ");
        clause(b);
        putch(b, '.');
        c->last = -1; /* "he said" must not follow an organisation's statement */
        return;
    default: /* quote split around the cue */
        open_q(b, c->curly);
        quote_words(b);
        cap_at(b, at + (c->curly ? 3 : 1));
        putch(b, ',');
        close_q(b, c->curly);
        putch(b, ' ');
        name_short(b, p, m);
        put(b, " said. ");
        open_q(b, c->curly);
        at = b->len;
        quote_words(b);
        cap_at(b, at);
        putch(b, '.');
        close_q(b, c->curly);
        break;
    }
    c->last = k;
}

/* A sentence nobody says. */
static void narrative(buf_t *b)
{
    size_t at = b->len;

    switch (pick(5)) {
    case 0:
        put(b, "On ");
        put(b, PICK(days));
        put(b, ", ");
        clause(b);
        break;
    case 1:
        put(b, "The ");
        put(b, PICK(nouns));
        putch(b, ' ');
        place_phrase(b);
        put(b, " was ");
        put(b, PICK(verbs_past));
        put(b, " last ");
        put(b, PICK(months));
        break;
    case 2:
        put(b, "Earlier this week, ");
        clause(b);
        break;
    case 3:
        put(b, "The ");
        put(b, orgs[pick_skewed(norgs)]);
        put(b, " has ");
        put(b, PICK(verbs_past));
        putch(b, ' ');
        noun_phrase(b);
        put(b, " ");
        number_phrase(b);
        break;
    default:
        clause(b);
        break;
    }
    cap_at(b, at);
    putch(b, '.');
}

/* Writes one article's text into @p b (cleared first) and its headline into @p title. */
static void article(buf_t *b, buf_t *title, const char *outlet)
{
    article_ctx_t c;
    int paras, i;

    b->len = 0;
    title->len = 0;
    memset(&c, 0, sizeof c);
    c.n = 2 + (int)pick(4);
    c.last = -1;
    c.curly = chance(50);
    c.outlet = outlet;
    for (i = 0; i < c.n; i++)
        c.who[i] = &people[pick_skewed2(npeople)];

    /* headline */
    put(title, places[pick_skewed(nplaces)]);
    putch(title, ' ');
    put(title, PICK(nouns));
    putch(title, ' ');
    put(title, PICK(verbs_past));
    put(title, " after ");
    put(title, PICK(adjs));
    putch(title, ' ');
    put(title, PICK(nouns));
    putn(b, title->p, title->len);
    put(b, "\n\n");
    if (chance(40)) {
        put(b, "By ");
        put(b, firsts_m.w[pick(firsts_m.n)]);
        putch(b, ' ');
        put(b, lasts.w[pick(lasts.n)]);
        put(b, ", ");
        put(b, outlet);
        put(b, "\n\n");
    }
    paras = 4 + (int)pick_skewed(14);
    for (i = 0; i < paras; i++) {
        int s, ns = 1 + (int)pick(4);
        for (s = 0; s < ns; s++) {
            if (s)
                putch(b, ' ');
            /* about as many claims per MB as the BBC corpus gives */
            if (chance(22))
                attributed(b, &c, c.last >= 0 && chance(50) ? c.last : (int)pick((size_t)c.n));
            else
                narrative(b);
        }
        put(b, "\n\n");
    }
    if (chance(30)) {
        put(b, "Copyright ");
        putnum(b, 2001 + pick(40));
        putch(b, ' ');
        put(b, outlet);
        putch(b, '\n');
    }
}

/* ---- output -------------------------------------------------------------------- */

static void json_str(buf_t *o, const char *s, size_t n)
{
    size_t i, run = 0;

    putch(o, '"');
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\' || ch < 0x20) {
            putn(o, s + run, i - run);
            run = i + 1;
            if (ch == '"')
                put(o, "\\\"");
            else if (ch == '\\')
                put(o, "\\\\");
            else if (ch == '\n')
                put(o, "\\n");
            else {
                char t[8];
                snprintf(t, sizeof t, "\\u%04x", ch);
                put(o, t);
            }
        }
    }
    putn(o, s + run, n - run);
    putch(o, '"');
}

static unsigned long long parse_size(const char *s)
{
    char *end;
    unsigned long long v;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s)
        return 0;
    switch (*end) {
    case 'k':
    case 'K':
        v <<= 10;
        end++;
        break;
    case 'm':
    case 'M':
        v <<= 20;
        end++;
        break;
    case 'g':
    case 'G':
        v <<= 30;
        end++;
        break;
    default:
        break;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    return *end ? 0 : v;
}

static int usage(void)
{
    fputs("usage: claimgraph-gen --size N[K|M|G] [--seed S] [--format jsonl|txt] [--files K] "
          "-o PATH\n",
          stderr);
    return 2;
}

static FILE *open_out(const char *path)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        fprintf(stderr, "claimgraph-gen: %s: %s\n", path, strerror(errno));
    else
        setvbuf(fp, NULL, _IOFBF, 1 << 20);
    return fp;
}

static int close_out(FILE *fp, const char *path)
{
    if (ferror(fp) | fclose(fp)) {
        fprintf(stderr, "claimgraph-gen: %s: write error\n", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long size = 0, seed = 1, written = 0, n = 0;
    const char *out = NULL, *format = "jsonl";
    unsigned long files = 1, fileno = 0;
    buf_t text = {0}, title = {0}, line = {0};
    char path[4096];
    FILE *fp = NULL;
    int i, txt, rc = 0;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--size") && i + 1 < argc)
            size = parse_size(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--format") && i + 1 < argc)
            format = argv[++i];
        else if (!strcmp(argv[i], "--files") && i + 1 < argc)
            files = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else
            return usage();
    }
    txt = !strcmp(format, "txt");
    if (!size || !out || !files || files > 100000 || (!txt && strcmp(format, "jsonl")))
        return usage();
    if (strlen(out) > 3000)
        return usage();
    seed_rng(seed * 0x2545F4914F6CDD1DULL + 7);
    make_world(size);

    if (txt || files > 1) {
        if (mkdir(out, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "claimgraph-gen: %s: %s\n", out, strerror(errno));
            return 1;
        }
    }
    while (written < size && !rc) {
        const char *outlet = outlets[pick_skewed(noutlets)];
        unsigned long f = (unsigned long)(written * files / size);

        article(&text, &title, outlet);
        if (txt) {
            if (n % 1000 == 0) {
                snprintf(path, sizeof path, "%s/%04llu", out, n / 1000);
                if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                    fprintf(stderr, "claimgraph-gen: %s: %s\n", path, strerror(errno));
                    return 1;
                }
            }
            snprintf(path, sizeof path, "%s/%04llu/%07llu.txt", out, n / 1000, n);
            if (!(fp = open_out(path)))
                return 1;
            fwrite(text.p, 1, text.len, fp);
            rc = close_out(fp, path);
            fp = NULL;
            written += text.len;
        } else {
            if (!fp || f != fileno) {
                if (fp && (rc = close_out(fp, path)))
                    break;
                fileno = f;
                if (files > 1)
                    snprintf(path, sizeof path, "%s/part-%03lu.jsonl", out, fileno);
                else
                    snprintf(path, sizeof path, "%s", out);
                if (!(fp = open_out(path)))
                    return 1;
            }
            line.len = 0;
            put(&line, "{\"doc\":\"gen-");
            putnum(&line, (unsigned long)seed);
            putch(&line, '-');
            putnum(&line, (unsigned long)n);
            put(&line, "\",\"outlet\":");
            json_str(&line, outlet, strlen(outlet));
            put(&line, ",\"date\":\"20");
            putnum(&line, 10 + pick(15));
            put(&line, "-0");
            putnum(&line, 1 + pick(9));
            put(&line, "-1");
            putnum(&line, pick(10));
            put(&line, "\",\"title\":");
            json_str(&line, title.p, title.len);
            put(&line, ",\"text\":");
            json_str(&line, text.p, text.len);
            put(&line, "}\n");
            fwrite(line.p, 1, line.len, fp);
            written += line.len;
        }
        n++;
    }
    if (fp && !rc)
        rc = close_out(fp, path);
    if (!rc)
        fprintf(stderr, "claimgraph-gen: %llu articles, %llu bytes\n", n, written);
    free(text.p);
    free(title.p);
    free(line.p);
    return rc;
}
