import type { LotRecall, SessionRecord, SessionRecordCreate } from '@stipple/domain'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'

export class SessionRecordRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The location's IANA time zone, or null when the location is not this clinic's. */
  async locationTimeZone(clinicId: string, locationId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('locations')
      .select('time_zone')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', locationId)
      .executeTakeFirst()
    return row?.time_zone ?? null
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

  async create(clinicId: string, clientId: string, input: SessionRecordCreate, createdBy: string): Promise<string> {
    const { id } = await this.#db
      .insertInto('session_records')
      .values({
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
        input.needles.map((n) => ({
          clinic_id: clinicId,
          session_record_id: id,
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
        input.pigments.map((p) => ({
          clinic_id: clinicId,
          session_record_id: id,
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
    let q = this.#db.selectFrom('session_records').selectAll().where('clinic_id', '=', clinicId)
    if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId)
    if (filter.ids !== undefined) q = q.where('id', 'in', filter.ids.length > 0 ? filter.ids : [''])
    const records = await q.orderBy('performed_at').orderBy('id').execute()
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
    return records.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      locationId: r.location_id,
      practitionerId: r.practitioner_id,
      sessionIndex: r.session_index,
      performedAt: r.performed_at.toISOString(),
      areas: r.areas,
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
      clinical: {
        anaesthetic: r.anaesthetic === null ? null : { ...r.anaesthetic },
        notes: r.notes,
        adverseEvents: events
          .filter((e) => e.session_record_id === r.id)
          .map((e) => ({
            kind: e.kind as NonNullable<SessionRecord['clinical']>['adverseEvents'][number]['kind'],
            severity: e.severity as NonNullable<SessionRecord['clinical']>['adverseEvents'][number]['severity'],
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
    const pigments =
      kind === 'needle'
        ? []
        : await this.#db
            .selectFrom('session_pigments as p')
            .innerJoin('session_records as s', (j) =>
              j.onRef('s.id', '=', 'p.session_record_id').onRef('s.clinic_id', '=', 'p.clinic_id')
            )
            .innerJoin('clients as c', (j) =>
              j.onRef('c.id', '=', 's.client_id').onRef('c.clinic_id', '=', 's.clinic_id')
            )
            .select([
              'p.lot',
              'p.brand',
              'p.shade',
              'p.expires_on',
              's.id as session_id',
              's.performed_at',
              'c.id as client_id',
              'c.given_name',
              'c.family_name',
              'c.email',
              'c.phone',
            ])
            .where('p.clinic_id', '=', clinicId)
            .where(sql`lower(p.lot)`, '=', wanted)
            .execute()
    const needles =
      kind === 'pigment'
        ? []
        : await this.#db
            .selectFrom('session_needles as n')
            .innerJoin('session_records as s', (j) =>
              j.onRef('s.id', '=', 'n.session_record_id').onRef('s.clinic_id', '=', 'n.clinic_id')
            )
            .innerJoin('clients as c', (j) =>
              j.onRef('c.id', '=', 's.client_id').onRef('c.clinic_id', '=', 's.clinic_id')
            )
            .select([
              'n.lot',
              'n.configuration',
              'n.expires_on',
              's.id as session_id',
              's.performed_at',
              'c.id as client_id',
              'c.given_name',
              'c.family_name',
              'c.email',
              'c.phone',
            ])
            .where('n.clinic_id', '=', clinicId)
            .where(sql`lower(n.lot)`, '=', wanted)
            .execute()
    const client = (r: {
      client_id: string
      given_name: string
      family_name: string
      email: string | null
      phone: string | null
    }) => ({
      id: r.client_id,
      givenName: r.given_name,
      familyName: r.family_name,
      email: r.email,
      phone: r.phone,
    })
    return [
      ...pigments.map((r) => ({
        kind: 'pigment' as const,
        lot: r.lot,
        product: `${r.brand} ${r.shade}`,
        expiresOn: r.expires_on,
        sessionRecordId: r.session_id,
        performedAt: r.performed_at.toISOString(),
        client: client(r),
      })),
      ...needles.map((r) => ({
        kind: 'needle' as const,
        lot: r.lot,
        product: r.configuration,
        expiresOn: r.expires_on,
        sessionRecordId: r.session_id,
        performedAt: r.performed_at.toISOString(),
        client: client(r),
      })),
    ].sort((a, b) => b.performedAt.localeCompare(a.performedAt) || a.sessionRecordId.localeCompare(b.sessionRecordId))
  }
}
