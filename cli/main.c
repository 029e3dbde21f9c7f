/* concord: the command-line program, a thin shell over libconcord. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "concord.h"
#include "concord/experimental.h"

/* Exit codes: named so scripts can tell a broken run from skipped input. */
enum concord_exit {
    EXIT_OK_ = 0,           /* everything read and written */
    EXIT_ERROR = 1,         /* could not do the job (store, output, bad arguments to a file) */
    EXIT_USAGE = 2,         /* wrong command line */
    EXIT_INPUT_SKIPPED = 3, /* done, but some input was skipped or repaired (see messages) */
    EXIT_NOT_FOUND = 4      /* the story or file asked for does not exist */
};

typedef struct cli_args {
    const char **inputs;
    size_t n_inputs;
    const char *out;
    const char *db;
    const char *key;
    const char *speaker; /* quotes --speaker NAME */
    int json;
    int quiet;
    int threads;
    int no_report;
    int color;
    double wait;             /* --wait SECONDS: for another run writing the store */
    size_t max_record;       /* --max-record BYTES */
    const char *port, *bind; /* serve */
} cli_args;

static const char *S_prog = "concord";

static void S_usage_main(FILE *f)
{
    fprintf(
        f,
        "usage: concord COMMAND [OPTIONS] ...\n"
        "\n"
        "Groups scraped news reports into stories and shows who reported what.\n"
        "\n"
        "commands:\n"
        "  analyze INPUT... -o OUTDIR    read, clean, group and explain; writes\n"
        "                                OUTDIR/articles.jsonl, stories.jsonl, report.html, "
        "concord.db\n"
        "  add INPUT... --db FILE        add more input to a store; new reports join old stories\n"
        "  dedup INPUT...                print exact and near-duplicate sets (JSON Lines)\n"
        "  clean INPUT...                print cleaned articles (JSON Lines)\n"
        "  eval --key FIELD GOLD STORIES score stories.jsonl against a gold label field\n"
        "  stories --db FILE             list the stories in a store\n"
        "  show STORY --db FILE          one story: digest, figures, quotes, lineage\n"
        "  figures STORY --db FILE       the figures table of one story\n"
        "  quotes STORY --db FILE        the quotes of one story, variants side by side\n"
        "  lineage STORY --db FILE       who copied whom in one story\n"
        "  quotes --speaker NAME --db FILE  what NAME is quoted saying across the store\n"
        "  outlets --db FILE             which outlets copy or rewrite which\n"
        "  report --db FILE -o FILE      write the HTML report from a store\n"
        "  serve --db FILE [--port N]    browse and search a store in a web browser\n"
        "\n"
        "INPUT is a folder (searched recursively), a .txt file (one article), a\n"
        ".jsonl or .jsonl.gz file (one article a line: id, source, url, date,\n"
        "title, text), or - for standard input.  `concord COMMAND --help` tells more.\n"
        "Another name, or standard input, is read by its content: JSON when it starts\n"
        "with '{' or '[', else one text article.\n"
        "\n"
        "options of the commands that read or write a store:\n"
        "  --max-record BYTES  largest record read (a line, an array element, a text\n"
        "                      file); longer ones are skipped with a message.\n"
        "                      Default 32M; K, M, G suffixes\n"
        "  --wait SECONDS      wait this long for another run writing the same store\n"
        "                      (default 10)\n"
        "\n"
        "exit codes: 0 ok, 1 error, 2 usage, 3 some input skipped, 4 not found\n");
}

typedef struct cli_command {
    const char *name;
    int (*run)(cli_args *a);
    const char *usage; /* after "concord NAME " */
    const char *help;
    int wants_inputs; /* positional INPUTs */
} cli_command;

/* Messages carry file names and store errors: printed inert (no escape
 * sequence or line break from a hostile name reaches the terminal). */
static int S_fail(int code, const char *fmt, const char *arg)
{
    int n = snprintf(NULL, 0, fmt, arg);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_printf(&b, "%s: ", S_prog);
    if (msg && n >= 0) {
        snprintf(msg, (size_t)n + 1, fmt, arg);
        concord_buf_add_visible(&b, msg, (size_t)n, 0);
    }
    concord_buf_addc(&b, '\n');
    fwrite(b.data, 1, b.len, stderr);
    concord_buf_free(&b);
    free(msg);
    return code;
}

