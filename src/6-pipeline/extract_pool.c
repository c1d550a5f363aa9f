/*
 * Parallel extraction, streamed: every worker thread (the caller is one of them) takes the
 * reader in turn to pick the next article (a text file is then read by the worker itself,
 * outside the reader's lock), extracts it without any lock, and then hands whatever
 * articles are finished at the head of the input order to the sink. Reading, extracting
 * and writing overlap; at most a bounded window of articles (by count and by bytes) is in
 * memory at once, so memory does not grow with the corpus. The sink sees articles in
 * input order whatever the thread count, so output is the same bytes.
 *
 *   reader (one thread at a time, input order) --> window of slots (seq % cap)
 *   read text file, extract (all threads at once) --> slot done
 *   sink (one thread at a time, input order)   <-- head of the window while done
 */
#define _GNU_SOURCE /* PTHREAD_MUTEX_ADAPTIVE_NP */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "0-util/bigmem.h"
#include "0-util/buf.h"
#include "1-input/reader.h"
#include "2-extract/extract_read.h"
#include "claimgraph/extract.h"
#include "claimgraph/pipeline.h"

#define MAX_THREADS 256

/* A buffer for claims' JSON kept from one article to the next is let go above this. */
#define KEEP_MAX ((size_t)4 << 20)

/*
 * A buffer for one article's claims as JSON Lines. It belongs to the thread that made it:
 * only that thread writes into it (and so grows it with realloc), and once the sink has
 * copied it out it goes back to that thread (outbuf_give). Buffers kept per slot went
 * from thread to thread as the window turned, and realloc() of a block another thread's
 * malloc arena holds takes that arena's lock: at -j 2 the two threads then waited for
 * each other's arena (seen as futex waits inside realloc in scheduler traces).
 */
typedef struct outbuf {
    cg_buf_t b;
    struct outbuf *next;
    size_t owner; /* the number of the thread that made it (thread_t.id) */
} outbuf_t;

typedef struct {
    cg_article_t *article; /* NULL until a JSON Lines record is parsed or a text file read
                              (or when it is bad) */
    const void *item;      /* a text file for the worker to read, or NULL */
    char *raw;             /* a JSON Lines record for the worker to parse, or NULL */
    size_t rawlen;
    const char *rawpath;   /* borrowed from the reader */
    size_t rawline;
    size_t bytes;          /* what the slot counts for in the window */
    cg_claims_t claims;
    cg_error_t rc;
    cg_errinfo_t err;
    char *out;      /* claims serialised on the worker (JSON Lines), or NULL */
    outbuf_t *ob;   /* the extracting thread's buffer for out (out then points into it
                       and is not freed with the slot); NULL: none */
    cg_buf_t *keep; /* &ob->b, or the buffer run_serial keeps; NULL: none */
    const char *doc; /* the article's name once the article itself is freed (in keep,
                        after the claims: see jsonl_extract); NULL: see article */
    size_t outlen;
    size_t nout;    /* claims in out */
    size_t nskip;   /* claims that could not be serialised */
    int done;       /* extraction finished (guarded by pool.mu) */
} slot_t;

/* What one thread keeps from one article to the next. */
typedef struct {
    cg_extract_scratch_t *scratch; /* extraction's arrays; NULL: none kept */
    cg_reader_textio_t tio;        /* reads the thread's text files */
    size_t id;                     /* 0 for run()'s caller, then 1, 2, ... */
    outbuf_t *spare;               /* its output buffers that are free to use */
} thread_t;

/* Heap that each extracting thread has the kernel map in one go (heap_warm): a little
   more than one thread uses on a corpus of small files (the BBC's, at ~1.2 MB). */
#define WARM_BYTES ((size_t)2 << 20)

/*
 * Faults in the heap the calling thread is about to use, with one system call instead of
 * a page fault per page: a fault costs ~10 us in some virtual machines, one
 * madvise(MADV_POPULATE_WRITE) well under 1 us a page, and a run over a folder of small
 * files otherwise took ~250 faults in its first megabyte or two of heap (~3% of it).
 * A block is taken, populated and freed: later allocations are carved from pages that
 * are there already. That pays only when the allocator keeps the block once freed, i.e.
 * when the caller raised malloc's mmap threshold above WARM_BYTES (opts->warm_heap says
 * so; glibc would otherwise map the block on its own and unmap it when freed).
 */
static void heap_warm(int on)
{
    char *b = on ? malloc(WARM_BYTES) : NULL;

    if (b)
        cg_big_populate(b, WARM_BYTES);
    free(b);
}

static void thread_init(thread_t *t, size_t id)
{
    cg_reader_textio_t tio = CG_READER_TEXTIO_INIT;

    memset(t, 0, sizeof *t);
    t->scratch = cg_extract_scratch_new(); /* NULL: no reuse, still fine */
    t->tio = tio;
    t->id = id;
}

