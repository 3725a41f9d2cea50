import type { Design } from '@stipple/engine'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { type DesignDocument, DesignDocumentSchema } from './design.schema.ts'
import v1 from './fixtures/design-v1.json' with { type: 'json' }
import { parseDesignDocument, toDesign } from './migrate.ts'

const fixture = () => structuredClone(v1) as Record<string, unknown> & typeof v1

/** Five hand-placed points across the front, with one point's handles (the others automatic). */
const CONTROL_POINTS = [
  [80, 20],
  [45, 62],
  [0, 75],
  [-45, 62],
  [-80, 20],
]
function withHandles(at: number, handle: unknown) {
  const handles: unknown[] = CONTROL_POINTS.map(() => null)
  handles[at] = handle
  return { controlPoints: CONTROL_POINTS, handles }
}

/** Parses `doc` and returns its issues (none when it is valid). */
function issuesOf(doc: unknown) {
  const r = parseDesignDocument(doc)
  return r.success ? [] : r.issues
}

describe('DesignDocumentSchema', () => {
  it('mirrors the engine: a document without its tag is a Design', () => {
    expectTypeOf<Omit<DesignDocument, 'schema'>>().toExtend<Design>()
    expectTypeOf(toDesign).returns.toEqualTypeOf<Design>()
    expectTypeOf<DesignDocument['schema']>().toEqualTypeOf<'stipple.design/v1'>()
  })

  it('accepts the v1 fixture as it is', () => {
    expect(DesignDocumentSchema.safeParse(v1).success).toBe(true)
    expect(issuesOf(v1)).toEqual([])
  })

  // success and failure side by side: each row breaks one field of a valid document and names the exact path
  const cases: [name: string, edit: (d: ReturnType<typeof fixture>) => void, path: string, message: string][] = [
    [
      'wrong type',
      (d) => Object.assign(d.hairline, { heightMm: '80' }),
      'hairline.heightMm',
      'expected a number, got "80"',
    ],
    ['missing field', (d) => delete (d.zones[0] as Partial<(typeof d.zones)[0]>).shade, 'zones[0].shade', 'required'],
    ['unknown field', (d) => Object.assign(d.zones[1], { colour: 'grey' }), 'zones[1].colour', 'unknown field'],
    ['unknown top-level field', (d) => Object.assign(d, { notes: 'x' }), 'notes', 'unknown field'],
    [
      'not a point',
      (d) => Object.assign(d.zones[2].polygon, { 4: 'abc' }),
      'zones[2].polygon[4]',
      'expected a list, got "abc"',
    ],
    ['too few points', (d) => d.zones[0].polygon.splice(2), 'zones[0].polygon', 'needs at least 3 items'],
    [
      'head too big',
      (d) => Object.assign(d.head, { circumferenceMm: 700 }),
      'head.circumferenceMm',
      'must be at most 650',
    ],
    [
      'density too high',
      (d) => Object.assign(d.zones[3], { densityPerCm2: 400 }),
      'zones[3].densityPerCm2',
      'must be at most 250',
    ],
    ['shade too dark', (d) => Object.assign(d.zones[0], { shade: 5 }), 'zones[0].shade', 'must be at least 10'],
    ['negative seed', (d) => Object.assign(d, { seed: -1 }), 'seed', 'must be at least 0'],
    ['seed beyond 32 bits', (d) => Object.assign(d, { seed: 2 ** 32 }), 'seed', 'must be at most 4294967295'],
    ['fractional seed', (d) => Object.assign(d, { seed: 1.5 }), 'seed', 'expected a whole number, got 1.5'],
    [
      'infinite number',
      (d) => Object.assign(d.pigment, { depthMm: Number.POSITIVE_INFINITY }),
      'pigment.depthMm',
      'expected a number, got Infinity',
    ],
    ['no sessions', (d) => Object.assign(d, { sessions: [] }), 'sessions', 'needs at least 1 item'],
    ['zero share', (d) => Object.assign(d.sessions[2], { share: 0 }), 'sessions[2].share', 'must be greater than 0'],
    [
      'bad needle',
      (d) => Object.assign(d.sessions[0], { needle: 'big' }),
      'sessions[0].needle',
      'expected a needle like "1RL 0.20"',
    ],
    [
      'bad dilution',
      (d) => Object.assign(d.sessions[1], { dilution: '25' }),
      'sessions[1].dilution',
      'expected a dilution like "1:25"',
    ],
    ['Fitzpatrick 7', (d) => Object.assign(d.skin, { fitzpatrick: 7 }), 'skin.fitzpatrick', 'must be at most 6'],
    [
      'unknown enum',
      (d) => Object.assign(d.hairline, { shape: 'wavy' }),
      'hairline.shape',
      'expected "straight", "rounded", "widows-peak" or "mature", got "wavy"',
    ],
    [
      'unknown scar kind',
      (d) => Object.assign(d.scars[0], { kind: 'laser' }),
      'scars[0].kind',
      'unknown kind "laser"; expected "fut", "fue" or "polygon"',
    ],
    [
      'missing scar kind',
      (d) => delete (d.scars[0] as { kind?: string }).kind,
      'scars[0].kind',
      'required; expected "fut", "fue" or "polygon"',
    ],
    [
      'duplicate zone id',
      (d) => Object.assign(d.zones[1], { id: d.zones[0].id }),
      'zones[1].id',
      'duplicate id "frontal"',
    ],
    ['wrong region', (d) => Object.assign(d, { region: 'beard' }), 'region', 'expected "scalp", got "beard"'],
    [
      'an unknown hair colour',
      (d) => Object.assign(d, { hair: { color: 'purple', length: 'buzz' } }),
      'hair.color',
      'expected "black", "dark-brown", "brown", "light-brown", "blonde", "red", "grey" or "white", got "purple"',
    ],
    [
      'a hair length the intake does not know',
      (d) => Object.assign(d, { hair: { color: 'brown', length: 'medium' } }),
      'hair.length',
      'expected "shaved", "buzz", "short" or "long", got "medium"',
    ],
    [
      'too many holes',
      (d) => Object.assign(d.existingHair[0], { holes: Array(65).fill(d.existingHair[0].holes[0]) }),
      'existingHair[0].holes',
      'allows at most 64 items',
    ],
    [
      'a tangent handle too long',
      (d) => Object.assign(d.hairline, withHandles(2, { in: [-10, 0], out: [70, 50] })),
      'hairline.handles[2].out',
      'is 86.0 mm long; a handle is at most 80 mm',
    ],
    [
      'a tangent handle reaching beyond 80 mm on one axis',
      (d) => Object.assign(d.hairline, withHandles(4, { in: [100, 0], out: [0, 0] })),
      'hairline.handles[4].in[0]',
      'must be at most 80',
    ],
    [
      'a tangent handle not a number',
      (d) => Object.assign(d.hairline, withHandles(0, { in: [Number.NaN, 0], out: [1, 0] })),
      'hairline.handles[0].in[0]',
      'expected a number, got NaN',
    ],
    [
      'an unknown field on a handle',
      (d) => Object.assign(d.hairline, withHandles(1, { in: [1, 0], out: [-1, 0], smooth: true })),
      'hairline.handles[1].smooth',
      'unknown field',
    ],
    [
      'handles without hand-placed points',
      (d) => Object.assign(d.hairline, { handles: [null, null] }),
      'hairline.handles',
      'needs hairline.controlPoints: handles belong to hand-placed points',
    ],
    [
      'one handle entry too many',
      (d) => Object.assign(d.hairline, { ...withHandles(0, null), handles: [null, null, null, null, null, null] }),
      'hairline.handles',
      'has 6 entries for 5 control points (one each, null for automatic)',
    ],
  ]
  it.each(cases)('refuses %s with its path', (_name, edit, path, message) => {
    const doc = fixture()
    expect(issuesOf(doc)).toEqual([])
    edit(doc)
    expect(issuesOf(doc)).toEqual([{ path, message }])
  })

  it("accepts the client's hair and keeps it; a document without it stays valid", () => {
    const doc = fixture()
    expect('hair' in doc).toBe(false)
    Object.assign(doc, { hair: { color: 'grey', length: 'long' } })
    const parsed = parseDesignDocument(doc)
    expect(parsed.success && parsed.data.hair).toEqual({ color: 'grey', length: 'long' })
  })

  it('accepts tangent handles on hand-placed points, up to 80 mm long, and keeps them', () => {
    const doc = fixture()
    Object.assign(doc.hairline, withHandles(2, { in: [48, 64], out: [-20, 0] }))
    expect(issuesOf(doc)).toEqual([])
    const parsed = parseDesignDocument(doc)
    expect(parsed.success && parsed.data.hairline?.handles?.[2]).toEqual({ in: [48, 64], out: [-20, 0] })
  })

  it('reports every problem at once, not just the first', () => {
    const doc = fixture()
    Object.assign(doc.head, { earToEarMm: 100 })
    Object.assign(doc.zones[0], { dotSizeMm: 2, extra: 1 })
    expect(issuesOf(doc).map((i) => i.path)).toEqual(['head.earToEarMm', 'zones[0].dotSizeMm', 'zones[0].extra'])
  })
})

describe('geometry checks after the schema', () => {
  it('refuses a zone outside the scalp, pointing at the vertex', () => {
    const doc = fixture()
    doc.zones[0].polygon[3] = [0, 150]
    const issues = issuesOf(doc)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe('zones[0].polygon[3]')
    expect(issues[0]?.message).toMatch(/outside the scalp|off the head/)
  })

  it('refuses a self-intersecting hairline', () => {
    const doc = fixture()
    Object.assign(doc.hairline, {
      controlPoints: [
        [60, 50],
        [-60, 70],
        [60, 70],
        [-60, 50],
      ],
    })
    expect(issuesOf(doc)).toEqual([
      { path: 'hairline.controlPoints', message: expect.stringContaining('crosses itself') },
    ])
  })

  it('refuses session shares that do not add up to 100 %', () => {
    const doc = fixture()
    Object.assign(doc.sessions[0], { share: 0.5 })
    expect(issuesOf(doc)).toEqual([{ path: 'sessions', message: 'session shares add up to 110.0 %, not 100 %' }])
  })
})