static void S_put_visible(FILE *f, const char *s)
{
    concord_buf b;
    concord_buf_init(&b);
    concord_buf_add_visible(&b, s, strlen(s), 0);
    fwrite(b.data, 1, b.len, f);
    concord_buf_free(&b);
}

/* A whole decimal number in [min, max] (no sign, no trailing text, no
 * overflow); 0 on success. */
static int S_parse_count(const char *s, unsigned long long min, unsigned long long max,
                         unsigned long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A byte count with an optional K, M or G suffix (powers of 1024). */
static int S_parse_bytes(const char *s, size_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end == 'k' || *end == 'K')
        shift = 10;
    else if (*end == 'm' || *end == 'M')
        shift = 20;
    else if (*end == 'g' || *end == 'G')
        shift = 30;
    if (shift)
        end++;
    if (errno || *end || v == 0 || v > ((1ULL << 40) >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

/* ------------------------------------------------------------ analyze/add */

/* Renders the pipeline's progress on one terminal line of stderr. */
static void S_progress_line(void *ctx, const char *line)
{
    (void)ctx;
    if (line)
        fprintf(stderr, "\rconcord: %s\033[K", line);
    else
        fputs("\r\033[K", stderr);
}

static int S_run_pipeline(cli_args *a, concord_mode mode)
{
    if (a->n_inputs == 0)
        return S_fail(EXIT_USAGE, "%s: no INPUT given (try --help)",
                      mode == CONCORD_MODE_ADD ? "add" : "analyze");
    if (mode == CONCORD_MODE_ANALYZE && !a->out)
        return S_fail(EXIT_USAGE, "%s", "analyze: -o OUTDIR is required");
    if (mode == CONCORD_MODE_ADD && !a->db)
        return S_fail(EXIT_USAGE, "%s", "add: --db FILE is required");
    concord_options o;
    concord_options_init(&o);
    o.mode = mode;
    o.outdir = a->out;
    o.db_path = a->db;
    o.threads = a->threads;
    o.progress = !a->quiet && isatty(2);
    o.progress_fn = S_progress_line;
    o.write_report = !a->no_report;
    o.wait_seconds = a->wait;
    o.max_record = a->max_record;
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, a->quiet);
    o.diag = diag;
    concord_run_stats st;
    int rc = concord_pipeline_run(a->inputs, a->n_inputs, &o, &st);
    size_t problems = concord_diag_count(diag);
    concord_diag_free(diag);
    if (rc != CONCORD_PIPELINE_OK)
        return S_fail(EXIT_ERROR, "%s", concord_pipeline_errmsg());
    if (!a->quiet) {
        fprintf(stderr,
                "concord: %zu articles (%zu new, %zu unchanged, %zu changed) in %zu stories "
                "(%zu new or changed); %zu input problems; %.2f s\n",
                st.articles, st.new_articles, st.same_articles, st.changed_articles, st.stories,
                st.stories_changed, problems, st.seconds_total);

        if (a->out) {
            concord_buf w;
            concord_buf_init(&w);
            concord_buf_printf(&w, "%s/articles.jsonl, %s/stories.jsonl%s%s", a->out, a->out,
                               o.write_report ? ", report.html" : "", a->db ? "" : ", concord.db");
            fputs("concord: wrote ", stderr);
            S_put_visible(stderr, w.data);
            fputc('\n', stderr);
            concord_buf_free(&w);
        }
    }
    /* a changed article is a note (news, not broken input: not counted); an
     * id repeated in one run with other content is a problem */
    return problems || st.skipped_inputs ? EXIT_INPUT_SKIPPED : EXIT_OK_;
}

static int S_cmd_analyze(cli_args *a)
{
    return S_run_pipeline(a, CONCORD_MODE_ANALYZE);
}
static int S_cmd_add(cli_args *a)
{
    return S_run_pipeline(a, CONCORD_MODE_ADD);
}

/* ------------------------------------------------------------ clean, dedup */

/* Progress of big WARC inputs on a terminal: at most a line a second. */
typedef struct S_web_progress {
    time_t last;
    int shown;
} S_web_progress;

static void S_show_progress(void *ctx, uint64_t records, uint64_t bytes)
{
    S_web_progress *p = ctx;
    time_t now = time(NULL);
    if (now == p->last)
        return;
    p->last = now;
    p->shown = 1;
    fprintf(stderr, "\rconcord: %llu WARC records, %.1f MB read ", (unsigned long long)records,
            bytes / 1e6);
}

static int S_cmd_clean(cli_args *a)
{
    if (a->n_inputs == 0)
        return S_fail(EXIT_USAGE, "%s", "clean: no INPUT given");
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, a->quiet);
    concord_reader *r = concord_reader_open(a->inputs, a->n_inputs, diag);
    if (a->max_record)
        concord_reader_set_max_record(r, a->max_record);
    S_web_progress prog = {0, 0};
    if (!a->quiet && isatty(2))
        concord_reader_set_progress(r, S_show_progress, &prog);
    concord_article *art;
    concord_buf b;
    concord_buf_init(&b);
    while (concord_reader_next(r, &art)) {
        concord_clean *c = concord_clean_article(art);
        concord_buf_clear(&b);
        concord_emit_article(&b, art, c);
        concord_buf_addc(&b, '\n');
        fwrite(b.data, 1, b.len, stdout);
        concord_clean_free(c);
        concord_article_free(art);
    }
    if (prog.shown)
        fputc('\n', stderr);
    size_t skipped = concord_reader_skipped(r) + concord_diag_count(diag);
    concord_reader_close(r);
    concord_diag_free(diag);
    concord_buf_free(&b);
    if (fflush(stdout) != 0)
        return S_fail(EXIT_ERROR, "cannot write output: %s", strerror(errno));
    return skipped ? EXIT_INPUT_SKIPPED : EXIT_OK_;
}

static int S_cmd_dedup(cli_args *a)
{
    if (a->n_inputs == 0)
        return S_fail(EXIT_USAGE, "%s", "dedup: no INPUT given");
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, a->quiet);
    int rc = concord_dedup_inputs(a->inputs, a->n_inputs, diag, a->threads, stdout);
    size_t problems = concord_diag_count(diag);
    concord_diag_free(diag);
    if (rc != 0)
        return S_fail(EXIT_ERROR, "%s", "dedup failed");
    return problems ? EXIT_INPUT_SKIPPED : EXIT_OK_;
}

