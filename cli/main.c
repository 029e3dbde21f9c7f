/* concord: the command-line program, a thin shell over libconcord. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "concord.h"

/* Exit codes: named so scripts can tell a broken run from skipped input. */
enum concord_exit {
    EXIT_OK_ = 0,            /* everything read and written */
    EXIT_ERROR = 1,          /* could not do the job (store, output, bad arguments to a file) */
    EXIT_USAGE = 2,          /* wrong command line */
    EXIT_INPUT_SKIPPED = 3,  /* done, but some input was skipped or repaired (see messages) */
    EXIT_NOT_FOUND = 4       /* the story or file asked for does not exist */
};

typedef struct cli_args {
    const char **inputs;
    size_t n_inputs;
    const char *out;
    const char *db;
    const char *key;
    int json;
    int quiet;
    int threads;
    int no_report;
    int color;
} cli_args;

static const char *S_prog = "concord";

static void S_usage_main(FILE *f)
{
    fprintf(f,
            "usage: concord COMMAND [OPTIONS] ...\n"
            "\n"
            "Groups scraped news reports into stories and shows who reported what.\n"
            "\n"
            "commands:\n"
            "  analyze INPUT... -o OUTDIR    read, clean, group and explain; writes\n"
            "                                OUTDIR/articles.jsonl, stories.jsonl, report.html, concord.db\n"
            "  add INPUT... --db FILE        add more input to a store; new reports join old stories\n"
            "  dedup INPUT...                print exact and near-duplicate sets (JSON Lines)\n"
            "  clean INPUT...                print cleaned articles (JSON Lines)\n"
            "  eval --key FIELD GOLD STORIES score stories.jsonl against a gold label field\n"
            "  stories --db FILE             list the stories in a store\n"
            "  show STORY --db FILE          one story: digest, figures, quotes, lineage\n"
            "  figures STORY --db FILE       the figures table of one story\n"
            "  quotes STORY --db FILE        the quotes of one story, variants side by side\n"
            "  lineage STORY --db FILE       who copied whom in one story\n"
            "  report --db FILE -o FILE      write the HTML report from a store\n"
            "\n"
            "INPUT is a folder (searched recursively), a .txt file (one article), a\n"
            ".jsonl or .jsonl.gz file (one article a line: id, source, url, date,\n"
            "title, text), or - for standard input.  `concord COMMAND --help` tells more.\n"
            "\n"
            "exit codes: 0 ok, 1 error, 2 usage, 3 some input skipped, 4 not found\n");
}

typedef struct cli_command {
    const char *name;
    int (*run)(cli_args *a);
    const char *usage; /* after "concord NAME " */
    const char *help;
    int wants_inputs;  /* positional INPUTs */
} cli_command;

static int S_fail(int code, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", S_prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return code;
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
        return S_fail(EXIT_USAGE, "%s: no INPUT given (try --help)", mode == CONCORD_MODE_ADD ? "add" : "analyze");
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
        if (a->out)
            fprintf(stderr, "concord: wrote %s/articles.jsonl, %s/stories.jsonl%s%s\n", a->out,
                    a->out, o.write_report ? ", report.html" : "",
                    a->db ? "" : ", concord.db");
    }
    /* a changed article is reported, but it is news, not broken input */
    problems -= problems >= st.changed_articles ? st.changed_articles : problems;
    return problems || st.skipped_inputs ? EXIT_INPUT_SKIPPED : EXIT_OK_;
}

static int S_cmd_analyze(cli_args *a) { return S_run_pipeline(a, CONCORD_MODE_ANALYZE); }
static int S_cmd_add(cli_args *a) { return S_run_pipeline(a, CONCORD_MODE_ADD); }

/* ------------------------------------------------------------ clean, dedup */

static int S_cmd_clean(cli_args *a)
{
    if (a->n_inputs == 0)
        return S_fail(EXIT_USAGE, "%s", "clean: no INPUT given");
    concord_diag *diag = concord_diag_new(NULL, NULL);
    concord_diag_quiet(diag, a->quiet);
    concord_reader *r = concord_reader_open(a->inputs, a->n_inputs, diag);
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
    int rc = concord_eval_files(a->inputs[0], a->key ? a->key : "story", a->inputs[1], stdout, NULL);
    return rc == 0 ? EXIT_OK_ : EXIT_ERROR;
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
    concord_store *st = concord_store_open(a->db, 0);
    if (!st)
        *code = S_fail(EXIT_ERROR, "%s", concord_store_errmsg(NULL));
    return st;
}

static int S_cmd_stories(cli_args *a)
{
    int code = 0;
    concord_store *st = S_open_store(a, &code);
    if (!st)
        return code;
    concord_store_iter *it;
    if (concord_store_stories_begin(st, &it) < 0) {
        code = S_fail(EXIT_ERROR, "%s", concord_store_errmsg(st));
        concord_store_close(st);
        return code;
    }
    concord_store_story *s;
    concord_buf b;
    concord_buf_init(&b);
    if (!a->json)
        printf("%-14s %-10s %-10s %8s %7s %-8s %s\n", "STORY", "FIRST", "LAST", "REPORTS",
               "OUTLETS", "CONFLICT", "TITLE");
    while (concord_store_stories_next(it, &s) == 1) {
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
            printf("%-14s %-10s %-10s %8zu %7zu %-8s %s\n", s->story, s->first, s->last,
                   s->n_articles, s->n_sources, s->has_conflict ? "yes" : "", s->title);
        }
        concord_store_story_free(s);
    }
    concord_store_stories_end(it);
    concord_buf_free(&b);
    concord_store_close(st);
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
        print(stdout, j, a->color);
    }
    concord_json_free(j);
    free(raw);
    return code;
}

