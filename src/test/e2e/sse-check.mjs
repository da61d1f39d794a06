// End-to-end check of live mode over server-sent events with the official client: a table syncs through ShapeSync
// with `liveSse: true`, random inserts/updates/deletes are applied while the client is subscribed, and its
// materialized rows must equal SELECT * FROM the table. A fetch wrapper counts the client's requests: live requests
// must all be SSE (live_sse=true answered with text/event-stream), none a long-poll (no fallback). Then the check waits
// for the server to end the stream (60 s), so the client reconnects from `<global_last_seen_lsn>_0`, and repeats.
//
//   node sse-check.mjs            env: SHAPESYNC_URL (e.g. http://localhost:3000), DATABASE_URL
//   optional env: ROWS (2000), OPS (200), RECONNECT (1; 0 skips the wait for the 60 s reconnect), SEED
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
const ROWS = Number(process.env.ROWS ?? 2000)
const OPS = Number(process.env.OPS ?? 200)
const RECONNECT = process.env.RECONNECT !== '0'
const SEED = Number(process.env.SEED ?? Date.now() % 2147483647)
console.log(`seed=${SEED}`)
const rng = seeded(SEED)
const { pick } = rng

// Every request of the client, classified.
const counts = { sse: 0, sseStreams: 0, longPolls: 0, catchUp: 0, shortStreams: 0 }
const fetchClient = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input.url)
  const live = url.searchParams.get('live') === 'true'
  const sse = url.searchParams.get('live_sse') === 'true'
  if (live && sse) counts.sse++
  else if (live) counts.longPolls++
  else counts.catchUp++
  const opened = Date.now()
  const response = await fetch(input, init)
  if (live && sse && response.ok) {
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      fail(`an SSE request was answered with ${response.headers.get('content-type')}`)
    }
    counts.sseStreams++
    // the body ends when the server ends the stream: a stream shorter than 1 s counts towards the client's fallback
    const [a, b] = response.body.tee()
    ;(async () => {
      const reader = b.getReader()
      try {
        while (!(await reader.read()).done);
      } catch {
        return  // aborted by the client
      }
      if (Date.now() - opened < 1000) counts.shortStreams++
    })()
    return new Response(a, { status: response.status, statusText: response.statusText, headers: response.headers })
  }
  return response
}
const warnings = []
const warn = console.warn
console.warn = (...args) => {
  warnings.push(args.map(String).join(' '))
  warn(...args)
}

const table = `e2e_sse_${Date.now().toString(36)}_${pick(1e6)}`
const db = new pg.Client({ connectionString: dbUrl })
await db.connect()
await createItems(db, table, ROWS)

const started = Date.now()
const stream = new ShapeStream({ url: `${base}/v1/shape`, params: { table }, liveSse: true, fetchClient })
const shape = new Shape(stream)
let streamError = null
stream.subscribe(() => {}, (e) => { streamError = e })
const initial = await shape.rows
console.log(`figure: initial_rows=${initial.length}`)
console.log(`figure: initial_sync_seconds=${((Date.now() - started) / 1000).toFixed(3)}`)
if (initial.length !== ROWS) fail(`initial sync delivered ${initial.length} rows, expected ${ROWS}`)

const state = { nextId: ROWS + 1 }
const equal = (phase) => awaitEqual(db, table, shape, () => streamError, phase, fail)

const checkTransport = (phase) => {
  if (counts.sse === 0 || counts.sseStreams === 0) fail(`${phase}: the client made no SSE request (${JSON.stringify(counts)})`)
  if (counts.longPolls > 0) fail(`${phase}: the client long-polled ${counts.longPolls} times (${JSON.stringify(counts)})`)
  if (counts.shortStreams > 0) fail(`${phase}: ${counts.shortStreams} SSE streams lasted less than 1 s`)
  const fallback = warnings.find((w) => /fall(ing)? back|long polling/i.test(w))
  if (fallback) fail(`${phase}: the client fell back: ${fallback}`)
}

const liveStarted = Date.now()
await workload(db, table, rng, state, OPS, true)
await equal('live')
checkTransport('live')
console.log(`figure: live_seconds=${((Date.now() - liveStarted) / 1000).toFixed(3)}`)

if (RECONNECT) {
  // the server ends each stream after 60 s; the client reconnects from <global_last_seen_lsn>_0
  const streams = counts.sseStreams
  const deadline = Date.now() + 90000
  while (counts.sseStreams === streams) {
    if (Date.now() > deadline) fail(`no SSE reconnect within 90 s (${JSON.stringify(counts)})`)
    if (streamError) fail(`stream error: ${streamError}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  await workload(db, table, rng, state, Math.max(1, Math.floor(OPS / 2)), true)
  await equal('reconnected')
  checkTransport('reconnected')
}

console.log(`figure: sse_requests=${counts.sse}`)
console.log(`figure: sse_streams=${counts.sseStreams}`)
console.log(`figure: long_polls=${counts.longPolls}`)
console.log(`figure: catch_up_requests=${counts.catchUp}`)
console.log('OK: the SSE client matches the table')
stream.unsubscribeAll()
await db.query(`DROP TABLE ${table}`)
await db.end()
process.exit(0)

function fail(message) {
  console.error(`FAIL: ${message}`)
  process.exit(1)
}
