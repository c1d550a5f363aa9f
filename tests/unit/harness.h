/* A tiny unit-test harness (in the spirit of cmark's api_test and redis' testhelp.h). */
#ifndef CG_TEST_HARNESS_H
#define CG_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int cg_test_failures = 0;
static int cg_test_checks = 0;

#define OK(cond)                                                                          \
    do {                                                                                  \
        cg_test_checks++;                                                                 \
        if (!(cond)) {                                                                    \
            cg_test_failures++;                                                           \
            fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);            \
        }                                                                                 \
    } while (0)

#define INT_EQ(a, b)                                                                      \
    do {                                                                                  \
        long long cg_a_ = (long long)(a), cg_b_ = (long long)(b);                         \
        cg_test_checks++;                                                                 \
        if (cg_a_ != cg_b_) {                                                             \
            cg_test_failures++;                                                           \
            fprintf(stderr, "%s:%d: FAILED: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, \
                    #a, #b, cg_a_, cg_b_);                                                \
        }                                                                                 \
    } while (0)

#define STR_EQ(a, b)                                                                      \
    do {                                                                                  \
        const char *cg_a_ = (a), *cg_b_ = (b);                                            \
        cg_test_checks++;                                                                 \
        if (!cg_a_ || !cg_b_ || strcmp(cg_a_, cg_b_) != 0) {                              \
            cg_test_failures++;                                                           \
            fprintf(stderr, "%s:%d: FAILED: %s == %s (\"%s\" != \"%s\")\n", __FILE__,     \
                    __LINE__, #a, #b, cg_a_ ? cg_a_ : "(null)", cg_b_ ? cg_b_ : "(null)"); \
        }                                                                                 \
    } while (0)

#define TEST_REPORT()                                                                     \
    (fprintf(stderr, "%d checks, %d failed\n", cg_test_checks, cg_test_failures),         \
     cg_test_failures ? 1 : 0)

#endif
