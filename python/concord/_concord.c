/* _concord.c: the CPython binding of libconcord (module concord._concord).
 *
 * A thin layer: every function converts its Python arguments once to UTF-8
 * (no copy for str: PyUnicode_AsUTF8AndSize returns the string's cached UTF-8),
 * calls the library, and converts the result once: a dict built here for
 * clean(), the library's own JSON (the stories.jsonl field) for figures() and
 * quotes(), which concord/__init__.py parses.  Everything the library
 * allocates is freed before returning, on every path (checked by
 * python/tests/test_concord.py over 100,000 calls).
 *
 * Threads: clean() and analyze() release the GIL (the library's cleaning and
 * pipeline are thread-safe); figures() and quotes() keep it, because they
 * share one analyzer, which is not.  A Store is one SQLite connection: use it
 * from one thread at a time (store.h).
 *
 * Errors raise concord.ConcordError with the library's message. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <concord.h>
/* Web pages: clean() routes HTML through the library's extractor when this
 * libconcord has one (concord/html.h, the web reader). */
#if defined(__has_include)
#if __has_include(<concord/html.h>)
#include <concord/html.h>
#define S_HAVE_HTML 1
#endif
#endif
#ifndef S_HAVE_HTML
#define S_HAVE_HTML 0
#endif

static PyObject *S_error; /* concord.ConcordError */

/* Keys of the article dict, interned once (PyDict_SetItemString would build
 * and hash a new str for every key of every call). */
enum {
    K_ID,
    K_SOURCE,
    K_URL,
    K_DATE,
    K_TITLE,
    K_BYLINE,
    K_DATELINE,
    K_OUTLET,
    K_TEXT,
    K_REMOVED,
    K_START,
    K_END,
    K_WHY,
    K_COUNT
};
static const char *const S_key_names[K_COUNT] = {"id",     "source",   "url",    "date", "title",
                                                 "byline", "dateline", "outlet", "text", "removed",
                                                 "start",  "end",      "why"};
static PyObject *S_keys[K_COUNT];
static concord_analyzer *S_analyzer; /* created on first use, under the GIL */

static concord_analyzer *S_get_analyzer(void)
{
    if (!S_analyzer)
        S_analyzer = concord_analyzer_new("english");
    return S_analyzer;
}

/* str -> UTF-8 (borrowed from the str object); bytes are taken as they are. */
static int S_utf8(PyObject *o, const char **s, Py_ssize_t *n, const char *what)
{
    if (o == NULL || o == Py_None) {
        *s = NULL;
        *n = 0;
        return 0;
    }
    if (PyUnicode_Check(o)) {
        *s = PyUnicode_AsUTF8AndSize(o, n);
        return *s ? 0 : -1;
    }
    if (PyBytes_Check(o)) {
        char *p;
        if (PyBytes_AsStringAndSize(o, &p, n) < 0)
            return -1;
        *s = p;
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s must be str, bytes or None, not %.80s", what,
                 Py_TYPE(o)->tp_name);
    return -1;
}

static PyObject *S_str(const char *s)
{
    return PyUnicode_DecodeUTF8(s ? s : "", (Py_ssize_t)(s ? strlen(s) : 0), "replace");
}

static int S_set(PyObject *d, int key, PyObject *v)
{
    if (!v)
        return -1;
    int rc = PyDict_SetItem(d, S_keys[key], v);
    Py_DECREF(v);
    return rc;
}

