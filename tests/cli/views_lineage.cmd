# issue 10: `concord lineage` on a story of the example corpus (the protests in
# Lorvik, named by one of its articles), as text and as JSON
. inputs/examples_store.sh
$CONCORD lineage northpost-protests-0303 --db "$DB" | mask_ids; echo "lineage rc=${PIPESTATUS[0]}"
$CONCORD lineage northpost-protests-0303 --db "$DB" --json | mask_ids; echo "lineage --json rc=${PIPESTATUS[0]}"
