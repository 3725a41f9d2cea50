import {
  AdverseEventSchema,
  AnaestheticSchema,
  type Lot,
  type LotCreate,
  type LotRecall,
  type SessionRecord,
  type SessionRecordCreate,
  SessionRecordSchema,
} from '@stipple/domain'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { storedDocument } from '../../db/stored.ts'
import { clinicClock } from '../../local-times.ts'

export class SessionRecordRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async isPractitioner(clinicId: string, membershipId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('memberships')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', membershipId)
      .where('role', 'in', ['practitioner', 'owner'])
      .executeTakeFirst()
    return row !== undefined
  }

  /** The client's latest intake, the clinic's current treatment consent version and the client's signed ones. */
  async safetyFacts(clinicId: string, clientId: string) {
    const [intake, current, signed] = await Promise.all([
      this.#db
        .selectFrom('intakes')
        .select(['version', 'document', 'created_at'])
        .where('clinic_id', '=', clinicId)
        .where('client_id', '=', clientId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst(),
      this.#db
        .selectFrom('consent_templates')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('clinic_id', '=', clinicId)
        .where('kind', '=', 'treatment')
        .executeTakeFirst(),
      this.#db
        .selectFrom('signed_consents as s')
        .innerJoin('consent_templates as t', (j) =>
          j.onRef('t.id', '=', 's.template_id').onRef('t.clinic_id', '=', 's.clinic_id')
        )
        .select(['t.version', 's.signed_at'])
        .where('s.clinic_id', '=', clinicId)
        .where('s.client_id', '=', clientId)
        .where('t.kind', '=', 'treatment')
        .execute(),
    ])
    return {
      intake:
        intake === undefined ? null : { version: intake.version, document: intake.document, at: intake.created_at },
      currentConsentVersion: current?.v === null || current?.v === undefined ? null : Number(current.v),
      signed: signed.map((r) => ({ version: r.version, at: r.signed_at })),
    }
  }

  /** An appointment of this clinic with what a session record checks against it. */
  async appointment(clinicId: string, appointmentId: string) {
    const row = await this.#db
      .selectFrom('appointments as a')
      .leftJoin('courses as c', (j) => j.onRef('c.id', '=', 'a.course_id').onRef('c.clinic_id', '=', 'a.clinic_id'))
      .select([
        'a.id',
        'a.client_id',
        'a.location_id',
        'a.practitioner_id',
        'a.kind',
        'a.status',
        'a.starts_at',
        'a.course_index',
        'c.treatment_plan_id',
      ])
      .where('a.clinic_id', '=', clinicId)
      .where('a.id', '=', appointmentId)
      .forUpdate('a')
      .executeTakeFirst()
    return row ?? null
  }

  /** Marks the appointment completed, in its history, by the session record that followed it. */
  async completeAppointment(clinicId: string, appointmentId: string, by: string, sessionRecordId: string) {
    await this.#db
      .updateTable('appointments')
      .set({ status: 'completed', updated_at: new Date() })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', appointmentId)
      .execute()
    await this.#db
      .insertInto('appointment_changes')
      .values({
        clinic_id: clinicId,
        appointment_id: appointmentId,
        change: 'completed',
        reason: `session recorded (record ${sessionRecordId})`,
        changed_by: by,
      })
      .execute()
  }

  /** The session record of an appointment, if one was recorded. */
  async recordOfAppointment(clinicId: string, appointmentId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('session_records')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('appointment_id', '=', appointmentId)
      .executeTakeFirst()
    return row?.id ?? null
  }

  /** Registered lots of a location with these codes (compared without case). */
  async registeredLots(clinicId: string, locationId: string, kind: 'pigment' | 'needle', codes: readonly string[]) {
    if (codes.length === 0) return []
    return this.#db
      .selectFrom('lots')
      .select(['id', 'brand', 'shade', 'configuration', 'lot', 'expires_on'])
      .where('clinic_id', '=', clinicId)
      .where('location_id', '=', locationId)
      .where('kind', '=', kind)
      .where(
        sql`lower(lot)`,
        'in',
        codes.map((c) => c.toLowerCase())
      )
      .execute()
  }

  /** The lots register, newest expiry last; `today` decides what is expired (per location's own day). */
  async lots(
    clinicId: string,
    filter: { locationId?: string | undefined; kind?: 'pigment' | 'needle' | undefined; ids?: string[] },
    todayAt: (locationId: string) => string
  ): Promise<Lot[]> {
    let q = this.#db
      .selectFrom('lots')
      .select(['id', 'kind', 'location_id', 'brand', 'shade', 'configuration', 'lot', 'expires_on', 'created_at'])
      .where('clinic_id', '=', clinicId)
    if (filter.locationId !== undefined) q = q.where('location_id', '=', filter.locationId)
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind)
    if (filter.ids !== undefined) q = q.where('id', 'in', filter.ids.length > 0 ? filter.ids : [''])
    const rows = await q.orderBy('kind').orderBy('brand').orderBy('expires_on').orderBy('lot').limit(2000).execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      locationId: r.location_id,
      brand: r.brand,
      shade: r.shade,
      configuration: r.configuration,
      lot: r.lot,
      expiresOn: r.expires_on,
      expired: r.expires_on < todayAt(r.location_id),
      createdAt: r.created_at.toISOString(),
    }))
  }

  /** Adds a lot to a location's register; null when the location already has this lot code of this kind. */
  async addLot(clinicId: string, input: LotCreate, createdBy: string): Promise<string | null> {
    const row = await this.#db
      .insertInto('lots')
      .values({
        clinic_id: clinicId,
        location_id: input.locationId,
        kind: input.kind,
        brand: input.brand,
        shade: input.kind === 'pigment' ? input.shade : null,
        configuration: input.kind === 'needle' ? input.configuration : null,
        lot: input.lot,
        expires_on: input.expiresOn,
        created_by: createdBy,
      })
      .onConflict((oc) => oc.expression(sql`clinic_id, location_id, kind, lower(lot)`).doNothing())
      .returning('id')
      .executeTakeFirst()
    return row?.id ?? null
  }

  async create(
    clinicId: string,
    clientId: string,
    input: SessionRecordCreate & { performedAt: string },
    createdBy: string,
    links: {
      appointmentId?: string | null
      treatmentPlanId?: string | null
      override?: { reason: string; by: string; overridden: string[] } | null
      needleLots?: readonly (string | null)[]
      pigmentLots?: readonly (string | null)[]
    } = {}
  ): Promise<string> {
    const { id } = await this.#db
      .insertInto('session_records')
      .values({
        appointment_id: links.appointmentId ?? null,
        treatment_plan_id: links.treatmentPlanId ?? null,
        override_reason: links.override?.reason ?? null,
        override_by: links.override?.by ?? null,
        overridden: links.override ? JSON.stringify(links.override.overridden) : null,
        clinic_id: clinicId,
        client_id: clientId,
        location_id: input.locationId,
        practitioner_id: input.practitionerId,
        session_index: input.sessionIndex,
        performed_at: input.performedAt,
        areas: JSON.stringify(input.areas),
        anaesthetic: JSON.stringify(input.anaesthetic ?? null),
        impressions: input.impressions ?? null,
        duration_minutes: input.durationMinutes ?? null,
        notes: input.notes ?? null,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await this.#db
      .insertInto('session_needles')
      .values(
        input.needles.map((n, i) => ({
          clinic_id: clinicId,
          session_record_id: id,
          lot_id: links.needleLots?.[i] ?? null,
          configuration: n.configuration,
          manufacturer: n.manufacturer ?? null,
          lot: n.lot,
          expires_on: n.expiresOn ?? null,
          single_use_confirmed: n.singleUseConfirmed,
        }))
      )
      .execute()
    await this.#db
      .insertInto('session_pigments')
      .values(
        input.pigments.map((p, i) => ({
          clinic_id: clinicId,
          session_record_id: id,
          lot_id: links.pigmentLots?.[i] ?? null,
          brand: p.brand,
          shade: p.shade,
          dilution: p.dilution,
          lot: p.lot,
          expires_on: p.expiresOn,
        }))
      )
      .execute()
    const events = input.adverseEvents ?? []
    if (events.length > 0) {
      await this.#db
        .insertInto('adverse_events')
        .values(
          events.map((e) => ({
            clinic_id: clinicId,
            session_record_id: id,
            kind: e.kind,
            severity: e.severity,
            description: e.description,
            noted_at: e.notedAt,
          }))
        )
        .execute()
    }
    return id
  }

  /** Session records, oldest first; `ids` narrows to given records. */
  async list(clinicId: string, filter: { clientId?: string; ids?: string[] }): Promise<SessionRecord[]> {
    let q = this.#db
      .selectFrom('session_records as r')
      .leftJoin('memberships as o', (j) =>
        j.onRef('o.id', '=', 'r.override_by').onRef('o.clinic_id', '=', 'r.clinic_id')
      )
      .selectAll('r')
      .select('o.display_name as override_name')
      .where('r.clinic_id', '=', clinicId)
    if (filter.clientId !== undefined) q = q.where('r.client_id', '=', filter.clientId)
    if (filter.ids !== undefined) q = q.where('r.id', 'in', filter.ids.length > 0 ? filter.ids : [''])
    const records = await q.orderBy('r.performed_at').orderBy('r.id').execute()
    if (records.length === 0) return []
    const ids = records.map((r) => r.id)
    const [needles, pigments, events] = await Promise.all([
      this.#db
        .selectFrom('session_needles')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('session_record_id', 'in', ids)
        .orderBy('id')
        .execute(),
      this.#db
        .selectFrom('session_pigments')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('session_record_id', 'in', ids)
        .orderBy('id')
        .execute(),
      this.#db
        .selectFrom('adverse_events')
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('session_record_id', 'in', ids)
        .orderBy('noted_at')
        .execute(),
    ])
    const clock = await clinicClock(this.#db, clinicId)
    return records.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      locationId: r.location_id,
      practitionerId: r.practitioner_id,
      sessionIndex: r.session_index,
      performedAt: r.performed_at.toISOString(),
      performedAtLocal: clock.local(r.performed_at, r.location_id),
      areas: storedDocument(SessionRecordSchema.shape.areas, r.areas, `session_records.areas of record ${r.id}`),
      impressions: r.impressions,
      durationMinutes: r.duration_minutes,
      needles: needles
        .filter((n) => n.session_record_id === r.id)
        .map((n) => ({
          configuration: n.configuration,
          manufacturer: n.manufacturer,
          lot: n.lot,
          expiresOn: n.expires_on,
          singleUseConfirmed: true as const,
        })),
      pigments: pigments
        .filter((p) => p.session_record_id === r.id)
        .map((p) => ({ brand: p.brand, shade: p.shade, dilution: p.dilution, lot: p.lot, expiresOn: p.expires_on })),
      appointmentId: r.appointment_id,
      override:
        r.override_reason === null || r.override_by === null
          ? null
          : {
              reason: r.override_reason,
              byMembershipId: r.override_by,
              byName: r.override_name ?? 'the owner',
              overridden: r.overridden ?? [],
            },
      clinical: {
        anaesthetic: storedDocument(
          AnaestheticSchema.nullable(),
          r.anaesthetic,
          `session_records.anaesthetic of record ${r.id}`
        ),
        notes: r.notes,
        adverseEvents: events
          .filter((e) => e.session_record_id === r.id)
          .map((e) => ({
            ...storedDocument(
              AdverseEventSchema.pick({ kind: true, severity: true }),
              { kind: e.kind, severity: e.severity },
              `adverse_events kind and severity of ${e.id}`
            ),
            description: e.description,
            notedAt: e.noted_at.toISOString(),
          })),
      },
      createdAt: r.created_at.toISOString(),
    }))
  }

  /** Every session in this clinic that used the lot (case-insensitive), newest first. */
  async lotRecall(
    clinicId: string,
    lot: string,
    kind: 'pigment' | 'needle' | undefined
  ): Promise<LotRecall['matches']> {
    const wanted = lot.toLowerCase()
    // one statement: the lot's pigment and needle lines (as one shape), each with its session and client
    const pigments = this.#db
      .selectFrom('session_pigments')
      .select([
        sql<'pigment' | 'needle'>`'pigment'`.as('kind'),
        'lot',
        sql<string>`brand || ' ' || shade`.as('product'),
        sql<string | null>`expires_on`.as('expires_on'),
        'session_record_id',
        'clinic_id',
      ])
      .where('clinic_id', '=', clinicId)
      .where(sql`lower(lot)`, '=', wanted)
      .$if(kind === 'needle', (q) => q.where(sql<boolean>`false`))
    const needles = this.#db
      .selectFrom('session_needles')
      .select([
        sql<'pigment' | 'needle'>`'needle'`.as('kind'),
        'lot',
        'configuration as product',
        'expires_on',
        'session_record_id',
        'clinic_id',
      ])
      .where('clinic_id', '=', clinicId)
      .where(sql`lower(lot)`, '=', wanted)
      .$if(kind === 'pigment', (q) => q.where(sql<boolean>`false`))
    const rows = await this.#db
      .selectFrom(pigments.unionAll(needles).as('u'))
      .innerJoin('session_records as s', (j) =>
        j.onRef('s.id', '=', 'u.session_record_id').onRef('s.clinic_id', '=', 'u.clinic_id')
      )
      .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 's.client_id').onRef('c.clinic_id', '=', 's.clinic_id'))
      .select([
        'u.kind',
        'u.lot',
        'u.product',
        'u.expires_on',
        's.id as session_id',
        's.performed_at',
        's.location_id',
        'c.id as client_id',
        'c.given_name',
        'c.family_name',
        'c.email',
        'c.phone',
      ])
      .execute()
    const clock = await clinicClock(this.#db, clinicId)
    return (
      rows
        .map((r) => ({
          kind: r.kind,
          lot: r.lot,
          product: r.product,
          expiresOn: r.expires_on,
          sessionRecordId: r.session_id,
          performedAt: r.performed_at.toISOString(),
          performedAtLocal: clock.local(r.performed_at, r.location_id),
          client: {
            id: r.client_id,
            givenName: r.given_name,
            familyName: r.family_name,
            email: r.email,
            phone: r.phone,
          },
        }))
        // newest first; a session's pigment lines before its needle lines
        .sort(
          (a, b) =>
            b.performedAt.localeCompare(a.performedAt) ||
            a.sessionRecordId.localeCompare(b.sessionRecordId) ||
            (a.kind === b.kind ? 0 : a.kind === 'pigment' ? -1 : 1)
        )
    )
  }
}
