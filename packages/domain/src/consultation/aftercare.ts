// Aftercare timed from each session (DOMAIN §6.3), pre-care before each (§6.2 and the screening's pauses), the note on
// what to expect between sessions, and the care that lasts for years. Days count from the first session, like the
// plan's `dayOffset`; pre-care days are negative or fall before a later session.

import type { Intake } from '../intake/intake.schema.ts'
import type { Finding } from './screening.ts'

export interface CareItem {
  fromDay: number
  toDay: number
  instruction: string
}

export interface Care {
  aftercare: CareItem[]
  precare: CareItem[]
  betweenSessions: string
  longTerm: string[]
}

/** DOMAIN §0 / §6.3 values, days. */
const NO_WATER = 4 // [NAS], [TOR]
const NO_SWEAT = 5 // [TOR], [RAD]
const NO_SUN = 4 // [TOR]: none for the first 4 days, then short spells
const NO_PRODUCTS = 5 // [ENH-POST]
const NO_SHAVING = 7 // ⚠ [IAG] foil shaver from day 4, [JJ] 10 days: a week, foil shaver only after
const NO_PICKING = 7 // scabs are gone by day 7 [DEL]
const FINAL_POOL_SAUNA = 28 // [TOR], [RUF]
const FINAL_SUN = 28 // [TOR]; 30 [NAS], [IAG]
const PRE_ALCOHOL_HOURS = 24 // [ENH-PRE], [MIA]

/** `shaved`: the treatment needs the head clipped short (not for density between longer hair, DOMAIN §3.6 [TM-THIN]). */
export function careFor(
  intake: Intake,
  dayOffsets: readonly number[],
  findings: readonly Finding[],
  shaved = true
): Care {
  const aftercare: CareItem[] = []
  const precare: CareItem[] = []
  const fair = intake.client.fitzpatrick <= 2
  const last = dayOffsets.at(-1) ?? 0
  dayOffsets.forEach((d, i) => {
    const n = i + 1
    const after = (from: number, to: number, instruction: string) =>
      aftercare.push({ fromDay: d + from, toDay: d + to, instruction: `After session ${n}: ${instruction}` })
    after(0, NO_WATER, 'keep your scalp dry: no washing, rain or swimming. From day 5, a gentle wash with water only.')
    after(0, NO_SWEAT, 'no gym, running or anything that makes you sweat.')
    after(0, NO_SUN, 'keep the sun off your scalp; a loose, clean hat is fine.')
    after(
      NO_SUN + 1,
      NO_SUN + 1,
      `short spells of sun only: at most ${fair ? '45 minutes' : 'an hour'} today, then cover up.`
    )
    after(0, NO_PRODUCTS, 'nothing on the scalp: no creams, gels or shampoo. Then unscented moisturiser only.')
    after(0, NO_PICKING, "don't pick or scratch the little scabs: the pigment comes out with them.")
    after(0, NO_SHAVING, 'no shaving; after that, a trimmer or foil shaver, never a razor while scabs remain.')
    if (i < dayOffsets.length - 1) {
      after(0, (dayOffsets[i + 1] ?? d) - d, 'no swimming pool, sauna, steam room or sunbed until the next session.')
    }
    const pre = (from: number, to: number, instruction: string) =>
      precare.push({ fromDay: d + from, toDay: d + to, instruction: `Before session ${n}: ${instruction}` })
    pre(
      -1,
      0,
      `no alcohol or caffeine for ${PRE_ALCOHOL_HOURS} hours before, and no products on your scalp on the day.`
    )
    if (shaved) pre(-2, -1, 'clip your head short with a clipper (no razor) a day or two before.')
    for (const f of findings) {
      if (f.precare !== undefined && f.severity !== 'block') pre(-7, 0, f.precare)
    }
  })
  aftercare.push({
    fromDay: last,
    toDay: last + FINAL_POOL_SAUNA,
    instruction: 'After the final session: no swimming pool, sauna, steam room or sunbed for 4 weeks.',
  })
  aftercare.push({
    fromDay: last,
    toDay: last + FINAL_SUN,
    instruction: 'After the final session: keep out of the sun for 4 weeks; wear a hat outdoors.',
  })
  if (intake.medical?.medications?.some((m) => m.name === 'minoxidil')) {
    aftercare.push({
      fromDay: last,
      toDay: last + 7,
      instruction: 'After the final session: wait at least 7 days (some clinics say 30) before using minoxidil again.',
    })
  }
  aftercare.sort((a, b) => a.fromDay - b.fromDay || a.toDay - b.toDay)
  precare.sort((a, b) => a.fromDay - b.fromDay || a.toDay - b.toDay)
  return {
    aftercare,
    precare,
    betweenSessions:
      'The dots look dark and a little larger at first, with some redness for a day or two. Over the next one to two weeks they soften, shrink and fade, and after session 1 they fade noticeably: some dots almost disappear. That is normal and expected. Each session adds density and builds the shade up, and the result is judged a month after the final session.',
    longTerm: [
      'Sunscreen (SPF 30–50) on your scalp whenever you are outdoors, from 4 weeks after the final session: sun is what fades SMP most.',
      'Use a trimmer or foil shaver to keep the head short; avoid exfoliating products with glycolic acid or retinol on the scalp.',
      'Do not give blood for 12 months after treatment, and mention the tattoo when you do.',
    ],
  }
}
