/*
 * Graphviz failures into cg_errinfo_t. libcgraph reports errors and warnings through
 * agerr(), which hands the text, in fragments ("Error: ", then the message), to the
 * function set with agseterrf(). We collect them while an export runs instead of
 * letting Graphviz print to stderr. Graphviz is not thread-safe, and neither is this.
 */
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "5-export/export_internal.h"

static char gv_messages[1024];
static size_t gv_len;
static agusererrf gv_previous;
static int gv_depth;

static int gv_collect(char *msg)
{
    size_t n = strlen(msg);

    if (n > sizeof gv_messages - 1 - gv_len)
        n = sizeof gv_messages - 1 - gv_len;
    memcpy(gv_messages + gv_len, msg, n);
    gv_len += n;
    gv_messages[gv_len] = '\0';
    return 0;
}

void cg_export__gv_errors_begin(void)
{
    if (gv_depth++ == 0) {
        gv_len = 0;
        gv_messages[0] = '\0';
        gv_previous = agseterrf(gv_collect);
        agreseterrors();
    }
}

cg_error_t cg_export__gv_errors_end(cg_error_t code, const char *what, cg_errinfo_t *err)
{
    if (gv_depth > 0 && --gv_depth == 0)
        agseterrf(gv_previous);
    if (code != CG_OK) {
        char *msg = cg_export__clean_dup(gv_messages, CG_CLEAN_TEXT);

        cg_errinfo_set(err, code, NULL, 0, "%s%s%s", what, msg && msg[0] ? ": " : "",
                       msg && msg[0] ? msg : "");
        free(msg);
    }
    return code;
}
