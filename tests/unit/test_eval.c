/*
 * Stage 7 (evaluation): small hand-made gold sets whose figures were worked out by hand
 * (and checked against score.py and to_spans.py + score_spans.py --bytes), plus one
 * case per tricky rule of the reference scorers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "7-eval/eval_internal.h"
#include "claimgraph/claimgraph.h"
#include "harness.h"

static char dir[256];

static const char *put(const char *name, const char *data)
{
    static char p[4][512];
    static int k;
    FILE *fp;

    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    fp = fopen(p[k], "wb");
    fputs(data, fp);
    fclose(fp);
    return p[k];
}

/* x to 3 decimals, as the scorers print it */
static const char *f3(double x)
{
    static char b[8][32];
    static int k;

    k = (k + 1) % 8;
    snprintf(b[k], sizeof b[k], "%.3f", x);
    return b[k];
}

/* Appends a claim; span and speaker span given as byte ranges (start == end: none). */
static void add(cg_claims_t *cl, const char *doc, const char *text, const char *speaker, size_t s,
                size_t e, size_t ss, size_t se, const char *cue, size_t cs, size_t ce)
{
    cg_claim_t *c = cg_claims_push(cl);

    c->doc = cg__strdup(doc);
    c->text = cg__strdup(text);
    c->speaker_name = cg__strdup(speaker);
    c->speaker_kind = CG_SPEAKER_PERSON;
    if (e > s)
        cg_claim_add_span(c, s, e);
    if (se > ss) {
        c->has_speaker_span = 1;
        c->speaker_span.start = ss;
        c->speaker_span.end = se;
    }
    if (cue) {
        c->cue_text = cg__strdup(cue);
        c->cue_span.start = cs;
        c->cue_span.end = ce;
    }
}

static void claim(cg_claims_t *cl, const char *doc, const char *text, const char *speaker)
{
    add(cl, doc, text, speaker, 0, 0, 0, 0, NULL, 0, 0);
}

static cg_gold_t *load(const char *name, const char *data)
{
    cg_gold_t *g = NULL;
    cg_errinfo_t e;

    if (cg_gold_load(&g, put(name, data), &e) != CG_OK) {
        char buf[1200];
        fprintf(stderr, "unexpected: %s\n", cg_errinfo_format(&e, buf, sizeof buf));
    }
    return g;
}

/* ---- tokens and names (score.py's toks, norm_name, strip_titles) ------------------------ */

static void test_tokens(void)
{
    /* Python: re.findall("[0-9a-z]+", s.lower().replace("’", "'")) */
    const char *s = "\xc4\xb0STANBUL\xe2\x80\x99s \xe2\x84\xaaing O'Brien caf\xc3\xa9"
                    "2x";
    const char *want[] = {"i", "stanbul", "s", "king", "o", "brien", "caf", "2x"};
    cg_buf_t tok = CG_BUF_INIT;
    size_t pos = 0, n = 0;
    char *norm, *st;

    while (cg_eval__next_token(s, strlen(s), &pos, &tok) > 0) {
        if (n < 8)
            STR_EQ(tok.data, want[n]);
        n++;
    }
    INT_EQ(n, 8);
    cg_buf__free(&tok);

    norm = cg_eval__norm_name("  Lt. Gen. (R) Velma  Orkney ", 29);
    STR_EQ(norm, "lt gen r velma orkney");
    st = cg_eval__strip_titles(norm);
    STR_EQ(st, "velma orkney");
    free(norm);
    free(st);
    norm = cg_eval__norm_name("Mr", 2);
    st = cg_eval__strip_titles(norm);
    STR_EQ(st, "");
    free(norm);
    free(st);
}

/* ---- claims gold ------------------------------------------------------------------------- */

