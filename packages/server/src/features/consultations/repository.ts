import { type ConsultationResult, StoredConsultationResultSchema, StoredScreeningSchema } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { storedDocument } from '../../db/stored.ts'
import type { Consultation } from './consultations.schema.ts'

/** The consultations row of a result: the screening on its own, the rest without the design (that is version 1). */
export function consultationRow(result: ConsultationResult) {
  const { design: _design, ...rest } = result
  return {
    screening_status: result.screening.status,
    screening: JSON.stringify(result.screening),
    result: JSON.stringify(rest),
  }
}

export class ConsultationRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** The intake document, when the intake is this client's. */
  async intakeDocument(clinicId: string, clientId: string, intakeId: string): Promise<Record<string, unknown> | null> {
    const row = await this.#db
      .selectFrom('intakes')
      .select('document')
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('id', '=', intakeId)
      .executeTakeFirst()
    return row?.document ?? null
  }

  /** The design the client's latest consultation recommended, if any (a design of a client not erased). */
  async recommendedDesign(clinicId: string, clientId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('consultations')
      .select('design_id')
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('design_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return row?.design_id ?? null
  }

  async create(
    clinicId: string,
    clientId: string,
    intakeId: string,
    practitionerId: string,
    result: ConsultationResult,
    designId: string
  ): Promise<string> {
    const { id } = await this.#db
      .insertInto('consultations')
      .values({
        clinic_id: clinicId,
        client_id: clientId,
        intake_id: intakeId,
        practitioner_id: practitionerId,
        design_id: designId,
        ...consultationRow(result),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  /** The client's consultations, newest first; `id` narrows to one. */
  async list(clinicId: string, clientId: string, id?: string): Promise<Consultation[]> {
    let q = this.#db
      .selectFrom('consultations')
      .select([
        'id',
        'client_id',
        'intake_id',
        'practitioner_id',
        'screening_status',
        'screening',
        'result',
        'created_at',
      ])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
    if (id !== undefined) q = q.where('id', '=', id)
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute()
    return rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      intakeId: r.intake_id,
      practitionerId: r.practitioner_id,
      createdAt: r.created_at.toISOString(),
      screeningStatus: r.screening_status,
      screening: storedDocument(StoredScreeningSchema, r.screening, `consultations.screening of consultation ${r.id}`),
      result:
        r.result === null
          ? null
          : storedDocument(StoredConsultationResultSchema, r.result, `consultations.result of consultation ${r.id}`),
    }))
  }
}
