/* The reduce side's input: claims files read as they are, articles extracted. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "1-input/stdin.h"
#include "claimgraph/graph.h"
#include "claimgraph/pipeline.h"

/* Where collected claims go: a claim list, or a claim set (compact, for graph building). */
typedef struct {
    cg_claims_t *list;
    cg_claimset_t *set;
} dest_t;

/** Moves the claims of @p src to @p d (@p src is left empty). CG_OK or CG_ENOMEM. */
static cg_error_t dest_take(dest_t *d, cg_claims_t *src)
{
    size_t i;
    cg_error_t rc = CG_OK;

    if (d->list)
        return cg_claims_move(d->list, src);
    for (i = 0; i < src->count && !rc; i++)
        rc = cg_claimset_add(d->set, &src->items[i]);
    for (i = 0; i < src->count; i++)
        cg_claim_clear(&src->items[i]);
    src->count = 0;
    return rc == CG_EINVAL ? CG_EINPUT : rc;
}

int cg_pipeline_is_claims_file(const char *path)
{
    FILE *fp;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int is = 0;
    size_t len = strlen(path);

    if (strcmp(path, "-") == 0) {
        const char *first;

        return cg_input__stdin_first_line(&first, &len) == 0 &&
               cg_claims_line_is_claim(first, len);
    }
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

/* ---- claims files, parsed on worker threads ---------------------------------------
 * The file is cut into blocks of whole lines, read in order; each round, up to
 * 2 x threads blocks are parsed at once (one worker per block) and their claims appended
 * in file order. Like cg_claims_read_file, the first bad line ends the file with an
 * error naming it, and the claims before it are kept. */

#define BLOCK_BYTES ((size_t)4 << 20)

typedef struct {
    char *data;         /* whole lines */
    size_t len;
    size_t first_line;  /* 1-based number of its first line */
    cg_claims_t claims;
    cg_error_t rc;
    cg_errinfo_t err;
} block_t;

typedef struct {
    const char *path;
    block_t *blocks;
    size_t n;
    atomic_size_t next;
} round_t;

static void parse_block(const char *path, block_t *b)
{
    size_t pos = 0, line = b->first_line;

    while (pos < b->len && !b->rc) {
        const char *s = b->data + pos;
        const char *nl = memchr(s, '\n', b->len - pos);
        size_t n = nl ? (size_t)(nl - s) + 1 : b->len - pos, k = 0;
        cg_claim_t c, *slot;

        while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' || s[k] == '\n'))
            k++;
        if (k < n) {
            if ((b->rc = cg_claim_parse_json(&c, s, n, path, line, &b->err)))
                break;
            if (!(slot = cg_claims_push(&b->claims))) {
                cg_claim_clear(&c);
                b->rc = cg_errinfo_set(&b->err, CG_ENOMEM, path, line, "out of memory");
                break;
            }
            *slot = c;
        }
        pos += n;
        line++;
    }
}

static void *parse_worker(void *arg)
{
    round_t *r = arg;
    size_t i;

    while ((i = atomic_fetch_add(&r->next, 1)) < r->n)
        parse_block(r->path, &r->blocks[i]);
    return NULL;
}

/* Reads the next block of whole lines from @p fp into @p b; 0 at the end of the file. */
static int read_block(FILE *fp, char **carry, size_t *ncarry, size_t *line, block_t *b,
                      cg_error_t *rc)
{
    size_t cap = BLOCK_BYTES + *ncarry + 1, got, cut, i;
    char *buf = malloc(cap);

    *rc = CG_OK;
    if (!buf) {
        *rc = CG_ENOMEM;
        return 0;
    }
    if (*ncarry)
        memcpy(buf, *carry, *ncarry);
    got = *ncarry + fread(buf + *ncarry, 1, BLOCK_BYTES, fp);
    free(*carry);
    *carry = NULL;
    *ncarry = 0;
    if (ferror(fp))
        *rc = CG_EIO;
    if (!got || *rc) {
        free(buf);
        return 0;
    }
    /* keep whole lines; the rest is carried over (a line longer than a block grows it) */
    cut = got;
    if (!feof(fp)) {
        while (cut > 0 && buf[cut - 1] != '\n')
            cut--;
        while (cut == 0) {
            size_t more;
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                *rc = CG_ENOMEM;
                return 0;
            }
            buf = nb;
            more = fread(buf + got, 1, cap * 2 - got - 1, fp);
            cap *= 2;
            if (!more) {
                cut = got; /* last line without a newline */
                break;
            }
            for (i = got + more; i > got; i--)
                if (buf[i - 1] == '\n') {
                    cut = i;
                    break;
                }
            got += more;
        }
        if (got > cut) {
            if (!(*carry = malloc(got - cut))) {
                free(buf);
                *rc = CG_ENOMEM;
                return 0;
            }
            memcpy(*carry, buf + cut, got - cut);
            *ncarry = got - cut;
        }
    }
    memset(b, 0, sizeof *b);
    b->data = buf;
    b->len = cut;
    b->first_line = *line;
    cg_claims_init(&b->claims);
    for (i = 0; i < cut; i++)
        *line += buf[i] == '\n';
    return 1;
}

