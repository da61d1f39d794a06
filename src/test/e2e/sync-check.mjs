// End-to-end check with the official client: a ~10k-row table syncs through ShapeSync, then a few hundred random
// inserts/updates/deletes are applied, and the client's materialized rows must equal SELECT * FROM the table.
//
//   node sync-check.mjs            env: SHAPESYNC_URL (e.g. http://localhost:3000), DATABASE_URL
//   optional env: ROWS (10000), OPS (300), SEED
// Exits 0 when equal, 1 with a diff otherwise. Prints figures as `figure: name=value`.
import { ShapeStream, Shape } from '@electric-sql/client'
import pg from 'pg'
import { awaitEqual, createItems, seeded, workload } from './items.mjs'

const base = process.env.SHAPESYNC_URL
const dbUrl = process.env.DATABASE_URL
if (!base || !dbUrl) {
  console.error('SHAPESYNC_URL and DATABASE_URL are required')
  process.exit(2)
}
const ROWS = Number(process.env.ROWS ?? 10000)
const OPS = Number(process.env.OPS ?? 300)
const SEED = Number(process.env.SEED ?? Date.now() % 2147483647)
console.log(`seed=${SEED}`)
const rng = seeded(SEED)
const { pick } = rng

const table = `e2e_items_${Date.now().toString(36)}_${pick(1e6)}`
const db = new pg.Client({ connectionString: dbUrl })
await db.connect()
await createItems(db, table, ROWS)

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
await workload(db, table, rng, { nextId: ROWS + 1 }, OPS)
await awaitEqual(db, table, shape, () => streamError, 'final', fail)
console.log(`figure: ops_applied=${OPS}`)
console.log('OK: the client matches the table')
stream.unsubscribeAll()
await db.query(`DROP TABLE ${table}`)
await db.end()
process.exit(0)

function fail(message) {
  console.error(`FAIL: ${message}`)
  process.exit(1)
}
