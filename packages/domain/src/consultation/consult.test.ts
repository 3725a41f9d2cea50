import { describe, expect, it } from 'vitest'
import { type Intake, type IntakeInput, parseIntake } from '../intake/intake.schema.ts'
import { consult } from './consult.ts'
import { addDays } from './dates.ts'
import { intakeSeed } from './recommendation.ts'

const TODAY = '2026-11-20'

function intake(
  hairLoss: IntakeInput['hairLoss'],
  client: Partial<IntakeInput['client']> = {},
  extra: Partial<IntakeInput> = {}
): Intake {
  const r = parseIntake({
    schema: 'stipple.intake/v1',
    client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'dark-brown', hairLength: 'shaved', ...client },
    hairLoss,
    ...extra,
  })
  if (!r.success) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return r.data
}
const run = (i: Intake) => consult(i, { today: TODAY }).result

interface Case {
  name: string
  intake: Intake
  status: 'suitable' | 'caution' | 'defer' | 'not-suitable'
  preset: string
  sessions: number
  /** Toronto total, CAD, tax included. */
  total?: number
  firstSession?: string
}

const nw = (stage: string) => ({ scale: 'norwood' as const, stage })
const CASES: Case[] = [
  // every Norwood class, male, Fitzpatrick III: three sessions, priced by stage
  ...(
    [
      ['I', 'norwood-1', 2034],
      ['II', 'norwood-2', 2034],
      ['2A', 'norwood-2a', 2034],
      ['III', 'norwood-3', 2034],
      ['3A', 'norwood-3a', 2034],
      ['3V', 'norwood-3-vertex', 2938],
      ['IV', 'norwood-4', 2938],
      ['4A', 'norwood-4a', 2938],
      ['V', 'norwood-5', 3842],
      ['5A', 'norwood-5a', 3842],
      ['VI', 'norwood-6', 3842],
    ] as const
  ).map(
    ([stage, preset, total]): Case => ({
      name: `Norwood ${stage}`,
      intake: intake(nw(stage)),
      status: 'suitable',
      preset,
      sessions: 3,
      total,
    })
  ),
  // a large area calls for a fourth session
  {
    name: 'Norwood VII (large area)',
    intake: intake(nw('VII')),
    status: 'suitable',
    preset: 'norwood-7',
    sessions: 4,
    total: 4463.5,
  },
  // Ludwig and diffuse: women, density between the hairs; the expectation note is information only
  {
    name: 'Ludwig I',
    intake: intake({ scale: 'ludwig', stage: 'I' }, { sex: 'female', hairLength: 'long' }),
    status: 'suitable',
    preset: 'ludwig-1',
    sessions: 3,
    total: 2034,
  },
  {
    name: 'Ludwig II',
    intake: intake({ scale: 'ludwig', stage: '2' }, { sex: 'female', hairLength: 'long' }),
    status: 'suitable',
    preset: 'ludwig-2',
    sessions: 3,
    total: 2938,
  },
  {
    name: 'Ludwig III',
    intake: intake({ scale: 'ludwig', stage: 'III' }, { sex: 'female', hairLength: 'short' }),
    status: 'suitable',
    preset: 'ludwig-3',
    sessions: 3,
    total: 3842,
  },
  {
    name: 'diffuse, other sex',
    intake: intake({ scale: 'diffuse' }, { sex: 'other', head: 'female', hairLength: 'short' }),
    status: 'suitable',
    preset: 'diffuse',
    sessions: 3,
  },
  // alopecia: a fourth session; areata carries the regrowth caution
  {
    name: 'alopecia areata',
    intake: intake({ scale: 'alopecia-areata' }),
    status: 'caution',
    preset: 'alopecia-areata',
    sessions: 4,
  },
  {
    name: 'alopecia totalis, woman',
    intake: intake({ scale: 'alopecia-totalis' }, { sex: 'female', age: 30 }),
    status: 'suitable',
    preset: 'alopecia-totalis',
    // the whole scalp: ~43,000 dots, ~19 h of needle work (DOMAIN §2.4: up to 20 h), split so no session passes 6 h
    sessions: 6,
    total: 5706.5, // the full-head package, three extra sessions, HST: DOMAIN §7 [KEL] "complete loss ~ $5,000 + tax"
  },
  {
    name: 'alopecia universalis',
    intake: intake({ scale: 'alopecia-universalis' }),
    status: 'suitable',
    preset: 'alopecia-universalis',
    sessions: 6,
  },
  // scars: alone they are the package; with a pattern they are an add-on; either way a fourth session
  {
    name: 'FUT scar only',
    intake: intake({ scale: 'none' }, {}, { scars: [{ kind: 'fut', lengthMm: 180, widthMm: 4 }] }),
    status: 'suitable',
    preset: 'scar-fut',
    sessions: 4,
  },
  {
    name: 'FUE scars only',
    intake: intake({ scale: 'none' }, {}, { scars: [{ kind: 'fue', count: 2000 }] }),
    status: 'suitable',
    preset: 'scar-fue',
    sessions: 4,
  },
  {
    name: 'Norwood V with FUT and FUE scars',
    intake: intake(
      nw('V'),
      {},
      {
        scars: [
          { kind: 'fut', lengthMm: 150, widthMm: 3 },
          { kind: 'fue', count: 800 },
        ],
      }
    ),
    status: 'suitable',
    preset: 'norwood-5',
    sessions: 4,
    total: 5367.5,
  },
  // every skin type: I and VI take a fourth session
  ...[1, 2, 3, 4, 5, 6].map(
    (fitzpatrick): Case => ({
      name: `Norwood VI, Fitzpatrick ${fitzpatrick}`,
      intake: intake(nw('VI'), { fitzpatrick, hairColor: fitzpatrick >= 5 ? 'black' : 'brown' }),
      status: 'suitable',
      preset: 'norwood-6',
      sessions: fitzpatrick === 1 || fitzpatrick === 6 ? 4 : 3,
    })
  ),
  // contraindications change the status and the first day, never the design
  { name: 'minor', intake: intake(nw('V'), { age: 17 }), status: 'not-suitable', preset: 'norwood-5', sessions: 3 },
  {
    name: 'isotretinoin 30 days ago',
    intake: intake(nw('V'), {}, { medical: { medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 30 }] } }),
    status: 'defer',
    preset: 'norwood-5',
    sessions: 3,
    firstSession: '2027-04-21',
  },
  {
    name: 'aspirin and minoxidil',
    intake: intake(
      nw('V'),
      {},
      { medical: { medications: [{ name: 'aspirin' }, { name: 'minoxidil', lastDoseDaysAgo: 1 }] } }
    ),
    status: 'caution',
    preset: 'norwood-5',
    sessions: 3,
    firstSession: '2026-11-27',
  },
  {
    name: 'pregnant and keloid-prone',
    intake: intake(
      { scale: 'ludwig', stage: 'II' },
      { sex: 'female', hairLength: 'long' },
      { medical: { conditions: ['pregnant', 'keloid-prone'] } }
    ),
    status: 'defer',
    preset: 'ludwig-2',
    sessions: 3,
    firstSession: TODAY,
  },
  {
    name: 'sunburn, chemo 7 months ago, latex',
    intake: intake(
      nw('IV'),
      {},
      {
        medical: {
          conditions: ['sunburn-scalp'],
          medications: [{ name: 'chemotherapy', lastDoseDaysAgo: 210 }],
          allergies: ['latex'],
        },
      }
    ),
    status: 'defer',
    preset: 'norwood-4',
    sessions: 3,
    firstSession: '2026-12-04',
  },
  {
    name: 'anticoagulant and bleeding disorder',
    intake: intake(
      nw('VI'),
      {},
      { medical: { conditions: ['bleeding-disorder'], medications: [{ name: 'anticoagulant' }] } }
    ),
    status: 'not-suitable',
    preset: 'norwood-6',
    sessions: 3,
  },
]

