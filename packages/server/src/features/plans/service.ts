import {
  courseCare,
  type DesignDocument,
  formatDate,
  instantToZoned,
  placeDesign,
  planDesign,
  toDesign,
} from '@stipple/domain'
import sharp from 'sharp'
import { type Actor, seesClinical } from '../../actor.ts'
import { AppError, type FieldProblem } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, ownClientId, requireClient } from '../clients/guard.ts'
import type { PreviewQuery } from '../designs/designs.schema.ts'
import type { PreviewRenderer } from '../designs/preview.ts'
import { type PlanSheet, planPdf, type SheetImage } from './plan-pdf.ts'
import type { PlanCreate, TreatmentPlan } from './plans.schema.ts'
import { priceListOf, taxRulesOf } from './pricing.ts'
import { storedQuote } from './quote-record.ts'
import type { CourseVisit } from './repository.ts'
import type { PlanRepositories, PlanWork } from './work.ts'

/** The plan PDF's previews: the finished result healed, from above and the front, and five years on. */
const PDF_PREVIEWS: { caption: string; options: PreviewQuery }[] = [
  { caption: 'Healed, from above', options: { view: 'top', stage: 'healed', years: 0, width: 512, height: 512 } },
  { caption: 'Healed, from the front', options: { view: 'front', stage: 'healed', years: 0, width: 512, height: 512 } },
  {
    caption: 'Five years on, from above',
    options: { view: 'top', stage: 'healed', years: 5, width: 512, height: 512 },
  },
]

/** Zone kinds of the design document in the client's words. */
const AREA_WORDS: Record<string, string> = {
  hairline: 'hairline',
  frontal: 'front of the scalp',
  'mid-scalp': 'mid-scalp',
  crown: 'crown',
  temples: 'temples',
  sides: 'sides',
  back: 'back of the head',
  scar: 'scars',
  density: 'added density between your hairs',
}

