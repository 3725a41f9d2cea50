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

/** Zod's own English messages start so; anything else was written for this field and is kept as it is. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized key|Expected|Required)/

/** What a person is asked for, by zod's name of the type. */
const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'yes or no',
  object: 'a group of fields',
  array: 'a list',
  tuple: 'a list',
  date: 'a date',
  null: 'nothing',
}

/** What a format asks for, with an example a person can copy. */
const FORMAT_WORDS: Record<string, string> = {
  date: 'a date like 2026-11-23',
  datetime: 'a date and time like 2026-11-23T15:00:00-05:00',
  time: 'a time like 15:00',
  email: 'an email address like name@example.com',
  uuid: 'an id of a record (a UUID)',
  guid: 'an id of a record (a UUID)',
  url: 'a web address like https://example.com',
  duration: 'a duration like P3D',
}

function describeGiven(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === true) return 'yes'
  if (value === false) return 'no'
  if (typeof value === 'string') return value === '' ? 'an empty text' : describeValue(value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object' && value !== null) return 'a group of fields'
  return describeValue(value)
}

/** One zod issue as one or more of ours (an object with two unknown fields gives two issues). */
function fromZodIssue(issue: z.core.$ZodIssue): Issue[] {
  const path = formatPath(issue.path)
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: join(path, key), message: 'unknown field' }))
    case 'invalid_type': {
      if (issue.input === undefined && !('received' in issue)) return [{ path, message: 'required' }]
      if (!ZOD_DEFAULT.test(issue.message)) return [{ path, message: issue.message }]
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected
      const got = 'received' in issue ? String(issue.received) : describeGiven(issue.input)
      return [{ path, message: `expected ${expected}, got ${got}` }]
    }
    case 'invalid_format': {
      if (!ZOD_DEFAULT.test(issue.message)) return [{ path, message: issue.message }]
      const wanted = FORMAT_WORDS[issue.format]
      const given = describeGiven(issue.input)
      if (wanted !== undefined) return [{ path, message: `expected ${wanted}, got ${given}` }]
      return [{ path, message: `${given} is not in the form this field takes` }]
    }
    case 'too_small': {
      if (!ZOD_DEFAULT.test(issue.message)) return [{ path, message: issue.message }]
      const min = issue.minimum
      if (issue.origin === 'string' && Number(min) === 1) return [{ path, message: 'required: it cannot be empty' }]
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return [{ path, message: issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}` }]
      }
      return [{ path, message: `needs at least ${plural(Number(min), sizeWord(issue.origin))}` }]
    }
    case 'too_big': {
      if (!ZOD_DEFAULT.test(issue.message)) return [{ path, message: issue.message }]
      const max = issue.maximum
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return [{ path, message: issue.inclusive ? `must be at most ${max}` : `must be less than ${max}` }]
      }
      return [{ path, message: `allows at most ${plural(Number(max), sizeWord(issue.origin))}` }]
    }
    case 'invalid_value':
      if (!ZOD_DEFAULT.test(issue.message)) return [{ path, message: issue.message }]
      if (issue.values.length === 1 && typeof issue.values[0] === 'boolean') {
        return [{ path, message: issue.values[0] ? 'must be confirmed (ticked)' : 'must not be ticked' }]
      }
      return [{ path, message: `expected ${oneOf(issue.values)}, got ${describeGiven(issue.input)}` }]
    case 'invalid_union': {
      if (issue.discriminator !== undefined && 'options' in issue) {
        const given = isRecord(issue.input) ? issue.input[issue.discriminator] : undefined
        const what = given === undefined ? 'required' : `unknown ${issue.discriminator} ${describeValue(given)}`
        return [{ path, message: `${what}; expected ${oneOf(issue.options)}` }]
      }
      return [{ path, message: issue.message }]
    }
    case 'custom':
      return [{ path, message: issue.message === 'Invalid input' ? 'is not a value this field takes' : issue.message }]
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
