/*
 * Unit tests for stage 2 (attribution extraction): one small invented article per
 * construction. Every name here is made up.
 */
#include <stdlib.h>
#include <string.h>

#include "claimgraph/extract.h"
#include "harness.h"

/** Extracts claims from @p text into @p out. Returns the error code. */
static cg_error_t run(cg_claims_t *out, const char *text, size_t len)
{
    cg_article_t a;
    cg_errinfo_t err;

    memset(&a, 0, sizeof a);
    a.doc = (char *)"test.txt";
    a.text = (char *)text;
    a.len = len;
    cg_claims_init(out);
    return cg_extract_article(out, &a, &err);
}

static cg_error_t runs(cg_claims_t *out, const char *text)
{
    return run(out, text, strlen(text));
}

/** The claim whose text contains @p needle, or NULL. */
static const cg_claim_t *find(const cg_claims_t *l, const char *needle)
{
    size_t i;

    for (i = 0; i < l->count; i++)
        if (l->items[i].text && strstr(l->items[i].text, needle))
            return &l->items[i];
    return NULL;
}

/** Every claim's text equals its spans in @p text joined by one space. */
static int spans_match(const cg_claims_t *l, const char *text)
{
    size_t i, k;

    for (i = 0; i < l->count; i++) {
        const cg_claim_t *c = &l->items[i];
        char buf[4096];
        size_t n = 0;
        for (k = 0; k < c->nspans; k++) {
            size_t len = c->spans[k].end - c->spans[k].start;
            if (k)
                buf[n++] = ' ';
            if (n + len >= sizeof buf)
                return 0;
            memcpy(buf + n, text + c->spans[k].start, len);
            n += len;
        }
        buf[n] = 0;
        if (strcmp(buf, c->text) != 0)
            return 0;
        if (c->has_speaker_span && strncmp(text + c->speaker_span.start, c->speaker_mention, 2) != 0)
            return 0;
        if (c->cue_text && strncmp(text + c->cue_span.start, c->cue_text, 2) != 0)
            return 0;
    }
    return 1;
}

