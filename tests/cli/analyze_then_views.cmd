# analyze, then ask the store for a story that does not exist and for the list
$CONCORD analyze inputs/mixed.jsonl -o "$TMPOUT/a" --quiet --no-report; echo "analyze rc=$?"
$CONCORD stories --db "$TMPOUT/a/concord.db" --json | sed 's/"story":"s[0-9a-f]*"/"story":"ID"/'
$CONCORD figures nope --db "$TMPOUT/a/concord.db"; echo "figures rc=$?"
