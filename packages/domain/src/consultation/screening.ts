// Medical screening before SMP: one record per contraindication or precaution of DOMAIN §6.1–6.2, each with its
// severity, the words a client reads, and where a wait applies, how long and from when. `screen` evaluates the rules
// against an intake on a given day; the overall status is the worst finding.

import type { Allergy, Condition, Intake, MedicationName } from '../intake/intake.schema.ts'
import { addDays, addMonths, laterOf } from './dates.ts'

type Severity = 'info' | 'caution' | 'defer' | 'block'
export type ScreeningStatus = 'suitable' | 'caution' | 'defer' | 'not-suitable'

export interface Finding {
  code: string
  severity: Severity
  /** In plain words, for the client. */
  message: string
  /** For a deferral with a known end: the first day treatment may start, YYYY-MM-DD. */
  until?: string
  /** What the client must do before each session, when the rule asks for something. */
  precare?: string
  /** DOMAIN source keys the rule rests on. */
  sources: readonly string[]
}

export interface Screening {
  status: ScreeningStatus
  findings: Finding[]
  /** The earliest day a first session may take place, given every deferral with a date and every pause before it. */
  earliestStart: string
  /** Deferrals whose end depends on the client's health rather than on a date (pregnancy, an active condition). */
  openEnded: boolean
}

/** What matched in the intake: for a medication, the days since its last dose (0 when still taking it). */
interface Match {
  lastDoseDaysAgo: number
  /** Still taking it when the intake was answered: the wait runs from the day screened, not from the intake. */
  ongoing?: boolean
}

interface Wait {
  months?: number
  days?: number
  /** Counted from the last dose of the medication, or from the consultation day. */
  from: 'last-dose' | 'today'
  /** After the wait, within `longerMonths` of the last dose, the finding softens to this (the stricter view). */
  softened?: { severity: Severity; message: string; longerMonths: number }
  /** After the wait (and any softened window), the finding becomes this, or disappears when absent. */
  after?: { severity: Severity; message: string }
}

interface Rule {
  code: string
  severity: Severity
  sources: readonly string[]
  matches(intake: Intake): Match | undefined
  message: string
  wait?: Wait
  precare?: string
  /** Days before the first session the client must have stopped this (aspirin: 7). */
  pauseBeforeDays?: number
}

const NOW: Match = { lastDoseDaysAgo: 0 }

const condition =
  (c: Condition) =>
  (i: Intake): Match | undefined =>
    i.medical?.conditions?.includes(c) ? NOW : undefined
const allergy =
  (a: Allergy) =>
  (i: Intake): Match | undefined =>
    i.medical?.allergies?.includes(a) ? NOW : undefined
/** The most recent dose when a medication is listed more than once. */
const medication =
  (name: MedicationName) =>
  (i: Intake): Match | undefined => {
    const doses = (i.medical?.medications ?? []).filter((m) => m.name === name)
    if (doses.length === 0) return undefined
    const lastDoseDaysAgo = Math.min(...doses.map((m) => m.lastDoseDaysAgo ?? 0))
    return { lastDoseDaysAgo, ongoing: lastDoseDaysAgo === 0 }
  }

const ACTIVE_SCALP: readonly [Condition, string][] = [
  ['psoriasis-scalp-active', 'psoriasis'],
  ['eczema-scalp-active', 'eczema'],
  ['folliculitis-active', 'folliculitis'],
  ['seborrheic-dermatitis-active', 'seborrhoeic dermatitis'],
]

/** A 6-month wait from the last dose; between 6 and 12 months a note that some clinics wait the full year. */
const sixMonthsOrTwelve = (softenedMessage: string): Wait => ({
  months: 6,
  from: 'last-dose',
  softened: { severity: 'info', longerMonths: 12, message: softenedMessage },
})

