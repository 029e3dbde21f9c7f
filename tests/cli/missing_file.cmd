$CONCORD dedup inputs/no-such-file.jsonl
