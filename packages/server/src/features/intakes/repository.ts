import { type IntakeRecord, IntakeRecordSchema } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { storedDocument } from '../../db/stored.ts'
import { clinicClock } from '../../local-times.ts'

/** A stored intake is kept as written (it may still lack answers): read back as the JSON object the record holds. */
const storedIntake = (r: { id: string; document: unknown }) =>
  storedDocument(IntakeRecordSchema.shape.document, r.document, `intakes.document of intake ${r.id}`)

const columns = ['id', 'client_id', 'version', 'schema', 'document', 'recorded_by', 'created_at'] as const

export class IntakeRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async listForClient(clinicId: string, clientId: string): Promise<IntakeRecord[]> {
    const rows = await this.#db
      .selectFrom('intakes')
      .select(columns)
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .orderBy('version', 'desc')
      .execute()
    const clock = await clinicClock(this.#db, clinicId)
    return rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      version: r.version,
      schema: r.schema,
      document: storedIntake(r),
      recordedBy: r.recorded_by,
      createdAt: r.created_at.toISOString(),
      createdAtLocal: clock.local(r.created_at),
    }))
  }

  /** Adds the next version of the client's intake (the caller holds the client's row lock). */
  async create(
    clinicId: string,
    clientId: string,
    document: { schema: string } & Record<string, unknown>,
    recordedBy: string
  ): Promise<IntakeRecord> {
    const next = await this.#db
      .selectFrom('intakes')
      .select((eb) => eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)).as('v'))
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow()
    const r = await this.#db
      .insertInto('intakes')
      .values({
        clinic_id: clinicId,
        client_id: clientId,
        version: Number(next.v) + 1,
        schema: document.schema,
        document: JSON.stringify(document),
        recorded_by: recordedBy,
      })
      .returning(columns)
      .executeTakeFirstOrThrow()
    const clock = await clinicClock(this.#db, clinicId)
    return {
      id: r.id,
      clientId: r.client_id,
      version: r.version,
      schema: r.schema,
      document: storedIntake(r),
      recordedBy: r.recorded_by,
      createdAt: r.created_at.toISOString(),
      createdAtLocal: clock.local(r.created_at),
    }
  }
}
