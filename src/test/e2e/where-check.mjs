// End-to-end check of where clauses with the official client: several shapes with where clauses, params, column
// lists and replica modes over one table; random updates move rows in and out of them (and change keys); at the
// end every shape's rows must equal SELECT <columns> FROM the table WHERE <the same clause>.
//
//   node where-check.mjs           env: SHAPESYNC_URL, DATABASE_URL; optional ROWS (2000), OPS (400), SEED
// Exits 0 when every shape matches, 1 with a diff otherwise.
import { ShapeStream, Shape } from '@electric-sql/client'
import pg from 'pg'

const base = process.env.SHAPESYNC_URL
const dbUrl = process.env.DATABASE_URL
if (!base || !dbUrl) {
  console.error('SHAPESYNC_URL and DATABASE_URL are required')
  process.exit(2)
}
const ROWS = Number(process.env.ROWS ?? 2000)
const OPS = Number(process.env.OPS ?? 400)
let seed = Number(process.env.SEED ?? Date.now() % 2147483647)
console.log(`seed=${seed}`)
const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
const pick = (n) => Math.floor(random() * n)
const oneOf = (a) => a[pick(a.length)]

const suffix = `${Date.now().toString(36)}_${pick(1e6)}`
const table = `e2e_issues_${suffix}`
const kind = `e2e_kind_${suffix}`
const db = new pg.Client({ connectionString: dbUrl })
await db.connect()
await db.query("SET TimeZone = 'UTC'")
await db.query(`CREATE TYPE ${kind} AS ENUM ('bug', 'feature', 'chore')`)
await db.query(`CREATE TABLE ${table} (
  id int4 PRIMARY KEY, project int4 NOT NULL, status text, priority int2, title text NOT NULL, tags text[],
  estimate numeric(6,2), kind ${kind}, due date)`)
const STATUSES = ['open', 'review', 'done', 'Closed', null]
const TAGS = [[], ['a'], ['b'], ['a', 'b'], ['c'], null]
const TITLES = ['fix login', 'URGENT: outage', 'docs', 'urgent tweak', 'refactor', "it's done"]
await db.query(`INSERT INTO ${table}
  SELECT i, i % 10, (ARRAY['open','review','done','Closed',NULL])[1 + i % 5], (i % 6)::int2,
         (ARRAY['fix login','URGENT: outage','docs','urgent tweak','refactor','it''s done'])[1 + i % 6] || ' #' || i,
         CASE i % 4 WHEN 0 THEN ARRAY['a'] WHEN 1 THEN ARRAY['a','b'] WHEN 2 THEN ARRAY[]::text[] ELSE NULL END,
         (i % 50) / 4.0, (ARRAY['bug','feature','chore'])[1 + i % 3]::${kind}, date '2024-01-01' + (i % 90)
  FROM generate_series(1, ${ROWS}) i`)

const specs = [
  { where: 'project = $1 AND status <> $2', params: { 1: '3', 2: 'done' }, columns: ['id', 'project', 'status', 'title'] },
  { where: "priority BETWEEN 2 AND 4 OR title ILIKE '%urgent%'", replica: 'full' },
  { where: "status IN ('open', 'review') AND 'b' = ANY(tags)", columns: ['id', 'status', 'tags'] },
  { where: "kind = 'bug' AND estimate >= 5.5", columns: ['id', 'kind', 'estimate'] },
  { where: 'status IS NULL OR NOT (project > 6)' },
  { where: "due < '2024-02-01' AND project IN (1, 2, 3)", columns: ['id', 'due', 'project'] },
]
const allColumns = ['id', 'project', 'status', 'priority', 'title', 'tags', 'estimate', 'kind', 'due']

// Canonical text per column: what Postgres prints, and what the client parsed.
const canon = (col, v) => {
  if (v === null || v === undefined) return null
  if (Array.isArray(v)) return `{${v.join(',')}}`
  return String(v)
}
const started = Date.now()
const shapes = specs.map((spec) => {
  const params = { table, where: spec.where }
  if (spec.columns) params.columns = spec.columns
  if (spec.params) params.params = spec.params
  if (spec.replica) params.replica = spec.replica
  const stream = new ShapeStream({ url: `${base}/v1/shape`, params })
  const shape = new Shape(stream)
  const state = { spec, stream, shape, error: null }
  stream.subscribe(() => {}, (e) => { state.error = e })
  return state
})
await Promise.all(shapes.map((s) => s.shape.rows))
console.log(`figure: initial_sync_seconds=${((Date.now() - started) / 1000).toFixed(3)} shapes=${shapes.length}`)

