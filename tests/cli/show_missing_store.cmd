$CONCORD show s000 --db inputs/no-such.db
