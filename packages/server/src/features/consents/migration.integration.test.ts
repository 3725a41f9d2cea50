// Migration 0006 on a database that already holds consents: "data-processing" templates become "privacy", the text
// and every signature on them stay as they were, and the templates are immutable again afterwards.
import { describeEachDatabase } from '@stipple/testkit'
import { expect, it } from 'vitest'
import { loadMigrations, migrate } from '../../db/migrate.ts'
import { poolOverPglite, postgresPool } from '../../db/open.ts'

describeEachDatabase('migration 0006: consent kinds', (database) => {
  it('renames data-processing to privacy, keeps what was signed, and keeps templates append-only', async () => {
    const t = database()
    const p = t.pglite !== null ? poolOverPglite(t.pglite) : postgresPool(t.connectionString ?? '', 2)
    try {
      const all = loadMigrations()
      await migrate(
        p,
        all.filter((m) => m.version < '0006')
      )
      const clinic = await p.query<{ id: string }>(
        "insert into clinics (name, slug) values ('C', 'c-0006') returning id"
      )
      const clinicId = clinic.rows[0]?.id
      const client = await p.query<{ id: string }>(
        `insert into clients (clinic_id, given_name, family_name, communication_consents)
         values ($1, 'Dana', 'Data', '{}') returning id`,
        [clinicId]
      )
      const template = await p.query<{ id: string }>(
        `insert into consent_templates (clinic_id, kind, version, title, body)
         values ($1, 'data-processing', 1, 'Your data', 'We keep it safe.') returning id`,
        [clinicId]
      )
      await p.query(
        `insert into signed_consents (clinic_id, client_id, template_id, text_signed, text_sha256, signer_name)
         values ($1, $2, $3, 'Your data\n\nWe keep it safe.', repeat('a', 64), 'Dana Data')`,
        [clinicId, client.rows[0]?.id, template.rows[0]?.id]
      )

      expect(await migrate(p, all)).toContain('0006')

      const after = await p.query('select kind, title, body from consent_templates')
      expect(after.rows).toEqual([{ kind: 'privacy', title: 'Your data', body: 'We keep it safe.' }])
      const signed = await p.query('select text_signed, signer_name from signed_consents')
      expect(signed.rows).toEqual([{ text_signed: 'Your data\n\nWe keep it safe.', signer_name: 'Dana Data' }])
      await expect(p.query("update consent_templates set body = 'changed'")).rejects.toThrow(/append-only/)
      await expect(
        p.query(
          `insert into consent_templates (clinic_id, kind, version, title, body)
           values ($1, 'data-processing', 2, 'T', 'B')`,
          [clinicId]
        )
      ).rejects.toThrow(/consent_templates_kind_check/)
    } finally {
      await p.end()
    }
  })
})