static const char claims_gold[] =
    "{\"id\":\"g1\",\"doc\":\"a.txt\",\"speaker\":\"Jane Roe\",\"aliases\":[\"Jane Roe\",\"Roe\"],"
    "\"content\":\"We will win the election\",\"required\":true}\n"
    "{\"id\":\"g2\",\"doc\":\"a.txt\",\"speaker\":\"John Smith\",\"aliases\":[\"John Smith\","
    "\"Smith\"],\"content\":\"Taxes will go down next year\",\"required\":true}\n"
    "\n"
    "{\"id\":\"g3\",\"doc\":\"a.txt\",\"speaker\":\"Jane Roe\",\"aliases\":[\"Jane Roe\"],"
    "\"content\":\"The weather is fine today\",\"required\":false}\n"
    "{\"id\":\"g4\",\"doc\":\"a.txt\",\"speaker\":\"Jane Roe\",\"aliases\":[\"Jane Roe\",\"Roe\"],"
    "\"content\":\"Our campaign is strong\",\"required\":true}\n"
    "{\"id\":\"g5\",\"doc\":\"b/c.txt\",\"speaker\":\"Velma Orkney\",\"aliases\":[\"Lt Gen (r) "
    "Velma Orkney\",\"Orkney\"],\"content\":\"The army must act now\",\"required\":true}\n"
    "{\"id\":\"g6\",\"doc\":\"b/c.txt\",\"speaker\":\"Velma Orkney\",\"aliases\":[\"Orkney\"],"
    "\"content\":\"Pakistan\\u2019s army must act\",\"required\":true}\n"
    "{\"id\":\"g7\",\"doc\":\"b/c.txt\",\"speaker\":\"Ann Lee\",\"aliases\":[\"Ann Lee\"],"
    "\"content\":\"Prices rose sharply\",\"required\":true}\n";

static void test_claims_gold(void)
{
    cg_gold_t *g = load("c.gold.jsonl", claims_gold);
    cg_claims_t cl;
    cg_eval_result_t r;
    cg_errinfo_t e;
    const cg_eval_claims_result_t *c = &r.claims;

    OK(g != NULL);
    if (!g)
        return;
    INT_EQ(cg_gold_format(g), CG_GOLD_CLAIMS);
    cg_claims_init(&cl);
    /* g1, token F1 1.0; "Ms Jane Roe" = "Jane Roe" once titles are stripped */
    claim(&cl, "x/a.txt", "We will win the election!", "Ms Jane Roe");
    /* g2, F1 0.8 (4 of 6 tokens), speaker wrong */
    claim(&cl, "x/a.txt", "taxes will go down", "unknown");
    /* g3 is optional: absorbs the claim, neither true nor false positive */
    claim(&cl, "x/a.txt", "the weather is fine", "Jane Roe");
    /* no gold claim reaches F1 0.5: false positive */
    claim(&cl, "x/a.txt", "something unrelated entirely", "Jane Roe");
    /* "other/b.txt" does not end with "/a.txt" or "/b/c.txt": false positive */
    claim(&cl, "other/b.txt", "We will win the election", "Jane Roe");
    /* g2 again (backslashes read as slashes), now with a right speaker: replaces the
       earlier wrong one, and g2 counts once */
    claim(&cl, "x\\a.txt", "Taxes will go down next year", "Mr. Smith");
    /* g4 by the alias "Roe": Jane Roe now has two names */
    claim(&cl, "x/a.txt", "Our campaign is strong", "Roe");
    /* g5: the two-word alias "lt gen r velma orkney" stands inside the predicted name */
    claim(&cl, "/data/b/c.txt", "the army must act now",
          "Former defence secretary Lt Gen R Velma Orkney");
    /* g6 (’ is a separator, F1 1.0 beats g5's 0.6); a one-word alias is never searched
       inside the name, so "Velma Orkney" is not "Orkney" */
    claim(&cl, "/data/b/c.txt", "Pakistan's army must act", "Velma Orkney");
    /* g7, F1 0.8; "Dr" is not "Ann Lee" */
    claim(&cl, "/data/b/c.txt", "prices rose", "Dr");

    OK(cg_eval_score(&r, g, cl.items, cl.count, &e) == CG_OK);
    INT_EQ(r.format, CG_GOLD_CLAIMS);
    INT_EQ(c->gold, 6);
    INT_EQ(c->false_pos, 2);
    INT_EQ(c->predicted_counted, 8); /* 6 matched gold claims + 2 false positives */
    INT_EQ(c->claim.tp, 6);
    INT_EQ(c->attribution.tp, 4); /* g1, g2, g4, g5 */
    STR_EQ(f3(c->claim.p), "0.750");
    STR_EQ(f3(c->claim.r), "1.000");
    STR_EQ(f3(c->claim.f1), "0.857");
    STR_EQ(f3(c->attribution.p), "0.500");
    STR_EQ(f3(c->attribution.r), "0.667");
    STR_EQ(f3(c->attribution.f1), "0.571");
    /* Jane Roe {ms jane roe, roe}, John Smith {mr smith}, Velma Orkney {...}: 4 / 3 */
    OK(c->speaker_names_per_speaker == 4.0 / 3.0);
    cg_claims_destroy(&cl);

    /* no claims at all: everything 0, nothing divided by zero */
    OK(cg_eval_score(&r, g, NULL, 0, &e) == CG_OK);
    INT_EQ(c->predicted_counted, 0);
    STR_EQ(f3(c->claim.p), "0.000");
    STR_EQ(f3(c->claim.f1), "0.000");
    OK(c->speaker_names_per_speaker == 0.0);
    cg_gold_free(g);
}

