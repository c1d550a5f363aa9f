/* Stage 1 (reader, manifests, encodings), claims JSON Lines and atomic output files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "0-util/radix.h"
#include "claimgraph/claimgraph.h"
#include "harness.h"

static char dir[256];

static void put(const char *name, const char *data, size_t len)
{
    char p[512];
    FILE *fp;

    snprintf(p, sizeof p, "%s/%s", dir, name);
    fp = fopen(p, "wb");
    fwrite(data, 1, len, fp);
    fclose(fp);
}

static char *path(const char *name)
{
    static char p[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void test_folder_order_and_manifest(void)
{
    cg_reader_t *r;
    cg_article_t *a;
    cg_errinfo_t e;
    const char *in[1];
    int got;

    mkdir(path("f"), 0755);
    mkdir(path("f/sub"), 0755);
    put("f/b.txt", "Bee.", 4);
    put("f/a.txt", "Ay.", 3);
    put("f/sub/c.txt", "Sea.", 4);
    put("f/skip.md", "no", 2);
    put("f/manifest.jsonl", "{\"doc\":\"a.txt\",\"outlet\":\"Daily Example\",\"url\":\"http://x\"}\n",
        58);
    in[0] = path("f");
    OK(cg_reader_new(&r, in, 1, NULL, &e) == CG_OK);
    got = cg_reader_next(r, &a, &e);
    INT_EQ(got, 1);
    OK(strstr(a->doc, "f/a.txt") != NULL);
    STR_EQ(a->text, "Ay.");
    STR_EQ(a->outlet, "Daily Example");
    STR_EQ(a->url, "http://x");
    cg_article_free(a);
    INT_EQ(cg_reader_next(r, &a, &e), 1);
    OK(strstr(a->doc, "f/b.txt") != NULL);
    OK(a->outlet == NULL);
    cg_article_free(a);
    INT_EQ(cg_reader_next(r, &a, &e), 1);
    OK(strstr(a->doc, "f/sub/c.txt") != NULL);
    cg_article_free(a);
    INT_EQ(cg_reader_next(r, &a, &e), 0);
    cg_reader_free(r);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Folder listings are sorted with cg_sort_strings (a radix sort on the first 8 bytes, then
 * strcmp among names sharing them): the same order as qsort with strcmp, on names that
 * share long prefixes, are shorter than 8 bytes, are prefixes of one another, or carry
 * bytes above 127 (UTF-8).
 */
static void test_sort_strings(void)
{
    static const char *fixed[] = {"b.txt", "a.txt", "article-10.txt", "article-9.txt",
                                  "article-1.txt", "article-1", "article-", "a", "",
                                  "\xc3\xa9t\xc3\xa9.txt", "z", "article-100.txt", "A.txt",
                                  "2024-01-15-x.txt", "2024-01-15-w.txt", "2024-01-1.txt"};
    enum { N = 3000 };
    char *a[N], *b[N];
    size_t n, i;
    unsigned seed = 12345;

    /* fixed names, then 3000 random ones from a small alphabet (many shared prefixes) */
    n = sizeof fixed / sizeof *fixed;
    for (i = 0; i < n; i++)
        a[i] = b[i] = (char *)fixed[i];
    cg_sort_strings(a, n);
    qsort(b, n, sizeof *b, cmp_name);
    for (i = 0; i < n; i++)
        STR_EQ(a[i], b[i]);
    for (i = 0; i < N; i++) {
        size_t len, k;
        seed = seed * 1103515245u + 12345u;
        len = (seed >> 16) % 14;
        a[i] = malloc(len + 1);
        for (k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            a[i][k] = "ab\xc3."[(seed >> 16) % 4];
        }
        a[i][len] = '\0';
        b[i] = a[i];
    }
    cg_sort_strings(a, N);
    qsort(b, N, sizeof *b, cmp_name);
    for (i = 0; i < N; i++)
        STR_EQ(a[i], b[i]);
    for (i = 0; i < N; i++)
        free(a[i]);
}