/* ------------------------------------------------------------------- eval */

static int S_cmd_eval(cli_args *a)
{
    if (a->n_inputs != 2)
        return S_fail(EXIT_USAGE, "%s", "eval: give GOLD.jsonl and STORIES.jsonl");
    int rc =
        concord_eval_files(a->inputs[0], a->key ? a->key : "story", a->inputs[1], stdout, NULL);
    return rc == 0 ? EXIT_OK_ : rc == 2 ? EXIT_INPUT_SKIPPED : EXIT_ERROR;
}

/* ----------------------------------------------------------- store views */

static concord_store *S_open_store(cli_args *a, int *code)
{
    if (!a->db) {
        *code = S_fail(EXIT_USAGE, "%s", "--db FILE is required");
        return NULL;
    }
    if (access(a->db, F_OK) != 0) {
        *code = S_fail(EXIT_NOT_FOUND, "no store at %s", a->db);
        return NULL;
    }
    /* reading commands never write: they work on a store they cannot write */
    concord_store *st = concord_store_open_readonly(a->db);
    if (!st)
        *code = S_fail(EXIT_ERROR, "%s", concord_store_errmsg(NULL));
    return st;
}

/* Opens the store of a and starts its story listing; NULL (and *code set)
 * when either fails. */
static concord_store *S_begin_stories(cli_args *a, int *code, concord_store_iter **it)
{
    concord_store *st = S_open_store(a, code);
    if (!st)
        return NULL;
    if (concord_store_stories_begin(st, it) < 0) {
        *code = S_fail(EXIT_ERROR, "%s", concord_store_errmsg(st));
        concord_store_close(st);
        return NULL;
    }
    return st;
}