static void test_claims_ties(void)
{
    /* two gold claims with the same words: the first in the file wins the tie (f > best) */
    cg_gold_t *g = load("tie.gold.jsonl",
                        "{\"id\":1,\"doc\":\"t.txt\",\"speaker\":\"A One\",\"aliases\":[\"A One\"],"
                        "\"content\":\"Rates stay high\",\"required\":1}\n"
                        "{\"id\":2,\"doc\":\"t.txt\",\"speaker\":\"B Two\",\"aliases\":[\"B Two\"],"
                        "\"content\":\"rates stay high\",\"required\":\"yes\"}\n"
                        "{\"id\":\"2\",\"doc\":\"dir/t.txt\",\"speaker\":\"C\",\"aliases\":[],"
                        "\"content\":\"other words\",\"required\":0}\n");
    cg_claims_t cl;
    cg_eval_result_t r;
    cg_errinfo_t e;

    OK(g != NULL);
    if (!g)
        return;
    cg_claims_init(&cl);
    claim(&cl, "t.txt", "Rates stay high.", "B Two");
    /* "dir/t.txt" equals the third gold doc, but "t.txt" comes first in the file */
    claim(&cl, "dir/t.txt", "other words", "C");
    OK(cg_eval_score(&r, g, cl.items, cl.count, &e) == CG_OK);
    INT_EQ(r.claims.gold, 2);
    INT_EQ(r.claims.claim.tp, 1);
    INT_EQ(r.claims.attribution.tp, 0); /* matched "A One", not "B Two" */
    INT_EQ(r.claims.false_pos, 1);      /* "other words" was looked for in t.txt */
    cg_claims_destroy(&cl);
    cg_gold_free(g);
}

/* ---- span gold ---------------------------------------------------------------------------- */

/*
 * doc1: "Ann said the plan will work. Bob said: “No way.” Café owners agreed."
 *        0   4    9                 27 29  33   38 42   49   53 57      65     72
 * (“ and ” are 3 bytes each, é is 2: C3 A9, of which only C3 is alphanumeric in Latin-1)
 */
static const char spans_gold[] =
    "{\"doc\":\"doc1\",\"text\":\"Ann said the plan will work. Bob said: \\u201cNo way.\\u201d "
    "Caf\\u00e9 owners agreed.\",\"attributions\":["
    "{\"content\":[{\"text\":\"the plan will work\",\"b\":[[9,27]]}],"
    "\"source\":[{\"b\":[[0,3]]}],\"cue\":[{\"b\":[[4,8]]}]},"
    "{\"content\":[{\"b\":[[42,49]]}],\"source\":[{\"b\":[[29,32]]}],\"cue\":[[33,37]]},"
    "{\"content\":[{\"b\":[[53,72]]}],\"source\":[],\"cue\":null},"
    "{\"content\":[],\"source\":[{\"b\":[[0,3]]}],\"cue\":[{\"b\":[[66,72]]}]}]}\n"
    "{\"doc\":\"doc2\",\"text\":\"Zed claimed taxes rise. Nobody else spoke.\",\"attributions\":["
    "{\"content\":[{\"b\":[[12,22]]}],\"source\":[{\"b\":[[0,3]]}],\"cue\":[{\"b\":[[4,11]]}]}]}\n";

