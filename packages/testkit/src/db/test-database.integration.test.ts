import { expect, it } from 'vitest'
import { describeEachDatabase, openTestDatabase, type TestDatabase } from './test-database.ts'

describeEachDatabase('the test database harness', (db, kind) => {
  it('opens a working database with btree_gist loaded', async () => {
    const { rows } = await db().pool.query<{ extname: string }>(
      "select extname from pg_extension where extname = 'btree_gist'"
    )
    expect(rows).toEqual([{ extname: 'btree_gist' }])
  })

  it('enforces an exclusion constraint on overlapping time ranges', async () => {
    const pool = db().pool
    await pool.query(
      'create table booking (practitioner int not null, during tstzrange not null, exclude using gist (practitioner with =, during with &&))'
    )
    await pool.query("insert into booking values (1, '[2026-03-08 09:00Z, 2026-03-08 11:00Z)')")
    await pool.query("insert into booking values (1, '[2026-03-08 11:00Z, 2026-03-08 12:00Z)')")
    await pool.query("insert into booking values (2, '[2026-03-08 09:00Z, 2026-03-08 11:00Z)')")
    await expect(
      pool.query("insert into booking values (1, '[2026-03-08 10:00Z, 2026-03-08 10:30Z)')")
    ).rejects.toMatchObject({
      code: '23P01',
    })
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from booking')
    expect(rows[0]?.n).toBe(3)
  })

  it(`gives each opener a database of its own (${kind})`, async () => {
    const other = await openTestDatabase(kind)
    try {
      const count = async (pool: TestDatabase['pool']) =>
        (
          await pool.query<{ n: number }>(
            "select count(*)::int as n from information_schema.tables where table_name = 'booking'"
          )
        ).rows[0]?.n
      expect(await count(db().pool)).toBe(1)
      expect(await count(other.pool)).toBe(0)
    } finally {
      await other.close()
    }
  }, 60_000)
})