static int S_cmd_stories(cli_args *a)
{
    int code = 0;
    concord_store_iter *it;
    concord_store *st = S_begin_stories(a, &code, &it);
    if (!st)
        return code;
    concord_store_story *s;
    concord_buf b;
    concord_buf_init(&b);
    if (!a->json)
        printf("%-14s %-10s %-10s %8s %7s %-8s %s\n", "STORY", "FIRST", "LAST", "REPORTS",
               "OUTLETS", "CONFLICT", "TITLE");
    int src;
    size_t errors = 0;
    while ((src = concord_store_stories_next(it, &s)) != 0) {
        if (src < 0) {
            if (!errors++)
                S_fail(EXIT_ERROR, "%s", concord_store_errmsg(st));
            continue;
        }
        if (a->json) {
            concord_buf_clear(&b);
            concord_buf_adds(&b, "{\"story\":");
            concord_json_str(&b, s->story);
            concord_buf_adds(&b, ",\"title\":");
            concord_json_str(&b, s->title);
            concord_buf_adds(&b, ",\"first\":");
            concord_json_str(&b, s->first);
            concord_buf_adds(&b, ",\"last\":");
            concord_json_str(&b, s->last);
            concord_buf_printf(&b, ",\"reports\":%zu,\"outlets\":%zu,\"conflict\":%s}\n",
                               s->n_articles, s->n_sources, s->has_conflict ? "true" : "false");
            fwrite(b.data, 1, b.len, stdout);
        } else {
            const char *f[4] = {s->story, s->first, s->last, s->title};
            char *v[4];
            for (int k = 0; k < 4; k++) {
                concord_buf_clear(&b);
                concord_buf_add_visible(&b, f[k], strlen(f[k]), CONCORD_VISIBLE_SPACES);
                concord_buf_addc(&b, '\0');
                v[k] = concord_buf_detach(&b, NULL);
            }
            printf("%-14s %-10s %-10s %8zu %7zu %-8s %s\n", v[0], v[1], v[2], s->n_articles,
                   s->n_sources, s->has_conflict ? "yes" : "", v[3]);
            for (int k = 0; k < 4; k++)
                free(v[k]);
        }
        concord_store_story_free(s);
    }
    concord_store_stories_end(it);
    concord_buf_free(&b);
    concord_store_close(st);
    if (errors)
        return S_fail(EXIT_ERROR, "%s", "the store could not be read to the end (damaged?)");
    return EXIT_OK_;
}

/* Loads a story document: by story id, or by the id of one of its articles. */
static concord_json *S_load_story(cli_args *a, int *code, char **raw)
{
    if (a->n_inputs != 1) {
        *code = S_fail(EXIT_USAGE, "%s", "give exactly one STORY id");
        return NULL;
    }
    concord_store *st = S_open_store(a, code);
    if (!st)
        return NULL;
    char *doc = NULL;
    int rc = concord_store_get_story(st, a->inputs[0], &doc);
    if (rc == CONCORD_STORE_NOT_FOUND) {
        char *sid = NULL;
        if (concord_store_story_of(st, a->inputs[0], &sid) == 0) {
            rc = concord_store_get_story(st, sid, &doc);
            free(sid);
        }
    }
    if (rc < 0)
        *code = S_fail(EXIT_ERROR, "%s", concord_store_errmsg(st));
    else if (rc == CONCORD_STORE_NOT_FOUND)
        *code = S_fail(EXIT_NOT_FOUND, "no story or article %s in the store", a->inputs[0]);
    concord_store_close(st);
    if (!doc)
        return NULL;
    const char *msg = NULL;
    concord_json *j = concord_json_parse(doc, strlen(doc), NULL, &msg);
    if (!j) {
        *code = S_fail(EXIT_ERROR, "stored story document does not parse: %s", msg ? msg : "?");
        free(doc);
        return NULL;
    }
    *raw = doc;
    return j;
}

typedef int (*story_printer)(FILE *out, const concord_json *story, int color);

