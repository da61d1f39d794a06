#!/usr/bin/env bash
# Regenerates the pgoutput (proto_version 1) fixtures in this directory from a real Postgres 15+.
# Assumes a running server with wal_level=logical reachable through the PG* environment variables
# (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE); the user must be allowed to create slots.
# Usage: ./capture.sh [output-dir]   (default: the directory holding this script)
#
# File format: one pgoutput message per line as lower-case hex. Before each message a comment line
#   # lsn=<X/X> xid=<xid> tag=<c>
# carries the lsn and xid columns that pg_logical_slot_get_binary_changes() reported for it; they
# are independent of the message bytes, so tests can check the decoder against them.
# Lines "# emitted-lsn=<X/X>" record what pg_logical_emit_message() returned.
set -euo pipefail
OUT=${1:-$(cd "$(dirname "$0")" && pwd)}
SLOT=shapesync_fixture
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -At)
# The SQL decoding functions read WAL only up to the flushed position: make every commit flushed.
export PGOPTIONS="${PGOPTIONS:-} -c synchronous_commit=on"

sql() { "${PSQL[@]}" -c "$1"; }

# Drains the slot into $OUT/$1.hex with a header comment $2.
drain() {
  local file="$OUT/$1.hex"
  { echo "# $2"
    echo "# captured from PostgreSQL $(sql 'SHOW server_version') by capture.sh, proto_version 1"
    "${PSQL[@]}" -F ' ' -c "SELECT lsn, xid, encode(data, 'hex') FROM pg_logical_slot_get_binary_changes(
        '$SLOT', NULL, NULL, 'proto_version', '1', 'publication_names', 'shapesync_pub', 'messages', 'true')" |
      while read -r lsn xid hex; do
        printf '# lsn=%s xid=%s tag=%s\n%s\n' "$lsn" "$xid" "$(printf '%s' "${hex:0:2}" | xxd -r -p)" "$hex"
      done
    [[ -n "${EMITTED:-}" ]] && printf '%s\n' "$EMITTED"
  } > "$file"
  EMITTED=
  echo "wrote $file"
}
EMITTED=

"${PSQL[@]}" <<'SQL'
SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'shapesync_fixture';
SELECT pg_replication_origin_drop('shapesync_origin') FROM pg_replication_origin WHERE roname = 'shapesync_origin';
DROP PUBLICATION IF EXISTS shapesync_pub;
DROP SCHEMA IF EXISTS fx CASCADE;
CREATE SCHEMA fx;
CREATE TYPE fx.mood AS ENUM ('sad', 'ok', 'happy');
-- identity DEFAULT (primary key), enum and varchar(20) (typmod) columns
CREATE TABLE fx.items (id int PRIMARY KEY, name varchar(20), mood fx.mood, note text, price numeric(8, 2));
-- identity FULL
CREATE TABLE fx.items_full (id int PRIMARY KEY, name text, qty bigint);
ALTER TABLE fx.items_full REPLICA IDENTITY FULL;
-- out-of-line TOAST: identity DEFAULT and FULL
CREATE TABLE fx.docs (id int PRIMARY KEY, title text, body text);
CREATE TABLE fx.docs_full (id int PRIMARY KEY, title text, body text);
ALTER TABLE fx.docs_full REPLICA IDENTITY FULL;
CREATE PUBLICATION shapesync_pub FOR TABLE fx.items, fx.items_full, fx.docs, fx.docs_full;
SELECT 'slot ' || lsn FROM pg_create_logical_replication_slot('shapesync_fixture', 'pgoutput');
SQL

sql "INSERT INTO fx.items VALUES (1, 'grüße ☃', 'happy', 'first', 12.50), (2, NULL, NULL, NULL, NULL)"
drain insert "Insert two rows into fx.items (identity DEFAULT, enum column): one full, one with nulls"

