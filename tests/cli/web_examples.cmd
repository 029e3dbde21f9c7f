# pages and a WARC file (examples/web): clean prints the extracted articles (EXPECTED.md is skipped with a message, rc 3);
# analyze takes the folder and the WARC file alone
$CONCORD clean ../../examples/web; echo "clean rc=$?"
$CONCORD analyze ../../examples/web -o "$TMPOUT/pages" --quiet --no-report; echo "analyze folder rc=$?"
$CONCORD stories --db "$TMPOUT/pages/concord.db" --json | sed 's/"story":"s[0-9a-f]*"/"story":"ID"/'
$CONCORD analyze ../../examples/web/crawl.warc.gz -o "$TMPOUT/warc" --quiet --no-report; echo "analyze warc rc=$?"
$CONCORD stories --db "$TMPOUT/warc/concord.db" --json | sed 's/"story":"s[0-9a-f]*"/"story":"ID"/'
cut -c1-160 "$TMPOUT/warc/articles.jsonl"
