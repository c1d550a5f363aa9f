/* Claims as JSON Lines: one object per line, fixed key order (schema/claims.schema.json). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unistr.h>

#include "0-util/buf.h"
#include "0-util/jsonesc.h"
#include "1-input/stdin.h"
#include "2-extract/claims_json.h"
#include "claimgraph/claims.h"

/* ---- writing ---------------------------------------------------------------------- */

/* Written by hand, byte for byte what Jansson's json_dumps(JSON_COMPACT |
   JSON_PRESERVE_ORDER) gave: strings escape only '"', '\\' and control characters (\b \f
   \n \r \t, else \u00XX in upper-case hex), UTF-8 stays as it is, integers as %lld. A
   string that is not valid UTF-8 fails the whole claim (CG_EINPUT), as json_string did. */

typedef struct {
    char *p;     /* write position */
    char *end;   /* end of the current buffer */
    char *heap;  /* the heap buffer once the stack one is outgrown */
    char *base;  /* start of the current buffer */
    cg_buf_t *buf; /* or the caller's buffer, written in place (end leaves room for NUL) */
    int bad;     /* a string was not valid UTF-8 (or NULL where one is needed) */
    int oom;
} jw_t;

static int jw_room(jw_t *w, size_t n)
{
    size_t used, cap;
    char *q;

    if ((size_t)(w->end - w->p) >= n)
        return 0;
    if (w->oom)
        return -1;
    if (w->buf) {
        used = (size_t)(w->p - w->buf->data);
        w->buf->len = used;
        if (cg_buf__grow(w->buf, n + 256)) {
            w->oom = 1;
            return -1;
        }
        w->p = w->buf->data + used;
        w->end = w->buf->data + w->buf->cap - 1;
        return 0;
    }
    used = (size_t)(w->p - w->base);
    cap = (size_t)(w->end - w->base) * 2;
    if (cap < used + n)
        cap = used + n + 256;
    q = malloc(cap);
    if (!q) {
        w->oom = 1;
        return -1;
    }
    memcpy(q, w->base, used);
    free(w->heap);
    w->heap = w->base = q;
    w->p = q + used;
    w->end = q + cap;
    return 0;
}

/* Inline: a literal is written a dozen times per claim; the room check is one compare. */
static inline void jw_lit(jw_t *w, const char *s, size_t n)
{
    if ((size_t)(w->end - w->p) < n && jw_room(w, n))
        return;
    memcpy(w->p, s, n);
    w->p += n;
}

#define JW_LIT(w, s) jw_lit((w), (s), sizeof(s) - 1)

static void jw_int(jw_t *w, size_t v)
{
    char tmp[24], *e = tmp + sizeof tmp, *q = e;
    long long iv = (long long)v; /* json_int_t, as json_pack("I") took it */
    unsigned long long u = iv < 0 ? 0ULL - (unsigned long long)iv : (unsigned long long)iv;

    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (iv < 0)
        *--q = '-';
    jw_lit(w, q, (size_t)(e - q));
}

/*
 * One pass over the string: eight bytes at a time while they are plain ASCII (copied as
 * they are), else byte by byte, escaping as cg__json_escape_byte does and checking each
 * multi-byte character as cg__u8_check would (same steps, same verdict). An invalid
 * string sets w->bad; what was written of it is dropped with the claim.
 */
static void jw_str(jw_t *w, const char *s)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const unsigned char *u = (const unsigned char *)s;
    size_t len, i = 0;

    if (!s) {
        w->bad = 1;
        return;
    }
    len = strlen(s);
    /* room for the rest unescaped and the closing quote; each escape asks again */
    if (jw_room(w, len + 2))
        return;
    *w->p++ = '"';
    while (i < len) {
        unsigned char c;
        if (i + 8 <= len) {
            uint64_t v, q, b;
            memcpy(&v, u + i, 8);
            q = v ^ (ones * '"');
            b = v ^ (ones * '\\');
            /* no byte below 0x20, '"', '\\' or of 0x80 and above among the eight */
            if (!((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b) | v) & highs)) {
                memcpy(w->p, u + i, 8);
                w->p += 8;
                i += 8;
                continue;
            }
        }
        c = u[i];
        if (c >= 0x80) {
            size_t L = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (L > len - i)
                L = len - i;
            if (u8_check(u + i, L)) {
                w->bad = 1;
                return;
            }
            memcpy(w->p, u + i, L);
            w->p += L;
            i += L;
        } else if (c < 0x20 || c == '"' || c == '\\') {
            char seq[6];
            size_t n = cg__json_escape_byte(c, seq);
            if (jw_room(w, n + (len - i - 1) + 1))
                return;
            memcpy(w->p, seq, n);
            w->p += n;
            i++;
        } else {
            *w->p++ = (char)c;
            i++;
        }
    }
    *w->p++ = '"';
}

