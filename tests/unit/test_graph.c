/* Stage 3: graph building, speaker merging, ids, graph.json out and in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "3-graph/graph_internal.h"
#include "claimgraph/claimgraph.h"
#include "harness.h"

static char dir[256];

/* ---- helpers ------------------------------------------------------------------------ */

static char *path(const char *name)
{
    static char p[8][512];
    static int k;

    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void put(const char *name, const char *data)
{
    FILE *fp = fopen(path(name), "wb");

    if (!fp) {
        perror(name);
        exit(1);
    }
    fputs(data, fp);
    fclose(fp);
}

static char *sdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/** Appends a claim; @p start gives its span [start, start + strlen(text)). */
static cg_claim_t *add(cg_claims_t *l, const char *doc, const char *speaker, cg_speaker_kind_t kind,
                       const char *text, size_t start, const char *cue, const char *outlet)
{
    cg_claim_t *c = cg_claims_push(l);

    c->doc = sdup(doc);
    c->type = CG_CLAIM_DIRECT;
    c->text = sdup(text);
    cg_claim_add_span(c, start, start + strlen(text));
    c->speaker_name = sdup(speaker);
    c->speaker_mention = sdup(speaker);
    c->speaker_kind = kind;
    if (cue) {
        c->cue_text = sdup(cue);
        c->cue_span.start = start + strlen(text) + 2;
        c->cue_span.end = c->cue_span.start + strlen(cue);
    }
    c->outlet = sdup(outlet);
    return c;
}

/** The graph as graph.json bytes (caller frees). */
static char *to_json(const cg_graph_t *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cg_errinfo_t e;

    if (cg_graph_write_json(g, fp, &e) != CG_OK)
        fprintf(stderr, "write: %s\n", e.message);
    fclose(fp);
    return buf;
}

static const cg_node_t *node(const cg_graph_t *g, const char *id)
{
    long i = cg_graph_find(g, id);

    return i < 0 ? NULL : cg_graph_node(g, (size_t)i);
}

/** Weight of the edge (source, target, type), or 0 when there is none. */
static double edge_weight(const cg_graph_t *g, const char *source, const char *target,
                          cg_edge_type_t type)
{
    long s = cg_graph_find(g, source), t = cg_graph_find(g, target);
    size_t i;

    for (i = 0; s >= 0 && t >= 0 && i < cg_graph_edge_count(g); i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);

        if (e->source == (size_t)s && e->target == (size_t)t && e->type == type)
            return e->weight;
    }
    return 0;
}

static size_t count_kind(const cg_graph_t *g, cg_node_kind_t kind)
{
    size_t i, n = 0;

    for (i = 0; i < cg_graph_node_count(g); i++)
        n += cg_graph_node(g, i)->kind == kind;
    return n;
}

/** The id of the (only) claim node whose label is @p text, or NULL. */
static const char *claim_id(const cg_graph_t *g, const char *text)
{
    size_t i;

    for (i = 0; i < cg_graph_node_count(g); i++) {
        const cg_node_t *n = cg_graph_node(g, i);

        if (n->kind == CG_NODE_CLAIM && strcmp(n->label, text) == 0)
            return n->id;
    }
    return NULL;
}

/* ---- tests -------------------------------------------------------------------------- */

static void test_text_helpers(void)
{
    char *s = cg_graph__normalize("  Hello, WORLD!  \xC3\x87"
                                  "a va? It's 2024.");
    char *k;

    STR_EQ(s, "hello world \xC3\xA7"
              "a va it s 2024");
    free(s);
    k = cg_graph__speaker_key("Lt Gen (R) Alma Quist", 1);
    STR_EQ(k, "alma quist");
    free(k);
    k = cg_graph__speaker_key("Dr. Bren Oduya", 0);
    STR_EQ(k, "dr bren oduya");
    free(k);
    k = cg_graph__speaker_key("Former Deputy Minister Kai Lorn", 1);
    STR_EQ(k, "kai lorn");
    free(k);
    k = cg_graph__speaker_key("President", 1);
    STR_EQ(k, "president");
    free(k);
    k = cg_graph__speaker_key("former prime minister", 1);
    STR_EQ(k, "former prime minister");
    free(k);
    k = cg_graph__speaker_key("Mr King", 1);
    STR_EQ(k, "king");
    free(k);
    k = cg_graph__outlet_key("The Daily Example");
    STR_EQ(k, "daily example");
    free(k);
    OK(cg_graph__is_title("amb", 3) && cg_graph__is_title("adm", 3) &&
       cg_graph__is_title("vice", 4) && cg_graph__is_title("dr", 2));
    OK(!cg_graph__is_title("alma", 4) && !cg_graph__is_title("", 0));
    OK(cg_graph__last_word_capitalized("Mr O'Neill") && cg_graph__last_word_capitalized("Quist"));
    OK(cg_graph__last_word_capitalized("\xC3\x89mile \xC3\x89tienne"));
    OK(!cg_graph__last_word_capitalized("chief analyst") && !cg_graph__last_word_capitalized(""));
    OK(cg_graph__cue_is_interview("told"));
    OK(cg_graph__cue_is_interview("said in an interview with"));
    OK(cg_graph__cue_is_interview("speaking to"));
    OK(!cg_graph__cue_is_interview("according to"));
    OK(!cg_graph__cue_is_interview("as reported by"));
    OK(!cg_graph__cue_is_interview(NULL));
    k = cg_graph__article_id("examples/a_1.txt");
    STR_EQ(k, "article:examples/a_1.txt");
    free(k);
    k = cg_graph__article_id("My File.TXT");
    OK(k && strncmp(k, "article:my-file.txt~", 20) == 0 && strlen(k) == 28);
    free(k);
}