sql "UPDATE fx.items SET note = 'second', mood = 'ok' WHERE id = 1"
drain update-default "Update a non-key column of fx.items (identity DEFAULT): no old tuple"

sql "UPDATE fx.items SET id = 10 WHERE id = 1"
drain update-key "Update the primary key of fx.items (identity DEFAULT): 'K' old tuple"

sql "DELETE FROM fx.items WHERE id = 2"
drain delete-default "Delete from fx.items (identity DEFAULT): 'K' old tuple"

sql "INSERT INTO fx.items_full VALUES (1, 'one', 100), (2, 'two', NULL)"
drain insert-full "Insert two rows into fx.items_full (identity FULL)"

sql "UPDATE fx.items_full SET qty = -9223372036854775808 WHERE id = 1"
drain update-full "Update fx.items_full (identity FULL): 'O' old tuple"

sql "DELETE FROM fx.items_full WHERE id = 2"
drain delete-full "Delete from fx.items_full (identity FULL): 'O' old tuple"

# md5 chains are incompressible, 100 x 32 = 3200 bytes > TOAST threshold: stored out of line
BIG="(SELECT string_agg(md5(i::text), '') FROM generate_series(1, 100) i)"
sql "INSERT INTO fx.docs VALUES (1, 'draft', $BIG); INSERT INTO fx.docs_full VALUES (1, 'draft', $BIG)"
"${PSQL[@]}" -c "SELECT count(*) FROM pg_logical_slot_get_binary_changes('$SLOT', NULL, NULL,
    'proto_version', '1', 'publication_names', 'shapesync_pub')" > /dev/null   # skip the big inserts

sql "UPDATE fx.docs SET title = 'final' WHERE id = 1"
drain update-toast "Update fx.docs (identity DEFAULT) leaving the out-of-line body unchanged: 'u' column"

sql "UPDATE fx.docs_full SET title = 'final' WHERE id = 1"
drain update-toast-full "Update fx.docs_full (identity FULL) leaving the out-of-line body unchanged: 'O' old tuple has it, new tuple 'u'"

sql "TRUNCATE fx.items, fx.items_full RESTART IDENTITY CASCADE"
drain truncate "TRUNCATE fx.items, fx.items_full RESTART IDENTITY CASCADE (options 3)"

sql "TRUNCATE fx.docs"
drain truncate-plain "TRUNCATE fx.docs (options 0)"

EMITTED="# emitted-lsn=$(sql "SELECT pg_logical_emit_message(false, 'shapesync', 'hello non-tx')")"
drain message-nontx "Non-transactional pg_logical_emit_message(false, 'shapesync', 'hello non-tx')"

EMITTED="# emitted-lsn=$("${PSQL[@]}" <<'SQL'
BEGIN;
INSERT INTO fx.items VALUES (3, 'three', 'sad', NULL, 0);
SELECT pg_logical_emit_message(true, 'shapesync', '\x00ff01'::bytea);
COMMIT;
SQL
)"
drain message-tx "Transaction with an insert and a transactional pg_logical_emit_message(true, 'shapesync', '\\x00ff01')"

"${PSQL[@]}" <<'SQL'
SELECT pg_replication_origin_create('shapesync_origin') IS NOT NULL;
SELECT pg_replication_origin_session_setup('shapesync_origin');
BEGIN;
SELECT pg_replication_origin_xact_setup('1/2345ABCD', '2024-01-02 03:04:05+00');
INSERT INTO fx.items VALUES (4, 'four', 'ok', 'from origin', 4.00);
COMMIT;
SELECT pg_replication_origin_session_reset();
SQL
drain origin "Insert in a transaction replayed through replication origin 'shapesync_origin' (origin lsn 1/2345ABCD)"

sql "SELECT pg_drop_replication_slot('$SLOT')"
sql "SELECT pg_replication_origin_drop('shapesync_origin')"
sql "DROP PUBLICATION shapesync_pub; DROP SCHEMA fx CASCADE"
