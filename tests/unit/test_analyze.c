/* Stage 4: communities and centrality with igraph. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "4-analyze/igraph_bridge.h"
#include "claimgraph/claimgraph.h"
#include "harness.h"

static char dir[256];

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

static cg_claim_t *add(cg_claims_t *l, const char *doc, const char *speaker, const char *text,
                       size_t start, const char *outlet)
{
    cg_claim_t *c = cg_claims_push(l);

    c->doc = sdup(doc);
    c->text = sdup(text);
    cg_claim_add_span(c, start, start + strlen(text));
    c->speaker_name = sdup(speaker);
    c->speaker_kind = CG_SPEAKER_PERSON;
    c->cue_text = sdup("said");
    c->cue_span.start = start + strlen(text) + 1;
    c->cue_span.end = c->cue_span.start + 4;
    c->outlet = sdup(outlet);
    return c;
}

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

/**
 * Two groups, each a speaker whose claims appear in two articles of one outlet, joined
 * by one dispute from the south group to the north group.
 */
static cg_graph_t *two_groups(void)
{
    static const char *const north[] = {"The bridge opens in May.", "Tolls will stay low.",
                                        "The budget is balanced.", "Work starts today."};
    static const char *const south[] = {"Fishing quotas are unfair.", "The river is clean.",
                                        "May is far too soon."};
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_claim_t *c;
    size_t i, d;

    cg_claims_init(&l);
    for (d = 0; d < 2; d++) {
        for (i = 0; i < 4; i++)
            add(&l, d ? "north-2.txt" : "north-1.txt", "Alma Quist", north[i], 100 * i,
                "North Post");
        for (i = 0; i < 3; i++) {
            c = add(&l, d ? "south-2.txt" : "south-1.txt", "Bren Oduya", south[i], 100 * i,
                    "South Post");
            if (i == 2 && d == 0)
                cg_claim_add_relation(c, CG_RELATION_DISPUTES, "The bridge opens in May.",
                                      "Alma Quist");
        }
    }
    if (cg_graph_build(&g, l.items, l.count, &e) != CG_OK)
        fprintf(stderr, "build: %s\n", e.message);
    cg_claims_destroy(&l);
    return g;
}

static const cg_node_t *node(const cg_graph_t *g, const char *id)
{
    long i = cg_graph_find(g, id);

    return i < 0 ? NULL : cg_graph_node(g, (size_t)i);
}

