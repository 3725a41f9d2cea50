// A client's whole record for export, and erasure on request. Rows leave this file as plain JSON with camelCase keys.
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

type Json = Record<string, unknown>

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const camelKeys = (row: Json): Json => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v]))

/** Everything the clinic holds about one client, as stored. */
export interface ClientRecord {
  client: Json
  intakes: Json[]
  consultations: Json[]
  designs: (Json & { versions: Json[]; approval: Json | null })[]
  treatmentPlans: (Json & { quotes: Json[] })[]
  sessionRecords: (Json & { needles: Json[]; pigments: Json[]; adverseEvents: Json[] })[]
  signedConsents: Json[]
  photos: Json[]
  appointments: (Json & { changes: Json[] })[]
  laserRemovalCourses: (Json & { sessions: Json[] })[]
  /** The emails the clinic sent or meant to send them (reminders, aftercare, recalls). */
  messages: Json[]
  auditEntries: Json[]
}

export interface ErasureCounts {
  retained: Record<string, number>
  removed: Record<string, number>
  /** Photo content no photo row refers to any more: the caller deletes it from the photo store after commit. */
  orphanedPhotoHashes: string[]
}

const NO_CONSENTS = { careEmail: false, careSms: false, marketingEmail: false, marketingSms: false }

export class PrivacyRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The rows of `from` (aliased t) where `where` holds, as camelCase JSON (to_jsonb: ISO times, nested jsonb). */
  async #rows(from: string, where: RawBuilder<unknown>, order = 't.created_at, t.id'): Promise<Json[]> {
    const { rows } = await sql<{ r: Json }>`select to_jsonb(t) as r from ${sql.raw(from)} where ${where}
      order by ${sql.raw(order)}`.execute(this.#db)
    return rows.map((r) => camelKeys(r.r))
  }

  /** The client's state: null when absent, else whether erased. */
  async state(clinicId: string, clientId: string, lock: boolean): Promise<{ erasedAt: Date | null } | null> {
    let q = this.#db
      .selectFrom('clients')
      .select('erased_at')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', clientId)
    if (lock) q = q.forUpdate()
    const row = await q.executeTakeFirst()
    return row === undefined ? null : { erasedAt: row.erased_at }
  }

  async record(clinicId: string, clientId: string): Promise<ClientRecord> {
    const byClient = sql`t.clinic_id = ${clinicId} and t.client_id = ${clientId}`
    const [client] = await this.#rows('clients t', sql`t.clinic_id = ${clinicId} and t.id = ${clientId}`)
    if (client === undefined) throw new Error(`client ${clientId} vanished inside its own transaction`)
    const designs = await this.#rows('designs t', byClient)
    const designIds = designs.map((d) => String(d.id))
    const ofDesigns = sql`t.clinic_id = ${clinicId} and t.design_id = any(${designIds}::uuid[])`
    const versions = await this.#rows('design_versions t', ofDesigns, 't.design_id, t.version')
    const approvals = await this.#rows('design_approvals t', ofDesigns, 't.approved_at, t.id')
    const plans = await this.#rows('treatment_plans t', byClient)
    const planIds = plans.map((x) => String(x.id))
    const quotes = await this.#rows(
      'quotes t',
      sql`t.clinic_id = ${clinicId} and t.treatment_plan_id = any(${planIds}::uuid[])`
    )
    const sessions = await this.#rows('session_records t', byClient, 't.performed_at, t.id')
    const sessionIds = sessions.map((s) => String(s.id))
    const bySession = sql`t.clinic_id = ${clinicId} and t.session_record_id = any(${sessionIds}::uuid[])`
    const needles = await this.#rows('session_needles t', bySession, 't.id')
    const pigments = await this.#rows('session_pigments t', bySession, 't.id')
    const events = await this.#rows('adverse_events t', bySession, 't.noted_at, t.id')
    const consents = await this.#rows('signed_consents t', byClient, 't.signed_at, t.id')
    const templates = await this.#rows(
      'consent_templates t',
      sql`t.clinic_id = ${clinicId} and t.id in
        (select template_id from signed_consents where clinic_id = ${clinicId} and client_id = ${clientId})`
    )
    const appointments = await this.#rows('appointments t', byClient, 't.starts_at, t.id')
    const changes = await this.#rows(
      'appointment_changes t',
      sql`t.clinic_id = ${clinicId} and t.appointment_id = any(${appointments.map((a) => String(a.id))}::uuid[])`,
      't.changed_at, t.id'
    )
    const laserCourses = await this.#rows('laser_removal_courses t', byClient, 't.started_on, t.id')
    const laserSessions = await this.#rows(
      'laser_removal_sessions t',
      sql`t.clinic_id = ${clinicId} and t.course_id = any(${laserCourses.map((c) => String(c.id))}::uuid[])`,
      't.performed_on, t.id'
    )
    const pick = (rows: Json[], key: string, id: unknown) => rows.filter((r) => r[key] === id)
    return {
      client,
      intakes: await this.#rows('intakes t', byClient, 't.version'),
      consultations: await this.#rows('consultations t', byClient),
      designs: designs.map((d) => ({
        ...d,
        versions: pick(versions, 'designId', d.id),
        approval: pick(approvals, 'designId', d.id)[0] ?? null,
      })),
      treatmentPlans: plans.map((x) => ({ ...x, quotes: pick(quotes, 'treatmentPlanId', x.id) })),
      sessionRecords: sessions.map((s) => ({
        ...s,
        needles: pick(needles, 'sessionRecordId', s.id),
        pigments: pick(pigments, 'sessionRecordId', s.id),
        adverseEvents: pick(events, 'sessionRecordId', s.id),
      })),
      signedConsents: consents.map((c) => {
        const template = templates.find((x) => x.id === c.templateId)
        return {
          ...c,
          template:
            template === undefined ? null : { kind: template.kind, version: template.version, title: template.title },
        }
      }),
      photos: await this.#rows('photos t', byClient, 't.taken_on, t.id'),
      appointments: appointments.map((a) => ({ ...a, changes: pick(changes, 'appointmentId', a.id) })),
      laserRemovalCourses: laserCourses.map((c) => ({ ...c, sessions: pick(laserSessions, 'courseId', c.id) })),
      messages: await this.#rows('outbox_messages t', byClient, 't.due_at, t.id'),
      auditEntries: await this.#rows('audit_log t', byClient, 't.id'),
    }
  }

  /**
   * Erases the client's personal data in place and keeps the retained records, anonymised.
   *
   * What stays and why (DOMAIN §6.4):
   * - session records with their date and time, location, operator (practitioner), areas, impressions and duration,
   *   and every needle and pigment with manufacturer/brand and lot: [MADCO] keeps procedure date, operator,
   *   procedure type and location for ≥3 years and an inventory of inks and sharps by lot, and REACH's batch
   *   references only serve a lot recall if each lot still leads to its sessions. The lot recall then shows the
   *   session as "Erased client".
   * - adverse events by kind, severity and date (a reaction tied to a lot is what a recall needs); their free-text
   *   description is replaced.
   * - signed consents, unchanged: they are the signed documents [MADCO] and [NYC] require clinics to keep (2–3 years)
   *   and the database makes them immutable; altering the text or signer of a signed document would falsify it.
   * - intakes, consultations, designs, plans and quotes: coded clinical and commercial facts with no name or
   *   contact in them (the intake schema has no free text); design titles are replaced as they are free text.
   * - the audit log, append-only: who did what and when, including this erasure and its reason.
   * What goes: name (replaced by "Erased client"), email, phone, date of birth, communication consents, the portal
   * account's access to this clinic, session notes and anaesthetic notes, and photos of the client's head (no
   * retention rule asks for them; their files leave the store when no other photo row shares the content).
   * Retained records are kept for the retention period; deleting them after it is a later, separate job.
   */
  async erase(clinicId: string, clientId: string, now: Date): Promise<ErasureCounts> {
    const db = this.#db
    const client = await db
      .updateTable('clients')
      .set({
        given_name: 'Erased',
        family_name: 'client',
        email: null,
        phone: null,
        date_of_birth: null,
        communication_consents: JSON.stringify({ ...NO_CONSENTS, updatedAt: now.toISOString() }),
        stage: 'closed',
        updated_at: now,
        erased_at: now,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', clientId)
      .returning('user_id')
      .executeTakeFirstOrThrow()
    const sessions = await sql<{ n: number }>`
      update session_records set notes = null,
        anaesthetic = case when anaesthetic is null or jsonb_typeof(anaesthetic) <> 'object' then anaesthetic
                           else anaesthetic - 'notes' end
      where clinic_id = ${clinicId} and client_id = ${clientId}
        and (notes is not null or anaesthetic ? 'notes')
      returning 1 as n`.execute(db)
    const events = await sql<{ n: number }>`
      update adverse_events set description = 'Erased with the client'
      where clinic_id = ${clinicId}
        and session_record_id in (select id from session_records where clinic_id = ${clinicId} and client_id = ${clientId})
      returning 1 as n`.execute(db)
    const designs = await sql<{ n: number }>`
      update designs set title = 'Design' where clinic_id = ${clinicId} and client_id = ${clientId}
      returning 1 as n`.execute(db)
    const photos = await sql<{ content_sha256: string; thumbnail_sha256: string | null }>`
      delete from photos where clinic_id = ${clinicId} and client_id = ${clientId}
      returning content_sha256, thumbnail_sha256`.execute(db)
    const hashes = [
      ...new Set(
        photos.rows.flatMap((r) => [r.content_sha256, ...(r.thumbnail_sha256 === null ? [] : [r.thumbnail_sha256])])
      ),
    ]
    const stillUsed =
      hashes.length === 0
        ? []
        : (
            await sql<{ h: string }>`
              select content_sha256 as h from photos where content_sha256 = any(${hashes}::text[])
              union select thumbnail_sha256 from photos where thumbnail_sha256 = any(${hashes}::text[])
              union select signature_sha256 from signed_consents where signature_sha256 = any(${hashes}::text[])`.execute(
              db
            )
          ).rows.map((r) => r.h)
    let portal = 0
    if (client.user_id !== null) {
      await db.updateTable('clients').set({ user_id: null }).where('id', '=', clientId).execute()
      // the portal account loses this clinic unless it is also another (unerased) client record here
      const removed = await sql`delete from memberships m where m.clinic_id = ${clinicId}
        and m.user_id = ${client.user_id} and m.role = 'client'
        and not exists (select 1 from clients c where c.clinic_id = ${clinicId} and c.user_id = m.user_id)`.execute(db)
      portal = Number(removed.numAffectedRows ?? 0)
      // a portal account that no clinic knows any more goes with its sessions and password
      await sql`delete from auth_user u where u.id = ${client.user_id}
        and not exists (select 1 from memberships m where m.user_id = u.id)
        and not exists (select 1 from clients c where c.user_id = u.id)`.execute(db)
    }
    const count = async (table: string, where: RawBuilder<unknown>) =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} t where ${where}`.execute(db))
          .rows[0]?.n ?? 0
      )
    const mine = sql`t.clinic_id = ${clinicId} and t.client_id = ${clientId}`
    const ofSessions = sql`t.session_record_id in
      (select id from session_records s where s.clinic_id = ${clinicId} and s.client_id = ${clientId})`
    return {
      retained: {
        sessionRecords: await count('session_records', mine),
        needleLots: await count('session_needles', ofSessions),
        pigmentLots: await count('session_pigments', ofSessions),
        adverseEvents: events.rows.length,
        signedConsents: await count('signed_consents', mine),
        intakes: await count('intakes', mine),
        consultations: await count('consultations', mine),
        designs: designs.rows.length,
        treatmentPlans: await count('treatment_plans', mine),
        auditEntries: await count('audit_log', mine),
      },
      removed: {
        personalFields: 6,
        sessionNotes: sessions.rows.length,
        adverseEventDescriptions: events.rows.length,
        designTitles: designs.rows.length,
        photos: photos.rows.length,
        portalAccess: portal,
      },
      orphanedPhotoHashes: hashes.filter((h) => !stillUsed.includes(h)),
    }
  }
}
