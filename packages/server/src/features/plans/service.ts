import { PRICE_LIST_IDS, type PriceListId, planDesign, toDesign } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError, type FieldProblem } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { ownClientId } from '../designs/service.ts'
import type { RunDesignWork } from '../designs/work.ts'
import type { PlanCreate, TreatmentPlan } from './plans.schema.ts'
import { storedQuote } from './quote-record.ts'

/** The domain's price list of a location, or a 422 saying the location's list is not one Stipple has. */
export function priceListOf(location: { priceListId: string }, path: string): PriceListId {
  const id = PRICE_LIST_IDS.find((p): p is PriceListId => p === location.priceListId)
  if (id !== undefined) return id
  throw new AppError('unprocessable', 'This location has no price list Stipple knows', {
    problems: [
      {
        path,
        message: `the location's price list "${location.priceListId}" is not one of ${PRICE_LIST_IDS.join(', ')}`,
      },
    ],
  })
}

export class PlanService {
  readonly #run: RunDesignWork
  constructor(run: RunDesignWork) {
    this.#run = run
  }

  /** The plan and quote of one design version at a location (the domain's planDesign, the location's price list). */
  async create(actor: Actor, clientId: string, input: PlanCreate): Promise<TreatmentPlan> {
    const { version, location } = await this.#run(async (repos) => {
      if ((await repos.clients.get(actor.clinicId, clientId)) === null) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const problems: FieldProblem[] = []
      const found = await repos.designs.versionById(actor.clinicId, input.designVersionId)
      if (found === null || found.clientId !== clientId) {
        problems.push({ path: 'body.designVersionId', message: "no such version of this client's designs" })
      }
      const where = await repos.plans.location(actor.clinicId, input.locationId)
      if (where === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
      if (found === null || where === null || problems.length > 0) {
        throw new AppError('invalid_input', 'The plan names records this clinic does not have', { problems })
      }
      return { version: found, location: where }
    })
    const priceList = priceListOf(location, 'body.locationId')
    // placement takes a few hundred ms: outside the transaction, so no row stays locked meanwhile
    let planned: ReturnType<typeof planDesign>
    try {
      planned = planDesign(toDesign(version.document), priceList)
    } catch (error) {
      throw new AppError('unprocessable', 'This design version cannot be planned: its dots cannot be placed', {
        cause: error,
        problems: [{ path: 'body.designVersionId', message: (error as Error).message }],
      })
    }
    return this.#run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const planId = await repos.plans.create(actor.clinicId, clientId, version.id, planned.plan)
      const quote = storedQuote(planned.quote)
      const quoteId = await repos.plans.createQuote(actor.clinicId, planId, location.id, quote)
      await audit(repos, actor, {
        action: 'create',
        entity: 'treatment-plan',
        entityId: planId,
        clientId,
        detail: { designVersionId: version.id, quoteId, currency: quote.currency, totalMinor: quote.totalMinor },
      })
      const [plan] = await repos.plans.list(actor.clinicId, { ids: [planId] })
      if (plan === undefined) throw new Error(`plan ${planId} vanished inside its own transaction`)
      return plan
    })
  }

  list(actor: Actor, clientId: string): Promise<TreatmentPlan[]> {
    return this.#run(async (repos) => {
      if ((await repos.clients.get(actor.clinicId, clientId)) === null) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const plans = await repos.plans.list(actor.clinicId, { clientId })
      await audit(repos, actor, {
        action: 'read',
        entity: 'treatment-plan-list',
        clientId,
        detail: { count: plans.length },
      })
      return plans
    })
  }

  get(actor: Actor, planId: string): Promise<TreatmentPlan> {
    return this.#run(async (repos) => {
      const [plan] = await repos.plans.list(actor.clinicId, { ids: [planId] })
      if (plan === undefined || (await repos.clients.get(actor.clinicId, plan.clientId)) === null) {
        throw new AppError('not_found', `No treatment plan ${planId} in this clinic`)
      }
      await audit(repos, actor, { action: 'read', entity: 'treatment-plan', entityId: planId, clientId: plan.clientId })
      return plan
    })
  }

  /** The signed-in client's own plans with their quotes (portal). */
  listOwn(actor: Actor): Promise<TreatmentPlan[]> {
    return this.#run(async (repos) => {
      const clientId = await ownClientId(repos, actor)
      const plans = await repos.plans.list(actor.clinicId, { clientId })
      await audit(repos, actor, {
        action: 'read',
        entity: 'treatment-plan-list',
        clientId,
        detail: { count: plans.length, portal: true },
      })
      return plans
    })
  }
}