/* Takes the parsed claims of @p n blocks, in order, into @p out (unless *@p rc is already
   an error), stops at the first bad block, and frees the blocks. */
static void take_blocks(dest_t *out, const char *path, block_t *blocks, size_t n, cg_error_t *rc,
                        cg_errinfo_t *err)
{
    size_t i;

    for (i = 0; i < n; i++) {
        block_t *b = &blocks[i];
        if (!*rc && dest_take(out, &b->claims))
            *rc = cg_errinfo_set(err, CG_ENOMEM, path, b->first_line, "out of memory");
        if (!*rc && b->rc) {
            *rc = b->rc;
            *err = b->err;
        }
        cg_claims_destroy(&b->claims);
        free(b->data);
    }
}

/* Rounds of blocks are double-buffered: while the workers parse one round, the calling
   thread hands the previous round's claims to @p out (interning them into a set is
   serial work), then helps parsing. */
static cg_error_t read_claims_parallel(dest_t *out, const char *path, size_t threads,
                                       cg_errinfo_t *err)
{
    FILE *fp = fopen(path, "rb");
    size_t maxb = 2 * threads, line = 1, ncarry = 0, i, started, nprev = 0;
    char *carry = NULL;
    block_t *blocks = calloc(2 * maxb, sizeof *blocks), *cur = blocks, *prev = blocks + maxb;
    pthread_t tids[64];
    cg_error_t rc = CG_OK;
    int eof = 0;

    if (!fp || !blocks) {
        free(blocks);
        if (fp)
            fclose(fp);
        return fp ? cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory")
                  : cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
    }
    if (threads > 64)
        threads = 64;
    json_object_seed(0); /* before threads: Jansson picks its hash seed racily otherwise */
    for (;;) {
        round_t r = {path, cur, 0, 0};
        cg_error_t rr = CG_OK;
        size_t rr_line = 0;
        block_t *t;

        while (!eof && !rc && r.n < maxb &&
               read_block(fp, &carry, &ncarry, &line, &cur[r.n], &rr))
            r.n++;
        if (rr)
            rr_line = line;
        if (r.n < maxb)
            eof = 1;
        atomic_store(&r.next, 0);
        for (started = 0; started < threads - 1 && started < r.n; started++)
            if (pthread_create(&tids[started], NULL, parse_worker, &r) != 0)
                break;
        take_blocks(out, path, prev, nprev, &rc, err);
        nprev = 0;
        if (rr && !rc)
            rc = cg_errinfo_set(err, rr, path, rr_line,
                                rr == CG_EIO ? "read error" : "out of memory");
        parse_worker(&r);
        for (i = 0; i < started; i++)
            pthread_join(tids[i], NULL);
        t = prev;
        prev = cur;
        cur = t;
        nprev = r.n;
        if (!r.n || rc)
            break;
    }
    take_blocks(out, path, prev, nprev, &rc, err); /* frees them when rc is set */
    free(carry);
    free(blocks);
    fclose(fp);
    return rc;
}

/** cg_claims_read_each's sink for a claim set: the claim is interned, then cleared. */
static int add_to_set(cg_claim_t *c, void *ud)
{
    if (cg_claimset_add(ud, c) != CG_OK)
        return -1; /* cg_claims_read_each clears it */
    cg_claim_clear(c);
    return 0;
}

static cg_error_t read_claims(dest_t *out, const char *path, size_t threads, cg_errinfo_t *err)
{
    if (threads <= 1 || strcmp(path, "-") == 0)
        return out->list ? cg_claims_read_file(out->list, path, err)
                         : cg_claims_read_each(path, add_to_set, out->set, err);
    return read_claims_parallel(out, path, threads, err);
}

static cg_error_t collect_sink(const cg_article_t *a, cg_claims_t *claims, void *ud)
{
    (void)a;
    return dest_take(ud, claims);
}

/** cg_pipeline_collect into a list or a set. */
static cg_error_t collect(dest_t *out, const char *const *inputs, size_t n,
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
            cg_error_t r = read_claims(out, inputs[i], opts ? opts->threads : 1, &e);
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

cg_error_t cg_pipeline_collect(cg_claims_t *out, const char *const *inputs, size_t n,
                               const cg_pipeline_options_t *opts, cg_diag_fn diag, void *dud,
                               size_t *nbad, cg_errinfo_t *err)
{
    dest_t d = {out, NULL};

    return collect(&d, inputs, n, opts, diag, dud, nbad, err);
}

cg_error_t cg_pipeline_collect_set(cg_claimset_t *out, const char *const *inputs, size_t n,
                                   const cg_pipeline_options_t *opts, cg_diag_fn diag, void *dud,
                                   size_t *nbad, cg_errinfo_t *err)
{
    dest_t d = {NULL, out};

    if (!out)
        return cg_errinfo_set(err, CG_EINVAL, "", 0, "cg_pipeline_collect_set: no set");
    return collect(&d, inputs, n, opts, diag, dud, nbad, err);
}