static int S_cmd_figures(cli_args *a) { return S_story_view(a, "figures", concord_figures_print); }
static int S_cmd_quotes(cli_args *a) { return S_story_view(a, "quotes", concord_quotes_print); }
static int S_cmd_lineage(cli_args *a) { return S_story_view(a, "reuse", concord_reuse_print); }
static int S_cmd_show(cli_args *a) { return S_story_view(a, NULL, concord_story_print); }

static int S_cmd_report(cli_args *a)
{
    if (!a->out)
        return S_fail(EXIT_USAGE, "%s", "report: -o FILE is required");
    int code = 0;
    concord_store *st = S_open_store(a, &code);
    if (!st)
        return code;
    int rc = concord_report_write(st, a->out);
    if (rc != 0)
        code = S_fail(EXIT_ERROR, "cannot write the report to %s", a->out);
    else if (!a->quiet)
        fprintf(stderr, "concord: wrote %s\n", a->out);
    concord_store_close(st);
    return code;
}

/* --------------------------------------------------------------- dispatch */

static const cli_command S_commands[] = {
    {"analyze", S_cmd_analyze, "INPUT... -o OUTDIR [--db FILE] [--threads N] [--no-report] [--quiet]",
     "Reads every INPUT, removes page junk, groups the reports into stories and\n"
     "explains each story (copies and rewrites, quotes, figures, digest).  Writes\n"
     "OUTDIR/articles.jsonl (cleaned articles), OUTDIR/stories.jsonl (stories),\n"
     "OUTDIR/report.html and the store OUTDIR/concord.db (or --db FILE), which is\n"
     "created anew.  Progress goes to stderr when it is a terminal.",
     1},
    {"add", S_cmd_add, "INPUT... --db FILE [-o OUTDIR] [--threads N] [--quiet]",
     "Adds INPUT to an existing store (created when missing).  An article id seen\n"
     "before with the same content is skipped; with changed content it is kept as\n"
     "a new version and reported.  New reports join the stories they belong to;\n"
     "story ids stay stable.  With -o, writes the outputs of the whole store.",
     1},
    {"dedup", S_cmd_dedup, "INPUT... [--threads N] [--quiet]",
     "Prints one JSON line per set of exact or near-duplicate articles:\n"
     "{\"duplicate_of\": EARLIEST_ID, \"articles\": [ids..., earliest first]}.",
     1},
    {"clean", S_cmd_clean, "INPUT... [--quiet]",
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
    {"quotes", S_cmd_quotes, "STORY --db FILE [--json]",
     "Prints the quotes of one story, every outlet's variant side by side.", 1},
    {"lineage", S_cmd_lineage, "STORY --db FILE [--json]",
     "Prints the family tree of one story: who copied or rewrote whom.", 1},
    {"report", S_cmd_report, "--db FILE -o FILE [--quiet]",
     "Writes the self-contained HTML report of a store.", 0},
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
        printf("concord 0.1\n");
        return EXIT_OK_;
    }
    const cli_command *cmd = NULL;
    for (size_t i = 0; i < sizeof S_commands / sizeof *S_commands; i++)
        if (!strcmp(argv[1], S_commands[i].name))
            cmd = &S_commands[i];
    if (!cmd) {
        fprintf(stderr, "%s: unknown command '%s'\n\n", S_prog, argv[1]);
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
        } else if (!strcmp(s, "--key")) {
            val = &a.key;
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
            if (i + 1 >= argc || atoi(argv[i + 1]) < 1) {
                fprintf(stderr, "%s: --threads needs a positive number\n", S_prog);
                free(a.inputs);
                return EXIT_USAGE;
            }
            a.threads = atoi(argv[++i]);
        } else if (s[0] == '-' && s[1] != '\0') {
            fprintf(stderr, "%s %s: unknown option '%s'\n\n", S_prog, cmd->name, s);
            S_usage_command(stderr, cmd);
            free(a.inputs);
            return EXIT_USAGE;
        } else {
            a.inputs[a.n_inputs++] = s;
        }
        if (val) {
            if (i + 1 >= argc) {
                fprintf(stderr, "%s: %s needs a value\n", S_prog, s);
                free(a.inputs);
                return EXIT_USAGE;
            }
            *val = argv[++i];
        }
    }
    if (!cmd->wants_inputs && a.n_inputs) {
        fprintf(stderr, "%s %s: unexpected argument '%s'\n", S_prog, cmd->name, a.inputs[0]);
        free(a.inputs);
        return EXIT_USAGE;
    }
    int rc = cmd->run(&a);
    free(a.inputs);
    return rc;
}
