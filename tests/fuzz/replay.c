/*
 * Standalone driver for the fuzz targets: calls LLVMFuzzerTestOneInput once per file
 * given (a folder: every file inside, in sorted order), so that the saved corpus runs
 * in every build, gcc included, without libFuzzer. Fails when no input was found.
 *
 *   fuzz_x_replay FILE_OR_FOLDER...
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, k;

    if (!fp) {
        perror(path);
        return -1;
    }
    for (;;) {
        if (cap - len < 65536) {
            unsigned char *p = realloc(buf, cap ? cap * 2 : 65536);
            if (!p) {
                fprintf(stderr, "%s: out of memory\n", path);
                free(buf);
                fclose(fp);
                return -1;
            }
            buf = p;
            cap = cap ? cap * 2 : 65536;
        }
        k = fread(buf + len, 1, cap - len, fp);
        len += k;
        if (k == 0)
            break;
    }
    if (ferror(fp)) {
        perror(path);
        free(buf);
        fclose(fp);
        return -1;
    }
    fclose(fp);
    /* an exact-size copy, so that reads past the end are caught by ASan */
    {
        unsigned char *exact = malloc(len ? len : 1);
        if (!exact) {
            free(buf);
            return -1;
        }
        memcpy(exact, buf, len);
        free(buf);
        fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, i;
    int rc = 0;

    if (!d) {
        perror(dir);
        return -1;
    }
    while ((de = readdir(d)) != NULL) {
        char **p;
        if (de->d_name[0] == '.')
            continue;
        p = realloc(names, (n + 1) * sizeof *names);
        if (!p || !(p[n] = malloc(strlen(dir) + strlen(de->d_name) + 2))) {
            free(p ? p : names);
            closedir(d);
            return -1;
        }
        names = p;
        sprintf(names[n++], "%s/%s", dir, de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n; i++) {
        struct stat st;
        if (!rc && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(names[i]))
                rc = -1;
            else
                (*count)++;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i;

    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) : run_file(argv[i]))
            return 1;
        if (!S_ISDIR(st.st_mode))
            count++;
    }
    if (count == 0) {
        fprintf(stderr, "no input replayed\n");
        return 1;
    }
    printf("replayed %zu inputs\n", count);
    return 0;
}