static void check_two_groups(cg_community_method_t method)
{
    cg_graph_t *g = two_groups();
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_errinfo_t e;
    const cg_analysis_t *a;
    double sum = 0, max_hub = 0, max_auth = 0;
    size_t i;
    long north = -2, south = -2;

    OK(g != NULL);
    if (!g)
        return;
    o.method = method;
    INT_EQ(cg_analyze(g, &o, &e), CG_OK);
    a = cg_graph_analysis(g);
    OK(a->analyzed);
    STR_EQ(a->method, method == CG_COMMUNITY_LEIDEN ? "leiden" : "louvain");
    INT_EQ(a->nclusters, 2);
    OK(a->modularity > 0.3 && a->modularity < 1.0);
    INT_EQ(a->seed, 42);
    for (i = 0; i < cg_graph_node_count(g); i++) {
        const cg_node_t *n = cg_graph_node(g, i);
        int in_north = strstr(n->id, "north") || strstr(n->id, "quist") ||
                       (n->kind == CG_NODE_CLAIM && n->nevidence &&
                        strncmp(n->evidence[0].doc, "north", 5) == 0);

        sum += n->scores.pagerank;
        max_hub = n->scores.hub > max_hub ? n->scores.hub : max_hub;
        max_auth = n->scores.authority > max_auth ? n->scores.authority : max_auth;
        OK(n->scores.pagerank > 0);
        if (in_north) {
            if (north == -2)
                north = n->cluster;
            INT_EQ(n->cluster, north);
        } else {
            if (south == -2)
                south = n->cluster;
            INT_EQ(n->cluster, south);
        }
    }
    /* the bigger group (speaker, 4 claims, 2 articles, outlet) is cluster 0 */
    INT_EQ(north, 0);
    INT_EQ(south, 1);
    OK(fabs(sum - 1.0) < 1e-6);
    /* HITS scores are scaled to a maximum of 1 (they concentrate on the strongest
     * block: here the articles -> outlet edges, weight 4) */
    OK(fabs(max_hub - 1.0) < 1e-9 && fabs(max_auth - 1.0) < 1e-9);
    if (node(g, "outlet:north-post"))
        OK(fabs(node(g, "outlet:north-post")->scores.authority - 1.0) < 1e-9);
    if (node(g, "speaker:alma-quist")) {
        INT_EQ(node(g, "speaker:alma-quist")->scores.outdegree, 4);
        INT_EQ(node(g, "speaker:alma-quist")->scores.indegree, 0);
    }
    if (node(g, "outlet:north-post"))
        INT_EQ(node(g, "outlet:north-post")->scores.indegree, 2);
    /* PageRank runs on the undirected view: a speaker of four claims ranks above each
     * of its claims (directed, every speaker would get the same teleport score) */
    if (node(g, "speaker:alma-quist")) {
        double best_claim = 0;
        size_t k;
        for (k = 0; k < cg_graph_node_count(g); k++)
            if (cg_graph_node(g, k)->kind == CG_NODE_CLAIM &&
                cg_graph_node(g, k)->scores.pagerank > best_claim)
                best_claim = cg_graph_node(g, k)->scores.pagerank;
        OK(node(g, "speaker:alma-quist")->scores.pagerank > best_claim);
    }
    /* an article lies on every speaker -> claim -> article -> outlet path */
    if (node(g, "article:north-1.txt"))
        OK(node(g, "article:north-1.txt")->scores.betweenness > 0);
    cg_graph_free(g);
}

static void test_deterministic(void)
{
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_graph_t *g1 = two_groups(), *g2 = two_groups(), *back = NULL;
    cg_errinfo_t e;
    char *j1, *j2, *j3;
    int m;

    for (m = 0; m < 2; m++) {
        o.method = m ? CG_COMMUNITY_LOUVAIN : CG_COMMUNITY_LEIDEN;
        o.seed = 7;
        INT_EQ(cg_analyze(g1, &o, &e), CG_OK);
        INT_EQ(cg_analyze(g2, &o, &e), CG_OK);
        j1 = to_json(g1);
        j2 = to_json(g2);
        OK(j1 && j2 && strcmp(j1, j2) == 0);
        /* analysing again gives the same again */
        INT_EQ(cg_analyze(g2, &o, &e), CG_OK);
        free(j2);
        j2 = to_json(g2);
        OK(j1 && j2 && strcmp(j1, j2) == 0);
        /* and the analysed graph round-trips through graph.json */
        put("analysed.json", j1 ? j1 : "");
        INT_EQ(cg_graph_read_json(&back, path("analysed.json"), &e), CG_OK);
        j3 = back ? to_json(back) : NULL;
        OK(j1 && j3 && strcmp(j1, j3) == 0);
        cg_graph_free(back);
        back = NULL;
        free(j1);
        free(j2);
        free(j3);
    }
    cg_graph_free(g1);
    cg_graph_free(g2);
}

/* Scores computed by a child process (side.c) equal those computed in this one. */
static void test_side_process(void)
{
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_analyze_stats_t st;
    cg_graph_t *g1 = two_groups(), *g2 = two_groups();
    cg_errinfo_t e;
    char *j1, *j2;

    o.side = -1;
    INT_EQ(cg_analyze_timed(g1, &o, &st, &e), CG_OK);
    INT_EQ(st.side, 0);
    o.side = 1;
    INT_EQ(cg_analyze_timed(g2, &o, &st, &e), CG_OK);
    INT_EQ(st.side, 1);
    OK(st.total >= st.communities);
    j1 = to_json(g1);
    j2 = to_json(g2);
    OK(j1 && j2 && strcmp(j1, j2) == 0);
    free(j1);
    free(j2);
    cg_graph_free(g1);
    cg_graph_free(g2);
}