describe('consultation: the case table', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = run(c.intake)
    expect(r.screening.status).toBe(c.status)
    expect(r.recommendation.presetId).toBe(c.preset)
    expect(r.plan.sessions.length).toBe(c.sessions)
    expect(r.design.sessions.length).toBe(c.sessions)
    if (c.total !== undefined) expect(r.quote.total).toBe(c.total)
    expect(r.dates.firstSession).toBe(c.firstSession ?? TODAY)
    // invariants of every plan
    expect(r.plan.sessions.map((s) => s.dayOffset)).toEqual(r.plan.sessions.map((_, i) => i * 14))
    expect(r.plan.sessions.reduce((a, s) => a + s.impressions, 0)).toBe(r.plan.totalImpressions)
    for (const s of r.plan.sessions) {
      expect(Object.values(s.impressionsByZone).reduce((a, n) => a + n, 0)).toBe(s.impressions)
      expect(s.date).toBe(addDays(r.dates.firstSession, s.dayOffset))
      expect(s.durationMinutes).toBeGreaterThanOrEqual(45)
      // DOMAIN §0: sessions 1.5–6 h; a first session on a large area can take 4–6 h [CHIV]
      expect(s.durationMinutes).toBeLessThanOrEqual(360)
    }
    expect(r.plan.treatedAreaCm2).toBeGreaterThan(0)
    const sum = r.quote.lines.reduce((a, l) => a + Math.round(l.amount * 100), 0)
    expect(Math.round(r.quote.total * 100)).toBe(sum)
    for (const l of [...r.quote.lines, ...r.quote.later])
      expect(Math.round(l.amount * 100)).toBeCloseTo(l.amount * 100, 6)
    expect(r.aftercare.length).toBeGreaterThan(0)
    expect(r.removal.laserSessions).toEqual({ min: 1, max: 3 })
  })
})

