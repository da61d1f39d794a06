// End-to-end check of subset snapshots with the official client: a changes_only shape with a where clause,
// requestSnapshot (GET) and fetchSnapshot (POST) with their own where, params, order and limit; then live changes
// that touch snapshotted rows must update them, and the client's rows must equal what Postgres says.
//
//   node subset-check.mjs          env: SHAPESYNC_URL, DATABASE_URL
import { ShapeStream, Shape } from '@electric-sql/client'
import pg from 'pg'

const base = process.env.SHAPESYNC_URL
const dbUrl = process.env.DATABASE_URL
if (!base || !dbUrl) {
  console.error('SHAPESYNC_URL and DATABASE_URL are required')
  process.exit(2)
}
const table = `e2e_subset_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
const db = new pg.Client({ connectionString: dbUrl })
await db.connect()
await db.query(`CREATE TABLE ${table} (id int4 PRIMARY KEY, project int4 NOT NULL, title text NOT NULL, open bool)`)
await db.query(`INSERT INTO ${table} SELECT i, i % 5, 'task ' || i, i % 3 <> 0 FROM generate_series(1, 500) i`)

const stream = new ShapeStream({
  url: `${base}/v1/shape`,
  params: { table, where: 'open' },
  log: 'changes_only',
})
const shape = new Shape(stream)
let streamError = null
stream.subscribe(() => {}, (e) => { streamError = e })
await shape.rows
if (shape.currentValue.size !== 0) fail(`changes_only started with ${shape.currentValue.size} rows`)

// GET subset injected into the shape: open tasks of project 2, lowest ids first, 7 of them
await stream.requestSnapshot({ where: 'project = $1', params: { 1: '2' }, orderBy: 'id', limit: 7 })
const ids = [...shape.currentValue.values()].map((r) => r.id).sort((a, b) => a - b)
const want = (await db.query(`SELECT id FROM ${table} WHERE open AND project = 2 ORDER BY id LIMIT 7`)).rows.map((r) => r.id)
if (JSON.stringify(ids) !== JSON.stringify(want)) fail(`requestSnapshot gave ${ids}, expected ${want}`)

// POST subset fetched without injecting
const fetched = await stream.fetchSnapshot({ where: 'title LIKE $1', params: { 1: 'task 1%' }, orderBy: 'id DESC', limit: 3, method: 'POST' })
const fetchedIds = fetched.data.map((m) => m.value.id)
const wantFetched = (await db.query(`SELECT id FROM ${table} WHERE open AND title LIKE 'task 1%' ORDER BY id DESC LIMIT 3`)).rows.map((r) => r.id)
if (JSON.stringify(fetchedIds) !== JSON.stringify(wantFetched)) fail(`fetchSnapshot gave ${fetchedIds}, expected ${wantFetched}`)
if (!fetched.metadata || fetched.metadata.xmax === undefined) fail(`fetchSnapshot metadata missing: ${JSON.stringify(fetched.metadata)}`)

// live: an update of a snapshotted row arrives; a row moving out of `open` is deleted
await db.query(`UPDATE ${table} SET title = 'renamed' WHERE id = $1`, [want[0]])
await db.query(`UPDATE ${table} SET open = false WHERE id = $1`, [want[1]])
const deadline = Date.now() + 30000
while (Date.now() < deadline) {
  if (streamError) fail(`stream error: ${streamError}`)
  const first = shape.currentValue.get(`"public"."${table}"/"${want[0]}"`)
  const second = shape.currentValue.get(`"public"."${table}"/"${want[1]}"`)
  if (first && first.title === 'renamed' && second === undefined) {
    console.log(`figure: subset_rows=${want.length} fetched_rows=${fetchedIds.length}`)
    console.log('OK: subset snapshots match Postgres')
    stream.unsubscribeAll()
    await db.query(`DROP TABLE ${table}`)
    await db.end()
    process.exit(0)
  }
  await new Promise((r) => setTimeout(r, 200))
}
fail(`live changes to snapshotted rows did not arrive: ${JSON.stringify([...shape.currentValue.entries()].slice(0, 3))}`)

function fail(message) {
  console.error(`FAIL: ${message}`)
  process.exit(1)
}