/* The articles.jsonl record of a cleaned article, as a dict. */
static PyObject *S_article_dict(const concord_article *a, const concord_clean *c)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    if (S_set(d, K_ID, S_str(a->id)) || S_set(d, K_SOURCE, S_str(a->source)) ||
        S_set(d, K_URL, S_str(a->url)) || S_set(d, K_DATE, S_str(concord_article_day(a, c))) ||
        S_set(d, K_TITLE, S_str(a->title)) || S_set(d, K_BYLINE, S_str(c->byline)) ||
        S_set(d, K_DATELINE, S_str(c->dateline)) || S_set(d, K_OUTLET, S_str(c->outlet)) ||
        S_set(d, K_TEXT, PyUnicode_DecodeUTF8(c->text, (Py_ssize_t)c->len, "replace")))
        goto fail;
    PyObject *removed = PyList_New((Py_ssize_t)c->n_removed);
    if (S_set(d, K_REMOVED, removed))
        goto fail;
    for (size_t i = 0; i < c->n_removed; i++) {
        PyObject *r = PyDict_New();
        if (!r)
            goto fail;
        PyList_SET_ITEM(removed, (Py_ssize_t)i, r);
        if (S_set(r, K_START, PyLong_FromSize_t(c->removed[i].start)) ||
            S_set(r, K_END, PyLong_FromSize_t(c->removed[i].end)) ||
            S_set(r, K_WHY, S_str(c->removed[i].why)))
            goto fail;
    }
    return d;
fail:
    Py_DECREF(d);
    return NULL;
}

#if S_HAVE_HTML
static void S_ignore(void *ctx, const char *file, long line, long pos, const char *msg)
{
    (void)ctx, (void)file, (void)line, (void)pos, (void)msg;
}

/* Does the input look like a web page (first non-blank byte '<')? */
static int S_looks_html(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i < n && s[i] == '<';
}

/* The article of a web page: extracted by the library, then the caller's
 * title and source (when given) override the page's. */
static concord_article *S_html_article(const char *page, size_t n, const char *id, const char *url,
                                       const char *date, const char *title, const char *source)
{
    concord_html_source hs;
    memset(&hs, 0, sizeof hs);
    hs.id = id && *id ? id : NULL;
    hs.url = url;
    hs.date = date;
    hs.origin = "concord.clean";
    concord_diag *dg = concord_diag_new(S_ignore, NULL);
    concord_article *a = concord_html_article(page, n, &hs, dg, NULL);
    concord_diag_free(dg);
    if (title && *title) {
        free(a->title);
        a->title = concord_xstrdup(title);
    }
    if (source && *source) {
        free(a->source);
        a->source = concord_xstrdup(source);
    }
    return a;
}
#endif

static PyObject *S_clean(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"text", "url", "title", "id", "source", "date", "html", NULL};
    PyObject *o_text, *o_url = NULL, *o_title = NULL, *o_id = NULL, *o_source = NULL,
                      *o_date = NULL, *o_html = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOOOO:clean", kwlist, &o_text, &o_url, &o_title,
                                     &o_id, &o_source, &o_date, &o_html))
        return NULL;
    const char *text, *url, *title, *id, *source, *date;
    Py_ssize_t n_text, n;
    if (S_utf8(o_text, &text, &n_text, "text") || S_utf8(o_url, &url, &n, "url") ||
        S_utf8(o_title, &title, &n, "title") || S_utf8(o_id, &id, &n, "id") ||
        S_utf8(o_source, &source, &n, "source") || S_utf8(o_date, &date, &n, "date"))
        return NULL;
    if (!text) {
        PyErr_SetString(PyExc_TypeError, "clean: text must not be None");
        return NULL;
    }
    int html = o_html == Py_None ? -1 : PyObject_IsTrue(o_html);
    if (html == -1 && PyErr_Occurred())
        return NULL;
#if S_HAVE_HTML
    if (html == -1)
        html = S_looks_html(text, (size_t)n_text);
    if (html == 1) {
        concord_article *ha;
        concord_clean *hc;
        Py_BEGIN_ALLOW_THREADS ha =
            S_html_article(text, (size_t)n_text, id, url, date, title, source);
        hc = concord_clean_article(ha);
        Py_END_ALLOW_THREADS PyObject *hd = S_article_dict(ha, hc);
        concord_clean_free(hc);
        concord_article_free(ha);
        return hd;
    }
#else
    if (html == 1) {
        PyErr_SetString(S_error, "clean: this libconcord has no HTML reader (concord/html.h)");
        return NULL;
    }
