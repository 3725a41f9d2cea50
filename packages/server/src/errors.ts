// The one error type services throw; `statusOf` is the one place a code becomes an HTTP status (STYLE §2.9).

export type AppErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal'

/** One problem with the input, at a dotted path into the request (`body.pigments.0.expiresOn`). */
export interface FieldProblem {
  path: string
  message: string
}

export class AppError extends Error {
  readonly code: AppErrorCode
  readonly problems: readonly FieldProblem[]
  /** Seconds until a rate-limited caller may retry. */
  readonly retryAfterSeconds: number | undefined
  /** More members of the problem body (RFC 9457 extensions), e.g. the free times offered after a booking refusal. */
  readonly extensions: Readonly<Record<string, unknown>>

  constructor(
    code: AppErrorCode,
    message: string,
    options: {
      cause?: unknown
      problems?: readonly FieldProblem[]
      retryAfterSeconds?: number
      extensions?: Record<string, unknown>
    } = {}
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.problems = options.problems ?? []
    this.retryAfterSeconds = options.retryAfterSeconds
    this.extensions = options.extensions ?? {}
  }
}

export function statusOf(code: AppErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400
    case 'unauthenticated':
      return 401
    case 'forbidden':
    case 'csrf_failed':
      return 403
    case 'not_found':
      return 404
    case 'conflict':
      return 409
    case 'payload_too_large':
      return 413
    case 'unsupported_media_type':
      return 415
    case 'unprocessable':
      return 422
    case 'rate_limited':
      return 429
    case 'internal':
      return 500
  }
}
