# exact duplicates a1/a2; a truncated line (3) and a non-object line (5) are reported and skipped
$CONCORD dedup inputs/mixed.jsonl
