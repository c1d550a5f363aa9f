/*
 * Stage 5: DOT, SVG and the visualiser formats; views; text escaping; layout choice.
 * Graphs are built with cg_graph_build from hand-made claims, and given communities and
 * scores by hand so the expectations do not depend on igraph.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <jansson.h>

#include "5-export/export_internal.h"
#include "claimgraph/claimgraph.h"
#include "harness.h"

/* A label with everything that has broken DOT/SVG writers: quotes, backslashes (also
 * at the end), escString sequences, markup, entities, newlines, control characters,
 * an ANSI escape, a bidi override and invalid UTF-8. */
#define NASTY                                                                                      \
    "Evil \"Q\" \\N \\G \\l <script>alert(1)</script> &amp; & <b>x</b>\nline2\r\t\x01\x1b[31m"     \
    "red\x7f \xe2\x80\xae rlo \xff\xfe bad \xc3\x28 ]]> <!-- --> Java Script :alert(2) "           \
    "data:text/html,x \\"

/* ---- helpers -------------------------------------------------------------------- */

static char *sdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static cg_claim_t *add(cg_claims_t *l, const char *doc, const char *speaker, cg_speaker_kind_t kind,
                       const char *text, const char *outlet)
{
    cg_claim_t *c = cg_claims_push(l);

    c->doc = sdup(doc);
    c->type = CG_CLAIM_DIRECT;
    c->text = sdup(text);
    cg_claim_add_span(c, 0, strlen(text));
    c->speaker_name = sdup(speaker);
    c->speaker_mention = sdup(speaker);
    c->speaker_kind = kind;
    c->cue_text = sdup("said");
    c->outlet = sdup(outlet);
    return c;
}

/**
 * The test graph: three articles in two outlets, five speakers, a dispute, a relay and
 * a hostile speaker and claim. @p nasty adds the hostile claim.
 */
static cg_graph_t *make_graph(int nasty, int reversed)
{
    cg_claims_t l, r;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_claim_t *c;
    size_t i;

    cg_claims_init(&l);
    add(&l, "a.txt", "Jane Doe", CG_SPEAKER_PERSON, "Taxes will rise next year.", "Daily News");
    add(&l, "a.txt", "Acme Corp", CG_SPEAKER_ORGANIZATION, "We did nothing wrong.", "Daily News");
    c = add(&l, "a.txt", "John Smith", CG_SPEAKER_PERSON, "The tax plan is a disaster.",
            "Daily News");
    cg_claim_add_relation(c, CG_RELATION_DISPUTES, "Taxes will rise next year.", "Jane Doe");
    add(&l, "b.txt", "Doe", CG_SPEAKER_PERSON, "Taxes will rise next year.", "Evening Post");
    c = add(&l, "b.txt", "Ministry of Finance", CG_SPEAKER_ORGANIZATION,
            "The budget is balanced and the deficit is falling.", "Evening Post");
    cg_claim_add_via(c, "Reuters");
    add(&l, "b.txt", "Jane Doe", CG_SPEAKER_PERSON,
        "A very long claim that goes on and on about the budget, the deficit, the taxes, the "
        "spending plans of every ministry, the opposition's response and what analysts "
        "expect from the central bank over the next two quarters of the fiscal year.",
        "Evening Post");
    if (nasty) {
        add(&l, "c.txt", "Mallory " NASTY, CG_SPEAKER_PERSON, "Claim " NASTY, "Outlet <&>");
        add(&l, "c.txt", "Trent", CG_SPEAKER_UNKNOWN, "ends with a backslash \\", "Outlet <&>");
    }
    if (reversed) {
        cg_claims_init(&r);
        for (i = l.count; i-- > 0;) {
            cg_claim_t *d = cg_claims_push(&r);

            *d = l.items[i];
            memset(&l.items[i], 0, sizeof l.items[i]);
        }
        cg_claims_destroy(&l);
        l = r;
    }
    if (cg_graph_build(&g, l.items, l.count, &e) != CG_OK) {
        fprintf(stderr, "build: %s\n", e.message);
        exit(1);
    }
    cg_claims_destroy(&l);
    return g;
}

/** Communities by kind of neighbourhood (deterministic), scores from the id. */
static void fake_analysis(cg_graph_t *g)
{
    size_t i, n = cg_graph_node_count(g);
    cg_analysis_t a;

    for (i = 0; i < n; i++) {
        const cg_node_t *nd = cg_graph_node(g, i);
        cg_scores_t s;

        memset(&s, 0, sizeof s);
        /* three communities: 0, 1 and 2 by position; one node left out (-1) */
        cg_graph__set_cluster(g, i, i == n - 1 ? -1 : (long)(i % 3));
        s.pagerank = (double)((i * 7) % 11) / 100.0;
        s.betweenness = (double)(i % 4);
        s.hub = 1.0 / (double)(i + 1);
        s.authority = (double)i;
        s.indegree = (long)(i % 3);
        s.outdegree = (long)(i % 5);
        cg_graph__set_scores(g, i, &s);
        (void)nd;
    }
    memset(&a, 0, sizeof a);
    a.analyzed = 1;
    snprintf(a.method, sizeof a.method, "leiden");
    a.resolution = 1;
    a.seed = 42;
    a.modularity = 0.42;
    a.nclusters = 3;
    cg_graph__set_analysis(g, &a);
}