/* A string, or null when s is NULL. */
static void jw_opt_str(jw_t *w, const char *s)
{
    if (s)
        jw_str(w, s);
    else
        JW_LIT(w, "null");
}

/* The member `,"key":"s"` (@p key is the literal ,"key":), or nothing when s is NULL. */
static void jw_member_if(jw_t *w, const char *key, size_t keylen, const char *s)
{
    if (s) {
        jw_lit(w, key, keylen);
        jw_str(w, s);
    }
}

#define JW_MEMBER_IF(w, key, s) jw_member_if((w), (key), sizeof(key) - 1, (s))

static void jw_span(jw_t *w, cg_span_t s)
{
    JW_LIT(w, "[");
    jw_int(w, s.start);
    JW_LIT(w, ",");
    jw_int(w, s.end);
    JW_LIT(w, "]");
}

static void claim_to_json(jw_t *w, const cg_claim_t *c)
{
    size_t i;

    JW_LIT(w, "{\"doc\":");
    jw_str(w, c->doc ? c->doc : "");
    JW_LIT(w, ",\"type\":");
    jw_str(w, cg_claim_type_name(c->type));
    JW_LIT(w, ",\"text\":");
    jw_str(w, c->text ? c->text : "");
    JW_LIT(w, ",\"spans\":[");
    for (i = 0; i < c->nspans; i++) {
        if (i)
            JW_LIT(w, ",");
        jw_span(w, c->spans[i]);
    }
    JW_LIT(w, "],\"speaker\":{\"name\":");
    jw_str(w, c->speaker_name ? c->speaker_name : "unknown");
    JW_LIT(w, ",\"mention\":");
    jw_opt_str(w, c->speaker_mention);
    JW_LIT(w, ",\"span\":");
    if (c->has_speaker_span)
        jw_span(w, c->speaker_span);
    else
        JW_LIT(w, "null");
    JW_LIT(w, ",\"kind\":");
    jw_str(w, cg_speaker_kind_name(c->speaker_kind));
    JW_LIT(w, "},\"cue\":");
    if (c->cue_text) {
        JW_LIT(w, "{\"text\":");
        jw_str(w, c->cue_text);
        JW_LIT(w, ",\"span\":");
        jw_span(w, c->cue_span);
        JW_LIT(w, "}");
    } else {
        JW_LIT(w, "null");
    }
    JW_LIT(w, ",\"outlet\":");
    jw_opt_str(w, c->outlet);
    /* the article's metadata, when it has any: claims files then carry it to the graph */
    JW_MEMBER_IF(w, ",\"url\":", c->url);
    JW_MEMBER_IF(w, ",\"date\":", c->date);
    JW_MEMBER_IF(w, ",\"author\":", c->author);
    JW_LIT(w, ",\"via\":[");
    for (i = 0; i < c->nvia; i++) {
        if (i)
            JW_LIT(w, ",");
        jw_str(w, c->via[i]);
    }
    JW_LIT(w, "],\"relations\":[");
    for (i = 0; i < c->nrelations; i++) {
        const cg_relation_t *r = &c->relations[i];
        if (i)
            JW_LIT(w, ",");
        JW_LIT(w, "{\"type\":");
        jw_str(w, cg_relation_type_name(r->type));
        JW_LIT(w, ",\"text\":");
        jw_str(w, r->target_text);
        JW_LIT(w, ",\"speaker\":");
        jw_str(w, r->target_speaker);
        JW_LIT(w, "}");
    }
    JW_LIT(w, "]}\n");
}

cg_error_t cg_claim_write_json(FILE *fp, const cg_claim_t *c)
{
    char stack[2048];
    jw_t w;
    cg_error_t rc = CG_OK;
    size_t n;

    w.p = w.base = stack;
    w.end = stack + sizeof stack;
    w.heap = NULL;
    w.buf = NULL;
    w.bad = w.oom = 0;
    claim_to_json(&w, c);
    if (w.bad)
        rc = CG_EINPUT; /* a string was not valid UTF-8 */
    else if (w.oom)
        rc = CG_ENOMEM;
    else if ((n = (size_t)(w.p - w.base)) && fwrite(w.base, 1, n, fp) != n)
        rc = CG_EIO;
    free(w.heap);
    return rc;
}