describe('consultation: the seed clinics’ figures for typical candidates', () => {
  const typical = ['V', 'Va', 'VI'].map((s) => run(intake(nw(s))))

  it('3 sessions two weeks apart; Norwood V and Va sessions of 2–4 hours, Norwood VI at most 5', () => {
    typical.forEach((r, i) => {
      expect(r.plan.sessions.length).toBe(3)
      expect(r.plan.spacingDays).toBeGreaterThanOrEqual(7)
      expect(r.plan.spacingDays).toBeLessThanOrEqual(14)
      const minutes = r.plan.sessions.map((s) => s.durationMinutes)
      expect(Math.min(...minutes)).toBeGreaterThanOrEqual(120)
      expect(Math.max(...minutes)).toBeLessThanOrEqual(i < 2 ? 240 : 300)
      // the first session, which also draws the hairline, is the longest
      expect(minutes[0]).toBe(Math.max(...minutes))
    })
  })

  it('a Toronto full treatment costs CA$2,000–4,000 with HST 13 % as its own line', () => {
    for (const r of typical) {
      expect(r.quote.currency).toBe('CAD')
      expect(r.quote.total).toBeGreaterThanOrEqual(2000)
      expect(r.quote.total).toBeLessThanOrEqual(4000)
      const hst = r.quote.lines.find((l) => l.label.startsWith('HST'))
      expect(hst?.amount).toBe(Math.round(r.quote.subtotal * 13) / 100)
    }
  })

  it('touch-ups every 2–4 years, results lasting 4–8 years (moderate sun)', () => {
    for (const fitzpatrick of [2, 3, 4, 5]) {
      const r = run(intake(nw('V'), { fitzpatrick }))
      expect(r.longevity.touchUpAfterYears).toBeGreaterThanOrEqual(2)
      expect(r.longevity.touchUpAfterYears).toBeLessThanOrEqual(4)
      expect(r.longevity.visibleYears).toBeGreaterThanOrEqual(4)
      expect(r.longevity.visibleYears).toBeLessThanOrEqual(8)
    }
    const sunny = run(intake(nw('V'), {}, { lifestyle: { sunExposure: 'high' } }))
    expect(sunny.longevity.touchUpAfterYears).toBeLessThan(typical[0]?.longevity.touchUpAfterYears ?? 0)
  })

  it('prices in USD and GBP for the US and UK lists, without a tax line', () => {
    const us = run(intake(nw('V'), {}, { location: { priceList: 'us' } }))
    const uk = run(intake(nw('V'), {}, { location: { priceList: 'uk' } }))
    expect([us.quote.currency, uk.quote.currency]).toEqual(['USD', 'GBP'])
    expect(us.quote.total).toBe(3600)
    expect(uk.quote.total).toBe(2000)
  })
})

