# issue 10: `concord quotes --speaker` over the store of the example corpus:
# everything the (fictional) minister Horvalin is quoted saying, as text and
# as JSON
. inputs/examples_store.sh
$CONCORD quotes --speaker Horvalin --db "$DB" | mask_ids; echo "speaker rc=${PIPESTATUS[0]}"
$CONCORD quotes --speaker Horvalin --db "$DB" --json | mask_ids; echo "speaker --json rc=${PIPESTATUS[0]}"