#endif
    concord_article *a;
    concord_clean *c;
    Py_BEGIN_ALLOW_THREADS
        /* The text is not copied: the article borrows the str's UTF-8 for the
     * call.  Without an id, the reader's rule (article.h): "h" + the 64-bit
     * content hash of the text (url + title when the text is empty, which
     * concord_article_new does itself). */
        char hid[24];
    if ((!id || !*id) && n_text) {
        snprintf(hid, sizeof hid, "h%016" PRIx64, concord_hash(text, (size_t)n_text, 0));
        id = hid;
    }
    a = concord_article_new(id, source, url, NULL, title, NULL, 0);
    char *own_text = a->text;
    a->text = (char *)text;
    a->text_len = (size_t)n_text;
    if (date && *date) {
        /* the reader's rule: a date is kept when it normalizes, else dropped */
        char day[11];
        if (concord_date_normalize(date, strlen(date), day)) {
            free(a->date);
            a->date = concord_xstrdup(day);
        }
    }
    c = concord_clean_article(a);
    a->text = own_text;
    a->text_len = 0;
    Py_END_ALLOW_THREADS PyObject *d = S_article_dict(a, c);
    concord_clean_free(c);
    concord_article_free(a);
    return d;
}

/* figures() and quotes(): the text as one cleaned report, a story of one. */
typedef enum { S_FIGURES, S_QUOTES } S_explain_kind;

static PyObject *S_explain_text(PyObject *args, S_explain_kind kind)
{
    PyObject *o_text, *o_title = NULL;
    if (!PyArg_ParseTuple(args, kind == S_FIGURES ? "O|O:figures" : "O|O:quotes", &o_text,
                          &o_title))
        return NULL;
    const char *text, *title;
    Py_ssize_t n, nt;
    if (S_utf8(o_text, &text, &n, "text") || S_utf8(o_title, &title, &nt, "title"))
        return NULL;
    if (!text) {
        PyErr_SetString(PyExc_TypeError, "text must not be None");
        return NULL;
    }
    concord_article *a = concord_article_new("text", "text", NULL, NULL, title, text, (size_t)n);
    concord_clean c;
    memset(&c, 0, sizeof c);
    c.text = a->text; /* the text as given: offsets refer to it */
    c.len = a->text_len;
    c.byline = c.dateline = c.date = c.outlet = (char *)"";
    concord_doc *doc = concord_analyze(S_get_analyzer(), c.text, c.len);
    concord_member m = {a, &c, doc};
    concord_buf b;
    concord_buf_init(&b);
    if (kind == S_FIGURES) {
        concord_figures *f = concord_figures_explain(&m, 1);
        concord_figures_json(f, &m, 1, &b);
        concord_figures_free(f);
    } else {
        concord_quotes *q = concord_quotes_explain(&m, 1);
        concord_quotes_json(q, &m, 1, &b);
        concord_quotes_free(q);
    }
    PyObject *r =
        PyUnicode_DecodeUTF8(b.data ? b.data : "[]", b.data ? (Py_ssize_t)b.len : 2, "replace");
    concord_buf_free(&b);
    concord_doc_free(doc);
    concord_article_free(a);
    return r;
}

static PyObject *S_figures(PyObject *self, PyObject *args)
{
    (void)self;
    return S_explain_text(args, S_FIGURES);
}

static PyObject *S_quotes(PyObject *self, PyObject *args)
{
    (void)self;
    return S_explain_text(args, S_QUOTES);
}

/* ------------------------------------------------------------------ analyze */

typedef struct {
    concord_buf text; /* "FILE:LINE:POS: MSG\n" each; the diag's lock serializes */
    size_t n, dropped;
} S_messages;

#define S_MAX_MESSAGES 1000

static void S_collect(void *ctx, const char *file, long line, long pos, const char *msg)
{
    S_messages *m = ctx;
    if (m->n >= S_MAX_MESSAGES) {
        m->dropped++;
        return;
    }
    m->n++;
    concord_buf_printf(&m->text, "%s:%ld:%ld: %s\n", file ? file : "", line, pos, msg);
}

