/* claimgraph extract: articles in, claims JSON Lines out (the map step). */
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "commands.h"
#include "options.h"

static const cli_opt_t opts[] = {
    {"output", 'o', "FILE", "write claims to FILE instead of standard output"},
    {"jobs", 'j', "N", "extract on N worker threads (default 1; output is the same)"},
    {"manifest", 0, "FILE", "JSON Lines metadata (doc/path, url, outlet, date, author)"},
    {"keep-going", 'k', NULL, "exit 0 even when some inputs could not be read"},
    {NULL, 0, NULL, NULL}};

static const cli_cmd_t cmd = {
    "extract", "INPUT... [-o FILE] [-j N]",
    "Find every attributed claim (who said what) in the articles and write them as JSON "
    "Lines,\none claim per line (schema/claims.schema.json).",
    "INPUT is a text file, a folder (every .txt inside, in sorted order), a .jsonl file of\n"
    "articles ({\"text\", \"doc\", \"url\", \"outlet\", \"date\", \"author\"}) or - for stdin.\n"
    "A bad input is reported and skipped; the exit status is then 1 unless --keep-going.",
    opts};

int cmd_extract(int argc, char **argv)
{
    cli_args_t args;
    cg_pipeline_options_t po = CG_PIPELINE_OPTIONS_INIT;
    const char *out = NULL, *jobs;
    cg_outfile_t f;
    cg_errinfo_t e;
    size_t nbad = 0;
    int rc = cli_parse(&cmd, argc, argv, &args);

    if (rc)
        return rc;
    if (args.help) {
        cli_help(&cmd, stdout);
        goto done;
    }
    if (!args.noperands) {
        fprintf(stderr, "claimgraph extract: no input given\nTry 'claimgraph extract --help'.\n");
        rc = CLI_USAGE;
        goto done;
    }
    if ((jobs = cli_get(&cmd, &args, "jobs")) && cli_jobs("extract", jobs, &po.threads)) {
        rc = CLI_USAGE;
        goto done;
    }
    po.manifest = cli_get(&cmd, &args, "manifest");
#if defined(__GLIBC__)
    /* Freed memory stays with the process for the next articles instead of going back to
       the system and being faulted in again (a page fault costs ~10 us in some virtual
       machines); the extraction's memory is bounded by its window, not by the corpus.
       This also lets each thread's heap be faulted in at once (cg_pipeline). */
    po.warm_heap = mallopt(M_MMAP_THRESHOLD, 16 << 20) == 1;
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    out = cli_get(&cmd, &args, "output");
    if (cg_outfile_open(&f, out ? out : "-", args.operands, args.noperands, &e)) {
        cli_error("extract", &e);
        rc = CLI_FAIL;
        goto done;
    }
    /* claims are serialised on the worker threads, written in input order */
    if (cg_pipeline_extract_jsonl(args.operands, args.noperands, &po, f.fp, cli_diag, "extract",
                                  &nbad, NULL, &e)) {
        cli_error("extract", &e);
        cg_outfile_abort(&f);
        rc = CLI_FAIL;
        goto done;
    }
    if (cg_outfile_commit(&f, &e)) {
        cli_error("extract", &e);
        rc = CLI_FAIL;
        goto done;
    }
    if (nbad && !cli_get(&cmd, &args, "keep-going"))
        rc = CLI_FAIL;
done:
    free(args.operands);
    return rc;
}
