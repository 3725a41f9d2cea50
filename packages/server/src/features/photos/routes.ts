import { PhotoConsentUpdateSchema, PhotoListSchema, PhotoSchema, PhotoUploadQuerySchema } from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import { PHOTO_LIMITS } from './image.ts'
import type { PhotoService } from './service.ts'

/** Photos of a client's scalp are health data: clinical staff only (front desk sees no clinical records). */
const CLINICAL = ['owner', 'practitioner'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
const PhotoParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid(), photoId: z.uuid() })
const BASE = '/api/v1/clinics/:clinicId/clients/:clientId/photos'
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
const IMAGE_VARIANTS = [
  {
    variant: 'image',
    operationId: 'getPhotoImage',
    summary: 'fetch a photo',
    description: 'The stored image',
    mediaTypes: IMAGE_TYPES,
  },
  {
    variant: 'thumbnail',
    operationId: 'getPhotoThumbnail',
    summary: "fetch a photo's thumbnail",
    description: `WebP, at most ${PHOTO_LIMITS.thumbnailPx} px on the longer side`,
    mediaTypes: ['image/webp'],
  },
] as const

export function photoRoutes(photos: PhotoService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: BASE,
      operationId: 'uploadPhoto',
      summary: 'upload a photo of a client',
      tag: 'photos',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      query: PhotoUploadQuerySchema,
      rawBody: {
        mediaTypes: [...IMAGE_TYPES, 'application/octet-stream'],
        maxBytes: PHOTO_LIMITS.maxBytes,
        description:
          `The image file itself as the body (JPEG, PNG or WebP, judged by its content; at most ` +
          `${PHOTO_LIMITS.maxBytes} bytes and ${PHOTO_LIMITS.maxPixels / 1e6} megapixels), the metadata in the query. ` +
          'Stored with its orientation applied and without EXIF or GPS; an identical image of the same client is 409.',
      },
      success: { status: 201, description: 'The photo', schema: PhotoSchema },
      handler: ({ actor, params, query, rawBody }) =>
        photos.upload(actor, params.clientId, query, rawBody ?? Buffer.alloc(0)),
    }),
    defineRoute({
      method: 'GET',
      path: BASE,
      operationId: 'listPhotos',
      summary: "list a client's photos",
      tag: 'photos',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      success: { status: 200, description: 'Oldest first', schema: PhotoListSchema },
      handler: async ({ actor, params }) => ({ items: await photos.list(actor, params.clientId) }),
    }),
    // the stored image and its thumbnail: one route each, the same shape
    ...IMAGE_VARIANTS.map((v) =>
      defineRoute({
        method: 'GET',
        path: `${BASE}/:photoId/${v.variant}`,
        operationId: v.operationId,
        summary: v.summary,
        tag: 'photos',
        access: { kind: 'clinic', roles: CLINICAL },
        params: PhotoParams,
        success: { status: 200, description: v.description, mediaTypes: v.mediaTypes },
        handler: async ({ actor, params, reply }) => {
          const image = await photos.bytes(actor, params.clientId, params.photoId, v.variant)
          reply.type(image.mimeType).header('etag', `"${image.sha256}"`)
          return image.bytes
        },
      })
    ),
    defineRoute({
      method: 'PATCH',
      path: `${BASE}/:photoId/consent`,
      operationId: 'updatePhotoConsent',
      summary: "change a photo's consent scope",
      tag: 'photos',
      access: { kind: 'clinic', roles: CLINICAL },
      params: PhotoParams,
      body: PhotoConsentUpdateSchema,
      success: {
        status: 200,
        description: 'The photo; marketing needs a signed photography-marketing consent',
        schema: PhotoSchema,
      },
      handler: ({ actor, params, body }) => photos.setConsent(actor, params.clientId, params.photoId, body),
    }),
  ]
}
