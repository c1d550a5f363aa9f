/* claimgraph eval: score extracted claims against gold annotations. */
#include <stdlib.h>

#include "commands.h"
#include "options.h"

static const cli_opt_t opts[] = {
    {"gold", 'g', "FILE", "gold annotations, JSON Lines (claims gold or span gold)"},
    {"json", 0, NULL, "print the figures as one JSON object"},
    {"jobs", 'j', "N", "extract articles on N worker threads"},
    {"manifest", 0, "FILE", "JSON Lines metadata for plain-text articles"},
    {"keep-going", 'k', NULL, "exit 0 even when some inputs could not be read"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {
    "eval", "--gold GOLD.jsonl [--json] [-j N] INPUT...",
    "Extract claims from the inputs and score them against gold annotations; the figures\n"
    "agree with the reference scorers (score.py; to_spans.py + score_spans.py --bytes).",
    "INPUT is an article input as for 'extract', or a claims .jsonl file.\n"
    "The gold format is read from the first record's keys:\n"
    "  claims gold  {\"id\", \"doc\", \"speaker\", \"aliases\", \"content\", \"required\"} per "
    "line;\n"
    "               a claim's doc path must end with \"/\" + the gold doc. Prints claim and\n"
    "               attribution P/R/F1 and speaker names per gold speaker.\n"
    "  span gold    {\"doc\", \"text\", \"attributions\"} per document, offsets in UTF-8 bytes\n"
    "               (\"b\"); claims join a document by file stem. Prints content P/R/F1 at\n"
    "               overlap 1.0/0.8/0.3, speaker accuracy, end-to-end P/R/F1, cue P/R/F1.",
    opts};

/*
 * Drops the claims that 'claimgraph extract' would not write (a string that is not valid
 * UTF-8), so that scoring articles gives the same figures as scoring their claims file.
 */
static int drop_unwritable(cg_claims_t *claims)
{
    FILE *null = fopen("/dev/null", "w");
    size_t i, k = 0;

    if (!null) {
        fprintf(stderr, "claimgraph eval: /dev/null: cannot open\n");
        return -1;
    }
    for (i = 0; i < claims->count; i++) {
        if (cg_claim_write_json(null, &claims->items[i]) == CG_EINPUT) {
            fprintf(stderr, "claimgraph eval: %s: skipped a claim that is not valid UTF-8\n",
                    claims->items[i].doc ? claims->items[i].doc : "-");
            cg_claim_clear(&claims->items[i]);
            continue;
        }
        claims->items[k++] = claims->items[i];
    }
    claims->count = k;
    fclose(null);
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    cli_args_t args;
    cg_pipeline_options_t po = CG_PIPELINE_OPTIONS_INIT;
    cg_claims_t claims;
    cg_gold_t *gold = NULL;
    cg_eval_result_t res;
    cg_errinfo_t e;
    const char *jobs, *gpath;
    size_t nbad = 0;
    int rc = cli_parse(&cmd, argc, argv, &args);

    cg_claims_init(&claims);
    if (rc)
        return rc;
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    if (!(gpath = cli_get(&cmd, &args, "gold"))) {
        fprintf(stderr, "claimgraph eval: --gold is required\nTry 'claimgraph eval --help'.\n");
        rc = CLI_USAGE;
        goto done;
    }
    if (!args.noperands) {
        fprintf(stderr, "claimgraph eval: no input given\nTry 'claimgraph eval --help'.\n");
        rc = CLI_USAGE;
        goto done;
    }
    if ((jobs = cli_get(&cmd, &args, "jobs")) && cli_jobs("eval", jobs, &po.threads)) {
        rc = CLI_USAGE;
        goto done;
    }
    po.manifest = cli_get(&cmd, &args, "manifest");
    if (cg_gold_load(&gold, gpath, &e) ||
        cg_pipeline_collect(&claims, args.operands, args.noperands, &po, cli_diag, "eval", &nbad,
                            &e)) {
        cli_error("eval", &e);
        rc = CLI_FAIL;
        goto done;
    }
    if (drop_unwritable(&claims)) {
        rc = CLI_FAIL;
        goto done;
    }
    if (cg_eval_score(&res, gold, claims.items, claims.count, &e)) {
        cli_error("eval", &e);
        rc = CLI_FAIL;
        goto done;
    }
    if ((cli_get(&cmd, &args, "json") ? cg_eval_write_json(&res, stdout)
                                      : cg_eval_write_text(&res, stdout)) != CG_OK) {
        fprintf(stderr, "claimgraph eval: write error on standard output\n");
        rc = CLI_FAIL;
        goto done;
    }
    if (nbad && !cli_get(&cmd, &args, "keep-going"))
        rc = CLI_FAIL;
done:
    cg_gold_free(gold);
    cg_claims_destroy(&claims);
    free(args.operands);
    return rc;
}
