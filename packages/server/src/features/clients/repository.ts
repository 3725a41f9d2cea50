import type { Client, ClientCreate, ClientSummary, ClientUpdate } from '@stipple/domain'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { type AuditRecord, auditInsertPerRow } from '../audit/repository.ts'
import { type ClinicClock, clinicClock } from '../locations/local-times.ts'

type ClientRow = Selectable<Database['clients']>
type Stage = ClientSummary['stage']

const columns = [
  'id',
  'given_name',
  'family_name',
  'email',
  'phone',
  'date_of_birth',
  'stage',
  'home_location_id',
  'communication_consents',
  'created_at',
  'updated_at',
] as const

const NO_CONSENTS = { careEmail: false, careSms: false, marketingEmail: false, marketingSms: false }

function toSummary(r: Pick<ClientRow, (typeof columns)[number]>, clock: ClinicClock): ClientSummary {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    phone: r.phone,
    stage: r.stage as Stage,
    homeLocationId: r.home_location_id,
    updatedAt: r.updated_at.toISOString(),
    updatedAtLocal: clock.local(r.updated_at),
  }
}

function toClient(r: Pick<ClientRow, (typeof columns)[number]>, clock: ClinicClock): Client {
  return {
    ...toSummary(r, clock),
    dateOfBirth: r.date_of_birth,
    consents: r.communication_consents,
    createdAt: r.created_at.toISOString(),
  }
}

/** A timestamptz as JSON text exactly as `Date.prototype.toISOString` writes it (UTC, milliseconds truncated). */
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)

/** `%` and `_` in the user's search text match themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * A phone search matches on digits, whatever the spacing, brackets or `+` typed or stored: "4165550111",
 * "(416) 555-0111" and "+14165550111" all find "+1 416 555 0111". A leading country code 1 (North America) may be
 * typed or left out on either side. Fewer than 4 digits is not a phone search.
 */
function phoneDigitsMatch(text: string) {
  const digits = text.replace(/\D/g, '')
  if (digits.length < 4 || /[a-z@]/i.test(text)) return []
  const stored = sql`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')`
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
  return [sql<boolean>`strpos(${stored}, ${national}) > 0`]
}