cg_error_t cg_claim__json_append(cg_buf_t *b, const cg_claim_t *c)
{
    size_t start = b->len;
    jw_t w;

    if (cg_buf__grow(b, 1024))
        return CG_ENOMEM;
    w.buf = b;
    w.p = b->data + start;
    w.end = b->data + b->cap - 1;
    w.base = w.heap = NULL;
    w.bad = w.oom = 0;
    claim_to_json(&w, c);
    b->len = w.bad || w.oom ? start : (size_t)(w.p - b->data);
    b->data[b->len] = '\0';
    return w.bad ? CG_EINPUT : w.oom ? CG_ENOMEM : CG_OK;
}

/* ---- reading ---------------------------------------------------------------------- */

typedef struct {
    const char *file;
    size_t line;
    cg_errinfo_t *err;
} ctx_t;

static cg_error_t bad(ctx_t *x, const char *what)
{
    return cg_errinfo_set(x->err, CG_EINPUT, x->file, x->line, "claim: %s", what);
}

/* Reads a [start,end] pair with 0 <= start <= end. */
static int get_span(json_t *v, cg_span_t *out)
{
    json_t *a, *b;

    if (!json_is_array(v) || json_array_size(v) != 2)
        return -1;
    a = json_array_get(v, 0);
    b = json_array_get(v, 1);
    if (!json_is_integer(a) || !json_is_integer(b))
        return -1;
    if (json_integer_value(a) < 0 || json_integer_value(b) < json_integer_value(a))
        return -1;
    out->start = (size_t)json_integer_value(a);
    out->end = (size_t)json_integer_value(b);
    return 0;
}

/* Copies an optional string member; -1 on wrong type or ENOMEM. */
static int get_opt_str(json_t *obj, const char *key, char **out)
{
    json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = cg__strndup(json_string_value(v), json_string_length(v));
    return *out ? 0 : -1;
}

static cg_error_t parse_claim(cg_claim_t *c, json_t *o, ctx_t *x)
{
    json_t *v, *spk, *cue, *it;
    size_t i;
    int t;

    if (!json_is_object(o))
        return bad(x, "line is not a JSON object");
    if (get_opt_str(o, "doc", &c->doc) || !c->doc)
        return bad(x, "\"doc\" must be a string");
    v = json_object_get(o, "type");
    if (!json_is_string(v) || (t = cg_claim_type_parse(json_string_value(v))) < 0)
        return bad(x, "\"type\" must be \"direct\", \"indirect\" or \"mixed\"");
    c->type = (cg_claim_type_t)t;
    if (get_opt_str(o, "text", &c->text) || !c->text)
        return bad(x, "\"text\" must be a string");
    v = json_object_get(o, "spans");
    if (v && !json_is_array(v))
        return bad(x, "\"spans\" must be an array of [start,end]");
    json_array_foreach(v, i, it)
    {
        cg_span_t s;
        if (get_span(it, &s))
            return bad(x, "\"spans\" must be an array of [start,end]");
        if (cg_claim_add_span(c, s.start, s.end))
            return CG_ENOMEM;
    }
    spk = json_object_get(o, "speaker");
    if (json_is_string(spk)) {
        c->speaker_name = cg__strdup(json_string_value(spk));
    } else if (json_is_object(spk)) {
        if (get_opt_str(spk, "name", &c->speaker_name) ||
            get_opt_str(spk, "mention", &c->speaker_mention))
            return bad(x, "\"speaker.name\" and \"speaker.mention\" must be strings");
        v = json_object_get(spk, "span");
        if (v && !json_is_null(v)) {
            if (get_span(v, &c->speaker_span))
                return bad(x, "\"speaker.span\" must be [start,end] or null");
            c->has_speaker_span = 1;
        }
        v = json_object_get(spk, "kind");
        if (v && !json_is_null(v)) {
            if (!json_is_string(v) || (t = cg_speaker_kind_parse(json_string_value(v))) < 0)
                return bad(x, "\"speaker.kind\" is not a known kind");
            c->speaker_kind = (cg_speaker_kind_t)t;
        }
    } else {
        return bad(x, "\"speaker\" must be an object or a string");
    }
    if (!c->speaker_name || !*c->speaker_name) {
        free(c->speaker_name);
        if (!(c->speaker_name = cg__strdup("unknown")))
            return CG_ENOMEM;
    }
    cue = json_object_get(o, "cue");
    if (cue && !json_is_null(cue)) {
        if (!json_is_object(cue) || get_opt_str(cue, "text", &c->cue_text) || !c->cue_text)
            return bad(x, "\"cue\" must be null or {\"text\", \"span\"}");
        v = json_object_get(cue, "span");
        if (v && !json_is_null(v) && get_span(v, &c->cue_span))
            return bad(x, "\"cue.span\" must be [start,end]");
    }
    if (get_opt_str(o, "outlet", &c->outlet))
        return bad(x, "\"outlet\" must be a string or null");
    if (get_opt_str(o, "url", &c->url))
        return bad(x, "\"url\" must be a string or null");
    if (get_opt_str(o, "date", &c->date))
        return bad(x, "\"date\" must be a string or null");
    if (get_opt_str(o, "author", &c->author))
        return bad(x, "\"author\" must be a string or null");
    v = json_object_get(o, "via");
    if (v && !json_is_array(v))
        return bad(x, "\"via\" must be an array of strings");
    json_array_foreach(v, i, it)
    {
        if (!json_is_string(it))
            return bad(x, "\"via\" must be an array of strings");
        if (cg_claim_add_via(c, json_string_value(it)))
            return CG_ENOMEM;
    }
    v = json_object_get(o, "relations");
    if (v && !json_is_array(v))
        return bad(x, "\"relations\" must be an array");
    json_array_foreach(v, i, it)
    {
        json_t *ty = json_object_get(it, "type"), *tx = json_object_get(it, "text");
        json_t *sp = json_object_get(it, "speaker");
        if (!json_is_object(it) || !json_is_string(ty) || !json_is_string(tx) ||
            (sp && !json_is_string(sp)) || (t = cg_relation_type_parse(json_string_value(ty))) < 0)
            return bad(x, "each relation needs \"type\" (disputes|responds_to) and \"text\"");
        if (cg_claim_add_relation(c, (cg_relation_type_t)t, json_string_value(tx),
                                  sp ? json_string_value(sp) : NULL))
            return CG_ENOMEM;
    }
    return CG_OK;
}