/** The treated areas: the design's zones (and its scars), else the zones the plan counts impressions in. */
function areasOf(plan: TreatmentPlan['plan'], document: DesignDocument | null): string[] {
  const kinds =
    document === null
      ? plan.sessions.flatMap((s) => Object.keys(s.impressionsByZone))
      : [...document.zones.map((z) => z.kind), ...(document.scars.length > 0 ? ['scar'] : [])]
  return [...new Set(kinds.map((k) => AREA_WORDS[k] ?? k.replaceAll('-', ' ')))]
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * The session records that carry out a plan: those naming it, and those naming none (as recorded in the chair) that
 * were performed while it was the client's newest plan.
 */
function performedFor<S extends { treatmentPlanId: string | null; performedAt: Date }>(
  planId: string,
  plans: readonly { id: string; createdAt: string }[],
  sessions: readonly S[]
): S[] {
  const newest = (at: Date) =>
    plans
      .filter((p) => Date.parse(p.createdAt) <= at.getTime())
      .reduce<{ id: string; createdAt: string } | null>(
        (a, p) => (a === null || Date.parse(p.createdAt) > Date.parse(a.createdAt) ? p : a),
        null
      )?.id
  return sessions.filter((r) => (r.treatmentPlanId ?? newest(r.performedAt)) === planId)
}

/**
 * Each session's date in words, in the local time zone: the day it was performed (a session record of this plan),
 * else when the plan's course has it booked (and where, when that is not the sheet's location).
 */
function sessionDates(
  performed: readonly { sessionIndex: number; performedAt: Date }[],
  visits: readonly CourseVisit[],
  sheet: { name: string; timeZone: string } | null
): Map<number, string> {
  const words = new Map<number, string>()
  for (const v of visits) {
    const local = instantToZoned(v.startsAt.getTime(), v.timeZone)
    const where = v.locationName === sheet?.name ? '' : ` at ${v.locationName}`
    const status = v.status === 'completed' ? ' (done)' : v.status === 'no-show' ? ' (missed)' : ''
    words.set(v.index, `${formatDate(local.date)}, ${hhmm(local.minutes)}${where}${status}`)
  }
  for (const p of performed) {
    const day = instantToZoned(p.performedAt.getTime(), sheet?.timeZone ?? 'UTC').date
    words.set(p.sessionIndex, `done on ${formatDate(day)}`)
  }
  return words
}

/**
 * One truth for a plan's dates: a session booked in the plan's course carries its appointment's local date
 * (`dateSource: 'booked'`); the others keep the consultation's proposal (`'proposed'`), as the PDF and portal show.
 */
async function withBookedDates(
  repos: PlanRepositories,
  clinicId: string,
  plans: readonly TreatmentPlan[]
): Promise<TreatmentPlan[]> {
  return Promise.all(
    plans.map(async (p) => {
      const visits = await repos.plans.courseVisits(clinicId, p.id)
      const sessions = p.plan.sessions.map((s) => {
        const visit = visits.find((v) => v.index === s.index)
        if (visit === undefined) return s.date === undefined ? s : { ...s, dateSource: 'proposed' as const }
        return {
          ...s,
          date: instantToZoned(visit.startsAt.getTime(), visit.timeZone).date,
          dateSource: 'booked' as const,
        }
      })
      return { ...p, plan: { ...p.plan, sessions } }
    })
  )
}

export interface PlanPdf {
  /** `stipple-plan-<the plan's date>.pdf`. */
  fileName: string
  bytes: Buffer
}

export class PlanService {
  readonly #work: PlanWork
  readonly #previews: PreviewRenderer
  readonly #now: () => Date
  constructor(work: PlanWork, previews: PreviewRenderer, now: () => Date) {
    this.#work = work
    this.#previews = previews
    this.#now = now
  }

  /** The plan and quote of one design version at a location (the domain's planDesign, the location's price list). */
  async create(actor: Actor, clientId: string, input: PlanCreate): Promise<TreatmentPlan> {
    const { version, location } = await this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const problems: FieldProblem[] = []
      const found = await repos.designs.versionById(actor.clinicId, input.designVersionId)
      if (found === null || found.clientId !== clientId) {
        problems.push({ path: 'body.designVersionId', message: "no such version of this client's designs" })
      }
      const where = await repos.locations.get(actor.clinicId, input.locationId)
      if (where === null) problems.push({ path: 'body.locationId', message: 'no such location in this clinic' })
      if (found === null || where === null || problems.length > 0) {
        throw new AppError('invalid_input', 'The plan names records this clinic does not have', { problems })
      }
      return { version: found, location: where }
    })
    const priceList = priceListOf(location, 'body.locationId')
    const taxRules = taxRulesOf(location, 'body.locationId')
    // placement takes a few hundred ms: outside the transaction, so no row stays locked meanwhile
    let planned: ReturnType<typeof planDesign>
    try {
      planned = planDesign(placeDesign(toDesign(version.document)), priceList, taxRules)
    } catch (error) {
      throw new AppError('unprocessable', 'This design version cannot be planned: its dots cannot be placed', {
        cause: error,
        problems: [{ path: 'body.designVersionId', message: (error as Error).message }],
      })
    }
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
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
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const plans = await withBookedDates(repos, actor.clinicId, await repos.plans.list(actor.clinicId, { clientId }))
      await audit(repos, actor, {
        action: 'read',
        entity: 'treatment-plan-list',
        clientId,
        detail: { count: plans.length },
      })
      return plans.map((p) => forRole(actor, p))
    })
  }

  get(actor: Actor, planId: string): Promise<TreatmentPlan> {
    return this.#work.run(async (repos) => {
      const [plan] = await repos.plans.list(actor.clinicId, { ids: [planId] })
      if (plan === undefined || (await repos.clients.get(actor.clinicId, plan.clientId)) === null) {
        throw new AppError('not_found', `No treatment plan ${planId} in this clinic`)
      }
      await audit(repos, actor, { action: 'read', entity: 'treatment-plan', entityId: planId, clientId: plan.clientId })
      const [dated] = await withBookedDates(repos, actor.clinicId, [plan])
      return forRole(actor, dated ?? plan)
    })
  }

  /** The signed-in client's own plans with their quotes (portal). */
  listOwn(actor: Actor): Promise<TreatmentPlan[]> {
    return this.#work.run(async (repos) => {
      const clientId = await ownClientId(repos.clients, actor)
      const plans = await withBookedDates(repos, actor.clinicId, await repos.plans.list(actor.clinicId, { clientId }))
      await audit(repos, actor, {
        action: 'read',
        entity: 'treatment-plan-list',
        clientId,
        detail: { count: plans.length, portal: true },
      })
      return plans
    })
  }

  /**
   * The plan and its quote as the client's PDF: staff for any client's plan, the portal (`portal`) for the signed-in
   * client's own only (another's is 404). The read is audited before anything is drawn; the previews render after the
   * transaction (a few hundred ms each), and a preview that cannot be drawn leaves the PDF without it, saying so.
   */
  async pdf(actor: Actor, planId: string, portal: boolean): Promise<PlanPdf> {
    const facts = await this.#work.run(async (repos) => {
      const own = portal ? await ownClientId(repos.clients, actor) : null
      const [plan] = await repos.plans.list(actor.clinicId, { ids: [planId] })
      const client =
        plan === undefined || (own !== null && plan.clientId !== own)
          ? null
          : await repos.clients.get(actor.clinicId, plan.clientId)
      if (plan === undefined || client === null) {
        throw new AppError('not_found', `No treatment plan ${planId} ${portal ? 'of yours' : 'in this clinic'}`)
      }
      const visits = await repos.plans.courseVisits(actor.clinicId, planId)
      const placeId = plan.quote?.locationId ?? client.homeLocationId
      const at = placeId === null ? null : await repos.locations.get(actor.clinicId, placeId)
      const place = {
        clinicName: await repos.locations.clinicName(actor.clinicId),
        location: at === null ? null : { name: at.name, timeZone: at.timeZone },
      }
      const version =
        plan.designVersionId === null ? null : await repos.designs.versionById(actor.clinicId, plan.designVersionId)
      const course = await repos.planning.course(actor.clinicId, plan.clientId)
      await audit(repos, actor, {
        action: 'read',
        entity: 'treatment-plan-pdf',
        entityId: planId,
        clientId: plan.clientId,
        detail: { portal, quoteId: plan.quote?.id ?? null },
      })
      const plansOfClient = await repos.plans.list(actor.clinicId, { clientId: plan.clientId })
      return { plan, client, visits, place, version, course, plansOfClient }
    })
    const { plan, client, visits, place, version, course, plansOfClient } = facts
    const clinical = portal || seesClinical(actor)
    const location =
      place.location ?? (visits[0] ? { name: visits[0].locationName, timeZone: visits[0].timeZone } : null)
    const timeZone = location?.timeZone ?? 'UTC'
    const plannedOn = instantToZoned(Date.parse(plan.createdAt), timeZone).date
    const { images, imageNote } = await this.#pdfPreviews(version)
    const sheet: PlanSheet = {
      clinicName: place.clinicName,
      locationName: location?.name ?? null,
      clientName: `${client.givenName} ${client.familyName}`,
      printedOn: instantToZoned(this.#now().getTime(), timeZone).date,
      plannedOn,
      // why this many sessions comes from the intake (skin type, alopecia, scars): not for front desk's copy
      plan: clinical ? plan.plan : withoutReason(plan.plan),
      quote: plan.quote,
      areas: areasOf(plan.plan, version?.document ?? null),
      dates: sessionDates(performedFor(planId, plansOfClient, course.sessions), visits, location),
      images,
      imageNote,
      // the facts the client's aftercare emails use: skin type, minoxidil, a head kept shaved. They come from the
      // intake, which front desk may not read: their copy gives the care every client gets
      care: courseCare(
        clinical
          ? { fitzpatrick: course.fitzpatrick ?? 3, minoxidil: course.minoxidil, shaved: course.goal !== 'density' }
          : { fitzpatrick: 3, minoxidil: false, shaved: course.goal !== 'density' },
        plan.plan.sessions.map((s) => s.dayOffset)
      ),
      touchUpAfterYears: clinical ? course.touchUpAfterYears : null,
      ...(clinical
        ? {}
        : {
            careNote:
              'General care every client gets. Your practitioner gives you the instructions for your own skin and any medication.',
          }),
    }
    return { fileName: `stipple-plan-${plannedOn}.pdf`, bytes: await planPdf(sheet) }
  }

  /** The design version's previews for the PDF; the ones that cannot be drawn now are left out and named. */
  async #pdfPreviews(
    version: { id: string; document: DesignDocument } | null
  ): Promise<{ images: SheetImage[]; imageNote: string | null }> {
    if (version === null) return { images: [], imageNote: 'This plan has no design to preview.' }
    // JPEG: a tenth of the PNG's bytes, and pdfkit embeds it as it is (a PNG's alpha it would split in JavaScript)
    const drawn = await Promise.allSettled(
      PDF_PREVIEWS.map(async (p) => {
        const png = await this.#previews.png(version.id, version.document, p.options)
        return sharp(png).flatten({ background: '#ffffff' }).jpeg({ quality: 88 }).toBuffer()
      })
    )
    const images = drawn.flatMap((d, i) =>
      d.status === 'fulfilled' ? [{ caption: PDF_PREVIEWS[i]?.caption ?? '', image: d.value }] : []
    )
    const missing = PDF_PREVIEWS.filter((_, i) => drawn[i]?.status === 'rejected').map((p) => p.caption.toLowerCase())
    const later = 'Your clinic can show them to you, or download this PDF again later.'
    return {
      images,
      imageNote:
        missing.length === 0
          ? null
          : images.length === 0
            ? `The previews could not be drawn just now, so this copy goes without them. ${later}`
            : `Some previews could not be drawn just now (${missing.join('; ')}). ${later}`,
    }
  }
}

/** A plan without its reason for the number of sessions (drawn from the intake). */
function withoutReason(plan: TreatmentPlan['plan']): TreatmentPlan['plan'] {
  const { sessionReason: _reason, ...rest } = plan
  return rest
}

/** A plan as the actor may read it: front desk without the reason for the number of sessions (from the intake). */
function forRole(actor: Actor, plan: TreatmentPlan): TreatmentPlan {
  return seesClinical(actor) ? plan : { ...plan, plan: withoutReason(plan.plan) }
}