static void test_spans_gold(void)
{
    cg_gold_t *g = load("s.gold.jsonl", spans_gold);
    cg_claims_t cl;
    cg_eval_result_t r;
    cg_errinfo_t e;
    const cg_eval_spans_result_t *s = &r.spans;

    OK(g != NULL);
    if (!g)
        return;
    INT_EQ(cg_gold_format(g), CG_GOLD_SPANS);
    cg_claims_init(&cl);
    /* P0: "the plan will work." — the period is not alphanumeric: exact; speaker Ann */
    add(&cl, "in/doc1.txt", "", "X", 9, 28, 0, 3, "said", 4, 8);
    /* P1 and P2 both equal gold 2 exactly (the quote marks and the period do not count):
       score 1, Jaccard 1 — the tie goes to the higher claim index, P2, with the right
       speaker; P1 would have the wrong one */
    add(&cl, "in/doc1.txt", "", "X", 42, 48, 4, 8, "Bob", 29, 32);
    add(&cl, "in/doc1.txt", "", "X", 42, 49, 29, 32, "said", 33, 37);
    /* P3: "Café owners" is 10 of the 16 alphanumeric bytes of gold 3: matches at 0.3 only;
       no speaker on either side counts as right */
    add(&cl, "in/doc1.txt", "", "X", 53, 65, 0, 0, NULL, 0, 0);
    /* another document: ignored; a claim without spans: not counted */
    add(&cl, "x/other.txt", "", "X", 0, 8, 0, 0, NULL, 0, 0);
    add(&cl, "in/doc1.txt", "", "X", 0, 0, 0, 3, NULL, 0, 0);
    /* doc2, Q0 exact but the wrong speaker; Q1 covers more (score 1, Jaccard 9/19) with
       the right speaker. Jaccard ranks before the claim index: Q0 wins */
    add(&cl, "doc2", "", "X", 12, 22, 12, 17, NULL, 0, 0);
    add(&cl, "doc2.txt", "", "X", 0, 22, 0, 3, NULL, 0, 0);

    OK(cg_eval_score(&r, g, cl.items, cl.count, &e) == CG_OK);
    INT_EQ(r.format, CG_GOLD_SPANS);
    INT_EQ(s->gold, 4); /* gold attributions without content are dropped */
    INT_EQ(s->predicted, 6);
    INT_EQ(s->ignored, 1);
    /* 1.0: P2-gold2, P0-gold1, Q0-doc2 (speakers: 2 of 3) */
    INT_EQ(s->at[0].content.tp, 3);
    INT_EQ(s->at[0].speaker_ok, 2);
    STR_EQ(f3(s->at[0].content.p), "0.500");
    STR_EQ(f3(s->at[0].content.r), "0.750");
    STR_EQ(f3(s->at[0].content.f1), "0.600");
    STR_EQ(f3(s->at[0].speaker_acc), "0.667");
    STR_EQ(f3(s->at[0].end_to_end.p), "0.333");
    STR_EQ(f3(s->at[0].end_to_end.r), "0.500");
    STR_EQ(f3(s->at[0].end_to_end.f1), "0.400");
    /* 0.8: the same (P3 is at 0.625) */
    INT_EQ(s->at[1].content.tp, 3);
    INT_EQ(s->at[1].speaker_ok, 2);
    /* 0.3: + P3-gold3 */
    INT_EQ(s->at[2].content.tp, 4);
    INT_EQ(s->at[2].speaker_ok, 3);
    STR_EQ(f3(s->at[2].content.p), "0.667");
    STR_EQ(f3(s->at[2].content.r), "1.000");
    STR_EQ(f3(s->at[2].content.f1), "0.800");
    STR_EQ(f3(s->at[2].speaker_acc), "0.750");
    STR_EQ(f3(s->at[2].end_to_end.p), "0.500");
    STR_EQ(f3(s->at[2].end_to_end.r), "0.750");
    STR_EQ(f3(s->at[2].end_to_end.f1), "0.600");
    /* cues: gold {4-8, 33-37, 4-11} (66-72 belongs to the dropped attribution);
       predicted {4-8, 29-32, 33-37} */
    INT_EQ(s->cue.tp, 2);
    INT_EQ(s->cue.npred, 3);
    INT_EQ(s->cue.ngold, 3);
    STR_EQ(f3(s->cue.f1), "0.667");
    cg_claims_destroy(&cl);
    cg_gold_free(g);
}

