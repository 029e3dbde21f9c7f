# Sourced by the story-view golden tests: the store of examples/corpus,
# built once per golden run in $TMPOUT/examples (analyze's messages about
# the corpus's deliberately broken files are not part of these tests).
DB="$TMPOUT/examples/concord.db"
if [ ! -f "$DB" ]; then
  $CONCORD analyze ../../examples/corpus -o "$TMPOUT/examples" --quiet --no-report >/dev/null 2>&1
fi
# Story ids hash the story's first member; masked so that a change in
# grouping shows where the views differ, not in every id.
mask_ids() { sed -E 's/\bs[0-9a-f]{12}\b/sID/g'; }
