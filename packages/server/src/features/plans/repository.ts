import { PlanDocumentSchema, StoredQuoteDocumentSchema } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { storedDocument } from '../../db/stored.ts'
import { clinicClock } from '../../local-times.ts'
import type { QuoteRecord, TreatmentPlan } from './plans.schema.ts'
import type { StoredQuote } from './quote-record.ts'

/** A session of the plan's booked course, as the clinic's calendar has it. */
export interface CourseVisit {
  /** 1-based, as the plan's session `index`. */
  index: number
  startsAt: Date
  status: 'booked' | 'arrived' | 'completed' | 'no-show'
  locationName: string
  timeZone: string
}

export class PlanRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /**
   * The sessions of the plan's most recently booked course that still has any (cancelled appointments left out), in
   * course order; empty when no course of the plan was booked.
   */
  async courseVisits(clinicId: string, planId: string): Promise<CourseVisit[]> {
    const rows = await this.#db
      .selectFrom('appointments as a')
      .innerJoin('courses as c', (j) => j.onRef('c.id', '=', 'a.course_id').onRef('c.clinic_id', '=', 'a.clinic_id'))
      .innerJoin('locations as l', (j) =>
        j.onRef('l.id', '=', 'a.location_id').onRef('l.clinic_id', '=', 'a.clinic_id')
      )
      .select(['c.id as course_id', 'a.course_index', 'a.starts_at', 'a.status', 'l.name', 'l.time_zone'])
      .where('a.clinic_id', '=', clinicId)
      .where('c.treatment_plan_id', '=', planId)
      .where('a.status', '<>', 'cancelled')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .orderBy('a.course_index')
      .orderBy('a.starts_at')
      .execute()
    const latest = rows[0]?.course_id
    return rows.flatMap((r) =>
      r.course_id !== latest || r.course_index === null || r.status === 'cancelled'
        ? []
        : [
            {
              index: r.course_index,
              startsAt: r.starts_at,
              status: r.status,
              locationName: r.name,
              timeZone: r.time_zone,
            },
          ]
    )
  }

  async create(
    clinicId: string,
    clientId: string,
    designVersionId: string | null,
    plan: TreatmentPlan['plan']
  ): Promise<string> {
    const { id } = await this.#db
      .insertInto('treatment_plans')
      .values({
        clinic_id: clinicId,
        client_id: clientId,
        design_version_id: designVersionId,
        plan: JSON.stringify(plan),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  async createQuote(clinicId: string, planId: string, locationId: string, quote: StoredQuote): Promise<string> {
    const { id } = await this.#db
      .insertInto('quotes')
      .values({
        clinic_id: clinicId,
        treatment_plan_id: planId,
        location_id: locationId,
        currency: quote.currency,
        total_minor: quote.totalMinor,
        document: JSON.stringify(quote.document),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }

  /** Plans, newest first, each with its latest quote; `ids` narrows to given plans. */
  async list(clinicId: string, filter: { clientId?: string; ids?: string[] }): Promise<TreatmentPlan[]> {
    let q = this.#db
      .selectFrom('treatment_plans')
      .select(['id', 'client_id', 'design_version_id', 'plan', 'created_at'])
      .where('clinic_id', '=', clinicId)
    if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId)
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return []
      q = q.where('id', 'in', filter.ids)
    }
    const plans = await q.orderBy('created_at', 'desc').orderBy('id').execute()
    if (plans.length === 0) return []
    const quotes = await this.#db
      .selectFrom('quotes')
      .select(['id', 'treatment_plan_id', 'location_id', 'currency', 'total_minor', 'document', 'created_at'])
      .where('clinic_id', '=', clinicId)
      .where(
        'treatment_plan_id',
        'in',
        plans.map((p) => p.id)
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    const latest = new Map<string, QuoteRecord>()
    for (const r of quotes) {
      const d = storedDocument(StoredQuoteDocumentSchema, r.document, `quotes.document of quote ${r.id}`)
      latest.set(r.treatment_plan_id, {
        id: r.id,
        locationId: r.location_id,
        currency: r.currency,
        priceList: d.priceList,
        subtotalMinor: d.subtotalMinor,
        totalMinor: r.total_minor,
        lines: d.lines,
        later: d.later,
        notes: d.notes,
        createdAt: r.created_at.toISOString(),
      })
    }
    // the plan's date as its quote's location reads it (else the clinic's first location's)
    const clock = await clinicClock(this.#db, clinicId)
    return plans.map((p) => ({
      id: p.id,
      clientId: p.client_id,
      designVersionId: p.design_version_id,
      plan: storedDocument(PlanDocumentSchema, p.plan, `treatment_plans.plan of plan ${p.id}`),
      quote: latest.get(p.id) ?? null,
      createdAt: p.created_at.toISOString(),
      createdAtLocal: clock.local(p.created_at, latest.get(p.id)?.locationId),
    }))
  }
}
