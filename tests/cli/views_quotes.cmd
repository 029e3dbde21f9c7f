# issue 10: `concord quotes` on a story of the example corpus (the protests in
# Lorvik, named by one of its articles), as text and as JSON
. inputs/examples_store.sh
$CONCORD quotes northpost-protests-0303 --db "$DB" | mask_ids; echo "quotes rc=${PIPESTATUS[0]}"
$CONCORD quotes northpost-protests-0303 --db "$DB" --json | mask_ids; echo "quotes --json rc=${PIPESTATUS[0]}"
