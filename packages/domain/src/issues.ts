// Problems with a document as `{ path, message }` values, the one shape every boundary reports (CLI lines, HTTP
// problem+json `errors`, studio field hints). Zod's issues are turned into it here, in plain clinic-facing words.

import type { z } from 'zod'

export interface Issue {
  /** Where in the document, e.g. `zones[2].polygon[4]` or `hairline.heightMm`; empty for the document itself. */
  path: string
  message: string
}

export type ParseResult<T> = { success: true; data: T } | { success: false; issues: Issue[] }

/** `['zones', 2, 'polygon']` → `zones[2].polygon`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`)

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value)
  return String(value)
}

function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v))
  return quoted.length <= 1 ? (quoted[0] ?? 'nothing') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
}

const plural = (n: number | bigint, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function sizeWord(origin: string): string {
  return origin === 'string' ? 'character' : 'item'
}

/** One zod issue as one or more of ours (an object with two unknown fields gives two issues). */
function fromZodIssue(issue: z.core.$ZodIssue): Issue[] {
  const path = formatPath(issue.path)
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: join(path, key), message: 'unknown field' }))
    case 'invalid_type': {
      if (issue.input === undefined && !('received' in issue)) return [{ path, message: 'required' }]
      const expected = issue.expected === 'int' ? 'an integer' : issue.expected === 'tuple' ? 'array' : issue.expected
      const got = 'received' in issue ? String(issue.received) : describeValue(issue.input)
      return [{ path, message: `expected ${expected}, got ${got}` }]
    }
    case 'too_small': {
      const min = issue.minimum
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return [{ path, message: issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}` }]
      }
      return [{ path, message: `needs at least ${plural(Number(min), sizeWord(issue.origin))}` }]
    }
    case 'too_big': {
      const max = issue.maximum
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return [{ path, message: issue.inclusive ? `must be at most ${max}` : `must be less than ${max}` }]
      }
      return [{ path, message: `allows at most ${plural(Number(max), sizeWord(issue.origin))}` }]
    }
    case 'invalid_value':
      return [{ path, message: `expected ${oneOf(issue.values)}, got ${describeValue(issue.input)}` }]
    case 'invalid_union': {
      if (issue.discriminator !== undefined && 'options' in issue) {
        const given = isRecord(issue.input) ? issue.input[issue.discriminator] : undefined
        const what = given === undefined ? 'required' : `unknown ${issue.discriminator} ${describeValue(given)}`
        return [{ path, message: `${what}; expected ${oneOf(issue.options)}` }]
      }
      return [{ path, message: issue.message }]
    }
    default:
      return [{ path, message: issue.message }]
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Runs a zod schema and returns our result shape. */
export function safeParseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true })
  if (result.success) return { success: true, data: result.data }
  return { success: false, issues: result.error.issues.flatMap(fromZodIssue) }
}
