/*
 * Parallel extraction: read a batch of articles in input order, extract them on worker
 * threads (each takes the next article of the batch), hand the claims to the sink in
 * input order. Output does not depend on the number of threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/buf.h"
#include "claimgraph/extract.h"
#include "claimgraph/pipeline.h"

typedef struct {
    cg_article_t *article;
    cg_claims_t claims;
    cg_error_t rc;
    cg_errinfo_t err;
} job_t;

typedef struct {
    job_t *jobs;
    size_t njobs;
    atomic_size_t next;
} batch_t;

static void run_jobs(batch_t *b)
{
    size_t i;

    while ((i = atomic_fetch_add(&b->next, 1)) < b->njobs) {
        job_t *j = &b->jobs[i];
        j->rc = cg_extract_article(&j->claims, j->article, &j->err);
    }
}

static void *worker(void *arg)
{
    run_jobs(arg);
    return NULL;
}

/* Extracts every job of the batch on @p threads threads (the caller is one of them). */
static void extract_batch(batch_t *b, size_t threads)
{
    pthread_t tids[64];
    size_t started = 0, i;

    atomic_store(&b->next, 0);
    if (threads > 64)
        threads = 64;
    if (threads > b->njobs)
        threads = b->njobs;
    for (i = 1; i < threads; i++) {
        if (pthread_create(&tids[started], NULL, worker, b) != 0)
            break; /* fewer threads is fine: the caller does the rest */
        started++;
    }
    run_jobs(b);
    for (i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
}

cg_error_t cg_pipeline_extract(const char *const *inputs, size_t n,
                               const cg_pipeline_options_t *opts, cg_claims_sink_fn sink,
                               void *ud, cg_diag_fn diag, void *dud, size_t *nbad,
                               cg_errinfo_t *err)
{
    cg_pipeline_options_t o = CG_PIPELINE_OPTIONS_INIT;
    cg_reader_options_t ro = CG_READER_OPTIONS_INIT;
    cg_reader_t *r = NULL;
    batch_t b;
    size_t cap = 0, i, bytes;
    int done = 0;
    cg_error_t rc;

    memset(&b, 0, sizeof b);
    if (opts)
        o = *opts;
    if (!o.batch_bytes)
        o.batch_bytes = (size_t)16 << 20;
    if (nbad)
        *nbad = 0;
    if ((rc = cg_extract_init()))
        return cg_errinfo_set(err, rc, "", 0, "cannot load the word lists");
    ro.manifest = o.manifest;
    if ((rc = cg_reader_new(&r, inputs, n, &ro, err)))
        return rc;
    while (!done && !rc) {
        /* 1. read a batch, in input order */
        b.njobs = 0;
        bytes = 0;
        while (bytes < o.batch_bytes && b.njobs < 4096) {
            cg_article_t *a = NULL;
            cg_errinfo_t e;
            int got = cg_reader_next(r, &a, &e);

            if (got == 0) {
                done = 1;
                break;
            }
            if (got < 0) {
                if (got == CG_ENOMEM) {
                    rc = got;
                    *err = e;
                    break;
                }
                if (nbad)
                    (*nbad)++;
                if (diag)
                    diag(&e, dud);
                continue;
            }
            if (cg__grow_array((void **)&b.jobs, &cap, b.njobs + 1, sizeof *b.jobs)) {
                cg_article_free(a);
                rc = cg_errinfo_set(err, CG_ENOMEM, "", 0, "out of memory");
                break;
            }
            memset(&b.jobs[b.njobs], 0, sizeof *b.jobs);
            b.jobs[b.njobs].article = a;
            cg_claims_init(&b.jobs[b.njobs].claims);
            b.njobs++;
            bytes += a->len;
        }
        /* 2. extract in parallel */
        if (!rc)
            extract_batch(&b, o.threads ? o.threads : 1);
        /* 3. hand over in order */
        for (i = 0; i < b.njobs; i++) {
            job_t *j = &b.jobs[i];
            if (!rc) {
                if (j->rc == CG_ENOMEM) {
                    rc = j->rc;
                    *err = j->err;
                } else if (j->rc) {
                    if (nbad)
                        (*nbad)++;
                    if (diag)
                        diag(&j->err, dud);
                } else {
                    rc = sink(j->article, &j->claims, ud);
                }
            }
            cg_claims_destroy(&j->claims);
            cg_article_free(j->article);
        }
    }
    free(b.jobs);
    cg_reader_free(r);
    return rc;
}
