import { describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

describe('stipple schema', () => {
  it('prints the design document’s JSON Schema as valid JSON', () => {
    const r = stipple('schema', 'design')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: { schema: { const: string } } }
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.properties.schema.const).toBe('stipple.design/v1')
  })

  it('exits 2 for a missing or unknown document name', () => {
    expect(stipple('schema')).toEqual({ code: 2, stdout: '', stderr: 'DOCUMENT: required; one of: design\n' })
    const r = stipple('schema', 'intake')
    expect(r.code).toBe(2)
    expect(lines(r.stderr)).toEqual(['intake: unknown document; one of: design'])
  })
})