static PyObject *S_analyze(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"inputs", "out", "db", "threads", "report", "add", NULL};
    PyObject *o_inputs, *o_out = NULL, *o_db = NULL;
    int threads = 0, report = 1, add = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOipp:analyze", kwlist, &o_inputs, &o_out, &o_db,
                                     &threads, &report, &add))
        return NULL;
    PyObject *seq = PySequence_Fast(o_inputs, "analyze: inputs must be a list of paths");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **paths = PyMem_Calloc((size_t)n + 1, sizeof *paths);
    const char **inputs = PyMem_Calloc((size_t)n + 1, sizeof *inputs);
    PyObject *o_out_b = NULL, *o_db_b = NULL, *result = NULL;
    S_messages msgs = {{NULL, 0, 0}, 0, 0};
    if (!paths || !inputs) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyUnicode_FSConverter(PySequence_Fast_GET_ITEM(seq, i), &paths[i]))
            goto done;
        inputs[i] = PyBytes_AS_STRING(paths[i]);
    }
    if ((o_out && o_out != Py_None && !PyUnicode_FSConverter(o_out, &o_out_b)) ||
        (o_db && o_db != Py_None && !PyUnicode_FSConverter(o_db, &o_db_b)))
        goto done;
    if (!o_out_b && !o_db_b) {
        PyErr_SetString(PyExc_ValueError, "analyze: give out= (a folder) or db= (a store file)");
        goto done;
    }
    concord_options o;
    concord_options_init(&o);
    o.mode = add ? CONCORD_MODE_ADD : CONCORD_MODE_ANALYZE;
    o.outdir = o_out_b ? PyBytes_AS_STRING(o_out_b) : NULL;
    o.db_path = o_db_b ? PyBytes_AS_STRING(o_db_b) : NULL;
    o.threads = threads;
    o.progress = 0;
    o.write_report = report && o.outdir;
    concord_buf_init(&msgs.text);
    concord_diag *diag = concord_diag_new(S_collect, &msgs);
    o.diag = diag;
    concord_run_stats st;
    memset(&st, 0, sizeof st);
    int rc;
    const char *errmsg = NULL;
    Py_BEGIN_ALLOW_THREADS rc = concord_pipeline_run(inputs, (size_t)n, &o, &st);
    if (rc != CONCORD_PIPELINE_OK)
        errmsg = concord_pipeline_errmsg(); /* per thread: read it on the same thread */
    Py_END_ALLOW_THREADS concord_diag_free(diag);
    if (rc != CONCORD_PIPELINE_OK) {
        PyErr_Format(S_error, "%s%s%s", errmsg ? errmsg : "analyze failed", msgs.n ? "\n" : "",
                     msgs.text.data ? msgs.text.data : "");
        goto done;
    }
    PyObject *problems = PyUnicode_DecodeUTF8(msgs.text.data ? msgs.text.data : "",
                                              (Py_ssize_t)msgs.text.len, "replace");
    PyObject *lines = problems ? PyUnicode_Splitlines(problems, 0) : NULL;
    Py_XDECREF(problems);
    if (!lines)
        goto done;
    result = Py_BuildValue(
        "{s:n,s:n,s:n,s:n,s:n,s:n,s:n,s:n,s:K,s:d,s:N,s:n}", "articles", (Py_ssize_t)st.articles,
        "new_articles", (Py_ssize_t)st.new_articles, "same_articles", (Py_ssize_t)st.same_articles,
        "changed_articles", (Py_ssize_t)st.changed_articles, "skipped_inputs",
        (Py_ssize_t)st.skipped_inputs, "input_problems", (Py_ssize_t)st.input_problems, "stories",
        (Py_ssize_t)st.stories, "stories_changed", (Py_ssize_t)st.stories_changed, "bytes",
        (unsigned long long)st.bytes, "seconds", st.seconds_total, "messages", lines,
        "messages_dropped", (Py_ssize_t)msgs.dropped);
done:
    concord_buf_free(&msgs.text);
    if (paths)
        for (Py_ssize_t i = 0; i < n; i++)
            Py_XDECREF(paths[i]);
    PyMem_Free(paths);
    PyMem_Free(inputs);
    Py_XDECREF(o_out_b);
    Py_XDECREF(o_db_b);
    Py_DECREF(seq);
    return result;
}

/* -------------------------------------------------------------------- store */

#define S_STORE_CAPSULE "concord_store"

static void S_store_capsule_free(PyObject *cap)
{
    concord_store *st = PyCapsule_GetPointer(cap, S_STORE_CAPSULE);
    if (st)
        concord_store_close(st);
}

