$CONCORD --help
