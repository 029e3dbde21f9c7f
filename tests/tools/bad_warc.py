#!/usr/bin/env python3
"""Broken WARC files for tests/web_input.sh (issue 11's bad inputs).

Usage: bad_warc.py DIR
Writes DIR/lying.warc: six response records: 1 sound; 2 with a Content-Length
40 bytes too short; 3 labelled WARC/2.0; 4 with a Content-Length 30 bytes too
long; 5 sound; 6 with a Content-Length past the end of the file.
Writes DIR/midcut.warc.gz: four records, a gzip member each (as CC-NEWS), the
second member cut in half in the middle of the file."""
import sys, gzip, uuid
def story(k):
    return ("<html><body><article><h1>Story %d</h1>" % k + "".join(
        "<p>Story number %d tells, in paragraph %d, how the harbour crane failed on Monday, "
        "and why the port authority closed the quay until the inspectors finish their report.</p>" % (k, i)
        for i in range(4)) + "</article></body></html>").encode()
def record(k, version="1.1", cl_delta=0, cl_abs=None):
    body = story(k)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    cl = cl_abs if cl_abs is not None else len(http) + cl_delta
    head = ("WARC/%s\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
            "WARC-Date: 2024-03-0%dT10:00:00Z\r\nWARC-Target-URI: https://news.example/story-%d\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (version, uuid.UUID(int=k), k, k, cl)).encode()
    return head + http + b"\r\n\r\n"
out = sys.argv[1]
# lying.warc: 1 ok, 2 Content-Length 40 too short, 3 WARC/2.0, 4 Content-Length 30 too long, 5 ok, 6 past the end
recs = [record(1), record(2, cl_delta=-40), record(3, version="2.0"), record(4, cl_delta=30), record(5),
        record(6, cl_abs=100000)]
open(out + "/lying.warc", "wb").write(b"".join(recs))
# cut.warc.gz: a gzip member per record; the second member loses its second half
members = [gzip.compress(record(k)) for k in range(1, 5)]
m = members[1]
members[1] = m[:len(m) // 2]
open(out + "/midcut.warc.gz", "wb").write(b"".join(members))