/* ---- errors ------------------------------------------------------------------------------- */

static void expect_error(const char *name, const char *data, size_t line, const char *msg)
{
    cg_gold_t *g = NULL;
    cg_errinfo_t e;
    const char *p = put(name, data);

    INT_EQ(cg_gold_load(&g, p, &e), CG_EINPUT);
    OK(g == NULL);
    STR_EQ(e.file, p);
    INT_EQ(e.line, line);
    if (!strstr(e.message, msg)) {
        OK(!"error message");
        fprintf(stderr, "  got: %s\n  want: %s\n", e.message, msg);
    }
}

static void test_errors(void)
{
    cg_gold_t *g = NULL;
    cg_errinfo_t e;
    cg_eval_result_t r;
    char buf[600];
    FILE *fp;

    expect_error("e1.jsonl", "\n{\"doc\":\"a\",\"title\":\"x\"}\n", 2, "unknown gold format");
    expect_error(
        "e2.jsonl",
        "{\"id\":\"a\",\"doc\":\"a\",\"speaker\":\"s\",\"aliases\":[],\"content\":\"c\","
        "\"required\":true}\n"
        "{\"id\":\"b\",\"doc\":\"a\",\"speaker\":\"s\",\"aliases\":[],\"content\":\"c\"}\n",
        2, "\"required\" is missing");
    expect_error(
        "e3.jsonl",
        "{\"id\":\"a\",\"doc\":\"a\",\"speaker\":\"s\",\"aliases\":\"s\",\"content\":\"c\","
        "\"required\":true}\n",
        1, "\"aliases\" must be a list of strings");
    expect_error("e4.jsonl", "{\"doc\":\"d\",\"text\":\"t\",\"attributions\":[]}\n\n{\"doc\":\n", 3,
                 "invalid JSON");
    expect_error(
        "e5.jsonl",
        "{\"doc\":\"d\",\"text\":\"t\",\"attributions\":[{\"content\":[{\"c\":[[0,1]]}]}]}\n", 1,
        "\"content\" items need \"b\"");
    expect_error("e6.jsonl",
                 "{\"doc\":\"d\",\"text\":\"t\",\"attributions\":[{\"content\":[[0,-1]]}]}\n", 1,
                 "attribution 1: \"content\"");
    expect_error("e7.jsonl", "{\"doc\":\"d\",\"doc\":\"e\",\"text\":\"t\",\"attributions\":[]}\n",
                 1, "duplicate");
    expect_error("e8.jsonl", "\n \n", 0, "no gold records");
    snprintf(buf, sizeof buf, "%s/none.jsonl", dir);
    INT_EQ(cg_gold_load(&g, buf, &e), CG_EIO);
    STR_EQ(e.file, buf);

    /* the writers: text and JSON */
    g = load("w.gold.jsonl", spans_gold);
    OK(g && cg_eval_score(&r, g, NULL, 0, &e) == CG_OK);
    fp = tmpfile();
    OK(cg_eval_write_json(&r, fp) == CG_OK);
    OK(cg_eval_write_text(&r, fp) == CG_OK);
    rewind(fp);
    OK(fgets(buf, sizeof buf, fp) && strncmp(buf, "{\"format\":\"spans\",\"gold\":4,", 27) == 0);
    fclose(fp);
    cg_gold_free(g);
}

int main(void)
{
    int rc;

    snprintf(dir, sizeof dir, "/tmp/cg-test-eval-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_tokens();
    test_claims_gold();
    test_claims_ties();
    test_spans_gold();
    test_errors();
    rc = TEST_REPORT();
    if (!rc) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    return rc;
}
