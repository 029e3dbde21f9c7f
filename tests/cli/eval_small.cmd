printf '{"id":"1","story":"x"}\n{"id":"2","story":"x"}\n{"id":"3","story":"y"}\n' > "$TMPOUT/gold.jsonl"
printf '{"story":"s1","articles":[{"id":"1"},{"id":"2"},{"id":"3"}]}\n' > "$TMPOUT/stories.jsonl"
$CONCORD eval --key story "$TMPOUT/gold.jsonl" "$TMPOUT/stories.jsonl"
