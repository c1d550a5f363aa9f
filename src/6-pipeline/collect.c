/* The reduce side's input: claims files read as they are, articles extracted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "claimgraph/pipeline.h"

int cg_pipeline_is_claims_file(const char *path)
{
    FILE *fp;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int is = 0;
    size_t len = strlen(path);

    if (len < 6 || strcmp(path + len - 6, ".jsonl") != 0 || !(fp = fopen(path, "rb")))
        return 0;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        size_t k = strspn(line, " \t\r\n");
        if (k == (size_t)n)
            continue;
        is = cg_claims_line_is_claim(line, (size_t)n);
        break;
    }
    free(line);
    fclose(fp);
    return is;
}

static cg_error_t collect_sink(const cg_article_t *a, cg_claims_t *claims, void *ud)
{
    (void)a;
    return cg_claims_move(ud, claims);
}

cg_error_t cg_pipeline_collect(cg_claims_t *out, const char *const *inputs, size_t n,
                               const cg_pipeline_options_t *opts, cg_diag_fn diag, void *dud,
                               size_t *nbad, cg_errinfo_t *err)
{
    const char **articles = malloc((n ? n : 1) * sizeof *articles);
    size_t na = 0, i, bad = 0;
    cg_error_t rc = CG_OK;

    if (nbad)
        *nbad = 0;
    if (!articles)
        return cg_errinfo_set(err, CG_ENOMEM, "", 0, "out of memory");
    for (i = 0; i < n && !rc; i++) {
        if (cg_pipeline_is_claims_file(inputs[i])) {
            cg_errinfo_t e;
            cg_error_t r = cg_claims_read_file(out, inputs[i], &e);
            if (r == CG_ENOMEM) {
                rc = r;
                *err = e;
            } else if (r) {
                bad++;
                if (diag)
                    diag(&e, dud);
            }
        } else {
            articles[na++] = inputs[i];
        }
    }
    if (!rc && na)
        rc = cg_pipeline_extract(articles, na, opts, collect_sink, out, diag, dud, nbad, err);
    if (nbad)
        *nbad += bad;
    free(articles);
    return rc;
}