static void test_cue_after(void)
{
    const char *t = "Senator Alma Torvik spoke to voters on Monday.\n\n"
                    "\xE2\x80\x9CWe will win the vote in the spring,\xE2\x80\x9D she claimed.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "We will win the vote");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Alma Torvik");
        STR_EQ(c->speaker_mention, "she");
        INT_EQ(c->type, CG_CLAIM_DIRECT);
        STR_EQ(c->cue_text, "claimed");
    }
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_cue_inverted_and_before(void)
{
    const char *t = "\xE2\x80\x9CThe harbour plan is dead and buried,\xE2\x80\x9D said Dario Quell, the port director.\n\n"
                    "Quell told reporters: \xE2\x80\x9CWe start again in May with a new design.\xE2\x80\x9D\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "harbour plan is dead");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Dario Quell");
    c = find(&l, "We start again in May");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Dario Quell");
        STR_EQ(c->speaker_mention, "Quell");
    }
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_interrupted_quote(void)
{
    const char *t = "Mayor Tomas Brecht opened the session.\n\n"
                    "\xE2\x80\x9CThe budget,\xE2\x80\x9D he said, \xE2\x80\x9Cis balanced for the first time in years.\xE2\x80\x9D\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    INT_EQ(l.count, 1);
    c = find(&l, "The budget");
    OK(c != NULL);
    if (c) {
        INT_EQ(c->nspans, 2);
        OK(strstr(c->text, "is balanced") != NULL);
        STR_EQ(c->speaker_name, "Tomas Brecht");
    }
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_apostrophes(void)
{
    const char *t = "The minister\xE2\x80\x99s aide Rolf Amsel said the \xE2\x80\x98reform\xE2\x80\x99 of the "
                    "council\xE2\x80\x99s rules was a failure. The members\xE2\x80\x99 votes were counted.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    INT_EQ(l.count, 1);
    c = find(&l, "was a failure");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Rolf Amsel");
        INT_EQ(c->type, CG_CLAIM_MIXED); /* carries the quoted fragment */
        OK(strstr(c->text, "\xE2\x80\x98reform\xE2\x80\x99") != NULL);
    }
    OK(find(&l, "votes were counted") == NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_multi_paragraph_quote(void)
{
    const char *t = "Dr Ilse Varno, a marine biologist, said: \xE2\x80\x9CThe reef is recovering faster than we hoped.\n\n"
                    "\xE2\x80\x9C" "But the next summer will decide whether it survives.\xE2\x80\x9D\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "reef is recovering");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Ilse Varno");
    c = find(&l, "next summer will decide");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Ilse Varno");
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_pronoun_surname_title(void)
{
    const char *t = "Lt Gen (R) Bram Oduya, a former army chief, said that the border was calm.\n\n"
                    "He added that patrols would continue.\n\n"
                    "Oduya also warned that smugglers were active.\n\n"
                    "Ms Petra Lund said the army was wrong. She said the border was not calm.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "border was calm");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Bram Oduya");
        INT_EQ(c->type, CG_CLAIM_INDIRECT);
        STR_EQ(c->cue_text, "said");
    }
    c = find(&l, "patrols would continue");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Bram Oduya");
        STR_EQ(c->speaker_mention, "He");
    }
    c = find(&l, "smugglers were active");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Bram Oduya");
    c = find(&l, "border was not calm");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Petra Lund");
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_misspelling_and_description(void)
{
    const char *t = "Security analyst Ottavio Castellani said that the attack was planned abroad.\n\n"
                    "The analyst said that more attacks were likely.\n\n"
                    "Castelani said that the police had been warned.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "more attacks were likely");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Ottavio Castellani");
    c = find(&l, "police had been warned");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Ottavio Castellani");
        STR_EQ(c->speaker_mention, "Castelani");
    }
    cg_claims_destroy(&l);
}

static void test_according_and_reports(void)
{
    const char *t = "According to the interior ministry, forty people were arrested in the raids.\n\n"
                    "A report published by the Institute of Coastal Studies in May revealed that sea levels "
                    "rose by a metre.\n\n"
                    "The report stated that three villages would be lost.\n\n"
                    "The council released a document titled \xE2\x80\x9CRivers in Decline and Flood\xE2\x80\x9D last week.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "forty people were arrested");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "interior ministry");
        STR_EQ(c->cue_text, "According to");
    }
    c = find(&l, "sea levels");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Institute of Coastal Studies");
    c = find(&l, "three villages");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Institute of Coastal Studies");
    OK(find(&l, "Rivers in Decline") == NULL); /* a title, not a quotation */
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_object_contents(void)
{
    const char *t = "Senator Velma Orkney endorsed Tobias Wrenfield on Monday.\n\n"
                    "Orkney called the plan \xE2\x80\x9C" "a disgrace to the county.\xE2\x80\x9D\n\n"
                    "A new survey by the Brackwater Institute shows most farmers oppose the tax.\n\n"
                    "Wrenfield declined to comment on the dispute.\n\n"
                    "Mayor Hollis Penbury said the bridge never reopened after the storm.\n\n"
                    "She asked whether the county could pay for the repairs.\n\n"
                    "The retired judge told reporters on Friday.\n\n"
                    "Armed groups opposing the new dam blocked the road.\n\n"
                    "It was a wake-up call for the regional council.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "Tobias Wrenfield");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Velma Orkney");
        STR_EQ(c->cue_text, "endorsed");
    }
    c = find(&l, "the plan");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Velma Orkney");
    c = find(&l, "most farmers oppose the tax");
    OK(c != NULL);
    c = find(&l, "to comment on the dispute");
    OK(c != NULL);
    if (c)
        OK(strstr(c->speaker_name, "Wrenfield") != NULL);
    c = find(&l, "the bridge never reopened");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Hollis Penbury");
    c = find(&l, "whether the county could pay");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Hollis Penbury");
    OK(find(&l, "reporters") == NULL);       /* the hearer is no content */
    OK(find(&l, "the new dam") == NULL);     /* a reduced relative, not a speaker's act */
    OK(find(&l, "regional council") == NULL); /* "wake-up call": a noun */
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