/** Every rule, in the order findings are listed. */
export const SCREENING_RULES: readonly Rule[] = [
  {
    code: 'under-18',
    severity: 'block',
    sources: ['INKD', 'NIS'],
    matches: (i) => (i.client.age < 18 ? NOW : undefined),
    message: 'SMP is for adults only: we cannot treat anyone under 18.',
  },
  {
    code: 'pigment-allergy',
    severity: 'block',
    sources: ['INKD', 'PHX', 'MYT'],
    matches: allergy('pigment'),
    message: 'You have reacted to tattoo pigment before. SMP uses the same kind of pigment, so it is not safe for you.',
  },
  {
    code: 'bleeding-disorder',
    severity: 'block',
    sources: ['NIS', 'MB', 'SMPMD', 'FTG-C'],
    matches: condition('bleeding-disorder'),
    message:
      'A bleeding disorder makes SMP unsafe: the needle work bleeds more, heals slowly and pushes the pigment out.',
  },
  {
    code: 'anticoagulant',
    severity: 'block',
    sources: ['NIS', 'MB', 'MIA'],
    matches: medication('anticoagulant'),
    message:
      "You take a prescribed blood thinner. We can only treat you with your doctor's written clearance. Never stop or change a prescribed blood thinner to have SMP.",
  },
  {
    code: 'pregnant',
    severity: 'defer',
    sources: ['NIS', 'MB', 'SMPMD', 'INKD'],
    matches: condition('pregnant'),
    message: 'Treatment waits until after your pregnancy, and after breastfeeding if you breastfeed.',
  },
  {
    code: 'breastfeeding',
    severity: 'defer',
    sources: ['NIS', 'MB', 'SMPMD', 'INKD'],
    matches: condition('breastfeeding'),
    message: 'Treatment waits until you have finished breastfeeding.',
  },
  {
    code: 'chemotherapy',
    severity: 'defer',
    sources: ['NIS', 'INKD', 'SKI'],
    matches: medication('chemotherapy'),
    // [NIS] 6 months; [INKD], [SKI] 12 months
    message:
      'We wait at least 6 months after your last chemotherapy treatment, so that your skin and immunity recover.',
    wait: sixMonthsOrTwelve(
      'Your last chemotherapy was more than 6 months ago, which is our minimum. Some clinics wait 12 months; a note from your oncologist is welcome.'
    ),
  },
  {
    code: 'isotretinoin',
    severity: 'defer',
    sources: ['BIMS', 'MIA', 'LUX'],
    matches: medication('isotretinoin'),
    // [BIMS] 6 months; [MIA], [LUX] 12 months
    message:
      'Isotretinoin (Accutane, Roaccutane) leaves the skin thin and slow to heal: we wait 6 months after your last dose.',
    wait: sixMonthsOrTwelve(
      'Your last isotretinoin dose was more than 6 months ago, which is our minimum. Some clinics prefer 12 months.'
    ),
  },
  {
    code: 'retinoid-topical',
    severity: 'defer',
    sources: ['MIA', 'YBS'],
    matches: medication('retinoid-topical'),
    message: 'Stop retinoid creams (Retin-A and the like) on your scalp 30 days before your first session.',
    wait: {
      days: 30,
      from: 'last-dose',
      after: {
        severity: 'caution',
        message: 'Keep retinoid creams off your treated scalp for good: they fade the pigment.',
      },
    },
  },
  {
    code: 'aspirin',
    severity: 'caution',
    sources: ['ENH-PRE', 'MIA'],
    matches: medication('aspirin'),
    message: 'Aspirin thins the blood, which makes the dots bleed and fade.',
    precare:
      'No aspirin for 7 days before each session. If a doctor prescribed it (for example low-dose aspirin for your heart), do not stop it: ask your doctor first.',
    pauseBeforeDays: 7,
  },
  {
    code: 'ibuprofen',
    severity: 'caution',
    sources: ['ENH-PRE', 'MIA'],
    matches: medication('ibuprofen'),
    message: 'Ibuprofen thins the blood a little, which makes the dots bleed and fade.',
    precare: 'No ibuprofen for 7 days before each session; paracetamol (acetaminophen) is fine for pain.',
    pauseBeforeDays: 7,
  },
  {
    code: 'minoxidil',
    severity: 'caution',
    sources: ['PMOH', 'RUF'],
    matches: medication('minoxidil'),
    message: 'Minoxidil on the scalp irritates freshly treated skin and can push pigment out.',
    precare:
      'Pause minoxidil 7 days before and 7 days after each session. Some clinics ask for 30 days after the final session.',
    pauseBeforeDays: 7,
  },
  {
    code: 'lidocaine-allergy',
    severity: 'caution',
    sources: ['INKD', 'PHX'],
    matches: allergy('lidocaine'),
    message: 'No numbing cream containing lidocaine for you: we will use an alternative, or none.',
  },
  {
    code: 'latex-allergy',
    severity: 'caution',
    sources: ['MYT'],
    matches: allergy('latex'),
    message: 'We will use latex-free gloves and materials throughout.',
  },
  {
    code: 'keloid-prone',
    severity: 'caution',
    sources: ['NIS', 'SMPMD', 'INKD', 'BIMS'],
    matches: condition('keloid-prone'),
    message:
      'Your skin tends to form raised scars. We start with a small test patch and check how it heals before treating the whole area.',
  },
  ...ACTIVE_SCALP.map(
    ([c, name]): Rule => ({
      code: c,
      severity: 'defer',
      sources: ['NIS', 'MB', 'INKD', 'PMOH', 'SKI'],
      matches: condition(c),
      message: `Active ${name} on the scalp: treatment waits until it has cleared (your doctor can confirm).`,
    })
  ),
  {
    code: 'sunburn-scalp',
    severity: 'defer',
    // sunburn is a contraindication in [NIS], [MB]; the two weeks to heal are our [assumption]
    sources: ['NIS', 'MB'],
    matches: condition('sunburn-scalp'),
    message: 'A sunburnt scalp must heal first: we wait about two weeks.',
    wait: { days: 14, from: 'today' },
  },
  {
    code: 'diabetes-uncontrolled',
    severity: 'defer',
    sources: ['FTG-C', 'INKD', 'NIS'],
    matches: condition('diabetes-uncontrolled'),
    message:
      'Diabetes that is not under control slows healing and raises the risk of infection: we wait until your doctor confirms it is controlled.',
  },
  {
    code: 'alopecia-areata-active',
    severity: 'defer',
    sources: ['INKD', 'BIMS'],
    matches: condition('alopecia-areata-active'),
    message:
      'Your alopecia areata is active: hair can regrow in the patches, and treated patches would then look darker than the new hair. We wait until it has been stable for some months.',
  },
  {
    code: 'alopecia-areata-regrowth',
    severity: 'caution',
    sources: ['INKD', 'BIMS'],
    matches: (i) =>
      i.hairLoss.scale === 'alopecia-areata' && !i.medical?.conditions?.includes('alopecia-areata-active')
        ? NOW
        : undefined,
    message:
      'With alopecia areata, hair may regrow in a treated patch later; the dots would then look darker there and may need adjusting or removal.',
  },
  {
    code: 'diffuse-thinning-expectations',
    severity: 'info',
    sources: ['TM-THIN'],
    matches: (i) => (i.hairLoss.scale === 'diffuse' || i.hairLoss.scale === 'ludwig' ? NOW : undefined),
    message:
      'SMP adds the look of density between your hairs; it does not grow hair, and thinning may continue. The effect is subtle and works best with hair kept short.',
  },
]

