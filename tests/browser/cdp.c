/* cdp.c: a tiny Chrome DevTools Protocol client for the report's browser test
 * (tests/report_browser.sh).  Starts headless chromium with
 * --remote-debugging-pipe (messages are NUL-separated JSON on fds 3 and 4, so
 * no WebSocket and no network), opens one page and runs a script of steps read
 * from stdin, one a line:
 *
 *   size W H        viewport size in CSS pixels
 *   open URL        navigate and wait for the load event
 *   preload JS      runs JS in every page before the page's own scripts
 *   eval JS         evaluate an expression; prints its value on one line
 *                   (strings as they are, anything else as JSON)
 *   type TEXT       types TEXT into the focused element (Input.insertText)
 *   key NAME        presses a key (e.g. Backspace)
 *   wait MS         waits, still collecting console messages
 *   shot FILE       PNG screenshot of the viewport
 *   full FILE       PNG screenshot of the whole page
 *
 * Every console message, uncaught exception and browser log entry (CSP
 * violations, failed loads) is printed on stderr; at the end the client prints
 * "console-errors N" (messages of level error or warning, and exceptions) and
 * exits 0 when N is 0, 3 otherwise, 2 when chromium or a step failed.
 *
 * Build: cc -std=c11 -Iinclude tests/browser/cdp.c BUILD/libconcord.a + libs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "concord/base.h"
#include "concord/json.h"

static int S_to = -1, S_from = -1;
static pid_t S_pid = -1;
static long S_next_id = 1;
static char *S_session = NULL;
static size_t S_errors = 0;
static concord_buf S_in; /* bytes read but not yet split */

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void S_die(const char *msg)
{
    fprintf(stderr, "cdp: %s\n", msg);
    if (S_pid > 0) {
        kill(S_pid, SIGKILL);
        waitpid(S_pid, NULL, 0);
    }
    exit(2);
}