static void test_bad_inputs_carry_on(void)
{
    cg_reader_t *r;
    cg_article_t *a;
    cg_errinfo_t e;
    const char *in[5];
    char msg[1500];

    put("good.txt", "Fine text.", 10);
    put("nul.txt", "ab\0cd", 5);
    put("bad8.txt", "ok \xC0\xAF overlong", 14);
    put("utf16.txt", "\xFF\xFEh\0i\0", 6);
    in[0] = path("missing.txt");
    in[1] = path("nul.txt");
    in[2] = path("bad8.txt");
    in[3] = path("utf16.txt");
    in[4] = path("good.txt");
    OK(cg_reader_new(&r, in, 5, NULL, &e) == CG_OK);
    OK(cg_reader_next(r, &a, &e) < 0);
    OK(strstr(e.file, "missing.txt") != NULL);
    OK(cg_reader_next(r, &a, &e) == CG_EINPUT);
    OK(strstr(e.message, "NUL") != NULL && e.offset == 2);
    OK(cg_reader_next(r, &a, &e) == CG_EINPUT);
    OK(strstr(e.message, "invalid UTF-8") != NULL && e.offset == 3);
    cg_errinfo_format(&e, msg, sizeof msg);
    OK(strstr(msg, "bad8.txt:1:") != NULL);
    OK(cg_reader_next(r, &a, &e) == CG_EINPUT);
    OK(strstr(e.message, "UTF-16") != NULL);
    INT_EQ(cg_reader_next(r, &a, &e), 1);
    STR_EQ(a->text, "Fine text.");
    cg_article_free(a);
    INT_EQ(cg_reader_next(r, &a, &e), 0);
    cg_reader_free(r);
}

/*
 * A folder read in batches (io_uring where the kernel has it): more files than one
 * batch holds, sizes on both sides of what a batch reads of each file, an empty file
 * and a bad one among them; every article must be its whole file, in order.
 */
static void test_batches(void)
{
    static const size_t sizes[] = {0, 1, 16383, 16384, 16385, 40000};
    enum { NFILES = 45 };
    cg_reader_t *r;
    cg_article_t *a;
    cg_errinfo_t e;
    const char *in[1];
    char *want = malloc(40000 + NFILES), name[64];
    size_t i, k;

    OK(want != NULL);
    if (!want)
        return;
    for (k = 0; k < 40000 + NFILES; k++) /* file i is want[i ...] */
        want[k] = (char)('a' + k % 26);
    mkdir(path("batch"), 0755);
    for (i = 0; i < NFILES; i++) {
        snprintf(name, sizeof name, "batch/%03zu.txt", i);
        if (i == 40)
            put(name, "ab\0cd", 5);
        else
            put(name, want + i, sizes[i % 6]);
    }
    in[0] = path("batch");
    OK(cg_reader_new(&r, in, 1, NULL, &e) == CG_OK);
    for (i = 0; i < NFILES; i++) {
        int got = cg_reader_next(r, &a, &e);
        snprintf(name, sizeof name, "batch/%03zu.txt", i);
        if (i == 40) {
            INT_EQ(got, CG_EINPUT);
            OK(strstr(e.file, name) != NULL && strstr(e.message, "NUL") != NULL);
            continue;
        }
        INT_EQ(got, 1);
        if (got != 1)
            break;
        OK(strstr(a->doc, name) != NULL);
        INT_EQ((long)a->len, (long)sizes[i % 6]);
        OK(a->len == sizes[i % 6] && memcmp(a->text, want + i, a->len) == 0 && !a->text[a->len]);
        cg_article_free(a);
    }
    INT_EQ(cg_reader_next(r, &a, &e), 0);
    cg_reader_free(r);
    free(want);
}

static void test_jsonl(void)
{
    const char *data = "{\"doc\":\"one\",\"text\":\"Hello.\",\"outlet\":\"Example Times\"}\n"
                       "\n"
                       "{\"text\": 5}\n"
                       "not json\n"
                       "{\"text\":\"Second.\",\"author\":\"A. Writer\"}\n";
    cg_reader_t *r;
    cg_article_t *a;
    cg_errinfo_t e;
    const char *in[1];

    put("arts.jsonl", data, strlen(data));
    in[0] = path("arts.jsonl");
    OK(cg_reader_new(&r, in, 1, NULL, &e) == CG_OK);
    INT_EQ(cg_reader_next(r, &a, &e), 1);
    STR_EQ(a->doc, "one");
    STR_EQ(a->outlet, "Example Times");
    cg_article_free(a);
    OK(cg_reader_next(r, &a, &e) == CG_EINPUT);
    INT_EQ(e.line, 3);
    OK(cg_reader_next(r, &a, &e) == CG_EINPUT);
    INT_EQ(e.line, 4);
    INT_EQ(cg_reader_next(r, &a, &e), 1);
    OK(strstr(a->doc, "arts.jsonl:5") != NULL);
    STR_EQ(a->author, "A. Writer");
    cg_article_free(a);
    INT_EQ(cg_reader_next(r, &a, &e), 0);
    cg_reader_free(r);
}