const RANK: Record<Severity, number> = { info: 0, caution: 1, defer: 2, block: 3 }
const STATUS: Record<Severity | 'none', ScreeningStatus> = {
  none: 'suitable',
  info: 'suitable',
  caution: 'caution',
  defer: 'defer',
  block: 'not-suitable',
}

function waitEnd(wait: Wait, start: string, longer = false): string {
  if (longer && wait.softened) return addMonths(start, wait.softened.longerMonths)
  return wait.months !== undefined ? addMonths(start, wait.months) : addDays(start, wait.days ?? 0)
}

/** One rule's finding for this intake, answered on `answeredOn`, on `today`, or none. */
function evaluate(rule: Rule, intake: Intake, today: string, answeredOn: string): Finding | undefined {
  const match = rule.matches(intake)
  if (match === undefined) return undefined
  const base = { code: rule.code, sources: rule.sources, ...(rule.precare ? { precare: rule.precare } : {}) }
  const wait = rule.wait
  if (wait === undefined) return { ...base, severity: rule.severity, message: rule.message }
  // a medication still taken when the intake was answered is taken until a newer intake says otherwise
  const lastDose = match.ongoing === true ? today : addDays(answeredOn, -match.lastDoseDaysAgo)
  const start = wait.from === 'last-dose' ? lastDose : answeredOn
  const until = waitEnd(wait, start)
  if (until > today) return { ...base, severity: rule.severity, message: rule.message, until }
  if (wait.softened && waitEnd(wait, start, true) > today) {
    return { ...base, severity: wait.softened.severity, message: wait.softened.message }
  }
  return wait.after ? { ...base, severity: wait.after.severity, message: wait.after.message } : undefined
}

/**
 * Screens an intake on `today` (YYYY-MM-DD) against every rule. `answeredOn` is the day the client answered the
 * intake (its "days ago" count from then); by default the same day, as at a consultation.
 */
export function screen(intake: Intake, today: string, answeredOn: string = today): Screening {
  const findings: Finding[] = []
  let earliestStart = today
  for (const rule of SCREENING_RULES) {
    const finding = evaluate(rule, intake, today, answeredOn)
    if (finding === undefined) continue
    findings.push(finding)
    if (finding.until !== undefined) earliestStart = laterOf(earliestStart, finding.until)
    const match = rule.matches(intake)
    if (rule.pauseBeforeDays !== undefined && match !== undefined) {
      const pauseLeft = Math.max(0, rule.pauseBeforeDays - match.lastDoseDaysAgo)
      earliestStart = laterOf(earliestStart, addDays(today, pauseLeft))
    }
  }
  const worst = findings.reduce<Severity | 'none'>(
    (w, f) => (w === 'none' || RANK[f.severity] > RANK[w] ? f.severity : w),
    'none'
  )
  const openEnded = findings.some((f) => f.severity === 'defer' && f.until === undefined)
  return { status: STATUS[worst], findings, earliestStart, openEnded }
}
