// The demo page and the admin page in headless Chromium (Debian's chromium, driven by playwright-core):
//  1. the demo page (/?table=...) syncs a fresh table with the official client; after each batch of inserts, updates
//     and deletes in Postgres, the rows it renders must equal SELECT;
//  2. the admin page (/admin/, with the IT admin's basic credentials) lists the table's shape with its offset and
//     the replication status; its delete button removes the shape, and the demo page refetches and still matches.
// Screenshots go to SCREENSHOT_DIR (demo.png, admin.png, admin-after-delete.png).
//
//   node browser-check.mjs   env: SHAPESYNC_URL (e.g. http://localhost:3001/shapesync-it), DATABASE_URL,
//                            SCREENSHOT_DIR; optional CHROMIUM (/usr/bin/chromium), ADMIN_USER, ADMIN_PASSWORD
// Exits 0 with "OK: browser check passed", 1 with the reason otherwise.
import { chromium } from 'playwright-core'
import pg from 'pg'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const base = process.env.SHAPESYNC_URL?.replace(/\/$/, '')
const dbUrl = process.env.DATABASE_URL
const shots = process.env.SCREENSHOT_DIR
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium'
const user = process.env.ADMIN_USER || 'it-admin'
const password = process.env.ADMIN_PASSWORD || 'it-admin-pass'
if (!base || !dbUrl || !shots) {
  console.error('SHAPESYNC_URL, DATABASE_URL and SCREENSHOT_DIR are required')
  process.exit(2)
}
if (!fs.existsSync(executablePath)) {
  console.error(`FAIL: no Chromium at ${executablePath}: install Debian's chromium package (apt-get install chromium)`)
  process.exit(1)
}
fs.mkdirSync(shots, { recursive: true })
const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const TIMEOUT = 30_000

const fail = (message) => {
  throw new Error(message)
}

const table = `browser_${Date.now().toString(36)}_${process.pid}`
const db = new pg.Client({ connectionString: dbUrl })
await db.connect()

