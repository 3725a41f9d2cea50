import { createHead, landmarks, PRESET_IDS, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import v0 from './fixtures/design-v0.json' with { type: 'json' }
import v1 from './fixtures/design-v1.json' with { type: 'json' }
import { DESIGN_SCHEMAS, parseDesignDocument } from './migrate.ts'

function parsed(json: unknown) {
  const r = parseDesignDocument(json)
  if (!r.success) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'))
  return r.data
}

const roundTrip = (doc: unknown) => parsed(JSON.parse(JSON.stringify(doc)))

describe('parseDesignDocument', () => {
  it('knows every version, oldest first', () => {
    expect(DESIGN_SCHEMAS).toEqual(['stipple.design/v0', 'stipple.design/v1'])
  })

  it('loads the v1 fixture unchanged and round-trips it', () => {
    const doc = parsed(v1)
    expect(doc).toEqual(v1)
    expect(roundTrip(doc)).toEqual(doc)
  })

  it('migrates the v0 fixture: sessions one object each, defaults for skin, pigment and crown', () => {
    const doc = parsed(v0)
    expect(doc.schema).toBe('stipple.design/v1')
    expect(doc.sessions).toEqual(
      v0.sessions.shares.map((share) => ({ share, needle: '1RL 0.20', dilution: '1:25', shadeOffset: 0 }))
    )
    expect(doc.skin).toEqual({ fitzpatrick: 3, sunExposure: 'moderate', kind: 'normal' })
    expect(doc.pigment).toEqual({ depthMm: 1 })
    const whorl = landmarks(createHead(v0.head as Parameters<typeof createHead>[0]), 'male').crownWhorl
    expect(doc.crown).toEqual({ center: [...whorl], clockwise: true })
    // everything v0 already had is carried over untouched
    for (const key of ['seed', 'region', 'head', 'hairline', 'zones', 'existingHair', 'scars'] as const) {
      expect(doc[key], key).toEqual(v0[key])
    }
    expect(roundTrip(doc)).toEqual(doc)
  })

  it('reports v0 problems at their place in the v0 file', () => {
    const cases: [edit: (d: Record<string, unknown> & typeof v0) => void, path: string, message: string][] = [
      [(d) => d.sessions.shares.push(0.1), 'sessions.shares', 'has 4 entries for 3 sessions'],
      [(d) => Object.assign(d.sessions, { needle: 'fine' }), 'sessions.needle', 'expected a needle like "1RL 0.20"'],
      [(d) => Object.assign(d, { pigment: { depthMm: 1 } }), 'pigment', 'unknown field'],
      [(d) => Object.assign(d.zones[0], { shade: 90 }), 'zones[0].shade', 'must be at most 70'],
    ]
    for (const [edit, path, message] of cases) {
      const doc = structuredClone(v0) as Record<string, unknown> & typeof v0
      edit(doc)
      expect(parseDesignDocument(doc)).toEqual({ success: false, issues: [{ path, message }] })
    }
  })

  it('refuses v0-shaped sessions in a v1 document', () => {
    const doc = { ...structuredClone(v1), sessions: v0.sessions }
    expect(parseDesignDocument(doc)).toEqual({
      success: false,
      issues: [{ path: 'sessions', message: 'expected a list, got a group of fields' }],
    })
  })

  it('refuses an unknown or missing schema tag, and anything but an object', () => {
    const known = '"stipple.design/v0", "stipple.design/v1"'
    expect(parseDesignDocument({ ...v1, schema: 'stipple.design/v9' })).toEqual({
      success: false,
      issues: [{ path: 'schema', message: `unknown schema "stipple.design/v9"; expected one of ${known}` }],
    })
    const { schema: _schema, ...untagged } = v1
    expect(parseDesignDocument(untagged)).toEqual({
      success: false,
      issues: [{ path: 'schema', message: `required; expected one of ${known}` }],
    })
    for (const json of [null, [], 'design', 42]) {
      expect(parseDesignDocument(json)).toEqual({
        success: false,
        issues: [{ path: '', message: 'expected a stipple.design document (a JSON object)' }],
      })
    }
  })

  it('accepts every preset, so `stipple design` never writes a document it would refuse', () => {
    for (const id of PRESET_IDS) {
      for (const sex of ['male', 'female'] as const) {
        const r = parseDesignDocument({ schema: 'stipple.design/v1', ...presetDesign(id, { sex, seed: 11 }) })
        expect(r.success ? [] : r.issues, `${id} ${sex}`).toEqual([])
      }
    }
  })
})