/*
 * Claims are folded into their speakers for the communities (cg_analyze__fold): every
 * claim with a speaker shares its speaker's cluster, a claim without one its article's,
 * and the modularity reported is that of the whole graph's partition, recomputed here
 * from the edges (weights summed over parallel and reciprocal edges: modularity is
 * additive in them).
 */
static void test_folded_communities(void)
{
    static const char *const speakers[] = {"Alma Quist", "Bren Oduya", "Cato Varn",
                                           "Dela Moss", "Eid Farro", NULL};
    static const char *const docs[] = {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"};
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    double *strength = NULL, *inside = NULL, total = 0, q = 0;
    unsigned r = 12345;
    size_t i, n, k, unattributed = 0;
    int m;

    cg_claims_init(&l);
    for (i = 0; i < 60; i++) {
        char text[64];
        const char *sp;

        r = r * 1103515245u + 12345u;
        sp = speakers[(r >> 16) % 6];
        /* a few texts repeat under two speakers: one claim node, two "asserts" edges */
        snprintf(text, sizeof text, "The count was %u in the north.",
                 (unsigned)(i % 9 == 0 ? 1000 : i));
        add(&l, docs[(r >> 8) % 5], sp, text, 100 * i, (r >> 4) % 3 ? "North Post" : "South Post");
    }
    INT_EQ(cg_graph_build(&g, l.items, l.count, &e), CG_OK);
    cg_claims_destroy(&l);
    if (!g)
        return;
    n = cg_graph_node_count(g);
    for (m = 0; m < 2; m++) {
        o.method = m ? CG_COMMUNITY_LOUVAIN : CG_COMMUNITY_LEIDEN;
        INT_EQ(cg_analyze(g, &o, &e), CG_OK);
        strength = calloc(n, sizeof *strength);
        inside = calloc(n, sizeof *inside);
        OK(strength && inside);
        if (!strength || !inside)
            break;
        total = 0;
        for (i = 0; i < cg_graph_edge_count(g); i++) {
            const cg_edge_t *ed = cg_graph_edge(g, i);
            const cg_node_t *s = cg_graph_node(g, ed->source), *t = cg_graph_node(g, ed->target);

            if (ed->type == CG_EDGE_ASSERTS && t->kind == CG_NODE_CLAIM)
                OK(s->cluster == t->cluster || t->nevidence > 1);
            if (ed->type == CG_EDGE_REPORTED_IN && s->scores.indegree == 0) { /* no speaker */
                OK(s->cluster == t->cluster);
                unattributed++;
            }
            strength[s->cluster] += ed->weight;
            strength[t->cluster] += ed->weight;
            if (s->cluster == t->cluster)
                inside[s->cluster] += ed->weight;
            total += ed->weight;
        }
        for (k = 0; k < n; k++)
            q += inside[k] / total - (strength[k] / (2 * total)) * (strength[k] / (2 * total));
        OK(fabs(q - cg_graph_analysis(g)->modularity) < 1e-9);
        OK(cg_graph_analysis(g)->modularity > 0.1);
        free(strength);
        free(inside);
        q = 0;
    }
    OK(unattributed > 0);
    cg_graph_free(g);
}

static void test_empty_and_edgeless(void)
{
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    char *j;
    size_t i;

    INT_EQ(cg_graph_build(&g, NULL, 0, &e), CG_OK);
    INT_EQ(cg_analyze(g, &o, &e), CG_OK);
    OK(cg_graph_analysis(g)->analyzed);
    INT_EQ(cg_graph_analysis(g)->nclusters, 0);
    OK(cg_graph_analysis(g)->modularity == 0);
    j = to_json(g);
    OK(j && strstr(j, "\"clusters\":0"));
    free(j);
    cg_graph_free(g);

    put("edgeless.json", "{\"format\": \"claimgraph-graph\", \"version\": 1, \"nodes\": ["
                         "{\"id\": \"speaker:c\", \"kind\": \"speaker\", \"label\": \"C\"},"
                         "{\"id\": \"speaker:a\", \"kind\": \"speaker\", \"label\": \"A\"},"
                         "{\"id\": \"outlet:b\", \"kind\": \"outlet\", \"name\": \"B\"}]}");
    g = NULL;
    INT_EQ(cg_graph_read_json(&g, path("edgeless.json"), &e), CG_OK);
    OK(g != NULL);
    if (!g)
        return;
    for (o.method = CG_COMMUNITY_LEIDEN; o.method <= CG_COMMUNITY_LOUVAIN; o.method++) {
        INT_EQ(cg_analyze(g, &o, &e), CG_OK);
        INT_EQ(cg_graph_analysis(g)->nclusters, 3);
        OK(cg_graph_analysis(g)->modularity == 0); /* igraph says NaN */
        for (i = 0; i < cg_graph_node_count(g); i++) {
            INT_EQ(cg_graph_node(g, i)->cluster, (long)i); /* singletons in id order */
            OK(fabs(cg_graph_node(g, i)->scores.pagerank - 1.0 / 3.0) < 1e-9);
            OK(cg_graph_node(g, i)->scores.hub == 0);
        }
        j = to_json(g);
        OK(j && strstr(j, "\"modularity\":0.0"));
        free(j);
    }
    cg_graph_free(g);
}

static void test_options(void)
{
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_graph_t *g = two_groups();
    cg_errinfo_t e;
    size_t i;

    INT_EQ(cg_community_method_parse("leiden"), CG_COMMUNITY_LEIDEN);
    INT_EQ(cg_community_method_parse("louvain"), CG_COMMUNITY_LOUVAIN);
    INT_EQ(cg_community_method_parse("walktrap"), -1);
    INT_EQ(cg_community_method_parse(NULL), -1);
    o.resolution = 0;
    INT_EQ(cg_analyze(g, &o, &e), CG_EINVAL);
    OK(strstr(e.message, "resolution") != NULL);
    o.resolution = NAN;
    INT_EQ(cg_analyze(g, &o, &e), CG_EINVAL);
    o.resolution = 1.0;
    o.method = (cg_community_method_t)9;
    INT_EQ(cg_analyze(g, &o, &e), CG_EINVAL);
    OK(!cg_graph_analysis(g)->analyzed);
    INT_EQ(cg_analyze(NULL, &o, &e), CG_EINVAL);

    /* betweenness off: zeros; NULL options mean the defaults */
    o.method = CG_COMMUNITY_LEIDEN;
    o.betweenness = 0;
    INT_EQ(cg_analyze(g, &o, &e), CG_OK);
    for (i = 0; i < cg_graph_node_count(g); i++)
        OK(cg_graph_node(g, i)->scores.betweenness == 0);
    INT_EQ(cg_analyze(g, NULL, &e), CG_OK);
    OK(cg_graph_node(g, (size_t)cg_graph_find(g, "article:north-1.txt"))->scores.betweenness > 0);

    /* a higher resolution splits more */
    o.betweenness = 1;
    o.resolution = 20.0;
    INT_EQ(cg_analyze(g, &o, &e), CG_OK);
    OK(cg_graph_analysis(g)->nclusters > 2);
    cg_graph_free(g);
}

/** The analysed graph validates against schema/graph.schema.json (when Python can tell). */
static void test_schema(void)
{
    cg_analyze_options_t o = CG_ANALYZE_OPTIONS_INIT;
    cg_graph_t *g = two_groups();
    cg_errinfo_t e;
    char cmd[2048], *j;

    if (system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
        fprintf(stderr, "python3-jsonschema not found: schema check skipped\n");
        cg_graph_free(g);
        return;
    }
    INT_EQ(cg_analyze(g, &o, &e), CG_OK);
    j = to_json(g);
    put("schema.json", j ? j : "");
    free(j);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/tests/schema/validate.py' '%s' '%s/schema/graph.schema.json' >/dev/null",
             CG_SOURCE_DIR, path("schema.json"), CG_SOURCE_DIR);
    INT_EQ(system(cmd), 0);
    cg_graph_free(g);
}