/* --json prints the story field (or the whole document for show) as stored. */
static int S_story_view(cli_args *a, const char *field, story_printer print)
{
    int code = EXIT_OK_;
    char *raw = NULL;
    concord_json *j = S_load_story(a, &code, &raw);
    if (!j)
        return code;
    if (a->json) {
        if (!field) {
            fputs(raw, stdout);
            fputc('\n', stdout);
        } else {
            concord_buf b;
            concord_buf_init(&b);
            /* re-serialise just that field through the stored text: find it in the parsed doc */
            const concord_json *f = concord_json_get(j, field);
            concord_json_write(&b, f);
            fwrite(b.data, 1, b.len, stdout);
            fputc('\n', stdout);
            concord_buf_free(&b);
        }
    } else {
        /* scraped text reaches a terminal: control characters made visible */
        size_t vlen = 0;
        char *visible = concord_json_visible(raw, strlen(raw), &vlen);
        concord_json *vj = concord_json_parse(visible, vlen, NULL, NULL);
        print(stdout, vj ? vj : j, a->color);
        concord_json_free(vj);
        free(visible);
    }
    concord_json_free(j);
    free(raw);
    return code;
}

static int S_cmd_figures(cli_args *a)
{
    return S_story_view(a, "figures", concord_figures_print);
}
/* Feeds every story document of the store to fn (parsed); returns an exit code. */
static int S_each_story(cli_args *a, void (*fn)(void *ctx, const concord_json *story), void *ctx)
{
    int code = EXIT_OK_;
    concord_store_iter *it;
    concord_store *st = S_begin_stories(a, &code, &it);
    if (!st)
        return code;
    concord_store_story *s;
    int rc;
    while ((rc = concord_store_stories_next(it, &s)) == 1) {
        concord_json *j = concord_json_parse(s->doc, strlen(s->doc), NULL, NULL);
        if (j)
            fn(ctx, j);
        else
            S_fail(0, "story %s: stored document does not parse; skipped", s->story);
        concord_json_free(j);
        concord_store_story_free(s);
    }
    concord_store_stories_end(it);
    if (rc < 0)
        code = S_fail(EXIT_ERROR, "%s", concord_store_errmsg(st));
    concord_store_close(st);
    return code;
}

static void S_add_speaker(void *ctx, const concord_json *story)
{
    concord_speaker_quotes_add(ctx, story);
}

static void S_add_outlets(void *ctx, const concord_json *story)
{
    concord_outlets_add(ctx, story);
}

static int S_cmd_quotes(cli_args *a)
{
    if (!a->speaker)
        return S_story_view(a, "quotes", concord_quotes_print);
    if (a->n_inputs) {
        fprintf(stderr, "%s quotes: give a STORY or --speaker NAME, not both\n", S_prog);
        return EXIT_USAGE;
    }
    concord_speaker_quotes *x = concord_speaker_quotes_new(a->speaker);
    int code = S_each_story(a, S_add_speaker, x);
    if (code == EXIT_OK_ && concord_speaker_quotes_print(x, stdout, a->json) == 0 && !a->json)
        code = EXIT_NOT_FOUND;
    concord_speaker_quotes_free(x);
    return code;
}

/* The network from the store's outlet table: EXIT_OK_ when read, an exit
 * code on failure, -1 when the store has none (written by an older
 * concord, or changed since by one: a note says so). */
static int S_outlets_from_table(cli_args *a, concord_outlets *x)
{
    int code = EXIT_OK_;
    concord_store *st = S_open_store(a, &code);
    if (!st)
        return code;
    char err[512];
    int rc = concord_outlets_load(st, x, err, sizeof err);
    if (rc < 0)
        code = S_fail(EXIT_ERROR, "%s", err);
    else if (rc == 0) {
        fprintf(stderr,
                "%s outlets: this store has no up-to-date outlet table (written by an older"
                " concord); counting every story document (`concord add` on the store builds"
                " the table)\n",
                S_prog);
        code = -1;
    }
    concord_store_close(st);
    return code;
}