// What the demo page must show: rows sorted by id, each value as text (NULL for null), as the page renders them.
const expectedRows = async () => {
  const r = await db.query(`SELECT id::text AS k, title, qty::text AS q, done::text AS d FROM ${table} ORDER BY id`)
  return r.rows.map((x) => [x.k, x.title ?? 'NULL', x.q ?? 'NULL', x.d ?? 'NULL'])
}
const renderedRows = (page) =>
  page.$$eval('#rows tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))

const awaitPageEqualsTable = async (page, what) => {
  const started = Date.now()
  let want
  let got
  while (Date.now() - started < TIMEOUT) {
    want = JSON.stringify(await expectedRows())
    got = JSON.stringify(await renderedRows(page))
    const state = await page.getAttribute('#status', 'data-state')
    if (want === got && state === 'live') {
      console.log(`figure: ${what}_ms=${Date.now() - started}`)
      return
    }
    await page.waitForTimeout(100)
  }
  fail(`${what}: the page never matched the table\n want ${want}\n got  ${got}\n status ${await page.textContent('#status')}`
    + `\n error ${await page.textContent('#error')}`)
}

const adminApi = async (p) => {
  const r = await fetch(`${base}/v1/admin/${p}`, { headers: { authorization } })
  if (r.status !== 200) fail(`admin API ${p}: ${r.status} ${await r.text()}`)
  return r.json()
}

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const profiles = []
const launch = async (options = {}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapesync-chromium-'))
  profiles.push(dir)
  return chromium.launchPersistentContext(dir, {
    executablePath, headless: true, args: launchArgs, viewport: { width: 1280, height: 800 }, ...options,
  })
}

let demo
let admin
const consoleErrors = []
try {
  await db.query(`CREATE TABLE ${table} (id int4 PRIMARY KEY, title text, qty int8, done bool)`)
  await db.query(`INSERT INTO ${table} SELECT i, 'item ' || i, i * 1000000007::int8, i % 2 = 0 FROM generate_series(1, 8) i`)

  // 1. the demo page
  demo = await launch()
  const page = demo.pages()[0] ?? (await demo.newPage())
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()) })
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  await page.goto(`${base}/?table=${table}`)
  await awaitPageEqualsTable(page, 'initial_sync')
  const headers = await page.$$eval('#rows thead th', (ths) => ths.map((th) => th.textContent))
  if (JSON.stringify(headers) !== JSON.stringify(['id', 'title', 'qty', 'done'])) fail(`columns ${headers}`)

  const batches = [
    [`INSERT INTO ${table} VALUES (20, 'new', 5, true), (21, NULL, NULL, NULL)`],
    [`UPDATE ${table} SET title = 'changed', qty = qty + 1 WHERE id IN (2, 3)`, `DELETE FROM ${table} WHERE id = 4`],
    [`UPDATE ${table} SET id = 30 WHERE id = 5`, `UPDATE ${table} SET done = NOT done, title = 'quote " and <b>' WHERE id = 1`],
    [`DELETE FROM ${table} WHERE id > 6 AND id < 21`],
  ]
  for (let i = 0; i < batches.length; i++) {
    await db.query('BEGIN')
    for (const sql of batches[i]) await db.query(sql)
    await db.query('COMMIT')
    await awaitPageEqualsTable(page, `batch_${i + 1}`)
  }
  await page.screenshot({ path: path.join(shots, 'demo.png'), fullPage: true })
  const handleBefore = (await page.textContent('#handle')).replace('handle ', '')
  console.log(`OK: the demo page matches ${table} through ${batches.length} batches of writes (handle ${handleBefore})`)

  // 2. the admin page
  admin = await launch({ httpCredentials: { username: user, password }, extraHTTPHeaders: { authorization } })
  const ap = admin.pages()[0] ?? (await admin.newPage())
  const unauthenticated = []
  ap.on('request', (r) => { if (!r.headers().authorization) unauthenticated.push(r.url()) })
  ap.on('pageerror', (e) => consoleErrors.push(`admin: ${e}`))
  await ap.goto(`${base}/admin/`)
  await ap.fill('#table-filter', table)
  const row = ap.locator(`#shapes tbody tr[data-table="public.${table}"]`)
  await row.first().waitFor({ timeout: TIMEOUT })
  const handle = await row.first().getAttribute('data-handle')
  if (handle !== handleBefore) fail(`admin page lists handle ${handle}, the demo page has ${handleBefore}`)
  const listed = (await adminApi(`shapes?table=${table}`)).shapes.find((s) => s.handle === handle)
  if (!listed) fail(`the admin API does not list ${handle}`)
  if (!/^[1-9][0-9]*_[0-9]+$/.test(listed.offset)) fail(`offset after writes should be a transaction's: ${listed.offset}`)
  // the page polls: wait until it shows the API's offset
  await ap.waitForFunction(([h, o]) => document.querySelector(`tr[data-handle="${h}"] td.offset`)?.textContent === o,
    [handle, listed.offset], { timeout: TIMEOUT })
  await ap.waitForFunction(() => document.querySelector('#repl-state')?.textContent === 'streaming', null, { timeout: TIMEOUT })
  const confirmed = await ap.textContent('#repl-confirmed')
  if (!/^[0-9A-F]+\/[0-9A-F]+$/.test(confirmed)) fail(`confirmed LSN shown as ${confirmed}`)
  console.log(`OK: the admin page lists ${handle} (public.${table}) at offset ${listed.offset}; replication streaming, confirmed ${confirmed}`)
  await ap.screenshot({ path: path.join(shots, 'admin.png'), fullPage: true })

  ap.once('dialog', (d) => d.accept())
  await ap.click(`tr[data-handle="${handle}"] button.delete`)
  await ap.locator(`tr[data-handle="${handle}"]`).waitFor({ state: 'detached', timeout: TIMEOUT })
  if ((await adminApi(`shapes?table=${table}`)).shapes.some((s) => s.handle === handle)) fail(`${handle} still listed`)
  console.log(`OK: deleted ${handle} from the admin page`)

  // the demo page's client got 409, refetched under a new handle and still matches; the admin page shows that shape
  await page.waitForFunction((h) => !document.querySelector('#handle').textContent.includes(h) &&
    document.querySelector('#handle').textContent.length > 0, handleBefore, { timeout: TIMEOUT })
  await db.query(`UPDATE ${table} SET title = 'after delete' WHERE id = 1`)
  await awaitPageEqualsTable(page, 'after_delete')
  const handleAfter = (await page.textContent('#handle')).replace('handle ', '')
  await ap.locator(`tr[data-handle="${handleAfter}"]`).waitFor({ timeout: TIMEOUT })
  await ap.screenshot({ path: path.join(shots, 'admin-after-delete.png'), fullPage: true })
  console.log(`OK: the demo page refetched (handle ${handleAfter}) and matches the table`)

  if (unauthenticated.length > 0) fail(`admin page requests without credentials: ${unauthenticated.join(', ')}`)
  if (consoleErrors.length > 0) console.log(`note: browser console errors: ${consoleErrors.join(' | ')}`)
  console.log('OK: browser check passed')
} catch (e) {
  console.error(`FAIL: ${e.stack || e}`)
  if (consoleErrors.length > 0) console.error(`browser console errors: ${consoleErrors.join(' | ')}`)
  process.exitCode = 1
} finally {
  await demo?.close()
  await admin?.close()
  for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true })
  await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {})
  await db.end()
}
