$CONCORD frobnicate