/* A noun-phrase content belongs to its own verb's subject, not to an earlier speaker. */
static void test_object_cue_subject(void)
{
    const char *t = "So, just like in the past, neither Westmark nor the Ministry have asked "
                    "Brackwater as to why high-value smugglers on the run invariably seek shelter "
                    "in Fenmoor, and with no questions asked, the harbour remains intact.\n";
    cg_claims_t l;
    const cg_claim_t *c;
    size_t i;

    INT_EQ(runs(&l, t), CG_OK);
    for (i = 0; i < l.count; i++) {
        c = &l.items[i];
        OK(!(c->cue_text && strcmp(c->cue_text, "seek") == 0 &&
             (strstr(c->speaker_name, "Westmark") || strstr(c->speaker_name, "Ministry"))));
    }
    cg_claims_destroy(&l);
}

static void test_report_list(void)
{
    const char *t = "Officials cited the study titled \xE2\x80\x9C" "Dry Valleys Review\xE2\x80\x9D published last year. "
                    "Some facts revealed in this report:\n"
                    "Water tables fell by a third in ten years.\n"
                    "Farmers abandoned two hundred wells.\n"
                    "Next Steps\n"
                    "The governor visited the valley.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "Water tables fell");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Dry Valleys Review");
        INT_EQ(c->speaker_kind, CG_SPEAKER_DOCUMENT);
    }
    OK(find(&l, "two hundred wells") != NULL);
    OK(find(&l, "governor visited") == NULL);
    cg_claims_destroy(&l);
}

static void test_outlet_via(void)
{
    const char *t = "Kemal Arsoy told the Morning Herald that the deal was off.\n\n"
                    "Speaking to Valley News, Arsoy said that talks would resume.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "deal was off");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Kemal Arsoy");
        INT_EQ(c->nvia, 1);
        if (c->nvia)
            STR_EQ(c->via[0], "Morning Herald");
    }
    c = find(&l, "talks would resume");
    OK(c != NULL);
    if (c) {
        INT_EQ(c->nvia, 1);
        if (c->nvia)
            STR_EQ(c->via[0], "Valley News");
    }
    cg_claims_destroy(&l);
}

static void test_disputes(void)
{
    const char *t = "Talia Renner denies Omar Vesk\xE2\x80\x99s claims that the vote was rigged, saying that the "
                    "count was fair.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "vote was rigged");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Omar Vesk");
    c = find(&l, "count was fair");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Talia Renner");
        INT_EQ(c->nrelations, 1);
        if (c->nrelations) {
            INT_EQ(c->relations[0].type, CG_RELATION_DISPUTES);
            STR_EQ(c->relations[0].target_speaker, "Omar Vesk");
        }
    }
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_boilerplate_and_outlet(void)
{
    const char *t = "By: Jane Quillon\n\n"
                    "Photo: example.org\n\n"
                    "Minister Aldo Ferri said that prices would fall.\n\n"
                    "Minister Aldo Ferri said that prices would fall.\n\n"
                    "For representative purposes only\n\n"
                    "Email: jane.quillon@example.org\n\n"
                    "\xC2\xA9 Copyright 2024 example.org All Rights Reserved.\n";
    cg_claims_t l;
    cg_article_t a;
    char *o;

    INT_EQ(runs(&l, t), CG_OK);
    INT_EQ(l.count, 1); /* the repeated paragraph counts once; no boilerplate claims */
    if (l.count) {
        STR_EQ(l.items[0].speaker_name, "Aldo Ferri");
        STR_EQ(l.items[0].outlet, "example.org");
    }
    cg_claims_destroy(&l);
    memset(&a, 0, sizeof a);
    a.text = (char *)t;
    a.len = strlen(t);
    o = cg_extract_outlet(&a);
    STR_EQ(o, "example.org");
    free(o);
    a.outlet = (char *)"Given Outlet";
    o = cg_extract_outlet(&a);
    STR_EQ(o, "Given Outlet");
    free(o);
}