cg_error_t cg_claim_parse_json(cg_claim_t *out, const char *json, size_t len, const char *file,
                               size_t line, cg_errinfo_t *err)
{
    json_error_t je;
    json_t *o;
    ctx_t x = {file, line, err};
    cg_error_t rc;

    memset(out, 0, sizeof *out);
    out->speaker_kind = CG_SPEAKER_UNKNOWN;
    o = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    if (!o) {
        rc = cg_errinfo_set(err, CG_EINPUT, file, line, "invalid JSON: %s", je.text);
        if (err)
            err->column = (size_t)(je.column > 0 ? je.column : 0);
        return rc;
    }
    rc = parse_claim(out, o, &x);
    json_decref(o);
    if (rc)
        cg_claim_clear(out);
    return rc;
}

int cg_claims_line_is_claim(const char *json, size_t len)
{
    json_t *o = json_loadb(json, len, 0, NULL);
    int is = o && json_is_object(o) && json_object_get(o, "speaker") != NULL;

    json_decref(o);
    return is;
}

cg_error_t cg_claims_read_each(const char *path, cg_claim_sink_fn sink, void *ud,
                               cg_errinfo_t *err)
{
    /* standard input through the look-ahead: `build -` has read its first line */
    FILE *fp = strcmp(path, "-") == 0 ? cg_input__stdin_file() : fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    cg_error_t rc = CG_OK;

    if (!fp)
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
    while ((n = getline(&line, &cap, fp)) >= 0) {
        cg_claim_t c;
        size_t k = 0;

        lineno++;
        while (k < (size_t)n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r' ||
                                 line[k] == '\n'))
            k++;
        if (k == (size_t)n)
            continue;
        rc = cg_claim_parse_json(&c, line, (size_t)n, path, lineno, err);
        if (rc)
            break;
        if (sink(&c, ud)) {
            cg_claim_clear(&c);
            rc = cg_errinfo_set(err, CG_ENOMEM, path, lineno, "out of memory");
            break;
        }
    }
    if (!rc && ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, path, lineno, "read error");
    free(line);
    fclose(fp);
    return rc;
}

/** cg_claims_read_each's sink for cg_claims_read_file: the claim moves into the list. */
static int push_claim(cg_claim_t *c, void *ud)
{
    cg_claim_t *slot = cg_claims_push(ud);

    if (!slot)
        return -1;
    *slot = *c;
    return 0;
}

cg_error_t cg_claims_read_file(cg_claims_t *list, const char *path, cg_errinfo_t *err)
{
    return cg_claims_read_each(path, push_claim, list, err);
}