static int S_cmd_outlets(cli_args *a)
{
    concord_outlets *x = concord_outlets_new();
    int code = S_outlets_from_table(a, x);
    if (code < 0) /* no table, or stale: every story document */
        code = S_each_story(a, S_add_outlets, x);
    if (code == EXIT_OK_)
        concord_outlets_print(x, stdout, a->json);
    concord_outlets_free(x);
    return code;
}
static int S_cmd_lineage(cli_args *a)
{
    return S_story_view(a, "reuse", concord_reuse_print);
}
static int S_cmd_show(cli_args *a)
{
    return S_story_view(a, NULL, concord_story_print);
}

static int S_cmd_report(cli_args *a)
{
    if (!a->out)
        return S_fail(EXIT_USAGE, "%s", "report: -o FILE is required");
    int code = 0;
    concord_store *st = S_open_store(a, &code);
    if (!st)
        return code;
    if (strcmp(a->out, "-")) { /* leftovers of a killed report run in that folder */
        char *dir = strdup(a->out);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        concord_diag *d = concord_diag_new(NULL, NULL);
        concord_diag_quiet(d, a->quiet);
        if (dir)
            concord_outfile_sweep(slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".", d);
        concord_diag_free(d);
        free(dir);
    }
    int rc = concord_report_write(st, a->out);
    if (rc != 0) {
        concord_buf m;
        concord_buf_init(&m);
        concord_buf_printf(&m, "cannot write the report to %s: %s", a->out,
                           concord_report_errmsg());
        code = S_fail(EXIT_ERROR, "%s", m.data);
        concord_buf_free(&m);
    } else if (!a->quiet && strcmp(a->out, "-")) {
        fputs("concord: wrote ", stderr);
        S_put_visible(stderr, a->out);
        fputc('\n', stderr);
    }
    concord_store_close(st);
    return code;
}

static int S_cmd_serve(cli_args *a)
{
    if (!a->db)
        return S_fail(EXIT_USAGE, "%s", "serve: --db FILE is required");
    concord_serve_options o;
    concord_serve_options_init(&o);
    o.db_path = a->db;
    o.bind = a->bind;
    o.threads = a->threads;
    if (a->port) {
        char *end;
        long port = strtol(a->port, &end, 10);
        if (*end || end == a->port || port < 0 || port > 65535)
            return S_fail(EXIT_USAGE, "serve: --port %s is not a port number (0..65535)", a->port);
        o.port = (int)port;
    } else {
        o.port = 8080;
    }
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, a->quiet);
    o.diag = diag;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the server's threads inherit the mask */
    concord_server *srv = concord_serve_start(&o);
    if (!srv) {
        concord_diag_free(diag);
        struct stat sb;
        return S_fail(stat(a->db, &sb) == 0 ? EXIT_ERROR : EXIT_NOT_FOUND, "serve: %s",
                      concord_serve_errmsg());
    }
    const char *bind = a->bind ? a->bind : "127.0.0.1";
    fprintf(stderr, "concord: serving %s on http://%s%s%s:%d/ (Ctrl-C stops)\n", a->db,
            strchr(bind, ':') ? "[" : "", bind, strchr(bind, ':') ? "]" : "",
            concord_serve_port(srv));
    int sig = 0;
    sigwait(&stop, &sig);
    concord_serve_stop(srv);
    concord_diag_free(diag);
    return EXIT_OK_;
}

/* --------------------------------------------------------------- dispatch */

