// The items table that sync-check.mjs and sse-check.mjs share: a seeded random source, the table with typical column
// types, a random workload of small transactions, and the bounded wait until a client's rows equal the table.

// Park–Miller generator: the same SEED replays the same workload.
export const seeded = (seed) => {
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
  return { random, pick: (n) => Math.floor(random() * n) }
}

export const createItems = async (db, table, rows) => {
  await db.query("SET TimeZone = 'UTC'")
  await db.query(`CREATE TABLE ${table} (
    id int4 PRIMARY KEY, title text NOT NULL, qty int8, done bool, note text, tags text[], price numeric(10,2),
    at timestamptz)`)
  await db.query(`INSERT INTO ${table}
    SELECT i, 'item ' || i, i * 1000000007::int8, i % 2 = 0, CASE WHEN i % 7 = 0 THEN NULL ELSE 'n"ote/' || i END,
           ARRAY['a' || i, 'b,c'], i / 3.0, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute'
    FROM generate_series(1, ${rows}) i`)
}

// Canonical text of a row, as the database has it and as the client parsed it.
export const canonical = (x) => JSON.stringify([String(x.id), x.title, x.qty === null ? null : String(x.qty), x.done,
  x.note, Array.isArray(x.tags) ? `{${x.tags.map((t) => (/[,"{} ]/.test(t) ? `"${t}"` : t)).join(',')}}` : x.tags,
  x.price, x.at])

const dbRows = async (db, table) => {
  const r = await db.query(`SELECT id, title, qty::text AS qty, done, note, tags::text AS tags, price::text AS price,
                                   at::text AS at FROM ${table}`)
  return new Map(r.rows.map((x) => [String(x.id), canonical(x)]))
}

// Small transactions of inserts, updates (some changing the key) and deletes; 10% roll back. `state.nextId` is the
// next free id. With `pauses`, some transactions are followed by a short pause so batches go out on their own.
export const workload = async (db, table, { random, pick }, state, ops, pauses = false) => {
  let done = 0
  while (done < ops) {
    await db.query('BEGIN')
    const n = 1 + pick(3)
    for (let k = 0; k < n && done < ops; k++, done++) {
      const id = 1 + pick(state.nextId)
      switch (pick(5)) {
        case 0:
          await db.query(`INSERT INTO ${table} (id, title, qty, done, note, tags) VALUES ($1, $2, $3, $4, $5, $6)`,
            [state.nextId++, `new ${done}`, pick(1e9), random() < 0.5, random() < 0.3 ? null : `n ${done}`,
              ['x', `y ${done}`]])
          break
        case 1:
          await db.query(`DELETE FROM ${table} WHERE id = $1`, [id])
          break
        case 2:
          await db.query(`UPDATE ${table} SET id = $2 WHERE id = $1`, [id, state.nextId++])
          break
        default:
          await db.query(`UPDATE ${table} SET title = title || '!', note = $2, qty = qty + 1, price = $3 WHERE id = $1`,
            [id, random() < 0.2 ? null : `upd ${done}`, (random() * 1000).toFixed(2)])
      }
    }
    await db.query(pick(10) === 0 ? 'ROLLBACK' : 'COMMIT')
    if (pauses && pick(4) === 0) await new Promise((r) => setTimeout(r, pick(30)))
  }
}

// Waits (60 s at most) until the shape's rows equal the table; prints `figure: <phase>_rows=`. `problem()` returns a
// stream error to fail on, if any; `fail` ends the check.
export const awaitEqual = async (db, table, shape, problem, phase, fail) => {
  const deadline = Date.now() + 60000
  let diff = []
  while (Date.now() < deadline) {
    if (problem()) fail(`stream error: ${problem()}`)
    const expected = await dbRows(db, table)
    const actual = new Map([...shape.currentValue.values()].map((x) => [String(x.id), canonical(x)]))
    diff = []
    for (const [k, v] of expected) if (actual.get(k) !== v) diff.push(`id ${k}: expected ${v} got ${actual.get(k)}`)
    for (const k of actual.keys()) if (!expected.has(k)) diff.push(`id ${k}: not in the table, still in the client`)
    if (diff.length === 0) {
      console.log(`figure: ${phase}_rows=${expected.size}`)
      return
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  fail(`${phase}: client differs from the table in ${diff.length} rows:\n${diff.slice(0, 20).join('\n')}`)
}
