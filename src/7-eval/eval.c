/* The eval module's entry point and its text and JSON reports. */
#include <string.h>

#include "7-eval/eval_internal.h"

cg_error_t cg_eval_score(cg_eval_result_t *out, const cg_gold_t *gold, const cg_claim_t *claims,
                         size_t n, cg_errinfo_t *err)
{
    if (!out || !gold || (n && !claims))
        return cg_errinfo_set(err, CG_EINVAL, "", 0, "cg_eval_score: NULL argument");
    memset(out, 0, sizeof *out);
    out->format = gold->format;
    if (gold->format == CG_GOLD_SPANS)
        return cg_eval__score_spans(&out->spans, gold, claims, n, err);
    return cg_eval__score_claims(&out->claims, gold, claims, n, err);
}

/* ---- text ------------------------------------------------------------------------------ */

static void prf_row(FILE *fp, const char *label, const cg_eval_prf_t *m)
{
    fprintf(fp, "%-22s %6.3f %6.3f %6.3f %8zu %8zu %8zu\n", label, m->p, m->r, m->f1, m->tp,
            m->npred, m->ngold);
}

cg_error_t cg_eval_write_text(const cg_eval_result_t *r, FILE *fp)
{
    size_t k;

    if (r->format == CG_GOLD_CLAIMS) {
        const cg_eval_claims_result_t *c = &r->claims;
        fprintf(fp,
                "gold: claims (%zu required gold claims; %zu claims counted, %zu false "
                "positives)\n\n",
                c->gold, c->predicted_counted, c->false_pos);
        fprintf(fp, "%-22s %6s %6s %6s %8s %8s %8s\n", "", "P", "R", "F1", "tp", "pred", "gold");
        prf_row(fp, "claim", &c->claim);
        prf_row(fp, "attribution", &c->attribution);
        fprintf(fp, "\nspeaker names per speaker: %.2f\n", c->speaker_names_per_speaker);
    } else {
        const cg_eval_spans_result_t *s = &r->spans;
        fprintf(fp,
                "gold: spans (%zu gold attributions; %zu claims counted, %zu in other "
                "documents ignored)\n\n",
                s->gold, s->predicted, s->ignored);
        fprintf(fp, "%-12s %6s %6s %6s %8s | %6s %6s %6s %6s\n", "", "P", "R", "F1", "matched",
                "spkacc", "e2e-P", "e2e-R", "e2e-F1");
        for (k = 0; k < CG_EVAL_NTHRESHOLDS; k++) {
            const cg_eval_threshold_t *a = &s->at[k];
            fprintf(fp, "content@%.1f  %6.3f %6.3f %6.3f %8zu | %6.3f %6.3f %6.3f %6.3f\n",
                    a->threshold, a->content.p, a->content.r, a->content.f1, a->content.tp,
                    a->speaker_acc, a->end_to_end.p, a->end_to_end.r, a->end_to_end.f1);
        }
        fprintf(fp, "\ncue exact span: P %.3f R %.3f F1 %.3f (%zu of %zu predicted, %zu gold)\n",
                s->cue.p, s->cue.r, s->cue.f1, s->cue.tp, s->cue.npred, s->cue.ngold);
    }
    return ferror(fp) ? CG_EIO : CG_OK;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void prf_json(FILE *fp, const char *key, const cg_eval_prf_t *m)
{
    fprintf(fp,
            "\"%s\":{\"tp\":%zu,\"predicted\":%zu,\"gold\":%zu,\"p\":%.3f,\"r\":%.3f,"
            "\"f1\":%.3f}",
            key, m->tp, m->npred, m->ngold, m->p, m->r, m->f1);
}

cg_error_t cg_eval_write_json(const cg_eval_result_t *r, FILE *fp)
{
    size_t k;

    fprintf(fp, "{\"format\":\"%s\",", cg_gold_format_name(r->format));
    if (r->format == CG_GOLD_CLAIMS) {
        const cg_eval_claims_result_t *c = &r->claims;
        fprintf(fp, "\"gold\":%zu,\"predicted_counted\":%zu,\"false_pos\":%zu,", c->gold,
                c->predicted_counted, c->false_pos);
        prf_json(fp, "claim", &c->claim);
        fputc(',', fp);
        prf_json(fp, "attribution", &c->attribution);
        fprintf(fp, ",\"speaker_names_per_speaker\":%.2f}\n", c->speaker_names_per_speaker);
    } else {
        const cg_eval_spans_result_t *s = &r->spans;
        fprintf(fp, "\"gold\":%zu,\"predicted\":%zu,\"ignored\":%zu,\"content\":[", s->gold,
                s->predicted, s->ignored);
        for (k = 0; k < CG_EVAL_NTHRESHOLDS; k++) {
            const cg_eval_threshold_t *a = &s->at[k];
            fprintf(fp, "%s{\"threshold\":%.1f,", k ? "," : "", a->threshold);
            prf_json(fp, "match", &a->content);
            fprintf(fp, ",\"speaker_ok\":%zu,\"speaker_acc\":%.3f,", a->speaker_ok, a->speaker_acc);
            prf_json(fp, "end_to_end", &a->end_to_end);
            fputc('}', fp);
        }
        fputs("],", fp);
        prf_json(fp, "cue", &s->cue);
        fputs("}\n", fp);
    }
    return ferror(fp) ? CG_EIO : CG_OK;
}