static void outbufs_free(outbuf_t *o)
{
    while (o) {
        outbuf_t *next = o->next;
        cg_buf__free(&o->b);
        free(o);
        o = next;
    }
}

/* Frees what the thread keeps; its buffers still in the window are freed by run(). */
static void thread_destroy(thread_t *t)
{
    cg_extract_scratch_free(t->scratch);
    cg_reader__textio_free(&t->tio);
    outbufs_free(t->spare);
}

/* What happens to an article's claims: prep runs on the worker right after extraction
   (may be NULL), sink runs in input order, one thread at a time. */
typedef struct {
    cg_error_t (*prep)(slot_t *s, thread_t *t, void *ud);
    cg_error_t (*sink)(slot_t *s, void *ud);
    void *ud;
    /* extraction and prep in one, or NULL: the claims go straight to s->out, and never
       become a list (see jsonl_extract) */
    cg_error_t (*direct)(slot_t *s, thread_t *t, void *ud);
} stages_t;

/* Frees what the slot owns; its fields (done included) are left for the caller to reset. */
static void slot_free(slot_t *s)
{
    cg_claims_destroy(&s->claims);
    cg_article_free(s->article);
    free(s->raw);
    if (!s->keep)
        free(s->out);
}

static void slot_clear(slot_t *s)
{
    slot_free(s);
    memset(s, 0, sizeof *s);
}

typedef struct {
    /* fixed for the run */
    cg_reader_t *reader;
    const stages_t *st;
    cg_diag_fn diag;
    void *dud;
    size_t cap;       /* slots in the window */
    _Atomic(outbuf_t *) *back; /* per thread (thread_t.id): its output buffers given back
                                  by the sink, a stack any thread pushes onto and only the
                                  owner empties (all at once); NULL: no buffers kept */
    size_t nthreads;  /* entries in back */
    size_t max_bytes; /* article bytes in the window (one article may exceed it alone) */
    slot_t *ring;

    pthread_mutex_t rd; /* serialises the reader (and its diagnostics, in input order) */
    pthread_mutex_t fd; /* serialises handing back text files' descriptors */
    pthread_mutex_t sk; /* serialises the sink */
    pthread_mutex_t mu; /* guards the fields below */
    pthread_cond_t space;
    size_t head;  /* next seq for the sink */
    size_t tail;  /* next seq to read */
    size_t bytes; /* article bytes in the window */
    int eof;
    int lex;      /* the word lists: 0 nobody loads them yet, 1 being loaded, 2 loaded,
                     -1 could not be (see load_lexicon) */
    atomic_int ready; /* the reader is made (the threads start before, see run); set under
                         mu, read without it by wait_ready's spin */
    int spin;     /* every thread has a CPU of its own: wait_ready may spin */
    int spread;   /* the threads were started on other CPUs than run()'s (spread_start) */
    cpu_set_t cpus; /* the CPUs the process may use */
    int warm;     /* heap_warm in each thread (opts->warm_heap) */
    int stop;     /* a fatal error: stop reading, drop what is left */
    cg_error_t fatal;
    cg_errinfo_t ferr;
    size_t nbad;
    size_t seq;   /* articles handed to the sink (guarded by sk) */
} pool_t;

/* The name of the slot's article. */
static const char *slot_doc(const slot_t *s)
{
    return s->article ? s->article->doc : s->doc ? s->doc : "";
}

/* The error record for a sink that failed on the article of @p s. */
static void sink_error(cg_errinfo_t *e, cg_error_t rc, const slot_t *s)
{
    cg_errinfo_set(e, rc, slot_doc(s), 0, "cannot hand over its claims: %s", cg_strerror(rc));
}

static void set_fatal(pool_t *p, cg_error_t rc, const cg_errinfo_t *e)
{
    pthread_mutex_lock(&p->mu);
    if (!p->fatal) {
        p->fatal = rc;
        p->ferr = *e;
    }
    p->stop = 1;
    pthread_cond_broadcast(&p->space);
    pthread_mutex_unlock(&p->mu);
}

static void report_bad(pool_t *p, const cg_errinfo_t *e)
{
    pthread_mutex_lock(&p->mu);
    p->nbad++;
    pthread_mutex_unlock(&p->mu);
    if (p->diag)
        p->diag(e, p->dud);
}

/* Gives @p o back to the thread that made it (once its bytes are no longer needed). */
static void outbuf_give(pool_t *p, outbuf_t *o)
{
    _Atomic(outbuf_t *) *top = &p->back[o->owner];
    outbuf_t *head = atomic_load_explicit(top, memory_order_relaxed);

    if (o->b.cap > KEEP_MAX)
        cg_buf__free(&o->b); /* do not keep a huge one */
    do
        o->next = head;
    while (!atomic_compare_exchange_weak_explicit(top, &head, o, memory_order_release,
                                                  memory_order_relaxed));
}