/** Exports @p g in @p f to a new string (caller frees); NULL on failure. */
static char *export_str(const cg_graph_t *g, cg_format_t f, const char *layout, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    cg_export_options_t o = CG_EXPORT_OPTIONS_INIT;
    cg_errinfo_t e;
    cg_error_t rc;

    o.layout = layout;
    rc = cg_export(g, f, &o, fp, &e);
    fclose(fp);
    if (rc != CG_OK) {
        fprintf(stderr, "export %s: %s\n", cg_format_name(f), e.message);
        free(buf);
        return NULL;
    }
    if (len)
        *len = n;
    return buf;
}

/** Non-zero when @p s is valid UTF-8 with no control characters but \t \n \r. */
static int clean_bytes(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
            return 0;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9f)
            return 0; /* C1 control */
    }
    return 1;
}

static int valid_utf8(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    char *clean;
    int same;

    memcpy(copy, s, len);
    copy[len] = '\0';
    clean = cg_export__clean_dup(copy, CG_CLEAN_JSON);
    /* CG_CLEAN_JSON changes only invalid UTF-8 (and DEL) */
    same = clean && strlen(copy) == len && strcmp(clean, copy) == 0;
    free(copy);
    free(clean);
    return same;
}

/** The id as exports write it: ids holding invalid UTF-8 (possible when claims built in
 * memory are not UTF-8) are repaired like every other string. Caller frees. */
static char *out_id(const char *id)
{
    return cg_export__clean_dup(id, CG_CLEAN_NAME);
}

/** Occurrences of @p needle in @p s (0 when @p s is NULL). */
static size_t count_str(const char *s, const char *needle)
{
    size_t n = 0;

    while (s && (s = strstr(s, needle)) != NULL) {
        n++;
        s += strlen(needle);
    }
    return n;
}

static int has_python(void)
{
    return system("python3 -c 'import xml.etree.ElementTree' >/dev/null 2>&1") == 0;
}

/* Files for python3 to parse go to a scratch folder, removed at the end. */
static char scratch[] = "/tmp/cg-test-export-XXXXXX";

/** @p name inside the scratch folder (one of 4 rotating buffers). */
static const char *tpath(const char *name)
{
    static char buf[4][256];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", scratch, name);
    return buf[k];
}

static void write_file(const char *name, const char *data, size_t len)
{
    const char *path = tpath(name);
    FILE *fp = fopen(path, "wb");

    if (!fp) {
        perror(path);
        exit(1);
    }
    fwrite(data, 1, len, fp);
    fclose(fp);
}

static size_t count_kind(const cg_graph_t *g, long cluster)
{
    size_t i, k = 0;

    for (i = 0; i < cg_graph_node_count(g); i++)
        k += cg_graph_node(g, i)->cluster == cluster;
    return k;
}

/* ---- escaping ------------------------------------------------------------------- */

