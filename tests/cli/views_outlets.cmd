# issue 10: `concord outlets` over the store of the example corpus, as a
# table and as JSON
. inputs/examples_store.sh
$CONCORD outlets --db "$DB"; echo "outlets rc=$?"
$CONCORD outlets --db "$DB" --json; echo "outlets --json rc=$?"
