// The outbox worker: plans, then claims due messages with a lease (for update skip locked), sends each by SMTP and
// records the outcome. At-least-once: if the process dies after the SMTP server accepted a message and before the
// 'sent' update, the lease runs out and the message goes again with the same Message-ID (mail servers and clients
// drop the duplicate). A recorded message is never sent again. Failures retry with exponential backoff, then stay
// 'failed' with the last error for staff to see and retry.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { type Mailer, smtpMailer } from './mailer.ts'
import { type ClaimedMessage, OutboxRepository } from './outbox.repository.ts'
import { ReminderPlanner } from './planner.ts'

const MINUTE = 60_000

export const NOT_SET_UP = 'Not sent: mail is not set up on this server (SMTP_URL). It will go once it is.'

export interface WorkerOptions {
  /** The sender, e.g. `Stipple Clinic <care@clinic.example>`. */
  from: string
  now?: () => Date
  /** How long a claim lasts before another worker may take the message over. */
  leaseMs?: number
  batchSize?: number
  maxAttempts?: number
  /** The first retry waits this long; each next one twice as long, up to `maxBackoffMs`. */
  backoffMs?: number
  maxBackoffMs?: number
}

export interface RunResult {
  queued: number
  sent: number
  retrying: number
  failed: number
}

export class OutboxWorker {
  readonly #db: Kysely<Database>
  readonly #mailer: Mailer | null
  readonly #planner: ReminderPlanner | null
  readonly #now: () => Date
  readonly #from: string
  readonly #leaseMs: number
  readonly #batchSize: number
  readonly #maxAttempts: number
  readonly #backoffMs: number
  readonly #maxBackoffMs: number
  #timer: NodeJS.Timeout | null = null
  #running: Promise<unknown> | null = null

  constructor(db: Kysely<Database>, mailer: Mailer | null, planner: ReminderPlanner | null, options: WorkerOptions) {
    this.#db = db
    this.#mailer = mailer
    this.#planner = planner
    this.#now = options.now ?? (() => new Date())
    this.#from = options.from
    this.#leaseMs = options.leaseMs ?? 5 * MINUTE
    this.#batchSize = options.batchSize ?? 20
    this.#maxAttempts = options.maxAttempts ?? 5
    this.#backoffMs = options.backoffMs ?? 2 * MINUTE
    this.#maxBackoffMs = options.maxBackoffMs ?? 60 * MINUTE
  }

  /** The wait before the attempt after `attempts` failed ones: 2, 4, 8, 16… minutes, at most an hour. */
  backoff(attempts: number): number {
    return Math.min(this.#backoffMs * 2 ** Math.max(attempts - 1, 0), this.#maxBackoffMs)
  }

  /** One pass: plan, cancel what must not go, then send every due message. */
  async runOnce(): Promise<RunResult> {
    const result: RunResult = { queued: 0, sent: 0, retrying: 0, failed: 0 }
    if (this.#planner !== null) result.queued = (await this.#planner.plan(this.#now())).queued
    const outbox = new OutboxRepository(this.#db)
    await outbox.cancelUndeliverable(this.#now())
    if (this.#mailer === null) {
      await outbox.noteNotSent(this.#now(), NOT_SET_UP)
      return result
    }
    for (;;) {
      const claimed = await this.claim()
      if (claimed.length === 0) return result
      for (const message of claimed) {
        const outcome = await this.deliver(message)
        result[outcome]++
      }
    }
  }

  /** Claims due messages for this worker (status 'sending' until the lease ends). */
  claim(): Promise<ClaimedMessage[]> {
    const now = this.#now()
    return new OutboxRepository(this.#db).claim(now, new Date(now.getTime() + this.#leaseMs), this.#batchSize)
  }

  /** Hands the message to the SMTP server; resolves once it accepted it. */
  async send(message: ClaimedMessage): Promise<void> {
    if (this.#mailer === null) throw new Error(NOT_SET_UP)
    const unsubscribe = message.payload.unsubscribeUrl
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' }
    if (!message.care && typeof unsubscribe === 'string') {
      // RFC 8058 one-click: mail providers POST List-Unsubscribe=One-Click to the URL
      headers['List-Unsubscribe'] = `<${unsubscribe}>`
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
    }
    await this.#mailer.send({
      from: this.#from,
      to: message.toEmail,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers,
    })
  }

  /** Sends a claimed message and records the outcome. */
  async deliver(message: ClaimedMessage): Promise<'sent' | 'retrying' | 'failed'> {
    const outbox = new OutboxRepository(this.#db)
    try {
      await this.send(message)
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      const now = this.#now()
      const retryAt =
        message.attempts >= this.#maxAttempts ? null : new Date(now.getTime() + this.backoff(message.attempts))
      await outbox.markAttemptFailed(
        message.id,
        `Attempt ${message.attempts} of ${this.#maxAttempts} failed: ${text}`,
        now,
        retryAt
      )
      return retryAt === null ? 'failed' : 'retrying'
    }
    await outbox.markSent(message.id, this.#now())
    return 'sent'
  }

  /** Runs a pass now and then every `intervalMs`, one pass at a time. */
  /** Runs a pass every `intervalMs`, the first one interval from now (`startOutbox` runs one before). */
  start(intervalMs: number, onError: (error: unknown) => void): void {
    const tick = () => {
      if (this.#running !== null) return
      this.#running = this.runOnce()
        .catch(onError)
        .finally(() => {
          this.#running = null
        })
    }
    this.#timer = setInterval(tick, intervalMs)
    this.#timer.unref()
  }

  /** Stops the timer and waits for a pass in progress to finish. */
  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
    await this.#running
  }
}

export interface OutboxSettings {
  /** The server's address, for links in emails. */
  publicUrl: string
  /** `smtp://user:pass@host:587` or `smtps://…`; without it messages stay queued and say so. */
  smtpUrl?: string | undefined
  from?: string | undefined
  intervalMs?: number
  log?: ((line: string) => void) | undefined
  /** The server's clock (what is due is due by it). */
  now?: (() => Date) | undefined
}

/**
 * Plans and sends once, then every 30 s (SMTP_URL, MAIL_FROM); `stop` waits for a pass in progress. Resolves after
 * the first pass, so a server awaits it before it says it is ready: the first pass after the demo clinic is created
 * plans every reminder of twenty clients, and would otherwise compete with the first requests.
 */
export async function startOutbox(db: Kysely<Database>, settings: OutboxSettings): Promise<{ stop(): Promise<void> }> {
  const host = new URL(settings.publicUrl).hostname || 'stipple.local'
  const mailer = settings.smtpUrl === undefined || settings.smtpUrl === '' ? null : smtpMailer(settings.smtpUrl)
  if (mailer === null)
    settings.log?.('mail: SMTP_URL is not set, so emails wait in the outbox (GET …/outbox shows them)')
  const worker = new OutboxWorker(
    db,
    mailer,
    new ReminderPlanner(db, { publicUrl: settings.publicUrl, mailHost: host }),
    {
      from: settings.from ?? `Stipple <no-reply@${host}>`,
      ...(settings.now === undefined ? {} : { now: settings.now }),
    }
  )
  const onError = (error: unknown) =>
    settings.log?.(
      `mail: the outbox pass failed and will run again: ${error instanceof Error ? error.message : String(error)}`
    )
  await worker.runOnce().catch(onError)
  worker.start(settings.intervalMs ?? 30_000, onError)
  return {
    async stop() {
      await worker.stop()
      mailer?.close()
    },
  }
}
