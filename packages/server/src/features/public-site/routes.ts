import { ClinicSlugSchema, PublicGallerySchema, PublicPractitionerListSchema } from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { PublicSiteService } from './service.ts'

const BASE = '/api/v1/public/clinics/:slug'
const SlugParams = z.strictObject({ slug: ClinicSlugSchema })
const PhotoParams = z.strictObject({ slug: ClinicSlugSchema, photoId: z.uuid() })
const VARIANTS = [
  {
    variant: 'image',
    operationId: 'getGalleryImage',
    summary: 'fetch a gallery photo',
    description: 'The photo as stored: orientation applied, no EXIF, GPS or other metadata',
    mediaTypes: ['image/jpeg', 'image/png', 'image/webp'],
  },
  {
    variant: 'thumbnail',
    operationId: 'getGalleryThumbnail',
    summary: "fetch a gallery photo's thumbnail",
    description: 'WebP, at most 320 px on the longer side',
    mediaTypes: ['image/webp'],
  },
] as const

export function publicSiteRoutes(site: PublicSiteService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: `${BASE}/practitioners`,
      operationId: 'listPublicPractitioners',
      summary: "list a clinic's practitioners (public)",
      tag: 'public',
      access: { kind: 'public' },
      params: SlugParams,
      success: {
        status: 200,
        description: 'Display names with their public credentials that have not expired',
        schema: PublicPractitionerListSchema,
      },
      handler: ({ params }) => site.practitioners(params.slug),
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/gallery`,
      operationId: 'listGallery',
      summary: "list a clinic's before/after gallery (public)",
      tag: 'public',
      access: { kind: 'public' },
      params: SlugParams,
      success: {
        status: 200,
        description:
          'Real photos only, of clients who signed a photography-marketing consent; no names or personal data',
        schema: PublicGallerySchema,
      },
      handler: ({ params }) => site.gallery(params.slug),
    }),
    ...VARIANTS.map((v) =>
      defineRoute({
        method: 'GET',
        path: `${BASE}/gallery/:photoId/${v.variant}`,
        operationId: v.operationId,
        summary: v.summary,
        tag: 'public',
        access: { kind: 'public' },
        params: PhotoParams,
        success: { status: 200, description: v.description, mediaTypes: v.mediaTypes },
        handler: async ({ params, reply }) => {
          const image = await site.image(params.slug, params.photoId, v.variant)
          reply.type(image.mimeType).header('etag', `"${image.sha256}"`)
          return image.bytes
        },
      })
    ),
  ]
}
