// The server's log: JSON lines from Fastify's own pino, one request id on every line of a request (and in every
// problem body and the `x-request-id` header), so a clinic's "it says 5f1c…" finds the lines at once.
//
// What is never logged, by design rather than by redaction alone:
// - request and response bodies (they carry health data: intakes, screenings, session notes, photos, signatures;
//   and secrets: passwords, TOTP and backup codes) — no line ever serialises a body;
// - query strings (client searches by name, email or phone; unsubscribe tokens): only the path is logged;
// - path parameters that are secrets (`:token` of public booking links and calendar feeds): written as `[token]`;
// - headers: none are serialised; should one be logged by hand, cookie, authorization, x-csrf-token and set-cookie
//   are redacted by pino;
// - a database error's `detail`, `where` and parameters (they quote the row's values): only its message and code.
import { randomUUID } from 'node:crypto'
import { LogController } from 'fastify'

export interface LogDestination {
  write(line: string): void
}

/** Redacted wherever they appear in a logged object (a second line of defence: none is logged on purpose). */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.backupCode',
  '*.secret',
  '*.token',
  'body',
  '*.body',
]

const SECRET_PARAM = /token|secret/i

/** The request's path with secret parameters replaced, without its query string. */
function loggedPath(request: { url: string; params?: unknown }): string {
  let path = request.url.split('?')[0] ?? ''
  const params = (request.params ?? {}) as Record<string, unknown>
  for (const [name, value] of Object.entries(params)) {
    if (!SECRET_PARAM.test(name) || typeof value !== 'string' || value === '') continue
    path = path.split(encodeURIComponent(value)).join(`[${name}]`).split(value).join(`[${name}]`)
  }
  return path
}

interface LoggedError {
  [key: string]: unknown
  type: string
  message: string
  stack: string
}

function errorFields(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' }
  const code = (error as { code?: unknown }).code
  return {
    type: error.name,
    message: error.message,
    stack: error.stack ?? '',
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.cause === undefined ? {} : { cause: errorFields(error.cause) }),
  }
}

/** Fastify's logger options: JSON lines to `destination` (stdout by default), request ids as `requestId`. */
export function loggerOptions(destination?: LogDestination, level = 'info') {
  return {
    logger: {
      level,
      ...(destination === undefined ? {} : { stream: destination }),
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: {
        req: (request: { method: string; url: string; params?: unknown; ip: string }) => ({
          method: request.method,
          path: loggedPath(request),
          remoteAddress: request.ip,
        }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
        err: errorFields,
      },
    },
    // a request id of our own making: a client's X-Request-Id could forge or collide with another's lines
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    requestIdHeader: false as const,
  }
}
