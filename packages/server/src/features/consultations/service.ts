import { consult, localDate, openWeekdaysOf, parseIntake } from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import { AppError, type FieldProblem } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, requireClient } from '../clients/guard.ts'
import { priceListOf, taxRulesOf } from '../plans/pricing.ts'
import { storedQuote } from '../plans/quote-record.ts'
import type { Consultation, ConsultationCreate, ConsultationCreated } from './consultations.schema.ts'
import type { ConsultationWork } from './work.ts'

/** The title of the design a consultation creates; the studio saves changes as its next versions. */
const RECOMMENDED_DESIGN_TITLE = 'Recommended design'

/** Front desk sees whether the client may be booked, never the findings or the clinical result. */
function forRole(actor: Actor, c: Consultation): Consultation {
  return seesClinical(actor) ? c : { ...c, screening: null, result: null }
}

export class ConsultationService {
  readonly #work: ConsultationWork
  readonly #now: () => Date
  constructor(work: ConsultationWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  /**
   * Runs the domain's consultation on a stored intake at a location (its price list, its "today"), then stores the
   * consultation, the recommended design as version 1 of a new design, its plan and the quote, in one transaction.
   */
  async create(actor: Actor, clientId: string, input: ConsultationCreate): Promise<ConsultationCreated> {
    const { document, location, hours } = await this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const problems: FieldProblem[] = []
      const doc = await repos.consultations.intakeDocument(actor.clinicId, clientId, input.intakeId)
      if (doc === null) problems.push({ path: 'body.intakeId', message: 'no such intake of this client' })
      const where = await repos.locations.get(actor.clinicId, input.locationId)
      if (where === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
      if (doc === null || where === null) {
        throw new AppError('invalid_input', 'The consultation names records this clinic does not have', { problems })
      }
      return { document: doc, location: where, hours: where.openingHours }
    })
    const intake = parseIntake(document)
    if (!intake.success) {
      throw new AppError('unprocessable', 'This intake is incomplete for a consultation; record a corrected intake', {
        problems: intake.issues.map((i) => ({ path: 'body.intakeId', message: `${i.path || 'intake'}: ${i.message}` })),
      })
    }
    const priceList = priceListOf(location, 'body.locationId')
    const today = input.today ?? localDate(this.#now(), location.timeZone)
    // the location decides the price list, its taxes (a consultation is priced where it is held) and the days sessions
    // may fall on, whatever the intake said; consult runs outside any transaction (~0.5 s)
    // (a location without opening hours on file keeps the price list's location default, Monday to Friday)
    const open = openWeekdaysOf(hours)
    const taxRules = taxRulesOf(location, 'body.locationId')
    const { result, quoteMinor } = consult(
      { ...intake.data, location: { priceList } },
      { today, taxRules, ...(open.length > 0 ? { openWeekdays: open } : {}) }
    )
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
      // a later consultation (a new intake) recomputes the recommendation as the next version of the design the
      // earlier one recommended: one design for the client to approve, its earlier approval no longer counting
      const earlier = await repos.consultations.recommendedDesign(actor.clinicId, clientId)
      const previous = earlier === null ? null : await repos.designs.get(actor.clinicId, earlier, true)
      const latest = previous === null ? null : await repos.designs.version(actor.clinicId, previous.id, null)
      const { design, version } =
        previous !== null && latest !== null
          ? {
              design: previous,
              version: await repos.designs.addVersion(
                actor.clinicId,
                previous.id,
                latest.version + 1,
                result.design,
                actor.membershipId
              ),
            }
          : await repos.designs.create(
              actor.clinicId,
              clientId,
              RECOMMENDED_DESIGN_TITLE,
              result.design,
              actor.membershipId
            )
      const id = await repos.consultations.create(
        actor.clinicId,
        clientId,
        input.intakeId,
        actor.membershipId,
        result,
        design.id
      )
      const planId = await repos.plans.create(actor.clinicId, clientId, version.id, result.plan)
      const quoteId = await repos.plans.createQuote(actor.clinicId, planId, location.id, storedQuote(quoteMinor))
      await audit(repos, actor, {
        action: 'create',
        entity: 'consultation',
        entityId: id,
        clientId,
        detail: {
          intakeId: input.intakeId,
          screeningStatus: result.screening.status,
          designId: design.id,
          designVersionId: version.id,
          designVersion: version.version,
          planId,
          quoteId,
        },
      })
      const [consultation] = await repos.consultations.list(actor.clinicId, clientId, id)
      if (consultation === undefined) throw new Error(`consultation ${id} vanished inside its own transaction`)
      return {
        consultation,
        designId: design.id,
        designVersionId: version.id,
        designVersion: version.version,
        planId,
        quoteId,
      }
    })
  }

  list(actor: Actor, clientId: string): Promise<Consultation[]> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const items = await repos.consultations.list(actor.clinicId, clientId)
      const clinical = seesClinical(actor)
      await audit(repos, actor, {
        action: 'read',
        entity: 'consultation-list',
        clientId,
        detail: { count: items.length, clinical },
      })
      return items.map((c) => forRole(actor, c))
    })
  }

  get(actor: Actor, clientId: string, consultationId: string): Promise<Consultation> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const [found] = await repos.consultations.list(actor.clinicId, clientId, consultationId)
      if (found === undefined) throw new AppError('not_found', `No consultation ${consultationId} of this client`)
      await audit(repos, actor, {
        action: 'read',
        entity: 'consultation',
        entityId: consultationId,
        clientId,
        detail: { clinical: seesClinical(actor) },
      })
      return forRole(actor, found)
    })
  }
}
