// Every error leaves as application/problem+json (RFC 9457) with our `errors: [{ path, message }]` extension.
import { AppError, type AppErrorCode, type FieldProblem, statusOf } from '../errors.ts'

export interface Problem {
  type: string
  title: string
  status: number
  code: AppErrorCode
  detail: string
  errors: FieldProblem[]
  /** The request's id: on every log line of the request, so a reported problem finds its lines. */
  requestId?: string
  /** Offered with a refused booking or move: the next free times that would work. */
  alternatives?: unknown
}

const TITLES: Record<AppErrorCode, string> = {
  invalid_input: 'Invalid input',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  csrf_failed: 'Missing or wrong CSRF token',
  not_found: 'Not found',
  conflict: 'Conflict',
  unprocessable: 'Refused by a clinical rule',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many attempts',
  internal: 'Internal error',
}

/** Fastify's own client errors (bad JSON, too large, wrong content type) as our codes. */
function fromFrameworkError(error: { statusCode?: unknown; message?: unknown; code?: unknown }): AppError | null {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 0
  if (status < 400 || status >= 500) return null
  const message = typeof error.message === 'string' ? error.message : 'invalid request'
  if (status === 413) return new AppError('payload_too_large', message, { problems: [{ path: 'body', message }] })
  // a path segment whose percent-escapes are not UTF-8 (`/clients/%ED%A0%80`)
  if (error.code === 'FST_ERR_BAD_URL')
    return new AppError('invalid_input', message, { problems: [{ path: 'path', message }] })
  if (status === 415) return new AppError('unsupported_media_type', message, { problems: [{ path: 'body', message }] })
  return new AppError('invalid_input', message, { problems: [{ path: 'body', message }] })
}

/** Turns anything thrown by a route into the response; unexpected errors hide their message. */
export function toProblem(error: unknown, requestId?: string): { problem: Problem; appError: AppError } {
  const appError =
    error instanceof AppError
      ? error
      : (fromFrameworkError(error as Record<string, unknown>) ??
        new AppError(
          'internal',
          `Something went wrong on the server; it has been logged${requestId === undefined ? '' : ` as request ${requestId}`}.`,
          { cause: error }
        ))
  const status = statusOf(appError.code)
  return {
    appError,
    problem: {
      type: `https://stipple.dev/problems/${appError.code.replaceAll('_', '-')}`,
      title: TITLES[appError.code],
      status,
      code: appError.code,
      detail: appError.message,
      errors: [...appError.problems],
      ...(requestId === undefined ? {} : { requestId }),
      ...(appError.extensions.alternatives === undefined ? {} : { alternatives: appError.extensions.alternatives }),
    },
  }
}