static void test_escape(void)
{
    char *s, *t, buf[64];
    cg_buf_t b = CG_BUF_INIT;

    s = cg_export__clean_dup("  a\x01\tb\n\n c\x1b[0m \xff d\xe2\x80\xae  ", CG_CLEAN_TEXT);
    STR_EQ(s, "a b c[0m \xef\xbf\xbd d");
    free(s);
    s = cg_export__clean_dup("a  b \xc2\xa0 c", CG_CLEAN_NAME);
    STR_EQ(s, "a  b \xc2\xa0 c"); /* NAME keeps spacing, and no-break spaces */
    free(s);
    s = cg_export__clean_dup("a\x01\tb\x7f\n\xc3\x28", CG_CLEAN_DATA);
    STR_EQ(s, "a\tb\n\xef\xbf\xbd(");
    free(s);
    s = cg_export__clean_dup("a\x01\x7f\xed\xa0\x80", CG_CLEAN_JSON);
    STR_EQ(s, "a\x01\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* a surrogate is 3 bad bytes */
    free(s);
    s = cg_export__clean_dup("x\x1b\xc2\x9b"
                             "1m\xc2\x85y",
                             CG_CLEAN_NAME);
    STR_EQ(s, "x1m y");
    free(s);

    s = cg_export__dot_escape("a\\N\nb & <c> \"q\" end\\");
    STR_EQ(s, "a\\\\N\\nb &amp; &lt;c&gt; \"q\" end\\\\ ");
    free(s);

    s = cg_export__dot_escape_as("a\\N & b\\", 1);
    STR_EQ(s, "a\\\\\xe2\x80\x8bN &amp; b\\\\\xe2\x80\x8b");
    free(s);

    s = cg_export__truncate("hello world again", 11);
    STR_EQ(s, "hello\xe2\x80\xa6");
    free(s);
    s = cg_export__truncate("short", 10);
    STR_EQ(s, "short");
    free(s);
    s = cg_export__truncate_left("/a/long/path/file.txt", 9);
    STR_EQ(s, "\xe2\x80\xa6"
              "file.txt");
    free(s);

    s = cg_export__wrap("one two three four five six seven eight nine ten", 10, 3);
    STR_EQ(s, "one two\nthree four\nfive six\xe2\x80\xa6");
    free(s);
    s = cg_export__wrap("abcdefghijklmnop", 5, 4);
    STR_EQ(s, "abcde\nfghij\nklmno\np");
    free(s);
    t = cg_export__wrap("", 5, 4);
    STR_EQ(t, "");
    free(t);

    /* width: CJK characters take two columns */
    INT_EQ(cg_export__width("ab\xe4\xb8\xad"), 4);
    cg_export__fit(&b, "\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad", 5, 1);
    STR_EQ(b.data, "\xe4\xb8\xad\xe4\xb8\xad\xe2\x80\xa6");
    cg_buf__free(&b);
    cg_export__fit(&b, "ab", 4, 1);
    STR_EQ(b.data, "ab  ");
    cg_buf__free(&b);

    cg_export__xml_escape(&b, "<a href='x'>&\"</a>");
    STR_EQ(b.data, "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;");
    cg_buf__free(&b);

    STR_EQ(cg_export__fmt_double(buf, sizeof buf, 0.25, 10), "0.25");
    STR_EQ(cg_export__fmt_double(buf, sizeof buf, NAN, 10), "nan");
    STR_EQ(cg_export__fmt_double(buf, sizeof buf, -0.0, 10), "0");
}

/* ---- names ---------------------------------------------------------------------- */

static void test_names(void)
{
    int i;

    for (i = CG_FORMAT_DOT; i <= CG_FORMAT_NODELINK; i++)
        INT_EQ(cg_format_parse(cg_format_name((cg_format_t)i)), i);
    INT_EQ(cg_format_parse("pdf"), -1);
    INT_EQ(cg_format_parse(NULL), -1);
    for (i = CG_BY_PAGERANK; i <= CG_BY_AUTHORITY; i++)
        INT_EQ(cg_measure_parse(cg_measure_name((cg_measure_t)i)), i);
    INT_EQ(cg_measure_parse("fame"), -1);
    STR_EQ(cg_export_default_layout(300, 600), "dot");
    STR_EQ(cg_export_default_layout(2000, 3500), "dot");
    STR_EQ(cg_export_default_layout(5000, 9000), "sfdp");
    STR_EQ(cg_export_default_layout(1000, 20000), "sfdp");
}

/* ---- DOT ------------------------------------------------------------------------ */

static void test_dot(void)
{
    cg_graph_t *g = make_graph(1, 0);
    char *dot, *dot2;
    size_t len = 0, i, nn, found_nasty = 0;
    Agraph_t *ag;
    long k;

    fake_analysis(g);
    nn = cg_graph_node_count(g);
    dot = export_str(g, CG_FORMAT_DOT, NULL, &len);
    OK(dot != NULL);
    if (!dot)
        goto cleanup;
    OK(clean_bytes(dot, len));
    OK(valid_utf8(dot, len));
    OK(strstr(dot, "rankdir=LR") != NULL);
    OK(strstr(dot, "<script>") == NULL);
    OK(strstr(dot, "&lt;script&gt;") != NULL);

    ag = agmemread(dot);
    OK(ag != NULL);
    if (!ag)
        goto cleanup;
    INT_EQ(agnnodes(ag), nn);
    INT_EQ(agnedges(ag), cg_graph_edge_count(g));
    OK(agisdirected(ag));
    /* node names are the ids; clusters hold their members */
    for (i = 0; i < nn; i++) {
        char *id = out_id(cg_graph_node(g, i)->id);

        OK(agnode(ag, id, 0) != NULL);
        free(id);
    }
    for (k = 0; k < 3; k++) {
        char name[32];
        Agraph_t *sg;

        snprintf(name, sizeof name, "cluster_%ld", k);
        sg = agsubg(ag, name, 0);
        OK(sg != NULL);
        if (sg) {
            INT_EQ(agnnodes(sg), count_kind(g, k));
            OK(strstr(agget(sg, (char *)"label"), "community") != NULL);
        }
    }
    OK(agsubg(ag, (char *)"cluster_3", 0) == NULL);
    /* cluster_0 is written before cluster_1 before cluster_2 */
    OK(strstr(dot, "cluster_0") < strstr(dot, "cluster_1"));
    OK(strstr(dot, "cluster_1") < strstr(dot, "cluster_2"));
    /* the hostile label survives as an escaped string */
    for (i = 0; i < nn; i++) {
        const cg_node_t *n = cg_graph_node(g, i);
        char *id = out_id(n->id);
        Agnode_t *an = agnode(ag, id, 0);
        const char *label = an ? agget(an, (char *)"label") : NULL;

        free(id);
        if (!label)
            continue;
        OK(strchr(label, '\n') == NULL);
        if (n->kind == CG_NODE_SPEAKER && strncmp(n->label, "Mallory", 7) == 0) {
            found_nasty++;
            OK(strstr(label, "\\\\N \\\\G \\\\l") != NULL); /* literal, not escapes */
            OK(strstr(label, "\"Q\"") != NULL);
            OK(strstr(label, "&lt;script&gt;") != NULL);
            OK(strcmp(agget(an, (char *)"shape"), "ellipse") == 0);
        }
        if (n->kind == CG_NODE_CLAIM && strncmp(n->label, "Claim Evil", 10) == 0) {
            found_nasty++;
            OK(strstr(label, "\\\\N \\\\G \\\\l") != NULL);
            OK(strstr(label, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
            OK(strstr(label, "&amp;amp; &amp;") != NULL);
            OK(strstr(label, "&lt;b&gt;x&lt;/b&gt;") != NULL);
            OK(strstr(label, "\x1b") == NULL && strstr(label, "\x01") == NULL);
            OK(strstr(label, "\x7f") == NULL);
            OK(strstr(label, "\xe2\x80\xae") == NULL); /* bidi override dropped */
            OK(strstr(label, "\xef\xbf\xbd") != NULL); /* invalid bytes replaced */
            OK(strstr(label, "line2") != NULL);        /* the newline became a space */
        }
        if (n->kind == CG_NODE_CLAIM && strncmp(n->label, "ends with a backslash", 21) == 0) {
            found_nasty++;
            STR_EQ(label, "ends with a backslash \\\\ ");
        }
        if (n->kind == CG_NODE_CLAIM) {
            OK(strcmp(agget(an, (char *)"shape"), "box") == 0);
            /* wrapped: at most 4 lines of at most 60 characters */
            {
                const char *p = label;
                int lines = 1;

                while ((p = strstr(p, "\\n")) != NULL) {
                    if (p == label || p[-1] != '\\')
                        lines++;
                    p += 2;
                }
                OK(lines <= 4);
            }
        }
        if (n->kind == CG_NODE_OUTLET)
            OK(strcmp(agget(an, (char *)"shape"), "hexagon") == 0);
        if (n->kind == CG_NODE_ARTICLE)
            OK(strcmp(agget(an, (char *)"shape"), "note") == 0);
    }
    INT_EQ(found_nasty, 3);
    /* every edge has its type as tooltip and class */
    {
        Agnode_t *an;
        Agedge_t *ae;
        size_t typed = 0;

        for (an = agfstnode(ag); an; an = agnxtnode(ag, an))
            for (ae = agfstout(ag, an); ae; ae = agnxtout(ag, ae))
                typed += cg_edge_type_parse(agget(ae, (char *)"class")) >= 0 &&
                         strncmp(agget(ae, (char *)"tooltip"), agget(ae, (char *)"class"),
                                 strlen(agget(ae, (char *)"class"))) == 0;
        INT_EQ(typed, cg_graph_edge_count(g));
    }
    agclose(ag);

    /* deterministic: same bytes twice, and from claims given in another order */
    dot2 = export_str(g, CG_FORMAT_DOT, NULL, NULL);
    OK(dot2 && strcmp(dot, dot2) == 0);
    free(dot2);
    {
        cg_graph_t *h = make_graph(1, 1);

        fake_analysis(h);
        dot2 = export_str(h, CG_FORMAT_DOT, NULL, NULL);
        OK(dot2 && strcmp(dot, dot2) == 0);
        free(dot2);
        cg_graph_free(h);
    }
    /* an explicit layout is written into the graph */
    dot2 = export_str(g, CG_FORMAT_DOT, "neato", NULL);
    OK(dot2 && strstr(dot2, "layout=neato") != NULL);
    free(dot2);
    /* an unknown layout engine is refused */
    {
        FILE *fp = fopen("/dev/null", "w");
        cg_export_options_t o = CG_EXPORT_OPTIONS_INIT;
        cg_errinfo_t e;

        o.layout = "magic";
        INT_EQ(cg_export(g, CG_FORMAT_SVG, &o, fp, &e), CG_EINVAL);
        OK(strstr(e.message, "magic") != NULL);
        fclose(fp);
    }
cleanup:
    free(dot);
    cg_graph_free(g);
}

/* ---- SVG ------------------------------------------------------------------------ */

static void check_svg(const char *svg, size_t len, const char *name)
{
    const char *p;
    int script = 0;

    OK(svg != NULL);
    if (!svg)
        return;
    OK(strstr(svg, "<svg") != NULL);
    OK(strstr(svg, "</svg>") != NULL);
    for (p = svg; *p; p++)
        if (*p == '<' && strncasecmp(p + 1, "script", 6) == 0)
            script = 1;
    OK(!script);
    OK(strstr(svg, "javascript:") == NULL);
    OK(strstr(svg, " onload") == NULL && strstr(svg, " onclick") == NULL);
    OK(strstr(svg, "&lt;script&gt;") != NULL);
    /* "\\N \\G" stay literal in labels and tooltips: no node or graph name there */
    OK(strstr(svg, "Claim Evil &quot;Q&quot; claim:") == NULL);
    OK(strstr(svg, "claimgraph \\l") == NULL);
    OK(strstr(svg,
              "title=\"claim (direct): Claim Evil &quot;Q&quot; \\\xe2\x80\x8bN \\\xe2\x80\x8bG "
              "\\\xe2\x80\x8bl &lt;script&gt;") != NULL);
    OK(clean_bytes(svg, len));
    OK(valid_utf8(svg, len));
    if (has_python()) {
        char cmd[768];

        write_file(name, svg, len);
        snprintf(cmd, sizeof cmd,
                 "python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1])"
                 ".getroot(); bad = [e.tag for e in r.iter() if e.tag.split('}')[-1].lower() in "
                 "('script', 'foreignobject')] + [k for e in r.iter() for k, v in "
                 "e.attrib.items() if k.lower().startswith('on') or any(u in "
                 "''.join(v.split()).lower() for u in ('javascript:', 'data:'))]; "
                 "sys.exit(1 if bad else 0)\" %s",
                 tpath(name));
        INT_EQ(system(cmd), 0);
    }
}

static void test_svg(void)
{
    cg_graph_t *g = make_graph(1, 0);
    char *a, *b;
    size_t la = 0, lb = 0;

    fake_analysis(g);
    a = export_str(g, CG_FORMAT_SVG, NULL, &la);
    check_svg(a, la, "test_export.svg");
    b = export_str(g, CG_FORMAT_SVG, NULL, &lb);
    OK(a && b && la == lb && memcmp(a, b, la) == 0);
    free(b);
    /* dot draws the three communities as boxes; sfdp would not keep boxes apart */
    INT_EQ(count_str(a, "class=\"cluster\""), 3);
    b = export_str(g, CG_FORMAT_SVG, "sfdp", &lb);
    check_svg(b, lb, "test_export_sfdp.svg");
    INT_EQ(count_str(b, "class=\"cluster\""), 0);
    free(a);
    free(b);
    cg_graph_free(g);
}

/** A provenance-shaped graph of about @p target nodes, with communities. */
static cg_graph_t *synthetic(size_t target)
{
    size_t nclaims = target * 6 / 10, narticles = target * 15 / 100 + 1;
    size_t nspeakers = target * 22 / 100 + 1, noutlets = target * 3 / 100 + 2, i;
    unsigned long long x = 88172645463325252ULL;
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    char doc[32], sp[48], out[32], text[160];

    cg_claims_init(&l);
    for (i = 0; i < nclaims; i++) {
        size_t art;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        art = (size_t)(x % narticles);
        snprintf(doc, sizeof doc, "doc%zu.txt", art);
        snprintf(sp, sizeof sp, "Speaker Number%zu", (size_t)((x >> 20) % nspeakers));
        snprintf(out, sizeof out, "Outlet %zu", art % noutlets);
        snprintf(text, sizeof text,
                 "Claim number %zu says that the plan for region %zu will cost more than the "
                 "officials said it would.",
                 i, (size_t)(x >> 33) % 50);
        add(&l, doc, sp, CG_SPEAKER_PERSON, text, out);
    }
    if (cg_graph_build(&g, l.items, l.count, &e) != CG_OK) {
        fprintf(stderr, "build: %s\n", e.message);
        exit(1);
    }
    cg_claims_destroy(&l);
    fake_analysis(g);
    return g;
}

static void test_svg_speed(void)
{
    cg_graph_t *g = synthetic(300);
    FILE *fp = fopen("/dev/null", "w");
    cg_errinfo_t e;
    clock_t t0 = clock();
    double cpu;

    INT_EQ(cg_export(g, CG_FORMAT_SVG, NULL, fp, &e), CG_OK);
    cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    fprintf(stderr, "SVG of %zu nodes, %zu edges (%s): %.2f s CPU\n", cg_graph_node_count(g),
            cg_graph_edge_count(g),
            cg_export_default_layout(cg_graph_node_count(g), cg_graph_edge_count(g)), cpu);
    OK(cpu <= 3.0);
    fclose(fp);
    cg_graph_free(g);
}

/* With no plugin configuration (GVBINDIR naming an empty folder) libgvc knows no
 * layout: the export must load the plugins itself. The Graphviz context lives for the
 * whole process, so this runs in a child before any other SVG export. */
static void test_svg_without_plugin_config(void)
{
    char dir[] = "/tmp/cg-gvbindir-XXXXXX";
    int status = -1;
    pid_t pid;

    if (!mkdtemp(dir)) {
        OK(0);
        return;
    }
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        cg_graph_t *g = make_graph(0, 0);
        char *svg;
        size_t len = 0;

        setenv("GVBINDIR", dir, 1);
        svg = export_str(g, CG_FORMAT_SVG, "dot", &len);
        _exit(svg != NULL && strstr(svg, "<svg") != NULL && strstr(svg, "</svg>") ? 0 : 1);
    }
    OK(pid > 0 && waitpid(pid, &status, 0) == pid);
    OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    rmdir(dir);
}

/* ---- JSON and XML formats ------------------------------------------------------- */

/** Index of the node whose exported id is @p id, or -1. */
static long find_out_id(const cg_graph_t *g, const char *id)
{
    size_t i;
    long found = -1;

    for (i = 0; i < cg_graph_node_count(g) && found < 0 && id; i++) {
        char *o = out_id(cg_graph_node(g, i)->id);

        if (o && strcmp(o, id) == 0)
            found = (long)i;
        free(o);
    }
    return found;
}

/** Non-zero when @p id is a key of the object @p ids. */
static int has_id(json_t *ids, const char *id)
{
    return json_object_get(ids, id) != NULL;
}

static void test_cytoscape(void)
{
    cg_graph_t *g = make_graph(1, 0);
    char *text, *again;
    json_t *root, *nodes, *edges, *ids, *v;
    json_error_t je;
    size_t i, len = 0, graph_nodes = 0, parents = 0;

    fake_analysis(g);
    text = export_str(g, CG_FORMAT_CYTOSCAPE, NULL, &len);
    OK(text != NULL);
    if (!text)
        goto cleanup;
    OK(clean_bytes(text, len));
    root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    OK(root != NULL);
    if (!root) {
        fprintf(stderr, "cytoscape: %s at %d:%d\n", je.text, je.line, je.column);
        goto cleanup;
    }
    nodes = json_object_get(json_object_get(root, "elements"), "nodes");
    edges = json_object_get(json_object_get(root, "elements"), "edges");
    OK(json_is_array(nodes) && json_is_array(edges));
    ids = json_object();
    json_array_foreach(nodes, i, v)
    {
        json_t *d = json_object_get(v, "data");
        const char *id = json_string_value(json_object_get(d, "id"));

        OK(id != NULL);
        if (!id)
            continue;
        OK(!has_id(ids, id)); /* unique */
        json_object_set_new(ids, id, json_true());
        if (find_out_id(g, id) >= 0) {
            graph_nodes++;
            OK(json_string_value(json_object_get(d, "label")) != NULL);
        }
    }
    INT_EQ(graph_nodes, cg_graph_node_count(g));
    json_array_foreach(nodes, i, v)
    {
        json_t *d = json_object_get(v, "data");
        const char *parent = json_string_value(json_object_get(d, "parent"));

        if (parent) {
            parents++;
            OK(has_id(ids, parent));
        }
    }
    INT_EQ(parents, cg_graph_node_count(g) - 1); /* one node has no community */
    INT_EQ(json_array_size(edges), cg_graph_edge_count(g));
    json_array_foreach(edges, i, v)
    {
        json_t *d = json_object_get(v, "data");

        OK(has_id(ids, json_string_value(json_object_get(d, "source"))));
        OK(has_id(ids, json_string_value(json_object_get(d, "target"))));
        OK(cg_edge_type_parse(json_string_value(json_object_get(d, "type"))) >= 0);
        OK(!has_id(ids, json_string_value(json_object_get(d, "id"))));
    }
    json_decref(ids);
    json_decref(root);
    again = export_str(g, CG_FORMAT_CYTOSCAPE, NULL, NULL);
    OK(again && strcmp(text, again) == 0);
    free(again);
cleanup:
    free(text);
    cg_graph_free(g);
}

static void test_nodelink(void)
{
    cg_graph_t *g = make_graph(1, 0);
    char *text;
    json_t *root, *v;
    json_error_t je;
    size_t i, len = 0;

    text = export_str(g, CG_FORMAT_NODELINK, NULL, &len);
    OK(text != NULL);
    if (!text)
        goto cleanup;
    OK(clean_bytes(text, len));
    root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    OK(root != NULL);
    if (!root)
        goto cleanup;
    OK(json_is_true(json_object_get(root, "directed")));
    OK(json_is_boolean(json_object_get(root, "multigraph")));
    OK(json_is_object(json_object_get(root, "graph")));
    INT_EQ(json_array_size(json_object_get(root, "nodes")), cg_graph_node_count(g));
    INT_EQ(json_array_size(json_object_get(root, "links")), cg_graph_edge_count(g));
    json_array_foreach(json_object_get(root, "links"), i, v)
    {
        OK(find_out_id(g, json_string_value(json_object_get(v, "source"))) >= 0);
        OK(find_out_id(g, json_string_value(json_object_get(v, "target"))) >= 0);
    }
    /* the first node's label is the graph's, exactly (valid UTF-8 kept as is) */
    STR_EQ(json_string_value(
               json_object_get(json_array_get(json_object_get(root, "nodes"), 0), "label")),
           cg_graph_node(g, 0)->label);
    json_decref(root);
cleanup:
    free(text);
    cg_graph_free(g);
}

static void test_xml_formats(void)
{
    cg_graph_t *g = make_graph(1, 0);
    char *graphml, *gexf;
    size_t lg = 0, lx = 0;

    fake_analysis(g);
    graphml = export_str(g, CG_FORMAT_GRAPHML, NULL, &lg);
    gexf = export_str(g, CG_FORMAT_GEXF, NULL, &lx);
    OK(graphml && gexf);
    if (!graphml || !gexf)
        goto cleanup;
    OK(clean_bytes(graphml, lg) && valid_utf8(graphml, lg));
    OK(clean_bytes(gexf, lx) && valid_utf8(gexf, lx));
    OK(strstr(graphml, "<script>") == NULL && strstr(gexf, "<script>") == NULL);
    OK(strstr(gexf, "version=\"1.3\"") != NULL);
    if (has_python()) {
        char cmd[600];

        write_file("test_export.graphml", graphml, lg);
        write_file("test_export.gexf", gexf, lx);
        snprintf(cmd, sizeof cmd,
                 "cd %s && python3 -c \"import sys, xml.etree.ElementTree as E\n"
                 "g = E.parse('test_export.graphml').getroot(); ns = "
                 "'{http://graphml.graphdrawing.org/xmlns}'\n"
                 "assert len(g.findall('.//' + ns + 'node')) == %zu\n"
                 "assert len(g.findall('.//' + ns + 'edge')) == %zu\n"
                 "x = E.parse('test_export.gexf').getroot(); ns = '{http://gexf.net/1.3}'\n"
                 "assert len(x.findall('.//' + ns + 'node')) == %zu\n"
                 "assert len(x.findall('.//' + ns + 'edge')) == %zu\"",
                 scratch, cg_graph_node_count(g), cg_graph_edge_count(g), cg_graph_node_count(g),
                 cg_graph_edge_count(g));
        INT_EQ(system(cmd), 0);
    }
cleanup:
    free(graphml);
    free(gexf);
    cg_graph_free(g);
}

/* ---- views ---------------------------------------------------------------------- */

static void test_views(void)
{
    cg_graph_t *g = make_graph(0, 0), *v = NULL;
    cg_view_options_t o = CG_VIEW_OPTIONS_INIT;
    cg_errinfo_t e;
    size_t i, n;
    long jane, k;

    fake_analysis(g);
    n = cg_graph_node_count(g);

    /* no filter: everything */
    INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
    INT_EQ(cg_graph_node_count(v), n);
    cg_graph_free(v);

    /* --top 3 by pagerank: the three highest, ties by id */
    o.top = 3;
    INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
    INT_EQ(cg_graph_node_count(v), 3);
    {
        size_t *rank = NULL, nr = 0;

        cg_export__rank(g, CG_BY_PAGERANK, -1, NULL, &rank, &nr);
        for (i = 0; i < 3 && i < nr; i++)
            OK(cg_graph_find(v, cg_graph_node(g, rank[i])->id) >= 0);
        /* ranks are by score, then id */
        for (i = 1; i < nr; i++) {
            double a = cg_graph_node(g, rank[i - 1])->scores.pagerank;
            double b = cg_graph_node(g, rank[i])->scores.pagerank;

            OK(a > b || (a == b && strcmp(cg_graph_node(g, rank[i - 1])->id,
                                          cg_graph_node(g, rank[i])->id) < 0));
        }
        free(rank);
    }
    cg_graph_free(v);
    o.top = 1000;
    INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
    INT_EQ(cg_graph_node_count(v), n);
    cg_graph_free(v);
    o.top = 0;

    /* --cluster K */
    for (k = 0; k < 3; k++) {
        o.cluster = k;
        INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
        INT_EQ(cg_graph_node_count(v), count_kind(g, k));
        for (i = 0; i < cg_graph_node_count(v); i++)
            INT_EQ(cg_graph_node(v, i)->cluster, k);
        cg_graph_free(v);
    }
    o.cluster = 7;
    v = NULL;
    INT_EQ(cg_view(&v, g, &o, &e), CG_EINVAL);
    OK(v == NULL);
    OK(strstr(e.message, "7") != NULL && strstr(e.message, "0 to 2") != NULL);
    o.cluster = -1;

    /* --ego by id, label (any case) and alias; depth 0, 1, 2 */
    jane = cg_graph_find(g, "speaker:jane-doe");
    OK(jane >= 0);
    if (jane >= 0) {
        size_t deg = 0, d1, d2;

        for (i = 0; i < cg_graph_edge_count(g); i++) {
            const cg_edge_t *ed = cg_graph_edge(g, i);

            deg += ed->source == (size_t)jane || ed->target == (size_t)jane;
        }
        o.ego = "speaker:jane-doe";
        o.depth = 0;
        INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
        INT_EQ(cg_graph_node_count(v), 1);
        cg_graph_free(v);
        o.depth = 1;
        INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
        d1 = cg_graph_node_count(v);
        INT_EQ(d1, 1 + deg); /* Jane's neighbours are distinct claims */
        OK(cg_graph_find(v, "speaker:jane-doe") >= 0);
        cg_graph_free(v);
        o.ego = "JANE DOE";
        INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
        INT_EQ(cg_graph_node_count(v), d1);
        cg_graph_free(v);
        if (cg_graph_node(g, (size_t)jane)->naliases) {
            o.ego = cg_graph_node(g, (size_t)jane)->aliases[0];
            INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
            INT_EQ(cg_graph_node_count(v), d1);
            cg_graph_free(v);
        }
        o.ego = "Jane Doe";
        o.depth = 2;
        INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
        d2 = cg_graph_node_count(v);
        OK(d2 > d1);
        /* depth 2 from Jane: her claims, their articles, John's dispute */
        OK(cg_graph_find(v, "article:a.txt") >= 0);
        cg_graph_free(v);
        /* ego within a community: the neighbourhood stays inside it */
        o.cluster = cg_graph_node(g, (size_t)jane)->cluster;
        if (o.cluster >= 0) {
            INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
            for (i = 0; i < cg_graph_node_count(v); i++)
                INT_EQ(cg_graph_node(v, i)->cluster, o.cluster);
            OK(cg_graph_node_count(v) <= d2);
            cg_graph_free(v);
        }
        o.cluster = -1;
        /* ego, then top */
        o.top = 2;
        INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
        INT_EQ(cg_graph_node_count(v), 2);
        cg_graph_free(v);
        o.top = 0;
    }
    o.ego = "No Such Person Anywhere";
    o.depth = 1;
    v = NULL;
    INT_EQ(cg_view(&v, g, &o, &e), CG_EINVAL);
    OK(v == NULL);
    OK(strstr(e.message, "No Such Person Anywhere") != NULL);
    o.ego = NULL;
    o.depth = -1;
    INT_EQ(cg_view(&v, g, &o, &e), CG_EINVAL);
    cg_graph_free(g);

    /* a graph that was never analysed has no communities */
    g = make_graph(0, 0);
    o = (cg_view_options_t)CG_VIEW_OPTIONS_INIT;
    o.cluster = 0;
    INT_EQ(cg_view(&v, g, &o, &e), CG_EINVAL);
    OK(strstr(e.message, "not analysed") != NULL);
    cg_graph_free(g);
}

/* A view exported: the DOT of the view has the view's counts. */
static void test_view_export(void)
{
    cg_graph_t *g = make_graph(1, 0), *v = NULL;
    cg_view_options_t o = CG_VIEW_OPTIONS_INIT;
    cg_errinfo_t e;
    char *dot;
    Agraph_t *ag;

    fake_analysis(g);
    o.cluster = 1;
    INT_EQ(cg_view(&v, g, &o, &e), CG_OK);
    dot = v ? export_str(v, CG_FORMAT_DOT, NULL, NULL) : NULL;
    ag = dot ? agmemread(dot) : NULL;
    OK(ag != NULL);
    if (ag) {
        INT_EQ(agnnodes(ag), cg_graph_node_count(v));
        INT_EQ(agnedges(ag), cg_graph_edge_count(v));
        OK(agsubg(ag, (char *)"cluster_1", 0) != NULL);
        OK(agsubg(ag, (char *)"cluster_0", 0) == NULL);
        agclose(ag);
    }
    free(dot);
    cg_graph_free(v);
    cg_graph_free(g);
}

/* An analysed graph from cg_analyze exports too (integration with stage 4). */
static void test_analyzed(void)
{
    cg_graph_t *g = make_graph(1, 0);
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_errinfo_t e;
    char *dot;
    Agraph_t *ag;

    INT_EQ(cg_analyze(g, &ao, &e), CG_OK);
    dot = export_str(g, CG_FORMAT_DOT, NULL, NULL);
    ag = dot ? agmemread(dot) : NULL;
    OK(ag != NULL);
    if (ag) {
        INT_EQ(agnnodes(ag), cg_graph_node_count(g));
        OK(cg_export__cluster_count(g) == 0 || agsubg(ag, (char *)"cluster_0", 0) != NULL);
        agclose(ag);
    }
    free(dot);
    cg_graph_free(g);
}

/* An empty graph exports in every format. */
static void test_empty(void)
{
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    int f;

    INT_EQ(cg_graph_build(&g, NULL, 0, &e), CG_OK);
    if (!g)
        return;
    for (f = CG_FORMAT_DOT; f <= CG_FORMAT_NODELINK; f++) {
        char *s = export_str(g, (cg_format_t)f, NULL, NULL);

        OK(s != NULL);
        free(s);
    }
    cg_graph_free(g);
}

int main(void)
{
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return 1;
    }
    test_svg_without_plugin_config();
    test_escape();
    test_names();
    test_dot();
    test_svg();
    test_svg_speed();
    test_cytoscape();
    test_nodelink();
    test_xml_formats();
    test_views();
    test_view_export();
    test_analyzed();
    test_empty();
    {
        const char *names[] = {"test_export.svg", "test_export_sfdp.svg", "test_export.graphml",
                               "test_export.gexf"};
        size_t i;

        for (i = 0; i < sizeof names / sizeof names[0]; i++)
            unlink(tpath(names[i]));
        rmdir(scratch);
    }
    return TEST_REPORT();
}
