// The outbox as staff and clients see it over HTTP: subjects, recipients, times and states, never a message body.
import { LocalTimeSchema } from '@stipple/domain'
import { z } from 'zod'

const OUTBOX_KINDS = [
  'appointment-48h',
  'appointment-24h',
  'precare',
  'aftercare',
  'between-sessions',
  'touch-up-recall',
  'booking-confirmation',
] as const
const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const

export const OutboxMessageSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid().nullable(),
  appointmentId: z.uuid().nullable(),
  kind: z.enum(OUTBOX_KINDS),
  /** Care messages are about the client's own treatment; the others can be unsubscribed from. */
  care: z.boolean(),
  recipient: z.string(),
  subject: z.string(),
  dueAt: z.iso.datetime(),
  /** dueAt on the clock of the appointment's location, else the clinic's main location (server-computed). */
  dueAtLocal: LocalTimeSchema,
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  sentAtLocal: LocalTimeSchema.nullable(),
  cancelReason: z.string().nullable(),
})
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>

export const OutboxListSchema = z.object({ items: z.array(OutboxMessageSchema) })

export const OutboxQuerySchema = z.strictObject({
  status: z.enum(OUTBOX_STATUSES).optional(),
  clientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const PortalAftercareSchema = z.object({
  /** The client's latest session, or null before the first one. */
  session: z
    .object({ sessionIndex: z.number().int(), performedAt: z.iso.datetime(), performedAtLocal: LocalTimeSchema })
    .nullable(),
  /** 0 on the day of the session, 1 the day after… */
  dayAfterSession: z.number().int().nullable(),
  today: z.array(z.object({ instruction: z.string(), lastDay: z.number().int() })),
  /** What to expect until the next session, while the course goes on. */
  betweenSessions: z.string().nullable(),
  /** Care that lasts for years, once the course is over. */
  longTerm: z.array(z.string()),
})
export type PortalAftercare = z.infer<typeof PortalAftercareSchema>

export const UnsubscribeQuerySchema = z.strictObject({ token: z.string().min(1).max(300) })
