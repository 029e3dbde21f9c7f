# issue 16: a wire report copied by a local outlet, its quote repeated in a later story:
# the outlet network, and everything the mayor is quoted saying across the store
$CONCORD analyze inputs/quotes_outlets.jsonl -o "$TMPOUT/q" --quiet --no-report; echo "analyze rc=$?"
$CONCORD outlets --db "$TMPOUT/q/concord.db"; echo "outlets rc=$?"
$CONCORD outlets --db "$TMPOUT/q/concord.db" --json
$CONCORD quotes --speaker Kovac --db "$TMPOUT/q/concord.db" | sed 's/story s[0-9a-f]*/story ID/'; echo "quotes rc=${PIPESTATUS[0]}"
$CONCORD quotes --speaker "Nobody Here" --db "$TMPOUT/q/concord.db"; echo "quotes rc=$?"
