import { describe, expect, it } from 'vitest'
import { INTAKE_LIMITS, normalizeLudwigStage, normalizeNorwoodStage, parseIntake } from './intake.schema.ts'

const valid = () => ({
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: '5A' },
  scars: [
    { kind: 'fut', lengthMm: 180, widthMm: 4 },
    { kind: 'fue', count: 1500 },
  ],
  goal: 'shaved-look',
  hairlineStyle: 'natural',
  medical: {
    conditions: ['keloid-prone'],
    medications: [{ name: 'minoxidil', lastDoseDaysAgo: 30 }],
    allergies: ['latex'],
  },
  lifestyle: { sunExposure: 'moderate', skin: 'oily' },
  location: { priceList: 'uk' },
})

const issues = (doc: unknown) => {
  const r = parseIntake(doc)
  return r.success ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
}

describe('stipple.intake/v1', () => {
  it("accepts DESIGN.md's example and reads stage spellings as one", () => {
    const r = parseIntake(valid())
    expect(r.success && r.data.hairLoss).toEqual({ scale: 'norwood', stage: 'Va' })
    const { schema, client, hairLoss } = valid()
    expect(issues({ schema, client, hairLoss })).toEqual([])
  })

  it("asks which head to draw when sex is 'other', and takes it", () => {
    const doc = valid()
    doc.client = { ...doc.client, sex: 'other' }
    expect(issues(doc)).toEqual([
      "client.head: is required when sex is 'other': choose the head the preview draws, 'male' or 'female' proportions",
    ])
    const r = parseIntake({ ...doc, client: { ...doc.client, head: 'female' } })
    expect(r.success && r.data.client.head).toBe('female')
    expect(issues({ ...doc, client: { ...doc.client, head: 'other' } })[0]).toMatch(/^client\.head: /)
  })

  it.each([
    ['5A', 'Va'],
    ['Va', 'Va'],
    ['V-A', 'Va'],
    ['7', 'VII'],
    ['vii', 'VII'],
    ['3V', 'III-vertex'],
    ['III-vertex', 'III-vertex'],
    ['NW 3 vertex', 'III-vertex'],
    ['2a', 'IIa'],
    ['IVa', 'IVa'],
  ])('Norwood %s is %s', (text, stage) => expect(normalizeNorwoodStage(text)).toBe(stage))

  it.each(['8', '6A', '7a', 'IIX', '', 'V vertex'])('Norwood %j is unknown', (text) =>
    expect(normalizeNorwoodStage(text)).toBeUndefined()
  )

  it('reads Ludwig I–III in either numeral and nothing else', () => {
    expect(['1', 'II', 'iii'].map(normalizeLudwigStage)).toEqual(['I', 'II', 'III'])
    expect(normalizeLudwigStage('4')).toBeUndefined()
  })

  // success and failure side by side: each row breaks one thing and names the path
  const bad: [string, (d: ReturnType<typeof valid>) => unknown, string[]][] = [
    ['unknown code', (d) => ({ ...d, medical: { conditions: ['gout'] } }), ['medical.conditions[0]: expected']],
    [
      'unknown medication',
      (d) => ({ ...d, medical: { medications: [{ name: 'warfarin' }] } }),
      ['medical.medications[0].name'],
    ],
    [
      'unknown stage',
      (d) => ({ ...d, hairLoss: { scale: 'norwood', stage: '9' } }),
      ['hairLoss.stage: unknown stage "9"'],
    ],
    ['unknown scale', (d) => ({ ...d, hairLoss: { scale: 'savin' } }), ['hairLoss.scale: unknown scale "savin"']],
    [
      'stage where none belongs',
      (d) => ({ ...d, hairLoss: { scale: 'diffuse', stage: 'I' } }),
      ['hairLoss.stage: unknown field'],
    ],
    ['missing client', ({ client: _, ...d }) => d, ['client: required']],
    [
      'missing age',
      (d) => ({ ...d, client: { ...d.client, age: undefined as unknown as number } }),
      ['client.age: required'],
    ],
    ['age too high', (d) => ({ ...d, client: { ...d.client, age: 121 } }), ['client.age: must be at most 120']],
    ['age negative', (d) => ({ ...d, client: { ...d.client, age: -1 } }), ['client.age: must be at least 0']],
    ['age as text', (d) => ({ ...d, client: { ...d.client, age: '41' } }), ['client.age: expected a number, got "41"']],
    [
      'Fitzpatrick 7',
      (d) => ({ ...d, client: { ...d.client, fitzpatrick: 7 } }),
      ['client.fitzpatrick: must be at most 6'],
    ],
    ['unknown field', (d) => ({ ...d, notes: 'x' }), ['notes: unknown field']],
    ['wrong schema', (d) => ({ ...d, schema: 'stipple.intake/v2' }), ['schema: expected']],
    ['unknown scar kind', (d) => ({ ...d, scars: [{ kind: 'burn' }] }), ['scars[0].kind: unknown kind "burn"']],
    [
      'too many scars',
      (d) => ({ ...d, scars: Array.from({ length: INTAKE_LIMITS.scars + 1 }, () => ({ kind: 'fue', count: 10 })) }),
      [`scars: allows at most ${INTAKE_LIMITS.scars} items`],
    ],
    [
      'too many medications',
      (d) => ({ ...d, medical: { medications: Array.from({ length: 41 }, () => ({ name: 'aspirin' })) } }),
      ['medical.medications: allows at most 40 items'],
    ],
    ['unknown price list', (d) => ({ ...d, location: { priceList: 'paris' } }), ['location.priceList: expected']],
    ['not an object', () => [], [': expected a group of fields, got a list']],
  ]
  it.each(bad)('refuses %s with its path', (_, edit, expected) => {
    const got = issues(edit(valid()))
    expect(got.length).toBe(expected.length)
    for (const [i, e] of expected.entries()) expect(got[i]).toContain(e)
  })

  it('reports every problem at once', () => {
    const got = issues({ schema: 'stipple.intake/v1', client: { sex: 'x', age: 200 }, hairLoss: {} })
    expect(got.length).toBeGreaterThanOrEqual(5)
  })

  it('accepts a minor: under 18 is a screening block, not an input error', () => {
    expect(issues({ ...valid(), client: { ...valid().client, age: 16 } })).toEqual([])
  })
})
