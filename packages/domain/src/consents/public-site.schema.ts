// What the public site shows without sign-in: practitioners with their public, unexpired credentials, and the
// gallery of real photos whose clients signed a photography-marketing consent. No names or personal data of clients.
import { z } from 'zod'
import { IdSchema, IsoDateSchema } from '../clients/client.schema.ts'
import { PHOTO_ANGLES } from '../photos/photo.schema.ts'

/** A clinic's slug as in its public address. */
export const ClinicSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/)

export const PublicPractitionerListSchema = z.object({
  clinic: z.object({ name: z.string(), slug: z.string() }),
  items: z.array(
    z.object({
      displayName: z.string(),
      credentials: z.array(
        z.object({
          kind: z.enum(['certification', 'licence']),
          title: z.string(),
          number: z.string().nullable(),
          issuer: z.string(),
          expiresOn: IsoDateSchema.nullable(),
        })
      ),
    })
  ),
})
export type PublicPractitionerList = z.infer<typeof PublicPractitionerListSchema>

const GalleryImageSchema = z.object({
  photoId: IdSchema,
  width: z.number().int(),
  height: z.number().int(),
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
})

export const GalleryItemSchema = z.object({
  /** pair: the client's first and latest photo from this angle; single: one photo. */
  kind: z.enum(['pair', 'single']),
  angle: z.enum(PHOTO_ANGLES),
  before: GalleryImageSchema.nullable(),
  after: GalleryImageSchema,
})
export type GalleryItem = z.infer<typeof GalleryItemSchema>

export const PUBLIC_GALLERY_MAX_ITEMS = 100

export const PublicGallerySchema = z.object({
  clinic: z.object({ name: z.string(), slug: z.string() }),
  items: z.array(GalleryItemSchema).max(PUBLIC_GALLERY_MAX_ITEMS),
})
export type PublicGallery = z.infer<typeof PublicGallerySchema>
