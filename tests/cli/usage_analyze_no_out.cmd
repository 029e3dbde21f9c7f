$CONCORD analyze inputs/mixed.jsonl
