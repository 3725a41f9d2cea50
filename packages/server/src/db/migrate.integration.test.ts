import { describeEachDatabase } from '@stipple/testkit'
import { expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrate.ts'
import { poolOverPglite, postgresPool } from './open.ts'

describeEachDatabase('migrations', (database) => {
  const pool = () => {
    const t = database()
    return t.pglite !== null ? poolOverPglite(t.pglite) : postgresPool(t.connectionString ?? '', 2)
  }

  it('applies every migration once, in order, and records it', async () => {
    const p = pool()
    try {
      const all = loadMigrations()
      expect(await migrate(p)).toEqual(all.map((m) => m.version))
      expect(await migrate(p)).toEqual([])
      const { rows } = await p.query<{ version: string }>('select version from schema_migrations order by version')
      expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version))
    } finally {
      await p.end()
    }
  })

  it('refuses to go on when an applied migration was edited', async () => {
    const p = pool()
    try {
      const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m))
      await expect(migrate(p, edited)).rejects.toThrow(/was changed after it was applied/)
    } finally {
      await p.end()
    }
  })

  it('rolls a failing migration back whole', async () => {
    const p = pool()
    try {
      const bad = { version: '9999', name: 'broken', checksum: 'x', sql: 'create table half_done (n int); select 1/0;' }
      await expect(migrate(p, [...loadMigrations(), bad])).rejects.toThrow(/division by zero/)
      const { rows } = await p.query("select to_regclass('half_done') as t")
      expect(rows).toEqual([{ t: null }])
    } finally {
      await p.end()
    }
  })

  it('keeps signed consents and consent templates immutable', async () => {
    const p = pool()
    try {
      const clinic = await p.query<{ id: string }>("insert into clinics (name, slug) values ('C', 'c') returning id")
      const clinicId = clinic.rows[0]?.id
      const client = await p.query<{ id: string }>(
        `insert into clients (clinic_id, given_name, family_name, communication_consents) values ($1, 'A', 'B', '{}') returning id`,
        [clinicId]
      )
      const template = await p.query<{ id: string }>(
        "insert into consent_templates (clinic_id, kind, version, title, body) values ($1, 'treatment', 1, 'T', 'I agree') returning id",
        [clinicId]
      )
      await p.query(
        `insert into signed_consents (clinic_id, client_id, template_id, text_signed, text_sha256, signer_name)
         values ($1, $2, $3, 'I agree', repeat('a', 64), 'A B')`,
        [clinicId, client.rows[0]?.id, template.rows[0]?.id]
      )
      await expect(p.query("update signed_consents set text_signed = 'I disagree'")).rejects.toThrow(/append-only/)
      await expect(p.query('delete from signed_consents')).rejects.toThrow(/append-only/)
      await expect(p.query("update consent_templates set body = 'changed'")).rejects.toThrow(/append-only/)
      expect((await p.query('select text_signed from signed_consents')).rows).toEqual([{ text_signed: 'I agree' }])
    } finally {
      await p.end()
    }
  })
})