static concord_store *S_store_of(PyObject *cap)
{
    concord_store *st = PyCapsule_GetPointer(cap, S_STORE_CAPSULE);
    if (!st && !PyErr_Occurred())
        PyErr_SetString(S_error, "store is closed");
    return st;
}

static PyObject *S_store_open(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *path_b;
    if (!PyArg_ParseTuple(args, "O&:store_open", PyUnicode_FSConverter, &path_b))
        return NULL;
    concord_store *st;
    Py_BEGIN_ALLOW_THREADS st = concord_store_open(PyBytes_AS_STRING(path_b), 0);
    Py_END_ALLOW_THREADS Py_DECREF(path_b);
    if (!st) {
        PyErr_SetString(S_error, concord_store_errmsg(NULL));
        return NULL;
    }
    PyObject *cap = PyCapsule_New(st, S_STORE_CAPSULE, S_store_capsule_free);
    if (!cap)
        concord_store_close(st);
    return cap;
}

static PyObject *S_store_close(PyObject *self, PyObject *cap)
{
    (void)self;
    concord_store *st = PyCapsule_GetPointer(cap, S_STORE_CAPSULE);
    if (st) {
        concord_store_close(st);
        /* a capsule cannot hold NULL: mark it closed by name */
        PyCapsule_SetDestructor(cap, NULL);
        PyCapsule_SetName(cap, "concord_store_closed");
    }
    PyErr_Clear();
    Py_RETURN_NONE;
}

/* [(story, title, first, last, n_articles, n_sources, has_conflict, doc_json)] */
static PyObject *S_store_stories(PyObject *self, PyObject *cap)
{
    (void)self;
    concord_store *st = S_store_of(cap);
    if (!st)
        return NULL;
    concord_store_iter *it = NULL;
    int rc = concord_store_stories_begin(st, &it);
    if (rc < 0) {
        PyErr_SetString(S_error, concord_store_errmsg(st));
        return NULL;
    }
    PyObject *list = PyList_New(0);
    concord_store_story *s;
    while (list && (rc = concord_store_stories_next(it, &s)) == 1) {
        PyObject *t = Py_BuildValue("(NNNNnniN)", S_str(s->story), S_str(s->title), S_str(s->first),
                                    S_str(s->last), (Py_ssize_t)s->n_articles,
                                    (Py_ssize_t)s->n_sources, s->has_conflict, S_str(s->doc));
        concord_store_story_free(s);
        if (!t || PyList_Append(list, t) < 0)
            Py_CLEAR(list);
        Py_XDECREF(t);
    }
    if (list && rc < 0) {
        PyErr_SetString(S_error, concord_store_errmsg(st));
        Py_CLEAR(list);
    }
    concord_store_stories_end(it);
    return list;
}

/* The story document (JSON text) of a story id or of an article's story;
 * None when neither exists. */
static PyObject *S_store_story(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *cap;
    const char *id;
    if (!PyArg_ParseTuple(args, "Os:store_story", &cap, &id))
        return NULL;
    concord_store *st = S_store_of(cap);
    if (!st)
        return NULL;
    char *doc = NULL, *story = NULL;
    int rc = concord_store_get_story(st, id, &doc);
    if (rc == CONCORD_STORE_NOT_FOUND) {
        rc = concord_store_story_of(st, id, &story);
        if (rc == 0)
            rc = concord_store_get_story(st, story, &doc);
        free(story);
    }
    if (rc < 0) {
        PyErr_SetString(S_error, concord_store_errmsg(st));
        return NULL;
    }
    if (rc == CONCORD_STORE_NOT_FOUND || !doc)
        Py_RETURN_NONE;
    PyObject *r = S_str(doc);
    free(doc);
    return r;
}

static PyObject *S_store_count(PyObject *self, PyObject *cap)
{
    (void)self;
    concord_store *st = S_store_of(cap);
    size_t n_stories = 0, n_articles = 0;
    if (!st)
        return NULL;
    if (concord_store_count_stories(st, &n_stories) < 0 ||
        concord_store_count_articles(st, &n_articles) < 0) {
        PyErr_SetString(S_error, concord_store_errmsg(st));
        return NULL;
    }
    return Py_BuildValue("(nn)", (Py_ssize_t)n_stories, (Py_ssize_t)n_articles);
}

