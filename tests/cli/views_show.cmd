# issue 10: `concord show` on a story of the example corpus (the protests in
# Lorvik, named by one of its articles), as text and as JSON
. inputs/examples_store.sh
$CONCORD show northpost-protests-0303 --db "$DB" | mask_ids; echo "show rc=${PIPESTATUS[0]}"
$CONCORD show northpost-protests-0303 --db "$DB" --json | mask_ids; echo "show --json rc=${PIPESTATUS[0]}"