static const cli_command S_commands[] = {
    {"analyze", S_cmd_analyze,
     "INPUT... -o OUTDIR [--db FILE] [--threads N] [--no-report] [--quiet]\n"
     "       [--wait SECONDS] [--max-record BYTES]",
     "Reads every INPUT, removes page junk, groups the reports into stories and\n"
     "explains each story (copies and rewrites, quotes, figures, digest).  Writes\n"
     "OUTDIR/articles.jsonl (cleaned articles), OUTDIR/stories.jsonl (stories),\n"
     "OUTDIR/report.html and the store OUTDIR/concord.db (or --db FILE), which is\n"
     "created anew.  Progress goes to stderr when it is a terminal.",
     1},
    {"add", S_cmd_add,
     "INPUT... --db FILE [-o OUTDIR] [--threads N] [--quiet] [--wait SECONDS]\n"
     "       [--max-record BYTES]",
     "Adds INPUT to an existing store (created when missing).  An article id seen\n"
     "before with the same content is skipped; with changed content it is kept as\n"
     "a new version and reported.  New reports join the stories they belong to;\n"
     "story ids stay stable.  With -o, writes the outputs of the whole store.",
     1},
    {"dedup", S_cmd_dedup, "INPUT... [--threads N] [--quiet]",
     "Prints one JSON line per set of exact or near-duplicate articles:\n"
     "{\"duplicate_of\": EARLIEST_ID, \"articles\": [ids..., earliest first]}.",
     1},
    {"clean", S_cmd_clean, "INPUT... [--quiet] [--max-record BYTES]",
     "Prints the cleaned articles as JSON Lines (the articles.jsonl format).", 1},
    {"eval", S_cmd_eval, "[--key FIELD] GOLD.jsonl STORIES.jsonl",
     "Scores a clustering: B-cubed precision, recall and F1, adjusted Rand index and\n"
     "pairwise F1 of the stories in STORIES.jsonl against the gold label FIELD\n"
     "(default \"story\") of the articles in GOLD.jsonl (matched by id).",
     1},
    {"stories", S_cmd_stories, "--db FILE [--json]", "Lists the stories of a store.", 0},
    {"show", S_cmd_show, "STORY --db FILE [--json]",
     "Prints one story (or the story of an article id): reports, digest, figures\n"
     "with conflicts, quotes and lineage.  Colour only on a terminal.",
     1},
    {"figures", S_cmd_figures, "STORY --db FILE [--json]",
     "Prints the figures of one story: outlet, value, qualifier, attribution, status.", 1},
    {"quotes", S_cmd_quotes, "STORY --db FILE [--json] | --speaker NAME --db FILE [--json]",
     "Prints the quotes of one story, every outlet's variant side by side; with\n"
     "--speaker, everything NAME is quoted saying across the store, variants\n"
     "grouped, earliest first (exit 4 when none).",
     1},
    {"outlets", S_cmd_outlets, "--db FILE [--json]",
     "Prints the outlet network of a store: which outlets copy or rewrite which,\n"
     "how often, the median lag in days, and each outlet's share of own reports.",
     0},
    {"lineage", S_cmd_lineage, "STORY --db FILE [--json]",
     "Prints the family tree of one story: who copied or rewrote whom.", 1},
    {"report", S_cmd_report, "--db FILE -o FILE [--quiet]",
     "Writes the self-contained HTML report of a store (-o - : to standard output).", 0},
    {"serve", S_cmd_serve, "--db FILE [--port N] [--bind ADDR] [--threads N] [--quiet]",
     "Serves the store read-only as a web application: the stories with full-text\n"
     "search, filters (dates, outlet, conflicting figures), sorting and paging,\n"
     "and each story's page; JSON at /api/stories?q=... and /api/story/ID.\n"
     "Listens on 127.0.0.1 port 8080 unless told otherwise (--port 0: any free\n"
     "port, printed on stderr).  Runs until interrupted (Ctrl-C, SIGTERM).",
     0},
};