/* An output buffer of thread @p t's own (a new one when all are in the window), or NULL
   without memory or when the pool keeps none. */
static outbuf_t *outbuf_take(pool_t *p, thread_t *t)
{
    outbuf_t *o;

    if (!p->back)
        return NULL;
    if (!t->spare) /* only the owner takes from its stack, and all of it: no ABA */
        t->spare = atomic_exchange_explicit(&p->back[t->id], NULL, memory_order_acquire);
    if ((o = t->spare) != NULL) {
        t->spare = o->next;
        o->next = NULL;
        o->b.len = 0;
        return o;
    }
    if ((o = calloc(1, sizeof *o)) != NULL)
        o->owner = t->id;
    return o;
}

/* Hands every finished slot at the head of the window to the sink, in order.
   Called with p->sk held. */
static void flush_ready(pool_t *p)
{
    for (;;) {
        slot_t *s;
        size_t len;
        int stop;

        pthread_mutex_lock(&p->mu);
        if (p->head == p->tail || !p->ring[p->head % p->cap].done) {
            pthread_mutex_unlock(&p->mu);
            return;
        }
        s = &p->ring[p->head % p->cap];
        stop = p->stop;
        pthread_mutex_unlock(&p->mu);

        if (!stop) {
            if (s->rc == CG_ENOMEM) {
                set_fatal(p, s->rc, &s->err);
            } else if (s->rc) {
                report_bad(p, &s->err);
            } else {
                cg_error_t rc;
                if (s->article)
                    s->article->seq = p->seq;
                p->seq++;
                rc = p->st->sink(s, p->st->ud);
                if (rc) {
                    cg_errinfo_t e;
                    sink_error(&e, rc, s);
                    set_fatal(p, rc, &e);
                }
            }
        }

        len = s->bytes;
        if (s->ob)
            outbuf_give(p, s->ob);
        slot_free(s); /* outside the lock: the slot is not reused before head moves on */
        pthread_mutex_lock(&p->mu);
        memset(s, 0, sizeof *s);
        p->bytes -= len;
        p->head++;
        pthread_cond_broadcast(&p->space);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Flushes unless another thread is flushing; that thread re-checks after it lets go. */
static void try_flush(pool_t *p)
{
    for (;;) {
        int more;

        if (pthread_mutex_trylock(&p->sk) != 0)
            return;
        flush_ready(p);
        pthread_mutex_unlock(&p->sk);
        pthread_mutex_lock(&p->mu);
        more = p->head != p->tail && p->ring[p->head % p->cap].done;
        pthread_mutex_unlock(&p->mu);
        if (!more)
            return;
    }
}

/*
 * Reads the next article into a new slot: the slot, or NULL at the end or on a fatal
 * error, or, unless @p wait, when the window is full or another thread has the reader.
 * A JSON Lines record is copied into the slot unparsed: the worker parses it.
 */
static slot_t *read_next(pool_t *p, int wait)
{
    slot_t *s = NULL;

    /* a thread that holds articles not done yet must not wait for the reader: the
       reader's holder may be waiting for room in the window, which those articles keep */
    if (!wait) {
        if (pthread_mutex_trylock(&p->rd) != 0)
            return NULL;
    } else {
        pthread_mutex_lock(&p->rd);
    }
    for (;;) {
        cg_article_t *a = NULL;
        cg_reader_record_t rec;
        const void *item = NULL;
        char *raw = NULL;
        size_t bytes;
        cg_errinfo_t e;
        int got;

        pthread_mutex_lock(&p->mu);
        while (wait && !p->stop && !p->eof &&
               (p->tail - p->head >= p->cap || (p->bytes >= p->max_bytes && p->tail > p->head)))
            pthread_cond_wait(&p->space, &p->mu);
        if (p->stop || p->eof || p->tail - p->head >= p->cap ||
            (p->bytes >= p->max_bytes && p->tail > p->head)) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        pthread_mutex_unlock(&p->mu);

        got = cg_reader__next_lazy(p->reader, &a, &rec, &item, &e);
        if (got == 0) {
            pthread_mutex_lock(&p->mu);
            p->eof = 1;
            pthread_cond_broadcast(&p->space);
            pthread_mutex_unlock(&p->mu);
            break;
        }
        if (got == 2 && !(raw = malloc(rec.len + 1))) {
            got = cg_errinfo_set(&e, CG_ENOMEM, rec.path, rec.line, "out of memory");
        }
        if (got == CG_ENOMEM) {
            set_fatal(p, got, &e);
            break;
        }
        if (got < 0 || got == 3) {
            bytes = 0; /* a bad input takes a slot too: reported in input order; a text
                          file counts once read */
        } else if (raw) {
            memcpy(raw, rec.data, rec.len);
            raw[rec.len] = '\0';
            bytes = rec.len;
        } else {
            bytes = a->len;
        }
        pthread_mutex_lock(&p->mu); /* the flusher looks at the slot once tail passes it */
        s = &p->ring[p->tail % p->cap];
        memset(s, 0, sizeof *s);
        s->article = a;
        s->item = got == 3 ? item : NULL;
        s->raw = raw;
        s->rawlen = raw ? rec.len : 0;
        s->rawpath = raw ? rec.path : NULL;
        s->rawline = raw ? rec.line : 0;
        s->bytes = bytes;
        if (got < 0) {
            s->rc = got;
            s->err = e;
        }
        cg_claims_init(&s->claims);
        p->tail++;
        p->bytes += bytes;
        pthread_mutex_unlock(&p->mu);
        break;
    }
    pthread_mutex_unlock(&p->rd);
    return s;
}

/*
 * Reads the slot's text file on the calling thread, outside the reader's lock: two
 * threads read files at once instead of one waiting for the other's open() and read().
 * Its descriptor goes back to the reader to be closed in a batch. Sets s->rc on error.
 */
static void read_slot_text(pool_t *p, slot_t *s, thread_t *t)
{
    int fd = -1, emfile = 0, tries;
    int got = cg_reader__read_text(p->reader, &t->tio, s->item, &s->article, &fd, &emfile,
                                   &s->err);

    /* Out of descriptors: close the ones kept for closing; another thread may also hold
       one for the few microseconds of its read, so wait for it a little (with a tiny
       RLIMIT_NOFILE a file is then still read, as it was one thread at a time). */
    for (tries = 0; got < 0 && emfile && tries < 1000; tries++) {
        pthread_mutex_lock(&p->fd);
        cg_reader__close_fds(p->reader);
        pthread_mutex_unlock(&p->fd);
        if (tries)
            sched_yield();
        got = cg_reader__read_text(p->reader, &t->tio, s->item, &s->article, &fd, &emfile,
                                   &s->err);
    }
    if (fd >= 0) {
        int batch[CG_READER_FD_BATCH];
        size_t n;
        pthread_mutex_lock(&p->fd);
        n = cg_reader__release_fd(p->reader, fd, batch);
        pthread_mutex_unlock(&p->fd);
        cg_reader__close_batch(batch, n); /* outside the lock: the other thread goes on */
    }
    s->item = NULL;
    if (got < 0) {
        s->rc = got;
        return;
    }
    pthread_mutex_lock(&p->mu); /* the window counts its bytes from now on */
    s->bytes = s->article->len;
    p->bytes += s->bytes;
    pthread_mutex_unlock(&p->mu);
}

/* Reads the slot's text file or parses its JSON Lines record, if any, and extracts its
   claims, with the calling thread's @p scratch (may be NULL). */
static void extract_slot(pool_t *p, slot_t *s, thread_t *t)
{
    if (s->rc)
        return; /* the reader found it bad */
    if (s->item) {
        read_slot_text(p, s, t);
        if (s->rc)
            return;
    }
    if (s->raw) {
        int got = cg_reader__parse(p->reader, s->raw, s->rawlen, s->rawpath, s->rawline,
                                   &s->article, &s->err);
        free(s->raw);
        s->raw = NULL;
        if (got < 0) {
            s->rc = got;
            return;
        }
    }
    if (p->st->direct) {
        if ((s->ob = outbuf_take(p, t)) != NULL)
            s->keep = &s->ob->b;
        s->rc = p->st->direct(s, t, p->st->ud);
        return;
    }
    s->rc = cg_extract__article_read(&s->claims, s->article, t->scratch, &s->err);
    if (!s->rc && p->st->prep)
        s->rc = p->st->prep(s, t, p->st->ud);
}

/* Articles a worker takes from the reader at once: their text files are then read in
   one batch (cg_reader__read_ahead), and at the end of the input the other threads wait
   for at most this many articles. */
#define TAKE 8

static void worker(pool_t *p, thread_t *t)
{
    slot_t *taken[TAKE];
    const void *items[TAKE];
    size_t n, k, m;

    for (;;) {
        /* the first article waits for room in the window; the others are taken only if
           there is room now, the reader is free, and the one before was a text file */
        for (n = 0; n < TAKE; n++) {
            if (!(taken[n] = read_next(p, n == 0)))
                break;
            if (!taken[n]->item) {
                n++;
                break;
            }
        }
        if (!n)
            break;
        for (k = m = 0; k < n; k++)
            if (taken[k]->item && !taken[k]->rc)
                items[m++] = taken[k]->item;
        if (m > 1)
            (void)cg_reader__read_ahead(p->reader, &t->tio, items, m);
        for (k = 0; k < n; k++) {
            extract_slot(p, taken[k], t);
            pthread_mutex_lock(&p->mu);
            taken[k]->done = 1;
            pthread_mutex_unlock(&p->mu);
            try_flush(p);
        }
    }
}

/*
 * New threads are started on a CPU other than the caller's. Left to itself, the kernel
 * often put the new thread on the caller's CPU (where it had just been made) and moved it
 * to the idle one only some milliseconds later: a BBC run at -j 2 takes ~55 ms, and in
 * 4 of 8 traced runs the second thread began 1.5-4 ms after it was created. Once
 * running, each thread takes back every CPU the process may use (p->cpus, which the
 * caller fills; worker_thread). Sets p->spread when @p attr is made for that (the caller
 * destroys it); else nothing.
 */
static void spread_start(pool_t *p, pthread_attr_t *attr)
{
    cpu_set_t others;
    int me = sched_getcpu();

    p->spread = 0;
    if (me < 0 || me >= CPU_SETSIZE)
        return;
    others = p->cpus;
    CPU_CLR(me, &others);
    if (CPU_COUNT(&others) == 0 || pthread_attr_init(attr) != 0)
        return;
    if (pthread_attr_setaffinity_np(attr, sizeof others, &others) == 0)
        p->spread = 1;
    else
        pthread_attr_destroy(attr);
}

/*
 * Loads the word lists unless another thread does or did; waits for them unless
 * @p wait is 0. Returns 0, or -1 when they could not be loaded. The first thread started
 * loads them while the caller of run() lists the inputs.
 */
static int load_lexicon(pool_t *p, int wait)
{
    int state;

    pthread_mutex_lock(&p->mu);
    if (p->lex == 0) {
        p->lex = 1;
        pthread_mutex_unlock(&p->mu);
        state = cg_extract_init() == CG_OK ? 2 : -1;
        pthread_mutex_lock(&p->mu);
        p->lex = state;
        pthread_cond_broadcast(&p->space);
    }
    while (wait && p->lex == 1)
        pthread_cond_wait(&p->space, &p->mu);
    state = p->lex;
    pthread_mutex_unlock(&p->mu);
    return state < 0 ? -1 : 0;
}

/* What a thread started by run() is given. */
typedef struct {
    pool_t *p;
    size_t id;
} start_t;

/* How long a started thread spins for the reader before it sleeps (nanoseconds). */
#define SPIN_NS 5000000L

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Polls @p done(@p arg) for up to SPIN_NS, taking from nobody; 1 once it says so, else 0. */
static int spin_until(int (*done)(void *), void *arg)
{
    struct timespec t0, now;
    int k;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        for (k = 0; k < 256; k++) {
            if (done(arg))
                return 1;
            cpu_relax();
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - t0.tv_sec) * 1000000000L + (now.tv_nsec - t0.tv_nsec) < SPIN_NS);
    return 0;
}

static int is_ready(void *arg)
{
    return atomic_load_explicit(&((pool_t *)arg)->ready, memory_order_acquire) != 0;
}

/*
 * Waits until run() has made the reader (p->ready). A thread that sleeps on the
 * condition variable is woken some 0.1-0.4 ms after the broadcast in a virtual machine
 * (an idle virtual CPU is woken through the host), on a ~55 ms run; the reader takes
 * 1.5-2 ms to make, so when every thread has a CPU of its own (p->spin) it watches the
 * flag for up to SPIN_NS first, taking from nobody.
 */
static void wait_ready(pool_t *p)
{
    if (p->spin && spin_until(is_ready, p))
        return;
    pthread_mutex_lock(&p->mu);
    while (!atomic_load_explicit(&p->ready, memory_order_relaxed))
        pthread_cond_wait(&p->space, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

/* A worker on a thread of its own: its heap (a malloc arena of its own) is faulted in
   first, as the calling thread's is in run(); its means of reading files are made while
   the caller still lists the inputs. */
static void *worker_thread(void *arg)
{
    const start_t *a = arg;
    pool_t *p = a->p;
    thread_t t;
    int stop;

    if (p->spread) /* placed: from now on any CPU the process may use, as usual */
        (void)pthread_setaffinity_np(pthread_self(), sizeof p->cpus, &p->cpus);
    heap_warm(p->warm);
    (void)load_lexicon(p, 0);
    thread_init(&t, a->id);
    cg_reader__textio_prepare(&t.tio);
    /* the reader is made while the threads start (run) */
    wait_ready(p);
    pthread_mutex_lock(&p->mu);
    stop = p->stop;
    pthread_mutex_unlock(&p->mu);
    if (!stop)
        worker(p, &t);
    thread_destroy(&t);
    return NULL;
}

/* One thread: read, extract, hand over, one article at a time. */
static cg_error_t run_serial(cg_reader_t *r, const stages_t *st, cg_diag_fn diag, void *dud,
                             size_t *nbad, cg_errinfo_t *err)
{
    cg_error_t rc = CG_OK;
    cg_buf_t keep = CG_BUF_INIT; /* the claims' JSON, reused from one article to the next
                                    as the pool's slots do: no buffer to grow and free
                                    per article */
    thread_t t;
    slot_t s;

    thread_init(&t, 0);
    memset(&s, 0, sizeof s);
    while (!rc) {
        cg_errinfo_t e;
        int got = cg_reader_next(r, &s.article, &e);

        if (got == 0)
            break;
        if (got < 0) {
            if (got == CG_ENOMEM) {
                *err = e;
                rc = got;
                break;
            }
            (*nbad)++;
            if (diag)
                diag(&e, dud);
            continue;
        }
        cg_claims_init(&s.claims);
        s.keep = &keep;
        if (st->direct) {
            s.rc = st->direct(&s, &t, st->ud);
        } else {
            s.rc = cg_extract__article_read(&s.claims, s.article, t.scratch, &s.err);
            if (!s.rc && st->prep)
                s.rc = st->prep(&s, &t, st->ud);
        }
        if (s.rc == CG_ENOMEM) {
            *err = s.err;
            rc = s.rc;
        } else if (s.rc) {
            (*nbad)++;
            if (diag)
                diag(&s.err, dud);
        } else if ((rc = st->sink(&s, st->ud))) {
            sink_error(err, rc, &s);
        }
        slot_clear(&s);
        if (keep.cap > KEEP_MAX)
            cg_buf__free(&keep); /* do not keep a huge one */
    }
    cg_buf__free(&keep);
    thread_destroy(&t);
    return rc;
}

/*
 * A mutex for short critical sections: with glibc, one that spins a little before it
 * sleeps. The locks here are held for a few hundred nanoseconds (a file descriptor, the
 * window's counters), while putting a thread to sleep and waking it costs tens of
 * microseconds, far more in a virtual machine: plain mutexes made the second thread wait
 * that long ~40 times per BBC run.
 */
static void mutex_init(pthread_mutex_t *m)
{
#if defined(__GLIBC__) && defined(PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP)
    pthread_mutexattr_t a;

    if (pthread_mutexattr_init(&a) == 0) {
        int ok = pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ADAPTIVE_NP) == 0 &&
                 pthread_mutex_init(m, &a) == 0;
        pthread_mutexattr_destroy(&a);
        if (ok)
            return;
    }
#endif
    pthread_mutex_init(m, NULL);
}

#if defined(__GLIBC__)
static int has_ended(void *arg)
{
    return pthread_tryjoin_np(*(pthread_t *)arg, NULL) == 0;
}
#endif

/*
 * Joins thread @p t. When every thread has a CPU of its own, the caller first polls for
 * the thread's end for up to SPIN_NS: pthread_join would put it to sleep until the
 * thread's exit wakes it, and a virtual machine wakes a sleeping CPU 0.1-0.4 ms later,
 * at the very end of the run.
 */
static void join_thread(pool_t *p, pthread_t t)
{
#if defined(__GLIBC__)
    if (p->spin && spin_until(has_ended, &t))
        return;
#else
    (void)p;
#endif
    pthread_join(t, NULL);
}

static cg_error_t run(const char *const *inputs, size_t n, const cg_pipeline_options_t *opts,
                      const stages_t *st, cg_diag_fn diag, void *dud, size_t *nbad,
                      cg_errinfo_t *err)
{
    cg_pipeline_options_t o = CG_PIPELINE_OPTIONS_INIT;
    cg_reader_options_t ro = CG_READER_OPTIONS_INIT;
    cg_reader_t *r = NULL;
    pthread_t tids[MAX_THREADS];
    start_t starts[MAX_THREADS];
    pthread_attr_t attr;
    size_t started = 0, i, bad = 0;
    pool_t p;
    cg_error_t rc;

    if (opts)
        o = *opts;
    if (!o.batch_bytes)
        o.batch_bytes = (size_t)16 << 20;
    if (o.threads > MAX_THREADS)
        o.threads = MAX_THREADS;
    if (nbad)
        *nbad = 0;
    ro.manifest = o.manifest;
    if (o.threads <= 1) {
        heap_warm(o.warm_heap); /* before the word lists and the folder walk, which allocate too */
        if ((rc = cg_extract_init()))
            return cg_errinfo_set(err, rc, "", 0, "cannot load the word lists");
        if ((rc = cg_reader_new(&r, inputs, n, &ro, err)))
            return rc;
        rc = run_serial(r, st, diag, dud, &bad, err);
        goto done;
    }
    /* Jansson picks its hash seed on first use, racily: pick it before the threads start
       (readers parse JSON Lines and workers serialise claims with Jansson). */
    json_object_seed(0);

    memset(&p, 0, sizeof p);
    p.warm = o.warm_heap;
    p.st = st;
    p.diag = diag;
    p.dud = dud;
    p.cap = 32 * o.threads;
    p.max_bytes = o.batch_bytes;
    p.nthreads = o.threads;
    p.back = calloc(p.nthreads, sizeof *p.back); /* NULL: a buffer per article, still fine */
    for (i = 0; p.back && i < p.nthreads; i++)
        atomic_init(&p.back[i], NULL);
    mutex_init(&p.rd);
    mutex_init(&p.fd);
    pthread_mutex_init(&p.sk, NULL);
    mutex_init(&p.mu);
    pthread_cond_init(&p.space, NULL);
    /* The threads start first; while they fault in their heaps and the first one loads
       the word lists, this one faults in its own and lists the inputs (folders walked):
       that much less time with one thread at work. */
    atomic_init(&p.ready, 0);
    if (sched_getaffinity(0, sizeof p.cpus, &p.cpus) == 0) {
        p.spin = (size_t)CPU_COUNT(&p.cpus) >= o.threads;
        spread_start(&p, &attr);
    }
    for (i = 1; i < o.threads; i++) {
        starts[started].p = &p;
        starts[started].id = started + 1;
        if (pthread_create(&tids[started], p.spread ? &attr : NULL, worker_thread,
                           &starts[started]) != 0)
            break; /* fewer threads is fine: the caller does the rest */
        started++;
    }
    if (p.spread)
        pthread_attr_destroy(&attr);
    heap_warm(o.warm_heap);
    /* the window's slots (~80 KB at -j 2) are taken from the heap just faulted in: made
       before, they took ~20 page faults as the first articles were read into them */
    if (!(p.ring = calloc(p.cap, sizeof *p.ring)))
        rc = cg_errinfo_set(err, CG_ENOMEM, "", 0, "out of memory");
    else
        rc = cg_reader_new(&r, inputs, n, &ro, err);
    if (load_lexicon(&p, 1) && !rc)
        rc = cg_errinfo_set(err, CG_ENOMEM, "", 0, "cannot load the word lists");
    pthread_mutex_lock(&p.mu);
    p.reader = r;
    p.stop = rc != CG_OK;
    atomic_store_explicit(&p.ready, 1, memory_order_release);
    pthread_cond_broadcast(&p.space);
    pthread_mutex_unlock(&p.mu);
    if (!rc) {
        thread_t t;
        thread_init(&t, 0);
        worker(&p, &t);
        thread_destroy(&t);
    }
    for (i = 0; i < started; i++)
        join_thread(&p, tids[i]);
    /* Every slot is done now; hand over (or, after a fatal error, drop) what is left. */
    pthread_mutex_lock(&p.sk);
    flush_ready(&p);
    pthread_mutex_unlock(&p.sk);
    bad = p.nbad;
    if (!rc && p.fatal) {
        rc = p.fatal;
        *err = p.ferr;
    }
    pthread_cond_destroy(&p.space);
    pthread_mutex_destroy(&p.mu);
    pthread_mutex_destroy(&p.sk);
    pthread_mutex_destroy(&p.fd);
    pthread_mutex_destroy(&p.rd);
    free(p.ring);
    for (i = 0; p.back && i < p.nthreads; i++)
        outbufs_free(atomic_load_explicit(&p.back[i], memory_order_relaxed));
    free(p.back);
done:
    if (nbad)
        *nbad = bad;
    cg_reader_free(r);
    return rc;
}

/* ---- the caller's sink ------------------------------------------------------------ */

typedef struct {
    cg_claims_sink_fn sink;
    void *ud;
} user_sink_t;

static cg_error_t call_user_sink(slot_t *s, void *ud)
{
    user_sink_t *u = ud;
    return u->sink(s->article, &s->claims, u->ud);
}

cg_error_t cg_pipeline_extract(const char *const *inputs, size_t n,
                               const cg_pipeline_options_t *opts, cg_claims_sink_fn sink,
                               void *ud, cg_diag_fn diag, void *dud, size_t *nbad,
                               cg_errinfo_t *err)
{
    user_sink_t u = {sink, ud};
    stages_t st = {NULL, call_user_sink, &u, NULL};

    return run(inputs, n, opts, &st, diag, dud, nbad, err);
}

/* ---- JSON Lines out: claims serialised on the workers ---------------------------- */

/* Output is gathered up to this many bytes and written in one go: few write() calls. */
#define OUT_BLOCK ((size_t)1 << 16)

typedef struct {
    FILE *fp;
    cg_diag_fn diag;
    void *dud;
    size_t nclaims;
    size_t nskipped; /* claims that could not be written: counted as bad, nothing lost silently */
    cg_buf_t buf;    /* claims not handed to fp yet */
} jsonl_t;

/* Hands the gathered claims to the output stream. CG_OK or CG_EIO. */
static cg_error_t jsonl_drain(jsonl_t *j)
{
    size_t n = j->buf.len;

    j->buf.len = 0;
    if (n && fwrite(j->buf.data, 1, n, j->fp) != n)
        return CG_EIO;
    return CG_OK;
}

/*
 * Extracts the slot's article with its claims written straight into the slot's buffer as
 * JSON Lines (cg_extract__article_json: the bytes cg_claim_write_json gives, without a
 * list of claims to build and free). With a kept buffer, the article is then freed here,
 * on the thread that made it, and its name (all the sink may still need, for messages)
 * goes into the buffer after the claims: freed later by whichever thread hands the slot
 * over, its blocks went back to the other thread's malloc arena under that arena's lock.
 */
static cg_error_t jsonl_extract(slot_t *s, thread_t *t, void *ud)
{
    cg_buf_t own = CG_BUF_INIT, *b = s->keep ? s->keep : &own;
    cg_error_t rc;

    (void)ud;
    b->len = 0;
    rc = cg_extract__article_json(b, s->article, t->scratch, &s->nout, &s->nskip, &s->err);
    /* the text is not needed any more: freed here, on the thread that read it, not later
       by whichever thread hands the slot over */
    free(s->article->text);
    s->article->text = NULL;
    s->article->len = 0;
    if (rc) {
        cg_buf__free(&own);
        b->len = 0;
        if (rc == CG_ENOMEM)
            return cg_errinfo_set(&s->err, CG_ENOMEM, s->article->doc, 0, "out of memory");
        return rc;
    }
    s->outlen = b->len;
    if (b == &own) {
        s->out = b->len ? cg_buf__detach(&own) : NULL;
        return CG_OK;
    }
    if (cg_buf__append(b, s->article->doc, strlen(s->article->doc) + 1) == 0) {
        s->doc = b->data + s->outlen;
        cg_article_free(s->article);
        s->article = NULL;
    } /* else the article stays, for its name */
    s->out = s->outlen ? b->data : NULL;
    return CG_OK;
}

static cg_error_t jsonl_sink(slot_t *s, void *ud)
{
    jsonl_t *j = ud;
    size_t i;

    j->nskipped += s->nskip;
    for (i = 0; i < s->nskip; i++) {
        cg_errinfo_t e;
        cg_errinfo_set(&e, CG_EINPUT, slot_doc(s), 0,
                       "skipped a claim that is not valid UTF-8");
        if (j->diag)
            j->diag(&e, j->dud);
    }
    if (j->buf.len + s->outlen > OUT_BLOCK && jsonl_drain(j))
        return CG_EIO;
    if (s->outlen >= OUT_BLOCK) { /* a large article: straight through */
        if (fwrite(s->out, 1, s->outlen, j->fp) != s->outlen)
            return CG_EIO;
    } else if (s->outlen) {
        if (!j->buf.data && cg_buf__grow(&j->buf, OUT_BLOCK))
            return CG_ENOMEM;
        memcpy(j->buf.data + j->buf.len, s->out, s->outlen);
        j->buf.len += s->outlen;
    }
    j->nclaims += s->nout;
    return CG_OK;
}

cg_error_t cg_pipeline_extract_jsonl(const char *const *inputs, size_t n,
                                     const cg_pipeline_options_t *opts, FILE *out,
                                     cg_diag_fn diag, void *dud, size_t *nbad, size_t *nclaims,
                                     cg_errinfo_t *err)
{
    jsonl_t j = {out, diag, dud, 0, 0, CG_BUF_INIT};
    stages_t st = {NULL, jsonl_sink, &j, jsonl_extract};
    cg_error_t rc = run(inputs, n, opts, &st, diag, dud, nbad, err);

    /* what is left goes to the stream even after a failure, as it did claim by claim; a
       write error stays on the stream for its owner's final check (ferror) */
    (void)jsonl_drain(&j);
    cg_buf__free(&j.buf);
    if (nbad)
        *nbad += j.nskipped;
    if (nclaims)
        *nclaims = j.nclaims;
    return rc;
}