static void test_hostile(void)
{
    cg_claims_t l;
    size_t n = 300000, i;
    char *big = malloc(n * 3 + 1);
    static const char nul[] = "He said \0 that \"the\0 vote\" was \0fine.\n\"\"\"\n";

    OK(big != NULL);
    if (!big)
        return;
    for (i = 0; i < n; i++)
        memcpy(big + 3 * i, "\xE2\x80\x9C", 3);
    INT_EQ(run(&l, big, n * 3), CG_OK);
    cg_claims_destroy(&l);
    for (i = 0; i < n * 3; i++)
        big[i] = "\"' said.\n"[i % 9];
    INT_EQ(run(&l, big, n * 3), CG_OK);
    cg_claims_destroy(&l);
    INT_EQ(run(&l, nul, sizeof nul - 1), CG_OK);
    cg_claims_destroy(&l);
    INT_EQ(run(&l, "\xFF\xFE bad", 6), CG_EINPUT);
    cg_claims_destroy(&l);
    INT_EQ(run(&l, "", 0), CG_OK);
    INT_EQ(l.count, 0);
    cg_claims_destroy(&l);
    free(big);
}

static void test_questions_and_plural_subjects(void)
{
    const char *t = "Asked whether the quarry would reopen, Marla Quenby said she was not going to guess.\n\n"
                    "Last month, a columnist asked Dorrit Vane whether the levy was fair to farmers.\n\n"
                    "The organizers said they do not know how many cyclists will come.\n\n"
                    "For the council, the ground rules relating to the quarry are clear enough.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "whether the quarry would reopen");
    OK(c != NULL);
    if (c) {
        OK(strstr(c->text, "Quenby") == NULL); /* the question ends at the comma */
        OK(!c->has_speaker_span);               /* nobody is named as the asker */
    }
    c = find(&l, "she was not going to guess");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Marla Quenby");
    c = find(&l, "whether the levy was fair");
    OK(c != NULL);
    if (c)
        STR_EQ(c->cue_text, "asked");
    c = find(&l, "they do not know how many cyclists");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_mention, "The organizers");
    OK(find(&l, "to the quarry are clear") == NULL); /* "rules relating to": no speaker */
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_trailing_cues(void)
{
    const char *t = "Farmers met in Dunmore on Monday.\n\n"
                    "Rising costs hurt every small farm in the valley, said Edric Thorne, a professor who has studied "
                    "farm incomes.\n\n"
                    "Prices had \xE2\x80\x9Cgone through the roof\xE2\x80\x9D in the spring, she said in a video "
                    "message to the council.\n\n"
                    "\xE2\x80\x9C" "Can anyone here afford a tractor now?\xE2\x80\x9D Thorne said.\n\n"
                    "Mr. Galloway told me his support for Mr. Thorne makes him an outsider.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "Rising costs hurt every small farm");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Edric Thorne");
        OK(strstr(c->text, "professor") == NULL); /* the apposition is no content */
    }
    c = find(&l, "gone through the roof");
    OK(c != NULL);
    if (c)
        OK(strstr(c->text, "video message") == NULL);
    c = find(&l, "afford a tractor");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Edric Thorne");
    c = find(&l, "makes him an outsider");
    OK(c != NULL);
    if (c)
        STR_EQ(c->cue_text, "told");
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_raising_verbs(void)
{
    const char *t = "Voters in Dunmore went to the polls on Tuesday.\n\n"
                    "The mayor seemed ready to concede the race before midnight.\n\n"
                    "The county board is expected to certify the count next week.\n\n"
                    "Edric Thorne appeared in court on Friday.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "ready to concede the race");
    OK(c != NULL);
    if (c) {
        INT_EQ((long)c->nspans, 2);            /* subject and complement, not the verb */
        OK(strstr(c->text, "seemed") == NULL);
        OK(!c->has_speaker_span);
        STR_EQ(c->cue_text, "seemed");
    }
    c = find(&l, "to certify the count");
    OK(c != NULL);
    if (c)
        STR_EQ(c->cue_text, "is expected");
    OK(find(&l, "in court") == NULL); /* "appeared in court" is no judgement */
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_poll_and_content_ends(void)
{
    const char *t = "Voters in Dunmore went to the polls on Tuesday.\n\n"
                    "In a new Brackwater Courier poll last month, Edric Thorne had a ten-point lead.\n\n"
                    "In a statement, Thorne said the count was fair.\n\n"
                    "Thorne said there had been good gains in the valley, but he pressed the council to do more.\n\n"
                    "Most farmers said they would back the levy, while a few opposed it.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "had a ten-point lead");
    OK(c != NULL);
    if (c)
        STR_EQ(c->cue_text, "In");
    c = find(&l, "the count was fair");
    OK(c != NULL);
    if (c)
        STR_EQ(c->cue_text, "said"); /* the statement is Thorne's */
    c = find(&l, "good gains in the valley");
    OK(c != NULL);
    if (c)
        OK(strstr(c->text, "pressed") == NULL);
    c = find(&l, "would back the levy");
    OK(c != NULL);
    if (c)
        OK(strstr(c->text, "opposed") == NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_relative_speakers_and_hearers(void)
{
    const char *t = "Voters met in Dunmore on Tuesday.\n\n"
                    "Farmers backed Edric Thorne, who believes the levy has no support in the valley.\n\n"
                    "Mayor Hollis Penbury told a news conference they are planting the seeds for a new bridge.\n\n"
                    "We believe the bridge will open in the spring.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "Edric Thorne");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->cue_text, "backed");
        OK(strstr(c->text, "levy") == NULL); /* the relative clause is not the object */
    }
    c = find(&l, "the levy has no support");
    OK(c != NULL);
    if (c)
        STR_EQ(c->speaker_name, "Edric Thorne");
    c = find(&l, "planting the seeds");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Hollis Penbury");
        OK(strstr(c->text, "conference") == NULL);
    }
    OK(find(&l, "the bridge will open") != NULL); /* first-person beliefs are attributions too */
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_citing(void)
{
    const char *t = "Voters met in Dunmore on Tuesday.\n\n"
                    "The mayor defended the levy, citing rising costs in the valley.\n\n"
                    "The Courier, citing two council aides as saying that the vote was rigged, asked for a recount.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "rising costs in the valley");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->cue_text, "citing");
        OK(strstr(c->speaker_name, "mayor") != NULL); /* the citer, not what is cited */
    }
    c = find(&l, "the vote was rigged");
    OK(c != NULL);
    if (c)
        OK(strstr(c->speaker_name, "aides") != NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

static void test_title_case_headline(void)
{
    const char *t = "Mayor Penbury Says Bridge Will Reopen In Spring.\n\n"
                    "The bridge over the Dunmore river closed in March.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "Bridge Will Reopen");
    OK(c != NULL);
    if (c)
        OK(strstr(c->speaker_name, "Penbury") != NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

/* "doesn't seem to": the contracted negated auxiliary is not part of the subject span */
static void test_negated_auxiliary_subject(void)
{
    const char *t = "The harbour board doesn\xE2\x80\x99t seem to trust the new figures from the bureau.\n\n"
                    "The river council didn't appear to know about the plan at all.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "to trust the new figures");
    OK(c != NULL);
    if (c) {
        OK(strncmp(c->text, "The harbour board to trust", 26) == 0);
        OK(strstr(c->text, "doesn") == NULL);
    }
    c = find(&l, "to know about the plan");
    OK(c != NULL);
    if (c)
        OK(strstr(c->text, "didn") == NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

/* "“…,” she will say": auxiliaries between the speaker and a post-quote cue */
static void test_post_quote_auxiliary(void)
{
    const char *t = "Governor Mara Lestrand will speak at the rally tonight.\n\n"
                    "\xE2\x80\x9CNothing prepares you for the demands of this office,\xE2\x80\x9D she will say.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "Nothing prepares you");
    OK(c != NULL);
    if (c) {
        STR_EQ(c->speaker_name, "Mara Lestrand");
        OK(c->cue_text != NULL);
        if (c->cue_text)
            STR_EQ(c->cue_text, "say");
    }
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

/* a closed quotation with no cue of its own, right after a direct claim, goes on it;
   an unclosed one stays a claim of its own */
static void test_quote_continues_direct_claim(void)
{
    const char *t = "\xE2\x80\x9CWe will fix the bridge before winter,\xE2\x80\x9D Mayor Ana Pello said on Friday at the depot.\n\n"
                    "\xE2\x80\x9CThe money is there and the crews are ready.\xE2\x80\x9D\n\n"
                    "Councillor Ivo Rask disagreed on Monday.\n\n"
                    "\xE2\x80\x9CThe plan is late,\xE2\x80\x9D he said. \xE2\x80\x9CThe costs are rising every month. "
                    "\xE2\x80\x9CThe voters will judge us,\xE2\x80\x9D he said.\n";
    cg_claims_t l;
    const cg_claim_t *c;

    INT_EQ(runs(&l, t), CG_OK);
    c = find(&l, "We will fix the bridge");
    OK(c != NULL);
    if (c) {
        INT_EQ(c->nspans, 2);
        OK(strstr(c->text, "crews are ready") != NULL);
        STR_EQ(c->speaker_name, "Ana Pello");
    }
    c = find(&l, "The plan is late");
    OK(c != NULL);
    if (c)
        OK(strstr(c->text, "costs are rising") == NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

/* "X rebutted and described as ‘…’ the remarks": the "as" belongs to the second verb */
static void test_as_quote_other_verb(void)
{
    const char *t = "The ministry rebutted and described as a \xE2\x80\x98slip of tongue\xE2\x80\x99 the remarks "
                    "by a junior official about the border.\n";
    cg_claims_t l;
    size_t i;

    INT_EQ(runs(&l, t), CG_OK);
    for (i = 0; i < l.count; i++)
        if (l.items[i].cue_text && strcmp(l.items[i].cue_text, "rebutted") == 0)
            OK(strstr(l.items[i].text, "the remarks") != NULL);
    OK(spans_match(&l, t));
    cg_claims_destroy(&l);
}

int main(void)
{
    INT_EQ(cg_extract_init(), CG_OK);
    test_cue_after();
    test_cue_inverted_and_before();
    test_interrupted_quote();
    test_apostrophes();
    test_multi_paragraph_quote();
    test_pronoun_surname_title();
    test_misspelling_and_description();
    test_according_and_reports();
    test_object_contents();
    test_object_cue_subject();
    test_report_list();
    test_outlet_via();
    test_disputes();
    test_boilerplate_and_outlet();
    test_hostile();
    test_questions_and_plural_subjects();
    test_trailing_cues();
    test_raising_verbs();
    test_poll_and_content_ends();
    test_relative_speakers_and_hearers();
    test_citing();
    test_title_case_headline();
    test_negated_auxiliary_subject();
    test_post_quote_auxiliary();
    test_quote_continues_direct_claim();
    test_as_quote_other_verb();
    cg_extract_shutdown();
    return TEST_REPORT();
}
