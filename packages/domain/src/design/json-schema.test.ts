import { describe, expect, it } from 'vitest'
import { designJsonSchema } from './json-schema.ts'

describe('designJsonSchema', () => {
  it('is a draft 2020-12 schema of the v1 document that refuses unknown fields', () => {
    const schema = designJsonSchema() as {
      $schema: string
      additionalProperties: boolean
      required: string[]
      properties: Record<string, { const?: string; minimum?: number; maximum?: number; type?: string }>
    }
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.schema?.const).toBe('stipple.design/v1')
    expect([...schema.required].sort()).toEqual(
      [
        'schema',
        'seed',
        'region',
        'head',
        'hairline',
        'zones',
        'existingHair',
        'scars',
        'sessions',
        'skin',
        'pigment',
        'crown',
      ].sort()
    )
    expect(schema.properties.seed).toMatchObject({ type: 'integer', minimum: 0, maximum: 4294967295 })
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })
})
