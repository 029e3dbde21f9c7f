$CONCORD stories --dbx x.db