/*
 * HITS through our own ARPACK product (hits.c) against igraph's
 * igraph_hub_and_authority_scores on random weighted directed graphs: hubs that point
 * at many authorities, some vertices with no edge, parallel structure repeated so that
 * the graph is connected enough for one dominant eigenvalue.
 */
static void test_hits_matches_igraph(void)
{
    unsigned r = 777;
    int round;

    for (round = 0; round < 4; round++) {
        igraph_integer_t n = 40 + 150 * round, m = 6 * n, i;
        igraph_vector_int_t ends;
        igraph_vector_t w, h1, a1, h2, a2;
        igraph_t g;
        double worst = 0;

        igraph_vector_int_init(&ends, 2 * m);
        igraph_vector_init(&w, m);
        for (i = 0; i < m; i++) {
            r = r * 1103515245u + 12345u;
            /* sources from the first third (hubs), targets anywhere but the last tenth */
            VECTOR(ends)[2 * i] = (igraph_integer_t)((r >> 8) % (unsigned)(n / 3));
            r = r * 1103515245u + 12345u;
            VECTOR(ends)[2 * i + 1] = (igraph_integer_t)((r >> 8) % (unsigned)(n - n / 10));
            VECTOR(w)[i] = 1.0 + (double)((r >> 4) % 5);
        }
        igraph_create(&g, &ends, n, IGRAPH_DIRECTED);
        igraph_vector_init(&h1, 0);
        igraph_vector_init(&a1, 0);
        igraph_vector_init(&h2, 0);
        igraph_vector_init(&a2, 0);
        INT_EQ(cg_analyze__hits(&g, &w, &h1, &a1), IGRAPH_SUCCESS);
        INT_EQ(igraph_hub_and_authority_scores(&g, &h2, &a2, NULL, 1, &w, NULL), IGRAPH_SUCCESS);
        INT_EQ(igraph_vector_size(&h1), n);
        INT_EQ(igraph_vector_size(&a1), n);
        for (i = 0; i < n && igraph_vector_size(&h1) == n; i++) {
            worst = fmax(worst, fabs(VECTOR(h1)[i] - VECTOR(h2)[i]));
            worst = fmax(worst, fabs(VECTOR(a1)[i] - VECTOR(a2)[i]));
            OK(VECTOR(h1)[i] >= 0 && VECTOR(h1)[i] <= 1 && VECTOR(a1)[i] >= 0 &&
               VECTOR(a1)[i] <= 1);
        }
        OK(worst < 1e-9);
        OK(igraph_vector_max(&h1) == 1.0 && igraph_vector_max(&a1) == 1.0);
        OK(VECTOR(h1)[n - 1] == 0.0 && VECTOR(a1)[n - 1] == 0.0); /* no edge at all */
        igraph_vector_destroy(&h1);
        igraph_vector_destroy(&a1);
        igraph_vector_destroy(&h2);
        igraph_vector_destroy(&a2);
        igraph_destroy(&g);
        igraph_vector_destroy(&w);
        igraph_vector_int_destroy(&ends);
    }
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/cg-test-analyze-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    cg_analyze_init();
    check_two_groups(CG_COMMUNITY_LEIDEN);
    check_two_groups(CG_COMMUNITY_LOUVAIN);
    test_deterministic();
    test_side_process();
    test_folded_communities();
    test_hits_matches_igraph();
    test_empty_and_edgeless();
    test_options();
    test_schema();
    {
        char cmd[600];

        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    return TEST_REPORT();
}
