// JSON documents read back from the database are parsed through the domain's schemas, not cast: a stored document
// that does not match (written by an older release, or by hand) fails the request loudly, naming the row and the path.
import { formatPath, type ParseResult } from '@stipple/domain'
import type { z } from 'zod'

/** The stored document `value` as `schema` reads it, or an error naming `what` (e.g. `treatment_plans.plan of plan <id>`). */
export function storedDocument<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i) => `${formatPath(i.path) || '(document)'}: ${i.message}`)
  throw new Error(`Stored ${what} does not match its schema: ${issues.join('; ')}`)
}

/** As `storedDocument`, through a domain parser that also migrates (e.g. `parseDesignDocument`). */
export function storedWith<T>(parse: (json: unknown) => ParseResult<T>, value: unknown, what: string): T {
  const parsed = parse(value)
  if (parsed.success) return parsed.data
  const issues = parsed.issues.map((i) => `${i.path || '(document)'}: ${i.message}`)
  throw new Error(`Stored ${what} does not match its schema: ${issues.join('; ')}`)
}