static void test_enums(void)
{
    int i;

    for (i = 0; i < CG_NODE_KIND_COUNT; i++)
        INT_EQ(cg_node_kind_parse(cg_node_kind_name((cg_node_kind_t)i)), i);
    for (i = 0; i < CG_EDGE_TYPE_COUNT; i++)
        INT_EQ(cg_edge_type_parse(cg_edge_type_name((cg_edge_type_t)i)), i);
    STR_EQ(cg_edge_type_name(CG_EDGE_RELAYED_BY), "relayed_by");
    INT_EQ(cg_node_kind_parse("planet"), -1);
    INT_EQ(cg_edge_type_parse(NULL), -1);
}

static void test_basic_build(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const cg_node_t *n;
    const char *c1;
    char saved[32] = "";
    size_t i;

    cg_claims_init(&l);
    add(&l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "The harbour is closing.", 10, "said",
        "Daily Example");
    add(&l, "a.txt", "Bren Oduya", CG_SPEAKER_PERSON, "Nothing is decided yet.", 80, "said",
        "Daily Example");
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    INT_EQ(cg_graph_node_count(g), 6);
    INT_EQ(cg_graph_edge_count(g), 5);
    INT_EQ(count_kind(g, CG_NODE_CLAIM), 2);
    INT_EQ(count_kind(g, CG_NODE_SPEAKER), 2);
    OK(node(g, "speaker:alma-quist") != NULL);
    OK(node(g, "speaker:bren-oduya") != NULL);
    OK(node(g, "article:a.txt") != NULL);
    n = node(g, "outlet:daily-example");
    OK(n && strcmp(n->label, "Daily Example") == 0);
    c1 = claim_id(g, "The harbour is closing.");
    OK(c1 && strncmp(c1, "claim:", 6) == 0 && strlen(c1) == 22);
    snprintf(saved, sizeof saved, "%s", c1 ? c1 : "");
    OK(edge_weight(g, "speaker:alma-quist", c1, CG_EDGE_ASSERTS) == 1);
    OK(edge_weight(g, c1, "article:a.txt", CG_EDGE_REPORTED_IN) == 1);
    OK(edge_weight(g, "article:a.txt", "outlet:daily-example", CG_EDGE_PUBLISHED_BY) == 2);
    n = node(g, c1);
    OK(n && n->nevidence == 1 && n->cluster == -1);
    if (n && n->nevidence == 1) {
        STR_EQ(n->evidence[0].doc, "a.txt");
        STR_EQ(n->evidence[0].cue, "said");
        INT_EQ(n->evidence[0].spans[0].start, 10);
        STR_EQ(n->evidence[0].mention, "Alma Quist");
    }
    /* sorted ids, sorted edges */
    for (i = 1; i < cg_graph_node_count(g); i++)
        OK(strcmp(cg_graph_node(g, i - 1)->id, cg_graph_node(g, i)->id) < 0);
    for (i = 1; i < cg_graph_edge_count(g); i++) {
        const cg_edge_t *a = cg_graph_edge(g, i - 1), *b = cg_graph_edge(g, i);

        OK(a->source < b->source || (a->source == b->source && a->target < b->target) ||
           (a->source == b->source && a->target == b->target && a->type < b->type));
    }
    INT_EQ(cg_graph_find(g, "speaker:nobody"), -1);
    INT_EQ(cg_graph_find(g, ""), -1);
    OK(!cg_graph_analysis(g)->analyzed);
    cg_graph_free(g);

    /* the same claims give the same ids */
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    STR_EQ(claim_id(g, "The harbour is closing."), saved);
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

static void test_dedup(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const cg_node_t *n;
    const char *c;

    cg_claims_init(&l);
    /* repeated inside one article, and quoted again by another article */
    add(&l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "We will rebuild the pier.", 10, "said",
        "Daily Example");
    add(&l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "We will rebuild the pier.", 400, "added",
        "Daily Example");
    add(&l, "b.txt", "Alma Quist", CG_SPEAKER_PERSON, "we will REBUILD the pier", 55, NULL,
        "Example Wire");
    /* the same record twice (a shard read twice) counts once */
    add(&l, "b.txt", "Alma Quist", CG_SPEAKER_PERSON, "we will REBUILD the pier", 55, NULL,
        "Example Wire");
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    INT_EQ(count_kind(g, CG_NODE_CLAIM), 1);
    INT_EQ(count_kind(g, CG_NODE_ARTICLE), 2);
    INT_EQ(count_kind(g, CG_NODE_OUTLET), 2);
    c = claim_id(g, "We will rebuild the pier.");
    OK(c != NULL);
    n = c ? node(g, c) : NULL;
    OK(n && n->nevidence == 3);
    if (n && n->nevidence == 3) {
        STR_EQ(n->evidence[0].doc, "a.txt");
        INT_EQ(n->evidence[0].spans[0].start, 10);
        INT_EQ(n->evidence[1].spans[0].start, 400);
        STR_EQ(n->evidence[2].doc, "b.txt");
        OK(n->evidence[2].cue == NULL);
    }
    if (c) {
        OK(edge_weight(g, "speaker:alma-quist", c, CG_EDGE_ASSERTS) == 3);
        OK(edge_weight(g, c, "article:a.txt", CG_EDGE_REPORTED_IN) == 2);
        OK(edge_weight(g, c, "article:b.txt", CG_EDGE_REPORTED_IN) == 1);
    }
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

static void test_speaker_merging(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const cg_node_t *n;

    cg_claims_init(&l);
    add(&l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "One.", 0, "said", NULL);
    add(&l, "b.txt", "Quist", CG_SPEAKER_PERSON, "Two.", 0, "said", NULL);
    add(&l, "c.txt", "Lt Gen (R) Alma Quist", CG_SPEAKER_UNKNOWN, "Three.", 0, "said", NULL);
    add(&l, "c.txt", "Alma Quist", CG_SPEAKER_PERSON, "Four.", 20, "said", NULL);
    /* an ambiguous surname stays alone */
    add(&l, "a.txt", "Bren Oduya", CG_SPEAKER_PERSON, "Five.", 30, "said", NULL);
    add(&l, "b.txt", "Kofi Oduya", CG_SPEAKER_PERSON, "Six.", 30, "said", NULL);
    add(&l, "c.txt", "Oduya", CG_SPEAKER_PERSON, "Seven.", 30, "said", NULL);
    /* an organization is never merged into a person */
    add(&l, "a.txt", "Cara Lind", CG_SPEAKER_PERSON, "Eight.", 50, "said", NULL);
    add(&l, "b.txt", "Lind", CG_SPEAKER_ORGANIZATION, "Nine.", 50, "said", NULL);
    /* a description is not a surname */
    add(&l, "a.txt", "senior bond analyst", CG_SPEAKER_PERSON, "Thirteen.", 90, "said", NULL);
    add(&l, "b.txt", "analyst", CG_SPEAKER_PERSON, "Fourteen.", 90, "said", NULL);
    /* titles on one side only */
    add(&l, "a.txt", "Dr Hale Verin", CG_SPEAKER_PERSON, "Ten.", 70, "said", NULL);
    add(&l, "b.txt", "Hale Verin", CG_SPEAKER_PERSON, "Eleven.", 70, "said", NULL);
    add(&l, "c.txt", "unknown", CG_SPEAKER_UNKNOWN, "Twelve.", 70, "said", NULL);
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);

    n = node(g, "speaker:alma-quist");
    OK(n != NULL);
    if (n) {
        STR_EQ(n->label, "Alma Quist"); /* most frequent full form */
        INT_EQ(n->speaker_kind, CG_SPEAKER_PERSON);
        INT_EQ(n->naliases, 2);
        if (n->naliases == 2) {
            STR_EQ(n->aliases[0], "Lt Gen (R) Alma Quist");
            STR_EQ(n->aliases[1], "Quist");
        }
        OK(edge_weight(g, "speaker:alma-quist", claim_id(g, "Two."), CG_EDGE_ASSERTS) == 1);
        OK(edge_weight(g, "speaker:alma-quist", claim_id(g, "Three."), CG_EDGE_ASSERTS) == 1);
    }
    OK(node(g, "speaker:quist") == NULL);
    OK(node(g, "speaker:oduya") != NULL);
    OK(node(g, "speaker:bren-oduya") != NULL);
    OK(node(g, "speaker:kofi-oduya") != NULL);
    n = node(g, "speaker:lind");
    OK(n && n->speaker_kind == CG_SPEAKER_ORGANIZATION);
    OK(node(g, "speaker:cara-lind") != NULL);
    n = node(g, "speaker:hale-verin");
    OK(n && n->naliases == 1);
    if (n && n->naliases == 1) {
        /* one each: the longer full form wins */
        STR_EQ(n->label, "Dr Hale Verin");
        STR_EQ(n->aliases[0], "Hale Verin");
    }
    /* the unknown speaker: a claim, but no speaker node and no asserts edge */
    OK(node(g, "speaker:unknown") == NULL);
    OK(claim_id(g, "Twelve.") != NULL);
    OK(node(g, "speaker:analyst") != NULL);
    OK(node(g, "speaker:senior-bond-analyst") != NULL);
    INT_EQ(count_kind(g, CG_NODE_SPEAKER), 9);
    INT_EQ(count_kind(g, CG_NODE_CLAIM), 14);
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

static void test_unknown_speakers_stay_apart(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;

    cg_claims_init(&l);
    add(&l, "a.txt", "unknown", CG_SPEAKER_UNKNOWN, "Prices will rise.", 0, "said", NULL);
    add(&l, "a.txt", "unknown", CG_SPEAKER_UNKNOWN, "Prices will rise.", 90, "said", NULL);
    add(&l, "b.txt", "", CG_SPEAKER_UNKNOWN, "Prices will rise.", 0, "said", NULL);
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    INT_EQ(count_kind(g, CG_NODE_CLAIM), 2);
    INT_EQ(count_kind(g, CG_NODE_SPEAKER), 0);
    INT_EQ(cg_graph_edge_count(g), 2); /* reported_in a (weight 2), reported_in b */
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

static void test_via_and_relations(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_claim_t *c;
    const char *told, *quoted, *reply, *rebuttal;

    cg_claims_init(&l);
    c = add(&l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "The dam is safe.", 0, "told",
            "Daily Example");
    cg_claim_add_via(c, "Example Wire");
    c = add(&l, "a.txt", "Bren Oduya", CG_SPEAKER_PERSON, "The dam leaks.", 50, "according to",
            "Daily Example");
    cg_claim_add_via(c, "The Example Wire");
    c = add(&l, "a.txt", "Bren Oduya", CG_SPEAKER_PERSON, "That is simply untrue.", 100, "said",
            "Daily Example");
    cg_claim_add_relation(c, CG_RELATION_DISPUTES, "the dam is SAFE", "Quist");
    cg_claim_add_relation(c, CG_RELATION_DISPUTES, "Words nobody said.", "Alma Quist");
    c = add(&l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "We checked twice.", 150, "replied",
            "Daily Example");
    cg_claim_add_relation(c, CG_RELATION_RESPONDS_TO, "That is simply untrue", NULL);
    cg_claim_add_relation(c, CG_RELATION_RESPONDS_TO, "We checked twice.", NULL); /* itself */
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    told = claim_id(g, "The dam is safe.");
    quoted = claim_id(g, "The dam leaks.");
    reply = claim_id(g, "That is simply untrue.");
    rebuttal = claim_id(g, "We checked twice.");
    OK(told && quoted && reply && rebuttal);
    INT_EQ(count_kind(g, CG_NODE_OUTLET), 2); /* "Example Wire" = "The Example Wire" */
    OK(edge_weight(g, "speaker:alma-quist", "outlet:example-wire", CG_EDGE_SPOKE_TO) == 1);
    OK(edge_weight(g, quoted, "outlet:example-wire", CG_EDGE_RELAYED_BY) == 1);
    OK(edge_weight(g, reply, told, CG_EDGE_DISPUTES) == 1);
    OK(edge_weight(g, rebuttal, reply, CG_EDGE_RESPONDS_TO) == 1);
    OK(edge_weight(g, rebuttal, rebuttal, CG_EDGE_RESPONDS_TO) == 0);
    /* 4 asserts, 4 reported_in, 1 published_by, spoke_to, relayed_by, disputes, responds_to */
    INT_EQ(cg_graph_edge_count(g), 13);
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

/** A varied claim list for the determinism and round-trip tests. */
static void sample_claims(cg_claims_t *l)
{
    cg_claim_t *c;

    add(l, "a.txt", "Alma Quist", CG_SPEAKER_PERSON, "The harbour is closing.", 10, "said",
        "Daily Example");
    add(l, "b.txt", "Quist", CG_SPEAKER_PERSON, "The harbour is closing!", 5, "told",
        "Example Wire");
    add(l, "b.txt", "Dr Alma Quist", CG_SPEAKER_PERSON, "Ships will wait.", 70, "said",
        "Example Wire");
    c = add(l, "c.txt", "Bren Oduya", CG_SPEAKER_PERSON, "The harbour stays open.", 0, "insisted",
            "Daily Example");
    cg_claim_add_relation(c, CG_RELATION_DISPUTES, "The harbour is closing", "Alma Quist");
    cg_claim_add_via(c, "Example Wire");
    c = add(l, "c.txt", "Port Authority", CG_SPEAKER_ORGANIZATION, "Traffic is normal.", 90, "told",
            "Daily Example");
    cg_claim_add_via(c, "Harbour Radio");
    add(l, "d.txt", "unknown", CG_SPEAKER_UNKNOWN, "Rumours spread.", 3, NULL, NULL);
    add(l, "Dir/E File.txt", "Alma Quist", CG_SPEAKER_PERSON, "Ships will wait.", 12, "said",
        "Daily Example");
    add(l, "e.txt", "Hale Verin", CG_SPEAKER_PERSON,
        "Caf\xC3\xA9 owners say \"quotes\" and \\ slashes / stay.", 4, "said", NULL);
}

/** Copy of @p src's claims in the order given by @p perm (shallow: no frees). */
static void permuted(cg_claim_t *dst, const cg_claims_t *src, const size_t *perm)
{
    size_t i;

    for (i = 0; i < src->count; i++)
        dst[i] = src->items[perm[i]];
}

static void test_order_independence(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_claim_t shuffled[16];
    size_t perm[16], i, k;
    char *ref, *other;

    cg_claims_init(&l);
    sample_claims(&l);
    OK(l.count <= 16);
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    ref = to_json(g);
    cg_graph_free(g);
    for (k = 1; k < 6; k++) {
        /* reversed, rotated and strided orders */
        for (i = 0; i < l.count; i++)
            perm[i] = k == 1 ? l.count - 1 - i : (i * (k == 5 ? 3 : 1) + k) % l.count;
        permuted(shuffled, &l, perm);
        INT_EQ(cg_graph_build(&g, shuffled, l.count, &e), CG_OK);
        other = to_json(g);
        OK(ref && other && strcmp(ref, other) == 0);
        free(other);
        cg_graph_free(g);
    }
    free(ref);
    cg_claims_destroy(&l);
}

/* A small xorshift generator: the same pseudo-random claims on every run. */
static unsigned long long rng_state = 0x9E3779B97F4A7C15ULL;

static size_t rnd(size_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (size_t)(rng_state % n);
}

/** Random claims over small pools of names (with title and surname variants). */
static void random_claims(cg_claims_t *l, size_t n)
{
    static const char *const speakers[] = {"Alma Quist", "Quist",      "Dr Alma Quist",
                                           "Bren Oduya", "Kofi Oduya", "Oduya",
                                           "Lind",       "Cara Lind",  "unknown"};
    static const char *const texts[] = {"Prices rise.",      "prices RISE",  "Talks failed.",
                                        "The port is shut.", "We disagree.", "No comment."};
    static const char *const outlets[] = {"Daily Example", "The Daily Example", "Example Wire",
                                          "Harbour Radio"};
    static const char *const cues[] = {"said", "told", "according to", "speaking to"};
    char doc[32];
    size_t i;

    for (i = 0; i < n; i++) {
        cg_claim_t *c;

        snprintf(doc, sizeof doc, "doc-%zu.txt", rnd(12));
        c = add(l, doc, speakers[rnd(9)], rnd(3) ? CG_SPEAKER_PERSON : CG_SPEAKER_ORGANIZATION,
                texts[rnd(6)], rnd(5) * 40, rnd(5) ? cues[rnd(4)] : NULL,
                rnd(4) ? outlets[rnd(4)] : NULL);
        if (!rnd(3))
            cg_claim_add_via(c, outlets[rnd(4)]);
        if (!rnd(4))
            cg_claim_add_relation(c, rnd(2) ? CG_RELATION_DISPUTES : CG_RELATION_RESPONDS_TO,
                                  texts[rnd(6)], rnd(2) ? speakers[rnd(9)] : NULL);
    }
}

/** Random claims, shuffled and split into shards: always the same bytes. */
static void test_random_shards(void)
{
    cg_claims_t l, shards[3];
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_claim_t *shuffled;
    size_t i, k, n = 300;
    char *ref, *other;

    cg_claims_init(&l);
    random_claims(&l, n);
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    ref = to_json(g);
    cg_graph_free(g);
    shuffled = malloc(n * sizeof *shuffled);
    for (k = 0; k < 4; k++) {
        /* Fisher-Yates over shallow copies */
        memcpy(shuffled, l.items, n * sizeof *shuffled);
        for (i = n - 1; i > 0; i--) {
            size_t j = rnd(i + 1);
            cg_claim_t t = shuffled[i];

            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        INT_EQ(cg_graph_build(&g, shuffled, n, &e), CG_OK);
        other = to_json(g);
        OK(ref && other && strcmp(ref, other) == 0);
        free(other);
        cg_graph_free(g);
    }
    /* shards written as claims JSON Lines, read back in another order, merged */
    for (k = 0; k < 3; k++) {
        FILE *fp = fopen(path("shard.jsonl"), "wb");

        for (i = k; i < n; i += 3)
            cg_claim_write_json(fp, &l.items[i]);
        fclose(fp);
        cg_claims_init(&shards[k]);
        INT_EQ(cg_claims_read_file(&shards[k], path("shard.jsonl"), &e), CG_OK);
    }
    INT_EQ(cg_claims_move(&shards[2], &shards[0]), CG_OK);
    INT_EQ(cg_claims_move(&shards[2], &shards[1]), CG_OK);
    INT_EQ(shards[2].count, n);
    INT_EQ(cg_graph_build(&g, shards[2].items, shards[2].count, &e), CG_OK);
    other = to_json(g);
    OK(ref && other && strcmp(ref, other) == 0);
    free(other);
    cg_graph_free(g);
    for (k = 0; k < 3; k++)
        cg_claims_destroy(&shards[k]);
    free(shuffled);
    free(ref);
    cg_claims_destroy(&l);
}

static void test_round_trip(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL, *back = NULL;
    cg_errinfo_t e;
    char *first, *second;
    const cg_node_t *n;
    cg_analysis_t a;

    cg_claims_init(&l);
    sample_claims(&l);
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    /* analysis values with awkward reals */
    memset(&a, 0, sizeof a);
    a.analyzed = 1;
    snprintf(a.method, sizeof a.method, "louvain");
    a.resolution = 1.0 / 3.0;
    a.seed = 42;
    a.modularity = 0.123456789012345;
    a.nclusters = 3;
    cg_graph__set_analysis(g, &a);
    {
        cg_scores_t s = {1.0 / 7.0, 2.5e-12, 0.3, -0.0, 4, 5};

        cg_graph__set_scores(g, 0, &s);
        cg_graph__set_cluster(g, 0, 2);
    }
    first = to_json(g);
    put("rt.json", first ? first : "");
    INT_EQ(cg_graph_read_json(&back, path("rt.json"), &e), CG_OK);
    if (back) {
        second = to_json(back);
        OK(first && second && strcmp(first, second) == 0);
        free(second);
        INT_EQ(cg_graph_node_count(back), cg_graph_node_count(g));
        INT_EQ(cg_graph_edge_count(back), cg_graph_edge_count(g));
        OK(cg_graph_analysis(back)->analyzed);
        STR_EQ(cg_graph_analysis(back)->method, "louvain");
        INT_EQ(cg_graph_node(back, 0)->cluster, 2);
        n = node(back, "speaker:alma-quist");
        OK(n && n->naliases == 2);
        /* the doc name that is not plain gets a hashed id */
        OK(count_kind(back, CG_NODE_ARTICLE) == 6);
    } else {
        fprintf(stderr, "read: %s\n", e.message);
    }
    cg_graph_free(back);
    back = NULL;
    /* write -> read -> write again from the re-read file: still the same bytes */
    put("rt2.json", first ? first : "");
    INT_EQ(cg_graph_read_json(&back, path("rt2.json"), &e), CG_OK);
    second = back ? to_json(back) : NULL;
    OK(second && first && strcmp(first, second) == 0);
    free(second);
    cg_graph_free(back);
    free(first);

    /* an empty graph round-trips too */
    cg_graph_free(g);
    INT_EQ(cg_graph_build(&g, NULL, 0, &e), CG_OK);
    first = to_json(g);
    STR_EQ(first, "{\n  \"format\": \"claimgraph-graph\",\n  \"version\": 1,\n  \"analysis\": "
                  "null,\n  \"nodes\": [],\n  \"edges\": []\n}\n");
    put("empty.json", first ? first : "");
    back = NULL;
    INT_EQ(cg_graph_read_json(&back, path("empty.json"), &e), CG_OK);
    INT_EQ(cg_graph_node_count(back), 0);
    cg_graph_free(back);
    free(first);
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

/** Reads @p text as a graph and expects @p code with @p needle in the message. */
static void expect_read_error(const char *name, const char *text, cg_error_t code,
                              const char *needle, size_t line)
{
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_error_t rc;
    char buf[1200];

    if (text)
        put(name, text);
    rc = cg_graph_read_json(&g, path(name), &e);
    INT_EQ(rc, code);
    OK(g == NULL);
    cg_errinfo_format(&e, buf, sizeof buf);
    if (!strstr(buf, needle) || !strstr(buf, name)) {
        cg_test_failures++;
        fprintf(stderr, "%s: message \"%s\" lacks \"%s\" or the file name\n", name, buf, needle);
    }
    if (line)
        INT_EQ(e.line, line);
    cg_graph_free(g);
}

#define HEAD "{\"format\": \"claimgraph-graph\", \"version\": 1, "
#define SPK "{\"id\": \"speaker:a\", \"kind\": \"speaker\", \"label\": \"A\"}"
#define CLM "{\"id\": \"claim:1\", \"kind\": \"claim\", \"text\": \"Hi.\"}"

static void test_read_errors(void)
{
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    char *deep;
    size_t i, depth = 100000;

    expect_read_error("syntax.json",
                      "{\n  \"format\": \"claimgraph-graph\",\n  \"version\": 1,\n"
                      "  \"nodes\": [\n    {\"id\": }\n  ]\n}\n",
                      CG_EINPUT, "syntax.json:5:", 5);
    expect_read_error("dupkey.json", HEAD "\"nodes\": [], \"nodes\": []}", CG_EINPUT, "duplicate",
                      1);
    expect_read_error("dangling.json",
                      HEAD "\"nodes\": [" SPK ", " CLM "], \"edges\": ["
                           "{\"source\": \"speaker:a\", \"target\": \"claim:1\", \"type\": "
                           "\"asserts\"}, {\"source\": \"speaker:a\", \"target\": \"claim:2\", "
                           "\"type\": \"asserts\", \"weight\": 1}]}",
                      CG_EINPUT, "edges[1].target", 0);
    expect_read_error("wrongtype.json", HEAD "\"nodes\": [" SPK ", {\"id\": \"x\", \"kind\": 5}]}",
                      CG_EINPUT, "nodes[1].kind: must be a string", 0);
    expect_read_error("badkind.json",
                      HEAD "\"nodes\": [{\"id\": \"x\", \"kind\": \"planet\", \"label\": \"\"}]}",
                      CG_EINPUT, "nodes[0].kind", 0);
    expect_read_error("dupid.json", HEAD "\"nodes\": [" SPK ", " CLM ", " SPK "]}", CG_EINPUT,
                      "duplicate node id \"speaker:a\"", 0);
    expect_read_error("dupedge.json",
                      HEAD "\"nodes\": [" SPK ", " CLM "], \"edges\": ["
                           "{\"source\": \"speaker:a\", \"target\": \"claim:1\", \"type\": "
                           "\"asserts\"}, {\"source\": \"speaker:a\", \"target\": \"claim:1\", "
                           "\"type\": \"asserts\"}]}",
                      CG_EINPUT, "duplicate asserts edge", 0);
    expect_read_error("badweight.json",
                      HEAD "\"nodes\": [" SPK ", " CLM "], \"edges\": ["
                           "{\"source\": \"speaker:a\", \"target\": \"claim:1\", \"type\": "
                           "\"asserts\", \"weight\": -2}]}",
                      CG_EINPUT, "edges[0].weight", 0);
    expect_read_error("unknownkey.json", HEAD "\"nodes\": [" SPK "], \"extra\": 1}", CG_EINPUT,
                      "unknown key \"extra\"", 0);
    expect_read_error("badspan.json",
                      HEAD "\"nodes\": [{\"id\": \"claim:1\", \"kind\": \"claim\", \"label\": "
                           "\"x\", \"evidence\": [{\"doc\": \"a\", \"type\": \"direct\", "
                           "\"spans\": [[5, 2]]}]}]}",
                      CG_EINPUT, "nodes[0].evidence[0].spans[0]", 0);
    expect_read_error("twin.json",
                      HEAD "\"nodes\": [{\"id\": \"claim:1\", \"kind\": \"claim\", \"label\": "
                           "\"x\", \"text\": \"y\"}]}",
                      CG_EINPUT, "nodes[0].text", 0);
    expect_read_error("format.json", "{\"format\": \"other\", \"version\": 1, \"nodes\": []}",
                      CG_EINPUT, "format", 0);
    expect_read_error("version.json",
                      "{\"format\": \"claimgraph-graph\", \"version\": 2, "
                      "\"nodes\": []}",
                      CG_EINPUT, "version", 0);
    expect_read_error("array.json", "[]", CG_EINPUT, "must be a JSON object", 0);
    expect_read_error("nodes.json", HEAD "\"nodes\": {}}", CG_EINPUT, "nodes: must be an array", 0);
    expect_read_error("scores.json",
                      HEAD "\"nodes\": [{\"id\": \"s\", \"kind\": \"speaker\", \"label\": \"\", "
                           "\"scores\": {\"pagerank\": \"high\"}}]}",
                      CG_EINPUT, "nodes[0].scores.pagerank", 0);
    expect_read_error("analysis.json",
                      HEAD "\"analysis\": {\"method\": \"magic\", "
                           "\"resolution\": 1, \"seed\": 1, \"modularity\": 0, "
                           "\"clusters\": 1}, \"nodes\": []}",
                      CG_EINPUT, "analysis.method", 0);
    expect_read_error("cluster.json",
                      HEAD "\"nodes\": [{\"id\": \"s\", \"kind\": \"speaker\", \"label\": \"\", "
                           "\"cluster\": 4611686018427387904}]}",
                      CG_EINPUT, "is in cluster 4611686018427387904", 0);
    expect_read_error("empty.json", "", CG_EINPUT, "empty.json", 0);
    expect_read_error("missing.json", NULL, CG_EIO, "missing.json", 0);

    /* 100,000 nested arrays: Jansson stops at depth 2048, we report it, no crash */
    deep = malloc(2 * depth + 1);
    for (i = 0; i < depth; i++) {
        deep[i] = '[';
        deep[depth + i] = ']';
    }
    deep[2 * depth] = '\0';
    expect_read_error("deep.json", deep, CG_EINPUT, "deep.json:1:", 1);
    /* ... and inside an object, never closed */
    memcpy(deep, "{\"nodes\":", 9);
    deep[depth] = '\0';
    expect_read_error("deep2.json", deep, CG_EINPUT, "deep2.json:1:", 1);
    free(deep);

    /* a minimal hand-written graph is fine */
    put("minimal.json", HEAD "\"nodes\": [" CLM ", " SPK "], \"edges\": [{\"source\": "
                             "\"speaker:a\", \"target\": \"claim:1\", \"type\": \"asserts\"}]}");
    INT_EQ(cg_graph_read_json(&g, path("minimal.json"), &e), CG_OK);
    INT_EQ(cg_graph_node_count(g), 2);
    INT_EQ(cg_graph_edge_count(g), 1);
    if (g && cg_graph_node_count(g) == 2) {
        STR_EQ(cg_graph_node(g, 0)->id, "claim:1"); /* sorted */
        STR_EQ(cg_graph_node(g, 0)->label, "Hi.");
        INT_EQ(cg_graph_node(g, 1)->speaker_kind, CG_SPEAKER_UNKNOWN);
        INT_EQ(cg_graph_node(g, 1)->cluster, -1);
        OK(cg_graph_edge(g, 0)->weight == 1.0);
    }
    cg_graph_free(g);
}

static void test_subgraph(void)
{
    cg_claims_t l;
    cg_graph_t *g = NULL, *s = NULL;
    cg_errinfo_t e;
    unsigned char keep[64];
    size_t i;

    cg_claims_init(&l);
    sample_claims(&l);
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    OK(cg_graph_node_count(g) <= sizeof keep);
    for (i = 0; i < cg_graph_node_count(g); i++) {
        cg_node_kind_t k = cg_graph_node(g, i)->kind;

        keep[i] = k == CG_NODE_SPEAKER || k == CG_NODE_CLAIM;
    }
    INT_EQ(cg_graph_subgraph(&s, g, keep), CG_OK);
    INT_EQ(cg_graph_node_count(s), count_kind(g, CG_NODE_SPEAKER) + count_kind(g, CG_NODE_CLAIM));
    for (i = 0; i < cg_graph_edge_count(s); i++) {
        cg_edge_type_t t = cg_graph_edge(s, i)->type;

        OK(t == CG_EDGE_ASSERTS || t == CG_EDGE_DISPUTES || t == CG_EDGE_RESPONDS_TO);
    }
    OK(cg_graph_edge_count(s) > 0);
    OK(cg_graph_find(s, "speaker:alma-quist") >= 0);
    OK(cg_graph_find(s, "article:a.txt") < 0);
    cg_graph_free(s);
    memset(keep, 0, sizeof keep);
    INT_EQ(cg_graph_subgraph(&s, g, keep), CG_OK);
    INT_EQ(cg_graph_node_count(s), 0);
    INT_EQ(cg_graph_edge_count(s), 0);
    cg_graph_free(s);
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

/*
 * cg_graph__pool_spill moves a pool's chunks into a file at the same addresses: every
 * block keeps its bytes, the pool goes on allocating, and a built graph moved this way
 * writes the same graph.json.
 */
static void test_pool_spill(void)
{
    enum { NBLOCKS = 3000 };
    cg_graph__pool_t pool = {0};
    char *blocks[NBLOCKS], *big = NULL, *more, *before, *after;
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    size_t i, good = 0;
    int spilled;

    for (i = 0; i < NBLOCKS; i++) {
        char s[64];

        snprintf(s, sizeof s, "block %zu of the pool", i * 2654435761u);
        blocks[i] = cg_graph__pool_strndup(&pool, s, strlen(s));
        if (i == NBLOCKS / 2) /* a block of its own chunk, behind the current one */
            big = cg_graph__pool_alloc(&pool, (size_t)5 << 20, 16);
    }
    OK(big != NULL);
    if (big)
        memset(big, 0x5a, (size_t)5 << 20);
    spilled = cg_graph__pool_spill(&pool);
    if (spilled)
        fprintf(stderr, "note: no O_TMPFILE in $TMPDIR: the pool stayed in memory\n");
    for (i = 0; i < NBLOCKS; i++) {
        char s[64];

        snprintf(s, sizeof s, "block %zu of the pool", i * 2654435761u);
        good += blocks[i] && strcmp(blocks[i], s) == 0;
    }
    INT_EQ(good, NBLOCKS);
    OK(big && big[0] == 0x5a && big[((size_t)5 << 20) - 1] == 0x5a);
    more = cg_graph__pool_strndup(&pool, "written after", 13);
    OK(more && strcmp(more, "written after") == 0);
    INT_EQ(cg_graph__pool_spill(&pool), spilled); /* again: nothing left to move */
    OK(more && strcmp(more, "written after") == 0);
    cg_graph__pool_free(&pool);

    cg_claims_init(&l);
    for (i = 0; i < 200; i++) {
        char text[64], doc[16];

        snprintf(doc, sizeof doc, "doc-%zu", i / 9);
        snprintf(text, sizeof text, "statement %zu on the matter", i);
        add(&l, doc, i % 3 ? "Alma Quist" : "Bren Oduya", CG_SPEAKER_PERSON, text, 10, "said",
            NULL);
    }
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    cg_claims_destroy(&l);
    if (!g)
        return;
    before = to_json(g);
    if (CG_GRAPH_SPILL_MIN > ((size_t)8 << 20)) {
        INT_EQ(cg_graph__spill_texts(g), -1); /* below CG_GRAPH_SPILL_MIN: left alone */
        INT_EQ(cg_graph__pool_spill(&g->pool), spilled);
    } else { /* a build that moves every graph */
        INT_EQ(cg_graph__spill_texts(g), spilled);
    }
    after = to_json(g);
    OK(before && after && strcmp(before, after) == 0);
    free(after);
    /* the node records: moved, given back, read again, freed (back to malloc as
     * private memory: cg_spill_forget) */
    INT_EQ(cg_graph__spill_nodes(g), spilled);
    cg_graph__release_nodes(g);
    after = to_json(g);
    OK(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);
    cg_graph_free(g);
}

/*
 * graph.json of a graph large enough to be formatted in blocks on several threads:
 * every node and edge once, in order; and a field that cannot be encoded in a middle
 * block fails the write naming that node, with exactly the nodes before it written.
 */
static void test_write_in_blocks(void)
{
    enum { NCLAIMS = 9000, BAD = 9000 };
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    char *buf = NULL, *p, text[96], doc[32], who[32];
    size_t len = 0, i, lines, ok_nodes, ok_edges;
    FILE *fp;
    int rc;

    cg_claims_init(&l);
    for (i = 0; i < NCLAIMS; i++) {
        snprintf(doc, sizeof doc, "doc-%zu", i / 7);
        snprintf(who, sizeof who, "Speaker Number%zu", i % 501);
        snprintf(text, sizeof text, "statement %zu about the matter number %zu", i, i * 7919);
        add(&l, doc, who, CG_SPEAKER_PERSON, text, 10, "said", NULL);
    }
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    OK(cg_graph_node_count(g) > BAD + 1000);
    if (cg_graph_node_count(g) <= BAD) {
        cg_graph_free(g);
        cg_claims_destroy(&l);
        return;
    }
    OK(cg_graph_edge_count(g) > 3 * 4096);

    buf = to_json(g);
    OK(buf != NULL);
    /* one line per element, each in graph order */
    ok_nodes = ok_edges = 0;
    for (p = buf, lines = 0; p && (p = strstr(p, "\n    {")); p++, lines++) {
        char want[256];

        if (lines < cg_graph_node_count(g)) {
            snprintf(want, sizeof want, "\n    {\"id\":\"%s\",", cg_graph_node(g, lines)->id);
            ok_nodes += strncmp(p, want, strlen(want)) == 0;
        } else {
            const cg_edge_t *ed = cg_graph_edge(g, lines - cg_graph_node_count(g));

            snprintf(want, sizeof want, "\n    {\"source\":\"%s\",\"target\":\"%s\",",
                     cg_graph_node(g, ed->source)->id, cg_graph_node(g, ed->target)->id);
            ok_edges += strncmp(p, want, strlen(want)) == 0;
        }
    }
    INT_EQ(lines, cg_graph_node_count(g) + cg_graph_edge_count(g));
    INT_EQ(ok_nodes, cg_graph_node_count(g));
    INT_EQ(ok_edges, cg_graph_edge_count(g));
    free(buf);

    /* a label that is not UTF-8, in the third block of nodes */
    g->nodes[BAD].label = "bad \xff label";
    buf = NULL;
    fp = open_memstream(&buf, &len);
    rc = cg_graph_write_json(g, fp, &e);
    fclose(fp);
    INT_EQ(rc, CG_EINPUT);
    OK(strstr(e.message, "nodes[9000]") != NULL);
    for (p = buf, lines = 0; p && (p = strstr(p, "\n    {")); p++)
        lines++;
    INT_EQ(lines, BAD);
    free(buf);
    cg_graph_free(g);
    cg_claims_destroy(&l);
}

static void test_bad_arguments(void)
{
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_claim_t c;

    memset(&c, 0, sizeof c);
    c.text = "no doc";
    INT_EQ(cg_graph_build(&g, &c, 1, &e), CG_EINVAL);
    OK(g == NULL);
    INT_EQ(cg_graph_build(NULL, NULL, 0, &e), CG_EINVAL);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/cg-test-graph-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_text_helpers();
    test_enums();
    test_basic_build();
    test_dedup();
    test_speaker_merging();
    test_unknown_speakers_stay_apart();
    test_via_and_relations();
    test_order_independence();
    test_random_shards();
    test_round_trip();
    test_read_errors();
    test_subgraph();
    test_write_in_blocks();
    test_pool_spill();
    test_bad_arguments();
    {
        char cmd[600];

        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    return TEST_REPORT();
}