const expected = async (spec) => {
  const cols = spec.columns ?? allColumns
  const values = spec.params ? Object.keys(spec.params).sort((a, b) => a - b).map((k) => spec.params[k]) : []
  const r = await db.query(`SELECT ${cols.map((c) => `${c}::text AS ${c}`).join(', ')} FROM ${table} WHERE ${spec.where}`, values)
  return new Map(r.rows.map((x) => [String(x.id), JSON.stringify(cols.map((c) => x[c]))]))
}
const actual = (s) => {
  const cols = s.spec.columns ?? allColumns
  return new Map([...s.shape.currentValue.values()].map((x) => [String(x.id), JSON.stringify(cols.map((c) => canon(c, x[c])))]))
}
const compare = async () => {
  const diffs = []
  for (const s of shapes) {
    if (s.error) diffs.push(`${s.spec.where}: stream error ${s.error}`)
    const want = await expected(s.spec)
    const got = actual(s)
    for (const [k, v] of want) if (got.get(k) !== v) diffs.push(`${s.spec.where}: id ${k} expected ${v} got ${got.get(k)}`)
    for (const k of got.keys()) if (!want.has(k)) diffs.push(`${s.spec.where}: id ${k} should not be in the shape`)
  }
  return diffs
}

let initialDiff = await compare()
for (let i = 0; i < 40 && initialDiff.length > 0; i++) {
  await new Promise((r) => setTimeout(r, 250))
  initialDiff = await compare()
}
if (initialDiff.length > 0) fail(`initial sync differs:\n${initialDiff.slice(0, 20).join('\n')}`)

// Random workload that moves rows across the shapes' boundaries.
let nextId = ROWS + 1
let done = 0
let moves = 0
while (done < OPS) {
  await db.query('BEGIN')
  const n = 1 + pick(4)
  for (let k = 0; k < n && done < OPS; k++, done++) {
    const id = 1 + pick(nextId)
    switch (pick(8)) {
      case 0:
        await db.query(`INSERT INTO ${table} (id, project, status, priority, title, tags, estimate, kind, due)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [nextId++, pick(10), oneOf(STATUSES), pick(6), oneOf(TITLES), oneOf(TAGS), (pick(4000) / 100).toFixed(2),
            oneOf(['bug', 'feature', 'chore']), `2024-0${1 + pick(3)}-1${pick(9)}`])
        break
      case 1:
        await db.query(`DELETE FROM ${table} WHERE id = $1`, [id])
        break
      case 2:
        await db.query(`UPDATE ${table} SET id = $2 WHERE id = $1`, [id, nextId++])
        break
      case 3:
        await db.query(`UPDATE ${table} SET project = $2 WHERE id = $1`, [id, pick(10)])
        moves++
        break
      case 4:
        await db.query(`UPDATE ${table} SET status = $2, tags = $3 WHERE id = $1`, [id, oneOf(STATUSES), oneOf(TAGS)])
        moves++
        break
      case 5:
        await db.query(`UPDATE ${table} SET priority = $2, title = $3 WHERE id = $1`, [id, pick(6), oneOf(TITLES)])
        moves++
        break
      case 6:
        await db.query(`UPDATE ${table} SET kind = $2, estimate = $3, due = due + $4::int WHERE id = $1`,
          [id, oneOf(['bug', 'feature', 'chore']), (pick(1000) / 100).toFixed(2), pick(60) - 30])
        moves++
        break
      default:
        await db.query(`UPDATE ${table} SET title = title || '.' WHERE id = $1`, [id])
    }
  }
  await db.query(pick(10) === 0 ? 'ROLLBACK' : 'COMMIT')
}

const deadline = Date.now() + 60000
let diffs = []
while (Date.now() < deadline) {
  diffs = await compare()
  if (diffs.length === 0) {
    for (const s of shapes) console.log(`figure: rows=${s.shape.currentValue.size} where=${s.spec.where}`)
    console.log(`figure: ops_applied=${OPS} moving_updates=${moves}`)
    console.log('OK: every shape matches its SELECT')
    for (const s of shapes) s.stream.unsubscribeAll()
    await db.query(`DROP TABLE ${table}`)
    await db.query(`DROP TYPE ${kind}`)
    await db.end()
    process.exit(0)
  }
  await new Promise((r) => setTimeout(r, 250))
}
fail(`shapes differ from their SELECT in ${diffs.length} rows:\n${diffs.slice(0, 30).join('\n')}`)

function fail(message) {
  console.error(`FAIL: ${message}`)
  process.exit(1)
}
