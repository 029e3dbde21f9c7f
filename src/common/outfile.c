/* outfile.c: outputs written aside and renamed when complete (see
 * concord/outfile.h). */
#include "concord/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define S_TAG ".concord-tmp."

struct concord_outfile {
    FILE *f;
    char *path; /* final name */
    char *tmp;  /* NULL for standard output */
};

concord_outfile *concord_outfile_open(const char *path, FILE **f)
{
    *f = NULL;
    if (!path || !*path) {
        errno = EINVAL;
        return NULL;
    }
    concord_outfile *o = concord_xcalloc(1, sizeof *o);
    o->path = concord_xstrdup(path);
    if (!strcmp(path, "-")) {
        o->f = stdout;
        *f = stdout;
        return o;
    }
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_add(&b, path, dir_len);
    concord_buf_printf(&b, ".%s" S_TAG "%ld", path + dir_len, (long)getpid());
    o->tmp = concord_buf_detach(&b, NULL);
    o->f = fopen(o->tmp, "wbx");
    if (!o->f && errno == EEXIST) { /* our own leftover (same pid): replace it */
        unlink(o->tmp);
        o->f = fopen(o->tmp, "wbx");
    }
    if (!o->f) {
        int err = errno;
        free(o->tmp);
        free(o->path);
        free(o);
        errno = err;
        return NULL;
    }
    *f = o->f;
    return o;
}

const char *concord_outfile_path(const concord_outfile *o)
{
    return o ? o->path : "";
}

static void S_free(concord_outfile *o)
{
    free(o->tmp);
    free(o->path);
    free(o);
}

int concord_outfile_commit(concord_outfile *o)
{
    if (!o) {
        errno = EINVAL;
        return -1;
    }
    int ok = fflush(o->f) == 0 && !ferror(o->f);
    int err = ok ? 0 : (errno ? errno : EIO);
    if (!o->tmp) { /* standard output */
        clearerr(o->f);
        S_free(o);
        if (!ok)
            errno = err;
        return ok ? 0 : -1;
    }
    if (ok && fsync(fileno(o->f)) != 0 && errno != EINVAL && errno != EROFS) {
        ok = 0;
        err = errno;
    }
    if (fclose(o->f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (ok && rename(o->tmp, o->path) != 0) {
        ok = 0;
        err = errno;
    }
    if (!ok)
        unlink(o->tmp);
    S_free(o);
    if (!ok)
        errno = err;
    return ok ? 0 : -1;
}

void concord_outfile_abort(concord_outfile *o)
{
    if (!o)
        return;
    int err = errno;
    if (o->tmp) {
        fclose(o->f);
        unlink(o->tmp);
    } else {
        fflush(o->f);
    }
    S_free(o);
    errno = err;
}

size_t concord_outfile_sweep(const char *dir, concord_diag *diag)
{
    DIR *d = opendir(dir && *dir ? dir : ".");
    if (!d)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (name[0] != '.')
            continue;
        const char *tag = strstr(name, S_TAG);
        if (!tag)
            continue;
        const char *digits = tag + strlen(S_TAG);
        char *end = NULL;
        errno = 0;
        long pid = strtol(digits, &end, 10);
        if (!*digits || *end || errno || pid <= 0)
            continue;
        if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno == EPERM)
            continue; /* its writer still runs */
        concord_buf p;
        concord_buf_init(&p);
        concord_buf_printf(&p, "%s/%s", dir && *dir ? dir : ".", name);
        if (unlink(p.data) == 0) {
            removed++;
            concord_diag_note(diag, p.data, 0, 0,
                              "removed the unfinished output of an interrupted run"
                              " (process %ld)",
                              pid);
        }
        concord_buf_free(&p);
    }
    closedir(d);
    return removed;
}