describe('consultation: recommendation', () => {
  it('the same intake gives the same design, whatever the key order', () => {
    const a = intake(nw('V'))
    const b = parseIntake({ hairLoss: { stage: 'V', scale: 'norwood' }, client: { ...a.client }, schema: a.schema })
    expect(b.success && intakeSeed(b.data)).toBe(intakeSeed(a))
    expect(JSON.stringify(run(a).design)).toBe(JSON.stringify(run(a).design))
    expect(intakeSeed(intake(nw('V'), { age: 42 }))).not.toBe(intakeSeed(a))
  })

  it('hairline height follows age, pattern, sex and style (DOMAIN §3.1)', () => {
    const h = (client: Partial<IntakeInput['client']>, stage = 'III', extra: Partial<IntakeInput> = {}) =>
      run(intake(nw(stage), client, extra)).recommendation.hairlineHeightMm
    expect(h({ age: 22 })).toBeGreaterThanOrEqual(70)
    expect(h({ age: 22 })).toBeLessThanOrEqual(75)
    expect(h({ age: 30 })).toBeGreaterThanOrEqual(75)
    expect(h({ age: 30 })).toBeLessThanOrEqual(85)
    expect(h({ age: 30 }, 'VI')).toBeGreaterThanOrEqual(85)
    expect(h({ age: 50 })).toBeGreaterThanOrEqual(85)
    expect(h({ sex: 'female', age: 30 }, 'III')).toBeLessThanOrEqual(65)
    expect(h({ age: 30 }, 'III', { hairlineStyle: 'conservative' })).toBeGreaterThan(
      h({ age: 30 }, 'III', { hairlineStyle: 'youthful' }) ?? 0
    )
    expect(run(intake(nw('III'), {}, { hairlineStyle: 'straight' })).design.hairline?.shape).toBe('straight')
  })

  it('shade follows hair colour and skin: blond lighter, dark skin darker, within 20–60', () => {
    const shade = (client: Partial<IntakeInput['client']>) => run(intake(nw('V'), client)).recommendation.shade
    expect(shade({ hairColor: 'blonde' })).toBeGreaterThanOrEqual(40)
    expect(shade({ hairColor: 'blonde' })).toBeLessThanOrEqual(50)
    expect(shade({ hairColor: 'black', fitzpatrick: 6 })).toBeLessThan(shade({ hairColor: 'black', fitzpatrick: 3 }))
    expect(shade({ hairColor: 'white', fitzpatrick: 1 })).toBeLessThanOrEqual(60)
  })

  it("the design carries the client's hair as the intake gives it, for the preview to draw", () => {
    expect(run(intake(nw('V'), { hairColor: 'black', hairLength: 'buzz' })).design.hair).toEqual({
      color: 'black',
      length: 'buzz',
    })
    const ludwig = run(
      intake({ scale: 'ludwig', stage: 'II' }, { sex: 'female', hairColor: 'blonde', hairLength: 'long' })
    )
    expect(ludwig.design.hair).toEqual({ color: 'blonde', length: 'long' })
  })

  it('recommends a goal when none is given and says why', () => {
    expect(run(intake(nw('II'))).recommendation.goal).toBe('hairline')
    expect(run(intake(nw('III'), { hairLength: 'long' })).recommendation.goal).toBe('density')
    expect(run(intake(nw('VI'), { hairLength: 'long' })).recommendation.goal).toBe('shaved-look')
    expect(run(intake({ scale: 'none' }, {}, { scars: [{ kind: 'fue', count: 900 }] })).recommendation.goal).toBe(
      'scar-camouflage'
    )
    expect(run(intake(nw('VI'), {}, { goal: 'density' })).recommendation.reasons.goal).toMatch(/asked/)
    const fourth = run(intake(nw('V'), { fitzpatrick: 6 }))
    expect(fourth.plan.sessionReason).toMatch(/type VI/)
  })

  it('aftercare is timed from every session and the final one (DOMAIN §6.3)', () => {
    const r = run(intake(nw('V'), {}, { medical: { medications: [{ name: 'minoxidil' }] } }))
    const dry = r.aftercare.filter((a) => a.instruction.includes('keep your scalp dry'))
    expect(dry.map((a) => [a.fromDay, a.toDay])).toEqual([
      [0, 4],
      [14, 18],
      [28, 32],
    ])
    expect(r.aftercare.some((a) => a.fromDay === 28 && a.toDay === 56 && /sauna/.test(a.instruction))).toBe(true)
    expect(r.precare.filter((p) => /minoxidil/i.test(p.instruction)).map((p) => p.fromDay)).toEqual([-7, 7, 21])
    expect(r.betweenSessions).toMatch(/fade noticeably.*normal/)
    expect(r.precare.some((p) => /clip your head/.test(p.instruction))).toBe(true)
    // density between longer hair needs no clipping (DOMAIN §3.6)
    const density = run(intake({ scale: 'ludwig', stage: 'II' }, { sex: 'female', hairLength: 'long' }))
    expect(density.precare.some((p) => /clip your head/.test(p.instruction))).toBe(false)
  })
})