/* The current version of an article: its articles.jsonl record as a dict. */
static PyObject *S_store_article(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *cap;
    const char *id;
    if (!PyArg_ParseTuple(args, "Os:store_article", &cap, &id))
        return NULL;
    concord_store *st = S_store_of(cap);
    if (!st)
        return NULL;
    concord_article *a = NULL;
    concord_clean *c = NULL;
    int rc = concord_store_get_article(st, id, &a, &c);
    if (rc < 0) {
        PyErr_SetString(S_error, concord_store_errmsg(st));
        return NULL;
    }
    if (rc == CONCORD_STORE_NOT_FOUND || !a)
        Py_RETURN_NONE;
    PyObject *d;
    if (c) {
        d = S_article_dict(a, c);
        concord_clean_free(c);
    } else {
        d = Py_BuildValue("{s:N,s:N,s:N,s:N,s:N,s:N}", "id", S_str(a->id), "source",
                          S_str(a->source), "url", S_str(a->url), "date", S_str(a->date), "title",
                          S_str(a->title), "text", S_str(a->text));
    }
    concord_article_free(a);
    return d;
}

static PyObject *S_version(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyUnicode_FromString(concord_version());
}

static PyMethodDef S_methods[] = {
    {"version", S_version, METH_NOARGS, "version() -> the library's version, 'MAJOR.MINOR.PATCH'"},
    {"clean", (PyCFunction)(void (*)(void))S_clean, METH_VARARGS | METH_KEYWORDS,
     "clean(text, url=None, title=None, id=None, source=None, date=None, html=None) -> dict"},
    {"figures_json", S_figures, METH_VARARGS, "figures_json(text, title=None) -> JSON text"},
    {"quotes_json", S_quotes, METH_VARARGS, "quotes_json(text, title=None) -> JSON text"},
    {"analyze", (PyCFunction)(void (*)(void))S_analyze, METH_VARARGS | METH_KEYWORDS,
     "analyze(inputs, out=None, db=None, threads=0, report=True, add=False) -> stats dict"},
    {"store_open", S_store_open, METH_VARARGS, "store_open(path) -> store handle"},
    {"store_close", S_store_close, METH_O, "store_close(handle)"},
    {"store_stories", S_store_stories, METH_O, "store_stories(handle) -> list of tuples"},
    {"store_story", S_store_story, METH_VARARGS, "store_story(handle, id) -> JSON text or None"},
    {"store_article", S_store_article, METH_VARARGS, "store_article(handle, id) -> dict or None"},
    {"store_count", S_store_count, METH_O, "store_count(handle) -> (stories, articles)"},
    {NULL, NULL, 0, NULL}};

static void S_module_free(void *m)
{
    (void)m;
    concord_analyzer_free(S_analyzer);
    S_analyzer = NULL;
}

static struct PyModuleDef S_module = {PyModuleDef_HEAD_INIT,
                                      "concord._concord",
                                      "The C binding of libconcord (use the concord package).",
                                      -1,
                                      S_methods,
                                      NULL,
                                      NULL,
                                      NULL,
                                      S_module_free};

PyMODINIT_FUNC PyInit__concord(void);
PyMODINIT_FUNC PyInit__concord(void)
{
    PyObject *m = PyModule_Create(&S_module);
    if (!m)
        return NULL;
    for (int k = 0; k < K_COUNT; k++)
        if (!S_keys[k] && !(S_keys[k] = PyUnicode_InternFromString(S_key_names[k]))) {
            Py_DECREF(m);
            return NULL;
        }
    S_error = PyErr_NewException("concord.ConcordError", PyExc_RuntimeError, NULL);
    if (!S_error || PyModule_AddObject(m, "ConcordError", S_error) < 0) {
        Py_XDECREF(S_error);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(S_error);
    if (PyModule_AddIntConstant(m, "HAVE_HTML", S_HAVE_HTML) < 0 ||
        PyModule_AddStringConstant(m, "HEADER_VERSION", CONCORD_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