static void test_claims_roundtrip(void)
{
    cg_claims_t list;
    cg_claim_t *c, back;
    cg_errinfo_t e;
    char *buf = NULL;
    size_t len = 0;
    FILE *fp;

    cg_claims_init(&list);
    c = cg_claims_push(&list);
    c->doc = strdup("d.txt");
    c->type = CG_CLAIM_MIXED;
    c->text = strdup("it was \"fine\" \\ <ok>");
    cg_claim_add_span(c, 10, 20);
    cg_claim_add_span(c, 30, 35);
    c->speaker_name = strdup("Jane Roe");
    c->speaker_mention = strdup("she");
    c->has_speaker_span = 1;
    c->speaker_span.start = 1;
    c->speaker_span.end = 4;
    c->speaker_kind = CG_SPEAKER_PERSON;
    c->cue_text = strdup("said");
    c->cue_span.start = 5;
    c->cue_span.end = 9;
    cg_claim_add_via(c, "Example Radio");
    cg_claim_add_via(c, "Example Radio");
    cg_claim_add_relation(c, CG_RELATION_DISPUTES, "the sky is green", "John Doe");
    fp = open_memstream(&buf, &len);
    OK(cg_claim_write_json(fp, c) == CG_OK);
    fclose(fp);
    OK(len > 0 && buf[len - 1] == '\n');
    OK(strncmp(buf, "{\"doc\":\"d.txt\",\"type\":\"mixed\",\"text\":", 37) == 0);
    OK(cg_claim_parse_json(&back, buf, len, "x", 1, &e) == CG_OK);
    STR_EQ(back.text, c->text);
    INT_EQ(back.nspans, 2);
    INT_EQ(back.spans[1].start, 30);
    STR_EQ(back.speaker_mention, "she");
    INT_EQ(back.speaker_kind, CG_SPEAKER_PERSON);
    INT_EQ(back.nvia, 1);
    INT_EQ(back.nrelations, 1);
    INT_EQ(back.relations[0].type, CG_RELATION_DISPUTES);
    STR_EQ(back.relations[0].target_speaker, "John Doe");
    cg_claim_clear(&back);
    free(buf);
    OK(cg_claim_parse_json(&back, "{\"doc\":1}", 9, "f.jsonl", 7, &e) == CG_EINPUT);
    INT_EQ(e.line, 7);
    STR_EQ(e.file, "f.jsonl");
    OK(cg_claim_parse_json(&back, "{\"doc\":\"a\",\"type\":\"direct\",\"text\":\"t\",\"speaker\":"
                                  "{\"name\":\"x\"},\"spans\":[[5,2]]}",
                           72, "f", 1, &e) == CG_EINPUT);
    cg_claims_destroy(&list);
}

static void test_outfile(void)
{
    cg_outfile_t f;
    cg_errinfo_t e;
    const char *in[1];
    struct stat st;

    put("input.txt", "x", 1);
    in[0] = path("input.txt");
    OK(cg_outfile_open(&f, path("input.txt"), in, 1, &e) == CG_EINVAL);
    OK(cg_outfile_open(&f, path("out.txt"), in, 1, &e) == CG_OK);
    fputs("partial", f.fp);
    OK(stat(path("out.txt"), &st) != 0); /* nothing at the final path yet */
    cg_outfile_abort(&f);
    OK(stat(path("out.txt"), &st) != 0);
    OK(cg_outfile_open(&f, path("out.txt"), in, 1, &e) == CG_OK);
    fputs("whole", f.fp);
    OK(cg_outfile_commit(&f, &e) == CG_OK);
    OK(stat(path("out.txt"), &st) == 0 && st.st_size == 5);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/cg-test-input-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    test_folder_order_and_manifest();
    test_sort_strings();
    test_bad_inputs_carry_on();
    test_batches();
    test_jsonl();
    test_claims_roundtrip();
    test_outfile();
    {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    return TEST_REPORT();
}
