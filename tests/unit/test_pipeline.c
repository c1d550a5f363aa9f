/* Stage 6: the threaded extraction driver and the claims-file reader of the reduce step.
 * Whatever the thread count and window size, the sink sees the same articles and claims
 * in the same order, errors are the same, and claims files parse to the same claims. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimgraph/claimgraph.h"
#include "harness.h"

static char dir[256];

/* The path of @p name in the test folder (a fresh static buffer for each of 64 calls). */
static char *path(const char *name)
{
    static char p[64][512];
    static int k;
    k = (k + 1) % 64;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

/* A JSON Lines corpus of @p n small articles, each with a quote and reported speech. */
static void write_corpus(const char *name, int n)
{
    FILE *fp = fopen(path(name), "wb");
    int i;

    for (i = 0; i < n; i++)
        fprintf(fp,
                "{\"doc\":\"a%03d\",\"outlet\":\"Example Daily\",\"text\":\"Budget row %d\\n\\n"
                "\\u201cWe will cut %d jobs in Velmar,\\u201d said Jane Roe%d, the minister. "
                "John Doe told Example TV that the plan number %d was unfair. %s\"}\n",
                i, i, i * 7, i % 13, i, (i % 5 == 0) ? "Nothing else happened today." : "");
    fclose(fp);
}

/* A sink that records each article's doc and claims as text. */
typedef struct {
    char *log;
    size_t len, cap;
    size_t calls;
    size_t fail_at; /* return CG_EIO on this call (1-based), 0: never */
} rec_t;

static void rec_put(rec_t *r, const char *s)
{
    size_t n = strlen(s);
    if (r->len + n + 1 > r->cap) {
        r->cap = (r->len + n + 1) * 2;
        r->log = realloc(r->log, r->cap);
    }
    memcpy(r->log + r->len, s, n + 1);
    r->len += n;
}

static cg_error_t rec_sink(const cg_article_t *a, cg_claims_t *claims, void *ud)
{
    rec_t *r = ud;
    size_t i;

    r->calls++;
    if (r->fail_at && r->calls == r->fail_at)
        return CG_EIO;
    rec_put(r, a->doc);
    rec_put(r, ":");
    for (i = 0; i < claims->count; i++) {
        rec_put(r, claims->items[i].speaker_name);
        rec_put(r, "|");
        rec_put(r, claims->items[i].text);
        rec_put(r, ";");
    }
    rec_put(r, "\n");
    return CG_OK;
}

static void keep_diag(const cg_errinfo_t *e, void *ud)
{
    *(cg_errinfo_t *)ud = *e;
}

static void count_diag(const cg_errinfo_t *e, void *ud)
{
    (void)e;
    (*(size_t *)ud)++;
}

static rec_t run(const char *const *in, size_t n, size_t threads, size_t batch_bytes,
                 size_t fail_at, cg_error_t *rc, size_t *nbad, size_t *ndiag, cg_errinfo_t *e)
{
    cg_pipeline_options_t o = CG_PIPELINE_OPTIONS_INIT;
    rec_t r;

    memset(&r, 0, sizeof r);
    r.fail_at = fail_at;
    rec_put(&r, "");
    o.threads = threads;
    o.batch_bytes = batch_bytes;
    *ndiag = 0;
    *rc = cg_pipeline_extract(in, n, &o, rec_sink, &r, count_diag, ndiag, nbad, e);
    return r;
}

static void test_same_order_any_threads(void)
{
    const char *in[3];
    cg_errinfo_t e;
    cg_error_t rc;
    size_t nbad, ndiag, t, b;
    rec_t ref;
    static const size_t threads[] = {2, 3, 8};
    static const size_t batches[] = {0, 1, 4096};

    write_corpus("corpus.jsonl", 300);
    in[0] = path("corpus.jsonl");
    in[1] = path("missing.txt"); /* a bad input between good ones */
    in[2] = path("corpus.jsonl");
    ref = run(in, 3, 1, 0, 0, &rc, &nbad, &ndiag, &e);
    INT_EQ(rc, CG_OK);
    INT_EQ(nbad, 1);
    INT_EQ(ndiag, 1);
    INT_EQ(ref.calls, 600);
    OK(strstr(ref.log, "a299:") != NULL);
    OK(strstr(ref.log, "Jane Roe") != NULL);
    for (t = 0; t < sizeof threads / sizeof *threads; t++) {
        for (b = 0; b < sizeof batches / sizeof *batches; b++) {
            rec_t r = run(in, 3, threads[t], batches[b], 0, &rc, &nbad, &ndiag, &e);
            INT_EQ(rc, CG_OK);
            INT_EQ(nbad, 1);
            INT_EQ(ndiag, 1);
            INT_EQ(r.calls, ref.calls);
            OK(r.log && strcmp(r.log, ref.log) == 0);
            free(r.log);
        }
    }
    free(ref.log);
}

static void test_sink_error_stops(void)
{
    const char *in[1];
    cg_errinfo_t e;
    cg_error_t rc;
    size_t nbad, ndiag, t;

    in[0] = path("corpus.jsonl");
    for (t = 1; t <= 4; t++) {
        rec_t r = run(in, 1, t, 1, 50, &rc, &nbad, &ndiag, &e);
        INT_EQ(rc, CG_EIO);
        INT_EQ(r.calls, 50); /* never called again after the error */
        STR_EQ(e.file, "a049");
        OK(strstr(r.log, "a048:") != NULL);
        OK(strstr(r.log, "a049:") == NULL);
        free(r.log);
    }
}

static char *slurp(const char *p, size_t *len)
{
    FILE *fp = fopen(p, "rb");
    char *s;
    long n;

    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    s = malloc((size_t)n + 1);
    *len = fread(s, 1, (size_t)n, fp);
    s[*len] = '\0';
    fclose(fp);
    return s;
}

static void test_jsonl_same_bytes(void)
{
    const char *in[1];
    cg_pipeline_options_t o = CG_PIPELINE_OPTIONS_INIT;
    cg_errinfo_t e;
    size_t nbad, nclaims, ref_claims = 0, t, la = 0, lb = 0;
    char *a, *b;
    FILE *fp;

    in[0] = strdup(path("corpus.jsonl"));
    for (t = 1; t <= 4; t++) {
        o.threads = t;
        o.batch_bytes = t == 3 ? 1 : 0;
        fp = fopen(path(t == 1 ? "claims-1.jsonl" : "claims-n.jsonl"), "wb");
        INT_EQ(cg_pipeline_extract_jsonl(in, 1, &o, fp, NULL, NULL, &nbad, &nclaims, &e), CG_OK);
        fclose(fp);
        INT_EQ(nbad, 0);
        if (t == 1) {
            ref_claims = nclaims;
            OK(nclaims >= 300);
            continue;
        }
        INT_EQ(nclaims, ref_claims);
        a = slurp(path("claims-1.jsonl"), &la);
        b = slurp(path("claims-n.jsonl"), &lb);
        OK(a && b && la == lb && memcmp(a, b, la) == 0);
        free(a);
        free(b);
    }
    free((char *)in[0]);
}

/* The reduce side: a claims file parsed on several threads gives the same claims. */
static void test_claims_file_threads(void)
{
    const char *in[1];
    cg_pipeline_options_t o = CG_PIPELINE_OPTIONS_INIT;
    cg_claims_t one, many;
    cg_errinfo_t e1, e2, d1, d2;
    size_t nbad1, nbad2, i, len;
    char *text;
    FILE *fp;

    /* a big claims file (several 4 MiB blocks), with blank lines and no final newline */
    fp = fopen(path("big-claims.jsonl"), "wb");
    text = slurp(path("claims-1.jsonl"), &len);
    for (i = 0; i < 40; i++) {
        fwrite(text, 1, len, fp);
        fputs("\n  \n", fp);
    }
    fwrite(text, 1, len - 1, fp);
    fclose(fp);
    free(text);
    in[0] = path("big-claims.jsonl");
    OK(cg_pipeline_is_claims_file(in[0]));
    cg_claims_init(&one);
    cg_claims_init(&many);
    INT_EQ(cg_pipeline_collect(&one, in, 1, &o, NULL, NULL, &nbad1, &e1), CG_OK);
    o.threads = 3;
    INT_EQ(cg_pipeline_collect(&many, in, 1, &o, NULL, NULL, &nbad2, &e2), CG_OK);
    INT_EQ(nbad1, 0);
    INT_EQ(nbad2, 0);
    INT_EQ(one.count, many.count);
    OK(one.count > 10000);
    for (i = 0; i < one.count && i < many.count; i++)
        if (strcmp(one.items[i].text, many.items[i].text) != 0 ||
            strcmp(one.items[i].doc, many.items[i].doc) != 0)
            break;
    INT_EQ(i, one.count);
    cg_claims_destroy(&one);
    cg_claims_destroy(&many);

    /* a bad line far into the file: same error, same claims kept before it */
    fp = fopen(path("bad-claims.jsonl"), "wb");
    text = slurp(path("big-claims.jsonl"), &len);
    fwrite(text, 1, len / 2, fp);
    fputs("\n{\"doc\": broken\n", fp);
    fwrite(text, 1, len, fp);
    fclose(fp);
    free(text);
    in[0] = path("bad-claims.jsonl");
    o.threads = 1;
    memset(&d1, 0, sizeof d1);
    memset(&d2, 0, sizeof d2);
    INT_EQ(cg_pipeline_collect(&one, in, 1, &o, keep_diag, &d1, &nbad1, &e1), CG_OK);
    o.threads = 4;
    INT_EQ(cg_pipeline_collect(&many, in, 1, &o, keep_diag, &d2, &nbad2, &e2), CG_OK);
    INT_EQ(nbad1, 1);
    INT_EQ(nbad2, 1);
    INT_EQ(d1.line, d2.line);
    OK(d1.line > 1000);
    STR_EQ(d1.message, d2.message);
    OK(strstr(d1.message, "JSON") != NULL);
    INT_EQ(one.count, many.count);
    cg_claims_destroy(&one);
    cg_claims_destroy(&many);
}

int main(void)
{
    static const char *const files[] = {"corpus.jsonl", "claims-1.jsonl", "claims-n.jsonl",
                                        "big-claims.jsonl", "bad-claims.jsonl"};
    size_t i;

    snprintf(dir, sizeof dir, "tmp-pipeline-%ld", (long)getpid());
    if (mkdir(dir, 0777) != 0)
        return 1;
    test_same_order_any_threads();
    test_sink_error_stops();
    test_jsonl_same_bytes();
    test_claims_file_threads();
    for (i = 0; i < sizeof files / sizeof *files; i++)
        remove(path(files[i]));
    rmdir(dir);
    return TEST_REPORT();
}
