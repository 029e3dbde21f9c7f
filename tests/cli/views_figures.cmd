# issue 10: `concord figures` on a story of the example corpus (the protests in
# Lorvik, named by one of its articles), as text and as JSON
. inputs/examples_store.sh
$CONCORD figures northpost-protests-0303 --db "$DB" | mask_ids; echo "figures rc=${PIPESTATUS[0]}"
$CONCORD figures northpost-protests-0303 --db "$DB" --json | mask_ids; echo "figures --json rc=${PIPESTATUS[0]}"
