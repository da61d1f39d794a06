// The admin page: polls the admin API every 1.5 s and shows the replication status and the shapes, a page at a
// time, with a delete button per shape. Same-origin requests: the browser sends the page's credentials.
const api = new URL('../v1/admin/', document.baseURI)
const PAGE = 50
const POLL_MS = 1500
const $ = (id) => document.getElementById(id)

const query = new URLSearchParams(location.search)
let offset = Math.max(0, Number.parseInt(query.get('offset') || '0', 10) || 0)
let filter = query.get('table') || ''
$('table-filter').value = filter

const bytes = (n) => {
  if (n === null || n === undefined) return '–'
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++ }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`
}
const text = (v) => (v === null || v === undefined ? '–' : String(v))

const getJson = async (path) => {
  const r = await fetch(new URL(path, api), { headers: { accept: 'application/json' }, cache: 'no-store' })
  if (!r.ok) throw new Error(`${r.status} ${r.statusText} from ${path}: ${(await r.text()).slice(0, 300)}`)
  return r.json()
}

const showReplication = (r) => {
  $('repl-state').textContent = r.state
  $('repl-state').dataset.state = r.state
  $('repl-slot').textContent = r.slot + (r.slot_exists === false ? ' (missing)' : r.active ? ' (active)' : r.active === false ? ' (inactive)' : '')
  $('repl-publication').textContent = r.publication
  $('repl-confirmed').textContent = text(r.confirmed_flush_lsn)
  $('repl-received').textContent = text(r.received_lsn)
  $('repl-server').textContent = text(r.server_wal_lsn)
  $('repl-lag').textContent = r.lag_bytes === null ? '–' : `${bytes(r.lag_bytes)}${r.lag_ms === null ? '' : `, ${r.lag_ms} ms`}`
  $('repl-retained').textContent = bytes(r.retained_wal_bytes)
  $('repl-detail').textContent = [r.detail, r.error].filter(Boolean).join(' · ')
}

const cell = (tr, value, cls) => {
  const td = document.createElement('td')
  td.textContent = value
  if (cls) td.className = cls
  tr.append(td)
  return td
}

const remove = async (shape, button) => {
  if (!confirm(`Delete shape ${shape.handle} (${shape.table})? Its clients refetch it.`)) return
  button.disabled = true
  try {
    const r = await fetch(new URL(`shapes/${encodeURIComponent(shape.handle)}`, api), { method: 'DELETE' })
    if (r.status !== 204 && r.status !== 404) throw new Error(`${r.status} deleting ${shape.handle}: ${await r.text()}`)
    button.closest('tr').remove()
    await inFlight // may have started before the delete
    await refresh()
  } catch (e) {
    showError(e)
    button.disabled = false
  }
}

const showShapes = (page) => {
  const rows = page.shapes.map((s) => {
    const tr = document.createElement('tr')
    tr.dataset.handle = s.handle
    tr.dataset.table = s.table
    cell(tr, s.handle, 'mono handle')
    cell(tr, s.table, 'table')
    const params = Object.entries(s.params || {})
    cell(tr, s.where === null ? '' : s.where + (params.length ? `  [${params.map(([k, v]) => `$${k}=${v}`).join(', ')}]` : ''), 'mono')
    cell(tr, s.columns.join(', '), 'columns')
    cell(tr, `${s.replica}/${s.log_mode}`)
    cell(tr, s.snapshot, 'snapshot')
    cell(tr, s.offset, 'mono offset')
    cell(tr, bytes(s.bytes), 'num bytes')
    cell(tr, String(s.waiting), 'num waiting')
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'delete'
    button.textContent = 'Delete'
    button.addEventListener('click', () => remove(s, button))
    cell(tr, '').append(button)
    return tr
  })
  $('shapes').tBodies[0].replaceChildren(...rows)
  $('total').textContent = `(${page.total})`
  $('range').textContent = page.total === 0 ? 'none' : `${page.offset + 1}–${page.offset + page.shapes.length} of ${page.total}`
  $('prev').disabled = page.offset === 0
  $('next').disabled = page.offset + page.shapes.length >= page.total
}

const showError = (e) => {
  $('error').hidden = false
  $('error').textContent = String(e.message || e)
}

const load = async () => {
  try {
    for (;;) {
      const q = new URLSearchParams({ limit: String(PAGE), offset: String(offset) })
      if (filter) q.set('table', filter)
      const [replication, shapes] = await Promise.all([getJson('replication'), getJson(`shapes?${q}`)])
      if (shapes.shapes.length === 0 && shapes.offset > 0 && shapes.total > 0) {
        offset = Math.max(0, shapes.total - PAGE) // the page emptied (deletes): show the last one
        continue
      }
      showReplication(replication)
      showShapes(shapes)
      $('error').hidden = true
      $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`
      return
    }
  } catch (e) {
    showError(e)
  }
}

// one load at a time; the next one POLL_MS after the last ended
let timer = null
let inFlight = null
const refresh = () => {
  clearTimeout(timer)
  if (!inFlight) {
    inFlight = load().finally(() => {
      inFlight = null
      timer = setTimeout(refresh, POLL_MS)
    })
  }
  return inFlight
}

const keepInUrl = () => {
  const q = new URLSearchParams()
  if (filter) q.set('table', filter)
  if (offset) q.set('offset', String(offset))
  history.replaceState(null, '', `${location.pathname}${q.size ? `?${q}` : ''}`)
}

let typing = null
$('table-filter').addEventListener('input', () => {
  clearTimeout(typing)
  typing = setTimeout(() => {
    filter = $('table-filter').value.trim()
    offset = 0
    keepInUrl()
    refresh()
  }, 250)
})
$('filter').addEventListener('submit', (e) => e.preventDefault())
$('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); keepInUrl(); refresh() })
$('next').addEventListener('click', () => { offset += PAGE; keepInUrl(); refresh() })
refresh()
