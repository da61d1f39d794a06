// The demo page: one table synced live with the official client (ShapeStream + Shape), served by the WAR itself.
// ?table=<name> picks the table (default items). Rows are rendered sorted by their first column.
import { ShapeStream, Shape } from './vendor/electric-sql-client/index.browser.mjs'

const table = new URLSearchParams(location.search).get('table') || 'items'
const $ = (id) => document.getElementById(id)
$('table').value = table
document.title = `${table} · ShapeSync demo`

const setStatus = (state, text = state) => {
  $('status').dataset.state = state
  $('status').textContent = text
}

const cellText = (v) => {
  if (v === null || v === undefined) return null
  if (typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? x.toString() : x))
  return String(v)
}

const compare = (a, b) => {
  if (typeof a === typeof b && (typeof a === 'number' || typeof a === 'bigint')) return a < b ? -1 : a > b ? 1 : 0
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

let previous = new Map() // key -> rendered row text, to highlight what changed

const render = (data) => {
  const entries = [...data.entries()]
  const columns = []
  for (const [, row] of entries) for (const c of Object.keys(row)) if (!columns.includes(c)) columns.push(c)
  if (columns.length > 0) entries.sort(([, a], [, b]) => compare(a[columns[0]], b[columns[0]]))

  const head = document.createElement('tr')
  for (const c of columns) {
    const th = document.createElement('th')
    th.textContent = c
    head.append(th)
  }
  $('rows').tHead.replaceChildren(head)

  const next = new Map()
  const body = entries.map(([key, row]) => {
    const tr = document.createElement('tr')
    tr.dataset.key = key
    for (const c of columns) {
      const td = document.createElement('td')
      const text = cellText(row[c])
      td.dataset.column = c
      if (text === null) {
        td.classList.add('null')
        td.textContent = 'NULL'
      } else {
        td.textContent = text
      }
      tr.append(td)
    }
    const rendered = tr.textContent
    next.set(key, rendered)
    if (previous.size > 0 && previous.get(key) !== rendered) tr.classList.add('changed')
    return tr
  })
  $('rows').tBodies[0].replaceChildren(...body)
  previous = next
  $('count').textContent = `${entries.length} row${entries.length === 1 ? '' : 's'}`
}

const stream = new ShapeStream({ url: new URL('v1/shape', document.baseURI).href, params: { table } })
const shape = new Shape(stream)

stream.subscribe(
  (messages) => {
    for (const m of messages) {
      const control = m.headers && m.headers.control
      if (control === 'up-to-date') {
        $('error').hidden = true
        setStatus('live')
      } else if (control === 'must-refetch') {
        setStatus('syncing', 'refetching')
      }
    }
    $('handle').textContent = stream.shapeHandle ? `handle ${stream.shapeHandle}` : ''
  },
  (error) => {
    setStatus('error')
    $('error').hidden = false
    $('error').textContent = `${error.name || 'Error'}: ${error.message}${error.json ? '\n' + JSON.stringify(error.json) : ''}`
  },
)
shape.subscribe(({ value }) => render(value))
setStatus('syncing')