static void S_usage_command(FILE *f, const cli_command *c)
{
    fprintf(f, "usage: concord %s %s\n\n%s\n", c->name, c->usage, c->help);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        S_usage_main(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        S_usage_main(stdout);
        return EXIT_OK_;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("concord %s\n", concord_version());
        return EXIT_OK_;
    }
    const cli_command *cmd = NULL;
    for (size_t i = 0; i < sizeof S_commands / sizeof *S_commands; i++)
        if (!strcmp(argv[1], S_commands[i].name))
            cmd = &S_commands[i];
    if (!cmd) {
        S_fail(EXIT_USAGE, "unknown command '%s'", argv[1]);
        fputc('\n', stderr);
        S_usage_main(stderr);
        return EXIT_USAGE;
    }
    cli_args a;
    memset(&a, 0, sizeof a);
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    a.color = isatty(1) && !getenv("NO_COLOR");
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        const char **val = NULL;
        if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            S_usage_command(stdout, cmd);
            free(a.inputs);
            return EXIT_OK_;
        } else if (!strcmp(s, "-o") || !strcmp(s, "--out")) {
            val = &a.out;
        } else if (!strcmp(s, "--db")) {
            val = &a.db;
        } else if (!strcmp(s, "--port")) {
            val = &a.port;
        } else if (!strcmp(s, "--bind")) {
            val = &a.bind;
        } else if (!strcmp(s, "--key")) {
            val = &a.key;
        } else if (!strcmp(s, "--speaker")) {
            val = &a.speaker;
        } else if (!strcmp(s, "--json")) {
            a.json = 1;
        } else if (!strcmp(s, "--quiet") || !strcmp(s, "-q")) {
            a.quiet = 1;
        } else if (!strcmp(s, "--no-report")) {
            a.no_report = 1;
        } else if (!strcmp(s, "--color")) {
            a.color = 1;
        } else if (!strcmp(s, "--no-color")) {
            a.color = 0;
        } else if (!strcmp(s, "--threads")) {
            unsigned long long v;
            if (i + 1 >= argc || S_parse_count(argv[i + 1], 1, 64, &v) != 0) {
                fprintf(stderr, "%s: --threads needs a whole number from 1 to 64\n", S_prog);
                free(a.inputs);
                return EXIT_USAGE;
            }
            a.threads = (int)v;
            i++;
        } else if (!strcmp(s, "--wait")) {
            unsigned long long v;
            if (i + 1 >= argc || S_parse_count(argv[i + 1], 0, 86400 * 7, &v) != 0) {
                fprintf(stderr, "%s: --wait needs a whole number of seconds (0 to 604800)\n",
                        S_prog);
                free(a.inputs);
                return EXIT_USAGE;
            }
            a.wait = v ? (double)v : 0.001;
            i++;
        } else if (!strcmp(s, "--max-record")) {
            if (i + 1 >= argc || S_parse_bytes(argv[i + 1], &a.max_record) != 0) {
                fprintf(stderr,
                        "%s: --max-record needs a size in bytes, like 64M (1 byte to"
                        " 1T; K, M, G: powers of 1024)\n",
                        S_prog);
                free(a.inputs);
                return EXIT_USAGE;
            }
            i++;
        } else if (s[0] == '-' && s[1] != '\0') {
            fprintf(stderr, "%s %s: ", S_prog, cmd->name);
            S_put_visible(stderr, "unknown option '");
            S_put_visible(stderr, s);
            fputs("'\n\n", stderr);
            S_usage_command(stderr, cmd);
            free(a.inputs);
            return EXIT_USAGE;
        } else {
            a.inputs[a.n_inputs++] = s;
        }
        if (val) {
            const char *v = i + 1 < argc ? argv[i + 1] : NULL;
            if (!v || !*v || (v[0] == '-' && v[1] == '-')) {
                /* an unset variable ("") or the next option taken as a value */
                if (!v)
                    fprintf(stderr, "%s: %s needs a value\n", S_prog, s);
                else if (!*v)
                    fprintf(stderr,
                            "%s: %s needs a value, not an empty string (an unset"
                            " variable?)\n",
                            S_prog, s);
                else {
                    concord_buf m;
                    concord_buf_init(&m);
                    concord_buf_printf(&m,
                                       "%s needs a value, not the option %s (write ./%s for"
                                       " a file of that name)",
                                       s, v, v);
                    S_fail(EXIT_USAGE, "%s", m.data);
                    concord_buf_free(&m);
                }
                free(a.inputs);
                return EXIT_USAGE;
            }
            *val = argv[++i];
        }
    }
    if (!cmd->wants_inputs && a.n_inputs) {
        fprintf(stderr, "%s %s: unexpected argument '", S_prog, cmd->name);
        S_put_visible(stderr, a.inputs[0]);
        fputs("'\n", stderr);
        free(a.inputs);
        return EXIT_USAGE;
    }
    int rc = cmd->run(&a);
    free(a.inputs);
    /* A write error on standard output (a full disk, a closed pipe) fails the
     * run; a reader that went away (head) is not worth a message. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            fprintf(stderr, "%s: cannot write to standard output: %s\n", S_prog,
                    strerror(errno ? errno : EIO));
        return EXIT_ERROR;
    }
    return rc;
}
