import { describe, expect, it } from 'vitest'
import type { Intake } from '../intake/intake.schema.ts'
import { SCREENING_RULES, screen } from './screening.ts'

const TODAY = '2026-11-20'
const base = (edit: Partial<Intake> = {}): Intake => ({
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: 'V' },
  ...edit,
})
const medical = (m: NonNullable<Intake['medical']>) => base({ medical: m })

describe('screening', () => {
  it('finds nothing in a healthy adult: suitable, first session from today', () => {
    expect(screen(base(), TODAY)).toEqual({ status: 'suitable', findings: [], earliestStart: TODAY, openEnded: false })
  })

  it('every rule has a code, a severity, a readable message and sources; codes are unique', () => {
    const codes = SCREENING_RULES.map((r) => r.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const r of SCREENING_RULES) {
      expect(r.message.length).toBeGreaterThan(20)
      expect(r.message).not.toMatch(/\[|DOMAIN/)
      expect(r.sources.length).toBeGreaterThan(0)
    }
  })

  // each contraindication alone: its code, severity, status and (for dated deferrals) the day it ends
  const alone: [string, Intake, string, string, string | undefined][] = [
    ['under 18', base({ client: { ...base().client, age: 17 } }), 'under-18', 'not-suitable', undefined],
    ['pigment allergy', medical({ allergies: ['pigment'] }), 'pigment-allergy', 'not-suitable', undefined],
    [
      'bleeding disorder',
      medical({ conditions: ['bleeding-disorder'] }),
      'bleeding-disorder',
      'not-suitable',
      undefined,
    ],
    [
      'anticoagulant',
      medical({ medications: [{ name: 'anticoagulant' }] }),
      'anticoagulant',
      'not-suitable',
      undefined,
    ],
    ['pregnant', medical({ conditions: ['pregnant'] }), 'pregnant', 'defer', undefined],
    ['breastfeeding', medical({ conditions: ['breastfeeding'] }), 'breastfeeding', 'defer', undefined],
    ['psoriasis', medical({ conditions: ['psoriasis-scalp-active'] }), 'psoriasis-scalp-active', 'defer', undefined],
    ['eczema', medical({ conditions: ['eczema-scalp-active'] }), 'eczema-scalp-active', 'defer', undefined],
    ['folliculitis', medical({ conditions: ['folliculitis-active'] }), 'folliculitis-active', 'defer', undefined],
    [
      'seb. dermatitis',
      medical({ conditions: ['seborrheic-dermatitis-active'] }),
      'seborrheic-dermatitis-active',
      'defer',
      undefined,
    ],
    [
      'uncontrolled diabetes',
      medical({ conditions: ['diabetes-uncontrolled'] }),
      'diabetes-uncontrolled',
      'defer',
      undefined,
    ],
    [
      'active alopecia areata',
      medical({ conditions: ['alopecia-areata-active'] }),
      'alopecia-areata-active',
      'defer',
      undefined,
    ],
    ['sunburn: two weeks', medical({ conditions: ['sunburn-scalp'] }), 'sunburn-scalp', 'defer', '2026-12-04'],
    // [BIMS] 6 months from the last dose: 30 days ago is 2026-10-21, so 2027-04-21
    [
      'isotretinoin 30 days ago',
      medical({ medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 30 }] }),
      'isotretinoin',
      'defer',
      '2027-04-21',
    ],
    [
      'isotretinoin still taken',
      medical({ medications: [{ name: 'isotretinoin' }] }),
      'isotretinoin',
      'defer',
      '2027-05-20',
    ],
    [
      'chemotherapy 100 days ago',
      medical({ medications: [{ name: 'chemotherapy', lastDoseDaysAgo: 100 }] }),
      'chemotherapy',
      'defer',
      '2027-02-12',
    ],
    [
      'retinoid 10 days ago',
      medical({ medications: [{ name: 'retinoid-topical', lastDoseDaysAgo: 10 }] }),
      'retinoid-topical',
      'defer',
      '2026-12-10',
    ],
    ['aspirin', medical({ medications: [{ name: 'aspirin' }] }), 'aspirin', 'caution', undefined],
    ['ibuprofen', medical({ medications: [{ name: 'ibuprofen' }] }), 'ibuprofen', 'caution', undefined],
    ['minoxidil', medical({ medications: [{ name: 'minoxidil' }] }), 'minoxidil', 'caution', undefined],
    ['lidocaine allergy', medical({ allergies: ['lidocaine'] }), 'lidocaine-allergy', 'caution', undefined],
    ['latex allergy', medical({ allergies: ['latex'] }), 'latex-allergy', 'caution', undefined],
    ['keloid', medical({ conditions: ['keloid-prone'] }), 'keloid-prone', 'caution', undefined],
    [
      'stable alopecia areata',
      base({ hairLoss: { scale: 'alopecia-areata' } }),
      'alopecia-areata-regrowth',
      'caution',
      undefined,
    ],
    [
      'diffuse thinning',
      base({ hairLoss: { scale: 'diffuse' } }),
      'diffuse-thinning-expectations',
      'suitable',
      undefined,
    ],
    [
      'Ludwig thinning',
      base({ hairLoss: { scale: 'ludwig', stage: 'II' } }),
      'diffuse-thinning-expectations',
      'suitable',
      undefined,
    ],
  ]
  it.each(alone)('%s', (_, intake, code, status, until) => {
    const s = screen(intake, TODAY)
    expect(s.findings.map((f) => f.code)).toEqual([code])
    expect(s.status).toBe(status)
    expect(s.findings[0]?.until).toBe(until)
    if (until !== undefined) expect(s.earliestStart).toBe(until)
    expect(s.openEnded).toBe(status === 'defer' && until === undefined)
  })

  it('softens past waits: isotretinoin 8 months ago is information (the 12-month view), 13 months ago nothing', () => {
    const eight = screen(medical({ medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 240 }] }), TODAY)
    expect(eight.status).toBe('suitable')
    expect(eight.findings[0]).toMatchObject({ code: 'isotretinoin', severity: 'info' })
    expect(eight.findings[0]?.message).toContain('12 months')
    expect(screen(medical({ medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 400 }] }), TODAY).findings).toEqual(
      []
    )
    const retinoid = screen(medical({ medications: [{ name: 'retinoid-topical', lastDoseDaysAgo: 60 }] }), TODAY)
    expect(retinoid.findings[0]).toMatchObject({ severity: 'caution' })
  })

  it('blood thinners and minoxidil push the first session 7 days past the last dose, with pre-care', () => {
    const s = screen(medical({ medications: [{ name: 'aspirin', lastDoseDaysAgo: 3 }, { name: 'minoxidil' }] }), TODAY)
    expect(s.earliestStart).toBe('2026-11-27')
    expect(s.findings.every((f) => f.precare !== undefined)).toBe(true)
    expect(s.findings[0]?.precare).toMatch(/do not stop it: ask your doctor/)
    expect(screen(medical({ medications: [{ name: 'ibuprofen', lastDoseDaysAgo: 30 }] }), TODAY).earliestStart).toBe(
      TODAY
    )
  })

  it('never advises stopping a prescribed anticoagulant', () => {
    const f = screen(medical({ medications: [{ name: 'anticoagulant' }] }), TODAY).findings[0]
    expect(f?.message).toMatch(/Never stop/)
  })

  it('in combination the status is the worst finding and the start the latest date', () => {
    const combo = screen(
      medical({
        conditions: ['keloid-prone', 'sunburn-scalp'],
        medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 30 }, { name: 'aspirin' }],
        allergies: ['latex'],
      }),
      TODAY
    )
    expect(combo.status).toBe('defer')
    expect(combo.earliestStart).toBe('2027-04-21')
    expect(combo.findings.map((f) => f.code).sort()).toEqual(
      ['aspirin', 'isotretinoin', 'keloid-prone', 'latex-allergy', 'sunburn-scalp'].sort()
    )
    const blocked = screen(
      base({ client: { ...base().client, age: 16 }, medical: { conditions: ['pregnant'], allergies: ['latex'] } }),
      TODAY
    )
    expect(blocked.status).toBe('not-suitable')
    const caution = screen(medical({ allergies: ['latex'], conditions: ['keloid-prone'] }), TODAY)
    expect(caution.status).toBe('caution')
  })
})
