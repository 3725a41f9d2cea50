// Whether a session may go ahead on its day: a signed treatment consent of the current version, and a screening of the
// client's latest intake that allows treatment on that day (DOMAIN §6.1–6.2: a deferral or a reason not to treat
// refuses it). Each refusal is a sentence staff read at the chair, naming the finding and its date.

import { addDays } from '../consultation/dates.ts'
import { type Finding, screen } from '../consultation/screening.ts'
import { parseIntake } from '../intake/intake.schema.ts'

export interface SafetyFacts {
  /** The session's calendar day at its location (YYYY-MM-DD). */
  sessionDate: string
  /** The client's latest intake, or null when none is recorded. */
  intake: { version: number; answeredOn: string; document: unknown } | null
  /** The clinic's current treatment consent version, or null when the clinic has no treatment consent text. */
  currentConsentVersion: number | null
  /** The client's signed treatment consents: version and the day signed (at the location). */
  signedConsents: readonly { version: number; signedOn: string }[]
}

export interface SafetyRefusal {
  /** What is refused: the consent, or the screening. */
  path: 'consent' | 'screening'
  message: string
}

/** Staff-facing names of screening findings (the client-facing sentence is the finding's own message). */
const FINDING_NAMES: Record<string, string> = {
  'under-18': 'the client is under 18',
  'pigment-allergy': 'allergy to tattoo pigment',
  'bleeding-disorder': 'bleeding disorder',
  anticoagulant: 'prescribed blood thinner (needs the doctor’s written clearance)',
  pregnant: 'pregnancy',
  breastfeeding: 'breastfeeding',
  chemotherapy: 'chemotherapy',
  isotretinoin: 'isotretinoin',
  'retinoid-topical': 'retinoid cream on the scalp',
  'psoriasis-scalp-active': 'active psoriasis on the scalp',
  'eczema-scalp-active': 'active eczema on the scalp',
  'folliculitis-active': 'active folliculitis',
  'seborrheic-dermatitis-active': 'active seborrhoeic dermatitis',
  'sunburn-scalp': 'sunburnt scalp',
  'diabetes-uncontrolled': 'diabetes not under control',
  'alopecia-areata-active': 'active alopecia areata',
}

const MEDICATION_WAITS: Record<string, string> = {
  chemotherapy: 'wait 6 months after the last treatment',
  isotretinoin: 'wait 6 months after the last dose',
  'retinoid-topical': 'stop it 30 days before the session',
  'sunburn-scalp': 'wait about two weeks for it to heal',
}

function doseNote(code: string, document: unknown, answeredOn: string): string {
  if (typeof document !== 'object' || document === null) return ''
  const medical = (document as { medical?: { medications?: { name: string; lastDoseDaysAgo?: number }[] } }).medical
  const doses = (medical?.medications ?? []).filter((m) => m.name === code)
  if (doses.length === 0) return ''
  const daysAgo = Math.min(...doses.map((m) => m.lastDoseDaysAgo ?? 0))
  if (daysAgo === 0) return ` still taken at the intake of ${answeredOn}`
  return ` last taken on ${addDays(answeredOn, -daysAgo)} (${daysAgo} days before the intake of ${answeredOn})`
}

function findingSentence(f: Finding, intake: NonNullable<SafetyFacts['intake']>): string {
  const name = FINDING_NAMES[f.code] ?? f.code.replace(/-/g, ' ')
  const dose = doseNote(f.code, intake.document, intake.answeredOn)
  const wait = MEDICATION_WAITS[f.code]
  const from = dose === '' ? ` (intake version ${intake.version} of ${intake.answeredOn})` : ''
  if (f.severity === 'block') return `Not suitable for treatment: ${name}${dose}${from}.`
  if (f.until !== undefined) return `Deferred until ${f.until}: ${name}${dose}${wait ? `; ${wait}` : ''}${from}.`
  return `Deferred: ${name}${dose}${from}; treatment waits until it has cleared, then record a new intake.`
}

/** Why a session may not go ahead on its day (empty when it may), consent first. */
export function sessionSafetyRefusals(facts: SafetyFacts): SafetyRefusal[] {
  const refusals: SafetyRefusal[] = []
  const { sessionDate, currentConsentVersion: current } = facts
  if (current === null) {
    refusals.push({
      path: 'consent',
      message:
        'This clinic has no treatment consent text yet: the owner adds one under Consents, and the client signs it.',
    })
  } else {
    const ofCurrent = facts.signedConsents.filter((s) => s.version === current)
    const inTime = ofCurrent.filter((s) => s.signedOn <= sessionDate)
    if (inTime.length === 0) {
      const older = facts.signedConsents.filter((s) => s.version < current).sort((a, b) => b.version - a.version)[0]
      const late = ofCurrent.sort((a, b) => a.signedOn.localeCompare(b.signedOn))[0]
      refusals.push({
        path: 'consent',
        message:
          late !== undefined
            ? `The treatment consent (version ${current}) was signed on ${late.signedOn}, after the session on ${sessionDate}.`
            : older !== undefined
              ? `The client signed treatment consent version ${older.version} on ${older.signedOn}; the current text is version ${current}. Ask the client to sign it before the session.`
              : `No signed treatment consent: the client signs the treatment consent (version ${current}) before the session.`,
      })
    }
  }
  const intake = facts.intake
  if (intake === null) {
    refusals.push({
      path: 'screening',
      message: 'No intake recorded: record the client’s health questions before the session, so they can be screened.',
    })
    return refusals
  }
  const parsed = parseIntake(intake.document)
  if (!parsed.success) {
    refusals.push({
      path: 'screening',
      message: `The latest intake (version ${intake.version} of ${intake.answeredOn}) is incomplete, so the client cannot be screened: record a complete intake.`,
    })
    return refusals
  }
  const screening = screen(parsed.data, sessionDate, intake.answeredOn)
  for (const f of screening.findings) {
    if (f.severity === 'defer' || f.severity === 'block') {
      refusals.push({ path: 'screening', message: findingSentence(f, intake) })
    }
  }
  return refusals
}
