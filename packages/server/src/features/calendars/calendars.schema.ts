// Calendar feeds over HTTP. The token is shown once, in the URL returned on creation; only its hash is stored.
import { z } from 'zod'

export const CalendarFeedCreateSchema = z
  .strictObject({
    /** A practitioner's (or owner's) membership id: their appointments, clients by initials only. */
    practitionerId: z.uuid().optional(),
    /** A client's id: their own appointments. */
    clientId: z.uuid().optional(),
  })
  .refine((b) => (b.practitionerId === undefined) !== (b.clientId === undefined), {
    message: 'Give either practitionerId or clientId (one of them)',
  })
export type CalendarFeedCreate = z.infer<typeof CalendarFeedCreateSchema>

const FeedFields = {
  id: z.uuid(),
  kind: z.enum(['practitioner', 'client']),
  practitionerId: z.uuid().nullable(),
  clientId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
}

const CalendarFeedSchema = z.object(FeedFields)
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>

export const CreatedCalendarFeedSchema = z.object({
  ...FeedFields,
  /** The subscription address: keep it private, anyone with it sees the feed. Shown only now. */
  url: z.string(),
})
export type CreatedCalendarFeed = z.infer<typeof CreatedCalendarFeedSchema>

export const CalendarFeedListSchema = z.object({ items: z.array(CalendarFeedSchema) })

/** 32 random bytes, base64url. */
export const FeedTokenParamsSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