export class ClientRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async list(
    clinicId: string,
    query: { q?: string | undefined; stage?: Stage | undefined; limit: number; offset: number }
  ): Promise<{ items: ClientSummary[]; total: number }> {
    let q = this.#db.selectFrom('clients').where('clinic_id', '=', clinicId).where('erased_at', 'is', null)
    if (query.stage !== undefined) q = q.where('stage', '=', query.stage)
    if (query.q !== undefined && query.q !== '') {
      const pattern = likePattern(query.q.toLowerCase())
      q = q.where((eb) =>
        eb.or([
          eb(sql`lower(given_name || ' ' || family_name)`, 'like', pattern),
          eb(sql`lower(family_name || ' ' || given_name)`, 'like', pattern),
          eb(sql`lower(coalesce(email, ''))`, 'like', pattern),
          eb(sql`coalesce(phone, '')`, 'like', pattern),
          ...phoneDigitsMatch(query.q ?? ''),
        ])
      )
    }
    const [rows, count] = await Promise.all([
      q
        .select(columns)
        .orderBy(sql`lower(family_name)`)
        .orderBy(sql`lower(given_name)`)
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const clock = await clinicClock(this.#db, clinicId)
    return { items: rows.map((r) => toSummary(r, clock)), total: Number(count.n) }
  }

  async get(clinicId: string, id: string): Promise<Client | null> {
    const row = await this.#db
      .selectFrom('clients')
      .select(columns)
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .executeTakeFirst()
    return row === undefined ? null : toClient(row, await clinicClock(this.#db, clinicId))
  }

  /**
   * The client's file (ClientFile) as JSON text built by the database, and its audit row, in one statement: one round
   * trip, one snapshot, and the audit row commits with the read (if it cannot be written, nothing is returned). Null,
   * and nothing audited, when the client is not this clinic's or was erased. Without `clinical`, no intakes and no
   * clinical part of session records.
   */
  async fileJsonAudited(
    clinicId: string,
    clientId: string,
    clinical: boolean,
    entry: AuditRecord
  ): Promise<string | null> {
    const { rows } = await sql<{ file: string | null; audited: number }>`
      with c as (
        select ${sql.join(columns.map((k) => sql.ref(k)))}
        from clients
        where clinic_id = ${clinicId}::uuid and id = ${clientId}::uuid and erased_at is null
      ),
      audited as (${auditInsertPerRow('c', entry)})
      select (select count(*) from audited)::int as audited, (
        select json_build_object(
          'client', json_build_object(
            'id', c.id, 'givenName', c.given_name, 'familyName', c.family_name, 'email', c.email, 'phone', c.phone,
            'stage', c.stage, 'homeLocationId', c.home_location_id, 'updatedAt', ${iso('c.updated_at')},
            'dateOfBirth', c.date_of_birth, 'consents', c.communication_consents, 'createdAt', ${iso('c.created_at')}
          ),
          'intakes', case when ${clinical}::boolean then coalesce((
            select json_agg(json_build_object(
              'id', i.id, 'clientId', i.client_id, 'version', i.version, 'schema', i.schema, 'document', i.document,
              'recordedBy', i.recorded_by, 'createdAt', ${iso('i.created_at')}
            ) order by i.version desc)
            from intakes i where i.clinic_id = ${clinicId}::uuid and i.client_id = c.id
          ), '[]'::json) end,
          'sessions', coalesce((
            select json_agg(json_build_object(
              'id', s.id, 'clientId', s.client_id, 'locationId', s.location_id, 'practitionerId', s.practitioner_id,
              'sessionIndex', s.session_index, 'performedAt', ${iso('s.performed_at')}, 'areas', s.areas,
              'impressions', s.impressions, 'durationMinutes', s.duration_minutes,
              'needles', coalesce((
                select json_agg(json_build_object(
                  'configuration', n.configuration, 'manufacturer', n.manufacturer, 'lot', n.lot,
                  'expiresOn', n.expires_on, 'singleUseConfirmed', true
                ) order by n.id)
                from session_needles n where n.clinic_id = s.clinic_id and n.session_record_id = s.id
              ), '[]'::json),
              'pigments', coalesce((
                select json_agg(json_build_object(
                  'brand', p.brand, 'shade', p.shade, 'dilution', p.dilution, 'lot', p.lot, 'expiresOn', p.expires_on
                ) order by p.id)
                from session_pigments p where p.clinic_id = s.clinic_id and p.session_record_id = s.id
              ), '[]'::json),
              'clinical', case when ${clinical}::boolean then json_build_object(
                'anaesthetic', s.anaesthetic, 'notes', s.notes,
                'adverseEvents', coalesce((
                  select json_agg(json_build_object(
                    'kind', e.kind, 'severity', e.severity, 'description', e.description,
                    'notedAt', ${iso('e.noted_at')}
                  ) order by e.noted_at)
                  from adverse_events e where e.clinic_id = s.clinic_id and e.session_record_id = s.id
                ), '[]'::json)
              ) end,
              'appointmentId', s.appointment_id,
              'override', case when s.override_reason is null then null else json_build_object(
                'reason', s.override_reason, 'byMembershipId', s.override_by,
                'byName', coalesce((
                  select m.display_name from memberships m where m.clinic_id = s.clinic_id and m.id = s.override_by
                ), 'the owner'),
                'overridden', s.overridden
              ) end,
              'createdAt', ${iso('s.created_at')}
            ) order by s.performed_at, s.id)
            from session_records s where s.clinic_id = ${clinicId}::uuid and s.client_id = c.id
          ), '[]'::json)
        )::text
        from c
      ) as file
    `.execute(this.#db)
    const row = rows[0]
    if (row === undefined || row.file === null) return null
    // the insert runs once per client row, so a returned file has exactly one audit row beside it
    if (row.audited !== 1) throw new Error(`the read of client ${clientId} wrote ${row.audited} audit rows, not 1`)
    // the wall-clock siblings come from the domain's pinned zone table, never the database's
    const file = JSON.parse(row.file) as {
      client: { updatedAt: string; updatedAtLocal?: unknown }
      intakes: { createdAt: string; createdAtLocal?: unknown }[] | null
      sessions: { performedAt: string; locationId: string; performedAtLocal?: unknown }[]
    }
    const clock = await clinicClock(this.#db, clinicId)
    file.client.updatedAtLocal = clock.local(file.client.updatedAt)
    for (const i of file.intakes ?? []) i.createdAtLocal = clock.local(i.createdAt)
    for (const s of file.sessions) s.performedAtLocal = clock.local(s.performedAt, s.locationId)
    return JSON.stringify(file)
  }

  async create(clinicId: string, input: ClientCreate, now: Date): Promise<Client> {
    const row = await this.#db
      .insertInto('clients')
      .values({
        clinic_id: clinicId,
        given_name: input.givenName,
        family_name: input.familyName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        date_of_birth: input.dateOfBirth ?? null,
        ...(input.stage === undefined ? {} : { stage: input.stage }),
        home_location_id: input.homeLocationId ?? null,
        communication_consents: JSON.stringify({ ...(input.consents ?? NO_CONSENTS), updatedAt: now.toISOString() }),
      })
      .returning(columns)
      .executeTakeFirstOrThrow()
    return toClient(row, await clinicClock(this.#db, clinicId))
  }

  async update(clinicId: string, id: string, patch: ClientUpdate, now: Date): Promise<Client | null> {
    const row = await this.#db
      .updateTable('clients')
      .set({
        ...(patch.givenName === undefined ? {} : { given_name: patch.givenName }),
        ...(patch.familyName === undefined ? {} : { family_name: patch.familyName }),
        ...(patch.email === undefined ? {} : { email: patch.email }),
        ...(patch.phone === undefined ? {} : { phone: patch.phone }),
        ...(patch.dateOfBirth === undefined ? {} : { date_of_birth: patch.dateOfBirth }),
        ...(patch.stage === undefined ? {} : { stage: patch.stage }),
        ...(patch.homeLocationId === undefined ? {} : { home_location_id: patch.homeLocationId }),
        ...(patch.consents === undefined
          ? {}
          : { communication_consents: JSON.stringify({ ...patch.consents, updatedAt: now.toISOString() }) }),
        updated_at: now,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('erased_at', 'is', null)
      .returning(columns)
      .executeTakeFirst()
    return row === undefined ? null : toClient(row, await clinicClock(this.#db, clinicId))
  }

  /** Locks the client's row until the transaction ends (serialises per-client version numbers); false if absent. */
  async lock(clinicId: string, id: string): Promise<boolean> {
    return (await this.#live(clinicId, id).forUpdate().executeTakeFirst()) !== undefined
  }

  /** The client's row if it is this clinic's and not erased. */
  #live(clinicId: string, id: string) {
    return this.#db
      .selectFrom('clients')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('erased_at', 'is', null)
  }

  /** The client file linked to a portal user's account in this clinic (the earliest, should there be two), or null. */
  async clientOfUser(clinicId: string, userId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('clients')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('user_id', '=', userId)
      .where('erased_at', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst()
    return row?.id ?? null
  }

  /** Clients (not erased) whose email (any case) or phone (digits only) is the one given; at most 10. */
  async matching(clinicId: string, email: string, phone: string) {
    const digits = phone.replace(/\D/g, '')
    const rows = await this.#db
      .selectFrom('clients')
      .select(['id', 'given_name', 'family_name', 'email', 'phone'])
      .where('clinic_id', '=', clinicId)
      .where('erased_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb(sql`lower(coalesce(email, ''))`, '=', email.trim().toLowerCase()),
          ...(digits.length >= 7 ? [eb(sql`regexp_replace(coalesce(phone, ''), '\\D', '', 'g')`, '=', digits)] : []),
        ])
      )
      .orderBy('family_name')
      .limit(10)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      name: `${r.given_name} ${r.family_name}`.trim(),
      email: r.email,
      phone: r.phone,
    }))
  }

  /** Whether the client is this clinic's and not erased: a guard's one-row read. */
  async exists(clinicId: string, id: string): Promise<boolean> {
    return (await this.#live(clinicId, id).executeTakeFirst()) !== undefined
  }
}
