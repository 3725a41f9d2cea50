// Photos of a client's head: the angle, the day taken, the session, and what the client consented to (the clinical
// record only, or also marketing). The image bytes travel as the request body; these are the metadata.
import { z } from 'zod'
import { IdSchema, IsoDateSchema } from '../clients/client.schema.ts'

export const PHOTO_ANGLES = ['front', 'top', 'left', 'right', 'back', 'crown'] as const
/** `clinical-only`: the clinical record; `marketing`: also the public gallery (needs a signed photography consent). */
export const PHOTO_CONSENTS = ['clinical-only', 'marketing'] as const

/** Upload metadata, sent as the query string beside the raw image body. */
export const PhotoUploadQuerySchema = z.strictObject({
  angle: z.enum(PHOTO_ANGLES),
  takenOn: IsoDateSchema,
  sessionRecordId: IdSchema.optional(),
  consent: z.enum(PHOTO_CONSENTS).default('clinical-only'),
})
export type PhotoUploadQuery = z.infer<typeof PhotoUploadQuerySchema>

export const PhotoConsentUpdateSchema = z.strictObject({ consent: z.enum(PHOTO_CONSENTS) })
export type PhotoConsentUpdate = z.infer<typeof PhotoConsentUpdateSchema>

export const PhotoSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  sessionRecordId: IdSchema.nullable(),
  angle: z.enum(PHOTO_ANGLES),
  takenOn: IsoDateSchema,
  consent: z.enum(PHOTO_CONSENTS),
  /** The stored image (orientation applied, metadata stripped). */
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  width: z.number().int(),
  height: z.number().int(),
  byteSize: z.number().int(),
  sha256: z.string(),
  createdBy: IdSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  consentChangedBy: IdSchema.nullable(),
  consentChangedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type Photo = z.infer<typeof PhotoSchema>
export const PhotoListSchema = z.object({ items: z.array(PhotoSchema) })
