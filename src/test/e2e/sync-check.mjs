// End-to-end check with the official client: a ~10k-row table syncs through ShapeSync, then a few hundred random
// inserts/updates/deletes are applied, and the client's materialized rows must equal SELECT * FROM the table.
//
//   node sync-check.mjs            env: SHAPESYNC_URL (e.g. http://localhost:3000), DATABASE_URL
//   optional env: ROWS (10000), OPS (300), SEED
// Exits 0 when equal, 1 with a diff otherwise. Prints figures as `figure: name=value`.
import { ShapeStream, Shape } from '@electric-sql/client'
import pg from 'pg'

const base = process.env.SHAPESYNC_URL
const dbUrl = process.env.DATABASE_URL
if (!base || !dbUrl) {
  console.error('SHAPESYNC_URL and DATABASE_URL are required')
  process.exit(2)
}
const ROWS = Number(process.env.ROWS ?? 10000)
const OPS = Number(process.env.OPS ?? 300)
let seed = Number(process.env.SEED ?? Date.now() % 2147483647)
console.log(`seed=${seed}`)
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
const pick = (n) => Math.floor(random() * n)

const table = `e2e_items_${Date.now().toString(36)}_${pick(1e6)}`
const db = new pg.Client({ connectionString: dbUrl })
await db.connect()
await db.query("SET TimeZone = 'UTC'")
await db.query(`CREATE TABLE ${table} (
  id int4 PRIMARY KEY, title text NOT NULL, qty int8, done bool, note text, tags text[], price numeric(10,2),
  at timestamptz)`)
await db.query(`INSERT INTO ${table}
  SELECT i, 'item ' || i, i * 1000000007::int8, i % 2 = 0, CASE WHEN i % 7 = 0 THEN NULL ELSE 'n"ote/' || i END,
         ARRAY['a' || i, 'b,c'], i / 3.0, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute'
  FROM generate_series(1, ${ROWS}) i`)

// Canonical text of a row as the database sees it, and as the client parsed it.
const dbRows = async () => {
  const r = await db.query(`SELECT id, title, qty::text AS qty, done, note, tags::text AS tags, price::text AS price,
                                   at::text AS at FROM ${table}`)
  return new Map(r.rows.map((x) => [String(x.id), canonical(x)]))
}
const canonical = (x) => JSON.stringify([String(x.id), x.title, x.qty === null ? null : String(x.qty), x.done,
  x.note, Array.isArray(x.tags) ? `{${x.tags.map((t) => (/[,"{} ]/.test(t) ? `"${t}"` : t)).join(',')}}` : x.tags,
  x.price, x.at])

const started = Date.now()
const stream = new ShapeStream({ url: `${base}/v1/shape`, params: { table } })
const shape = new Shape(stream)
let streamError = null
stream.subscribe(() => {}, (e) => { streamError = e })
const initial = await shape.rows
const seconds = (Date.now() - started) / 1000
console.log(`figure: initial_rows=${initial.length}`)
console.log(`figure: initial_sync_seconds=${seconds.toFixed(3)}`)
console.log(`figure: initial_sync_rows_per_second=${Math.round(initial.length / seconds)}`)
if (initial.length !== ROWS) fail(`initial sync delivered ${initial.length} rows, expected ${ROWS}`)

// Random workload: small transactions of inserts, updates (some changing the key) and deletes.
let nextId = ROWS + 1
let done = 0
while (done < OPS) {
  await db.query('BEGIN')
  const n = 1 + pick(3)
  for (let k = 0; k < n && done < OPS; k++, done++) {
    const id = 1 + pick(nextId)
    switch (pick(5)) {
      case 0:
        await db.query(`INSERT INTO ${table} (id, title, qty, done, note, tags) VALUES ($1, $2, $3, $4, $5, $6)`,
          [nextId++, `new ${done}`, pick(1e9), random() < 0.5, random() < 0.3 ? null : `n ${done}`, ['x', `y ${done}`]])
        break
      case 1:
        await db.query(`DELETE FROM ${table} WHERE id = $1`, [id])
        break
      case 2:
        await db.query(`UPDATE ${table} SET id = $2 WHERE id = $1`, [id, nextId++])
        break
      default:
        await db.query(`UPDATE ${table} SET title = title || '!', note = $2, qty = qty + 1, price = $3 WHERE id = $1`,
          [id, random() < 0.2 ? null : `upd ${done}`, (random() * 1000).toFixed(2)])
    }
  }
  await db.query(pick(10) === 0 ? 'ROLLBACK' : 'COMMIT')
}

// Wait until the client's rows equal the table (bounded).
const deadline = Date.now() + 60000
let diff = []
while (Date.now() < deadline) {
  if (streamError) fail(`stream error: ${streamError}`)
  const expected = await dbRows()
  const actual = new Map([...shape.currentValue.values()].map((x) => [String(x.id), canonical(x)]))
  diff = []
  for (const [k, v] of expected) if (actual.get(k) !== v) diff.push(`id ${k}: expected ${v} got ${actual.get(k)}`)
  for (const k of actual.keys()) if (!expected.has(k)) diff.push(`id ${k}: not in the table, still in the client`)
  if (diff.length === 0) {
    console.log(`figure: final_rows=${expected.size}`)
    console.log(`figure: ops_applied=${OPS}`)
    console.log('OK: the client matches the table')
    stream.unsubscribeAll()
    await db.query(`DROP TABLE ${table}`)
    await db.end()
    process.exit(0)
  }
  await new Promise((r) => setTimeout(r, 250))
}
fail(`client differs from the table in ${diff.length} rows:\n${diff.slice(0, 20).join('\n')}`)

function fail(message) {
  console.error(`FAIL: ${message}`)
  process.exit(1)
}
