/* Claims as JSON Lines: one object per line, fixed key order (schema/claims.schema.json). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "claimgraph/claims.h"

/* ---- writing ---------------------------------------------------------------------- */

/* Sets key to a string, or to null when s is NULL. Returns -1 when s is not UTF-8. */
static int set_str(json_t *obj, const char *key, const char *s)
{
    json_t *v = s ? json_string(s) : json_null();

    if (!v)
        return -1;
    return json_object_set_new(obj, key, v);
}

static json_t *span_json(cg_span_t s)
{
    return json_pack("[II]", (json_int_t)s.start, (json_int_t)s.end);
}

static json_t *claim_to_json(const cg_claim_t *c)
{
    json_t *o = json_object(), *spans = json_array(), *spk = json_object(), *via = json_array();
    json_t *rels = json_array();
    size_t i;
    int bad = !o || !spans || !spk || !via || !rels;

    if (bad)
        goto fail;
    bad |= set_str(o, "doc", c->doc ? c->doc : "");
    bad |= set_str(o, "type", cg_claim_type_name(c->type));
    bad |= set_str(o, "text", c->text ? c->text : "");
    for (i = 0; i < c->nspans; i++)
        bad |= json_array_append_new(spans, span_json(c->spans[i]));
    bad |= json_object_set_new(o, "spans", spans);
    spans = NULL;
    bad |= set_str(spk, "name", c->speaker_name ? c->speaker_name : "unknown");
    bad |= set_str(spk, "mention", c->speaker_mention);
    bad |= json_object_set_new(spk, "span",
                               c->has_speaker_span ? span_json(c->speaker_span) : json_null());
    bad |= set_str(spk, "kind", cg_speaker_kind_name(c->speaker_kind));
    bad |= json_object_set_new(o, "speaker", spk);
    spk = NULL;
    if (c->cue_text)
        bad |= json_object_set_new(o, "cue", json_pack("{s:s,s:o}", "text", c->cue_text, "span",
                                                       span_json(c->cue_span)));
    else
        bad |= json_object_set_new(o, "cue", json_null());
    bad |= set_str(o, "outlet", c->outlet);
    for (i = 0; i < c->nvia; i++)
        bad |= json_array_append_new(via, json_string(c->via[i]));
    bad |= json_object_set_new(o, "via", via);
    via = NULL;
    for (i = 0; i < c->nrelations; i++) {
        const cg_relation_t *r = &c->relations[i];
        bad |= json_array_append_new(rels, json_pack("{s:s,s:s,s:s}", "type",
                                                      cg_relation_type_name(r->type), "text",
                                                      r->target_text, "speaker",
                                                      r->target_speaker));
    }
    bad |= json_object_set_new(o, "relations", rels);
    rels = NULL;
    if (bad)
        goto fail;
    return o;
fail:
    json_decref(o);
    json_decref(spans);
    json_decref(spk);
    json_decref(via);
    json_decref(rels);
    return NULL;
}

cg_error_t cg_claim_write_json(FILE *fp, const cg_claim_t *c)
{
    json_t *o = claim_to_json(c);
    char *s;
    int rc;

    if (!o)
        return CG_EINPUT; /* a string was not valid UTF-8, or out of memory */
    s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!s)
        return CG_ENOMEM;
    rc = fputs(s, fp) < 0 || fputc('\n', fp) == EOF;
    free(s);
    return rc ? CG_EIO : CG_OK;
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

cg_error_t cg_claims_read_file(cg_claims_t *list, const char *path, cg_errinfo_t *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    cg_error_t rc = CG_OK;

    if (!fp)
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
    while ((n = getline(&line, &cap, fp)) >= 0) {
        cg_claim_t c, *slot;
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
        if (!(slot = cg_claims_push(list))) {
            cg_claim_clear(&c);
            rc = cg_errinfo_set(err, CG_ENOMEM, path, lineno, "out of memory");
            break;
        }
        *slot = c;
    }
    if (!rc && ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, path, lineno, "read error");
    free(line);
    if (fp != stdin)
        fclose(fp);
    return rc;
}