/* Sends {"id":N,"method":M,"params":P[,"sessionId":S]}; returns N. */
static long S_send(const char *method, const char *params, int to_page)
{
    concord_buf b;
    concord_buf_init(&b);
    long id = S_next_id++;
    concord_buf_printf(&b, "{\"id\":%ld,\"method\":", id);
    concord_json_str(&b, method);
    concord_buf_printf(&b, ",\"params\":%s", params ? params : "{}");
    if (to_page && S_session) {
        concord_buf_adds(&b, ",\"sessionId\":");
        concord_json_str(&b, S_session);
    }
    concord_buf_addc(&b, '}');
    concord_buf_add(&b, "", 1); /* the NUL separator */
    size_t off = 0;
    while (off < b.len) {
        ssize_t w = write(S_to, b.data + off, b.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            S_die("cannot write to chromium");
        off += (size_t)w;
    }
    concord_buf_free(&b);
    return id;
}

static void S_event(const concord_json *m)
{
    const char *method = concord_json_get_str(m, "method");
    const concord_json *p = concord_json_get(m, "params");
    if (!method || !p)
        return;
    if (!strcmp(method, "Runtime.consoleAPICalled")) {
        const char *type = concord_json_get_str(p, "type");
        const concord_json *args = concord_json_get(p, "args");
        fprintf(stderr, "console %s:", type ? type : "?");
        for (size_t i = 0; args && i < args->len; i++) {
            const char *v = concord_json_get_str(args->items[i], "value");
            const char *d = concord_json_get_str(args->items[i], "description");
            fprintf(stderr, " %s", v ? v : d ? d : "?");
        }
        fputc('\n', stderr);
        if (type && (!strcmp(type, "error") || !strcmp(type, "warning") || !strcmp(type, "assert")))
            S_errors++;
    } else if (!strcmp(method, "Runtime.exceptionThrown")) {
        const concord_json *d = concord_json_get(p, "exceptionDetails");
        const concord_json *ex = d ? concord_json_get(d, "exception") : NULL;
        const char *desc = ex ? concord_json_get_str(ex, "description") : NULL;
        fprintf(stderr, "exception: %s\n",
                desc                                   ? desc
                : d && concord_json_get_str(d, "text") ? concord_json_get_str(d, "text")
                                                       : "?");
        S_errors++;
    } else if (!strcmp(method, "Log.entryAdded")) {
        const concord_json *e = concord_json_get(p, "entry");
        const char *level = e ? concord_json_get_str(e, "level") : NULL;
        const char *text = e ? concord_json_get_str(e, "text") : NULL;
        fprintf(stderr, "log %s: %s\n", level ? level : "?", text ? text : "?");
        if (level && (!strcmp(level, "error") || !strcmp(level, "warning")))
            S_errors++;
    }
}

/* Next message within the deadline (caller frees), NULL on timeout. */
static concord_json *S_read(double deadline)
{
    for (;;) {
        char *nul = S_in.len ? memchr(S_in.data, 0, S_in.len) : NULL;
        if (nul) {
            size_t n = (size_t)(nul - S_in.data);
            concord_json *m = concord_json_parse(S_in.data, n, NULL, NULL);
            memmove(S_in.data, nul + 1, S_in.len - n - 1);
            S_in.len -= n + 1;
            if (m)
                return m;
            continue;
        }
        double left = deadline - S_now();
        if (left <= 0)
            return NULL;
        struct pollfd pfd = {S_from, POLLIN, 0};
        int r = poll(&pfd, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        char chunk[65536];
        ssize_t got = read(S_from, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            S_die("chromium closed the pipe");
        concord_buf_add(&S_in, chunk, (size_t)got);
    }
}

/* Waits for the reply to id (or, id 0, for event `event`), handling events on
 * the way; returns it (caller frees) or dies after timeout seconds. */
static concord_json *S_wait(long id, const char *event, double timeout)
{
    double deadline = S_now() + timeout;
    for (;;) {
        concord_json *m = S_read(deadline);
        if (!m) {
            fprintf(stderr, "cdp: timed out waiting for %s\n", event ? event : "a reply");
            S_die("timeout");
        }
        const concord_json *mid = concord_json_get(m, "id");
        if (id && mid && mid->type == CONCORD_JSON_NUMBER && (long)mid->number == id) {
            const concord_json *err = concord_json_get(m, "error");
            if (err) {
                const char *msg = concord_json_get_str(err, "message");
                fprintf(stderr, "cdp: error: %s\n", msg ? msg : "?");
                S_die("protocol error");
            }
            return m;
        }
        S_event(m);
        const char *method = concord_json_get_str(m, "method");
        if (!id && event && method && !strcmp(method, event))
            return m;
        concord_json_free(m);
    }
}

static concord_json *S_call(const char *method, const char *params, int to_page)
{
    return S_wait(S_send(method, params, to_page), NULL, 60);
}

static void S_pump(double seconds)
{
    double deadline = S_now() + seconds;
    concord_json *m;
    while ((m = S_read(deadline)) != NULL) {
        S_event(m);
        concord_json_free(m);
    }
}

static int S_b64(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static void S_screenshot(const char *file, int full)
{
    concord_json *r = S_call(
        "Page.captureScreenshot",
        full ? "{\"format\":\"png\",\"captureBeyondViewport\":true}" : "{\"format\":\"png\"}", 1);
    const concord_json *res = concord_json_get(r, "result");
    const char *data = res ? concord_json_get_str(res, "data") : NULL;
    if (!data)
        S_die("no screenshot data");
    FILE *f = fopen(file, "wb");
    if (!f)
        S_die("cannot write the screenshot");
    unsigned acc = 0;
    int bits = 0;
    for (const char *p = data; *p; p++) {
        int v = S_b64((unsigned char)*p);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            fputc((int)((acc >> bits) & 0xff), f);
        }
    }
    fclose(f);
    concord_json_free(r);
}

static void S_print_value(const concord_json *v)
{
    if (!v) {
        printf("undefined\n");
        return;
    }
    switch (v->type) {
        case CONCORD_JSON_STRING: fwrite(v->str, 1, v->len, stdout); break;
        case CONCORD_JSON_NUMBER: fputs(v->str, stdout); break;
        case CONCORD_JSON_TRUE: fputs("true", stdout); break;
        case CONCORD_JSON_FALSE: fputs("false", stdout); break;
        case CONCORD_JSON_NULL: fputs("null", stdout); break;
        default: fputs("[object]", stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: cdp CHROMIUM USER_DATA_DIR < steps\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child))
        S_die("pipe");
    char udd[4096];
    snprintf(udd, sizeof udd, "--user-data-dir=%s", argv[2]);
    S_pid = fork();
    if (S_pid < 0)
        S_die("fork");
    if (S_pid == 0) {
        /* fds 3 and 4 must be the pipe ends; move them out of the way first */
        int in = fcntl(to_child[0], F_DUPFD, 10), out = fcntl(from_child[1], F_DUPFD, 10);
        dup2(in, 3);
        dup2(out, 4);
        for (int fd = 5; fd < 64; fd++)
            close(fd);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0 && !getenv("CDP_VERBOSE"))
            dup2(devnull, 2), dup2(devnull, 1);
        execl(argv[1], argv[1], "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
              "--hide-scrollbars", "--remote-debugging-pipe", udd, "about:blank", (char *)NULL);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    S_to = to_child[1];
    S_from = from_child[0];
    concord_buf_init(&S_in);

    concord_json *r = S_call("Target.createTarget", "{\"url\":\"about:blank\"}", 0);
    const concord_json *res = concord_json_get(r, "result");
    const char *tid = res ? concord_json_get_str(res, "targetId") : NULL;
    if (!tid)
        S_die("no page target");
    concord_buf p;
    concord_buf_init(&p);
    concord_buf_adds(&p, "{\"flatten\":true,\"targetId\":");
    concord_json_str(&p, tid);
    concord_buf_addc(&p, '}');
    concord_json_free(r);
    r = S_call("Target.attachToTarget", p.data, 0);
    res = concord_json_get(r, "result");
    const char *sid = res ? concord_json_get_str(res, "sessionId") : NULL;
    if (!sid)
        S_die("cannot attach to the page");
    S_session = concord_xstrdup(sid);
    concord_json_free(r);
    concord_json_free(S_call("Page.enable", NULL, 1));
    concord_json_free(S_call("Runtime.enable", NULL, 1));
    concord_json_free(S_call("Log.enable", NULL, 1));

    char line[1 << 16];
    int failed = 0;
    while (!failed && fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n || line[0] == '#')
            continue;
        char *arg = strchr(line, ' ');
        if (arg)
            *arg++ = 0;
        else
            arg = line + n;
        concord_buf_clear(&p);
        if (!strcmp(line, "size")) {
            int w = 1280, h = 900;
            sscanf(arg, "%d %d", &w, &h);
            concord_buf_printf(
                &p, "{\"width\":%d,\"height\":%d,\"deviceScaleFactor\":1,\"mobile\":false}", w, h);
            concord_json_free(S_call("Emulation.setDeviceMetricsOverride", p.data, 1));
        } else if (!strcmp(line, "open")) {
            concord_buf_adds(&p, "{\"url\":");
            concord_json_str(&p, arg);
            concord_buf_addc(&p, '}');
            double t0 = S_now();
            r = S_call("Page.navigate", p.data, 1);
            res = concord_json_get(r, "result");
            if (res && concord_json_get_str(res, "errorText")) {
                fprintf(stderr, "cdp: cannot open %s: %s\n", arg,
                        concord_json_get_str(res, "errorText"));
                failed = 1;
            } else if (res && concord_json_get_str(res, "loaderId")) {
                /* a new document (a same-document move to a #fragment has no loader) */
                concord_json_free(S_wait(0, "Page.loadEventFired", 120));
            }
            concord_json_free(r);
            fprintf(stderr, "cdp: loaded %s in %.3f s\n", arg, S_now() - t0);
            printf("load-seconds %.3f\n", S_now() - t0);
            fflush(stdout);
        } else if (!strcmp(line, "preload")) {
            concord_buf_adds(&p, "{\"source\":");
            concord_json_str(&p, arg);
            concord_buf_addc(&p, '}');
            concord_json_free(S_call("Page.addScriptToEvaluateOnNewDocument", p.data, 1));
        } else if (!strcmp(line, "eval")) {
            concord_buf_adds(&p, "{\"returnByValue\":true,\"awaitPromise\":true,\"expression\":");
            concord_json_str(&p, arg);
            concord_buf_addc(&p, '}');
            r = S_call("Runtime.evaluate", p.data, 1);
            res = concord_json_get(r, "result");
            if (res && concord_json_get(res, "exceptionDetails")) {
                fprintf(stderr, "cdp: eval threw: %s\n", arg);
                failed = 1;
            }
            S_print_value(res ? concord_json_get(concord_json_get(res, "result"), "value") : NULL);
            concord_json_free(r);
        } else if (!strcmp(line, "type")) {
            concord_buf_adds(&p, "{\"text\":");
            concord_json_str(&p, arg);
            concord_buf_addc(&p, '}');
            concord_json_free(S_call("Input.insertText", p.data, 1));
        } else if (!strcmp(line, "key")) {
            int code = !strcmp(arg, "Backspace") ? 8 : !strcmp(arg, "Enter") ? 13 : 0;
            for (int up = 0; up < 2; up++) {
                concord_buf_clear(&p);
                concord_buf_printf(&p, "{\"type\":\"%s\",\"windowsVirtualKeyCode\":%d,\"key\":",
                                   up ? "keyUp" : "rawKeyDown", code);
                concord_json_str(&p, arg);
                concord_buf_addc(&p, '}');
                concord_json_free(S_call("Input.dispatchKeyEvent", p.data, 1));
            }
        } else if (!strcmp(line, "wait")) {
            S_pump(atof(arg) / 1000.0);
        } else if (!strcmp(line, "shot") || !strcmp(line, "full")) {
            S_screenshot(arg, !strcmp(line, "full"));
        } else {
            fprintf(stderr, "cdp: unknown step %s\n", line);
            failed = 1;
        }
    }
    S_pump(0.2);
    S_send("Browser.close", NULL, 0);
    close(S_to);
    int status = 0;
    double stop = S_now() + 10;
    while (waitpid(S_pid, &status, WNOHANG) == 0) {
        if (S_now() > stop) {
            kill(S_pid, SIGKILL);
            waitpid(S_pid, &status, 0);
            break;
        }
        usleep(50000);
    }
    printf("console-errors %zu\n", S_errors);
    concord_buf_free(&p);
    concord_buf_free(&S_in);
    free(S_session);
    return failed ? 2 : S_errors ? 3 : 0;
}
