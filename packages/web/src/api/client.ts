// The typed fetch the whole app uses: same-origin cookies, the x-csrf-token header on every change, and the server's
// problem+json turned into an ApiError whose field messages the forms show next to their fields.
import type { Problem } from '@stipple/server'

export interface FieldProblem {
  path: string
  message: string
}

/** A refused or failed request, with the server's own words. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly problems: readonly FieldProblem[]
  /** What else the problem carried (e.g. `alternatives`: free times offered with a refused booking). */
  readonly extensions: Readonly<Record<string, unknown>>

  constructor(
    status: number,
    code: string,
    message: string,
    problems: readonly FieldProblem[] = [],
    extensions: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.problems = problems
    this.extensions = extensions
  }

  /** Field messages by the field's path within the body or query (`body.givenName` → `givenName`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const p of this.problems) {
      const key = fieldKey(p.path)
      // a field's message reads as a sentence under its field: "It cannot be empty."
      if (key !== '' && out[key] === undefined) out[key] = p.message.charAt(0).toUpperCase() + p.message.slice(1)
    }
    return out
  }

  /** Messages that belong to no field the form shows. */
  otherMessages(shown: readonly string[]): string[] {
    const keys = new Set(shown)
    // a problem with the request as a whole (`body`) reads as the sentence it is
    return this.problems
      .filter((p) => !keys.has(fieldKey(p.path)))
      .map((p) => (fieldKey(p.path) === '' ? p.message : `${fieldKey(p.path)}: ${p.message}`))
  }
}

/** `body.pigments[0].lot` → `pigments[0].lot`; `body` alone → ''. */
export function fieldKey(path: string): string {
  return path.replace(/^(body|query|params)(\.|(?=\[)|$)/, '')
}

const UNAVAILABLE_MESSAGE = 'This is not available right now. Please try again later, or call the clinic.'
const NETWORK_MESSAGE = 'Could not reach the clinic server. Check the connection and try again.'

let csrfToken: string | null = null
/** The token from GET /api/v1/me or sign-in; sent back with every POST, PATCH, PUT and DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  query?: Query
  body?: unknown
  signal?: AbortSignal
}

export function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const text = params.toString()
  return text === '' ? path : `${path}?${text}`
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'detail' in value
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  // a route this server does not have (yet): its developer wording is no use to a client or clinic staff
  if (response.status === 404 && (!isProblem(body) || body.detail.startsWith('No route ')))
    return new ApiError(404, 'not_found', UNAVAILABLE_MESSAGE)
  if (isProblem(body)) {
    const errors = Array.isArray(body.errors) ? body.errors : []
    const known = new Set(['type', 'title', 'status', 'code', 'detail', 'errors'])
    const extensions = Object.fromEntries(Object.entries(body).filter(([key]) => !known.has(key)))
    return new ApiError(response.status, String(body.code), body.detail, errors, extensions)
  }
  return new ApiError(
    response.status,
    'internal',
    `The clinic server answered ${response.status}. Try again in a moment.`
  )
}

/** Sends a request to the API and resolves to its JSON (undefined for 204); rejects with an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network', NETWORK_MESSAGE)
  }
  if (!response.ok) throw await problemOf(response)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Sends a file as the raw request body (photo uploads), with its metadata in the query. */
export async function upload<T>(path: string, file: Blob, query: Query): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': file.type || 'application/octet-stream',
  }
  if (csrfToken !== null) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(withQuery(path, query), { method: 'POST', headers, credentials: 'same-origin', body: file })
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE)
  }
  if (!response.ok) throw await problemOf(response)
  return (await response.json()) as T
}

/** What to tell a person about any error. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Something went wrong. Reload the page and try again.'
}
