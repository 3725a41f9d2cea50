// The append-only audit log as an owner reads it: who did what to which record, when and from where — people and
// records by name (the server joins them), filtered by who, what and when, a page at a time.
import { z } from 'zod'
import { IdSchema, IsoDateSchema } from '../clients/client.schema.ts'
import { LocalTimeSchema } from '../scheduling/local-time.schema.ts'

/** An action or a record kind as the log stores it: `sign-in`, `client-file`. */
const WordSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, as the log writes them')

export const AuditQuerySchema = z
  .strictObject({
    clientId: IdSchema.optional(),
    /** Who: the acting account's user id (from `…/audit/filters`). */
    actorUserId: z.string().min(1).max(100).optional(),
    /** What was done: `read`, `create`, `update`, `sign-in`… */
    action: WordSchema.optional(),
    /** To what kind of record: `client-file`, `session-record`… */
    entity: WordSchema.optional(),
    /** When: from this day, inclusive, in the clinic's time zone. */
    from: IsoDateSchema.optional(),
    /** When: up to this day, inclusive, in the clinic's time zone. */
    to: IsoDateSchema.optional(),
    /** Entries older than this entry id (the previous page's `nextBefore`). */
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'must be on or after the from date',
  })

const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  /** `at` on the clinic's wall clock, computed by the server. */
  atLocal: LocalTimeSchema,
  actorUserId: z.string().nullable(),
  actorRole: z.string().nullable(),
  /** The person who acted (their name in the clinic), or null for the system or an unknown account. */
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  /** The record kind in words: `client file`, `session record`. */
  entityLabel: z.string(),
  entityId: z.string().nullable(),
  clientId: IdSchema.nullable(),
  /** The client the record belongs to by name, "Erased client" after an erasure, null when it is nobody's. */
  clientName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() })

/** What the filters of the audit page offer: the people and the kinds of action and record found in the log. */
export const AuditFiltersSchema = z.object({
  people: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string().nullable() })),
  actions: z.array(z.string()),
  entities: z.array(z.object({ entity: z.string(), label: z.string() })),
})
export type AuditFilters = z.infer<typeof AuditFiltersSchema>

/** A record kind in words: `client-file` → `client file`, `treatment-plan-pdf` → `treatment plan PDF`. */
export function auditEntityLabel(entity: string): string {
  return entity
    .split('-')
    .map((w) => (w === 'pdf' ? 'PDF' : w))
    .join(' ')
}
