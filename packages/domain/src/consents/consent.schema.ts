// Consent texts the clinic writes (versioned: a changed text is a new version, never an edit) and the consents
// clients sign on them. A signed consent keeps the exact text signed, who signed, when and from where; it never changes.
import { z } from 'zod'
import { IdSchema } from '../clients/client.schema.ts'
import { LocalTimeSchema } from '../scheduling/local-time.schema.ts'
import { typedText } from './text.ts'

export const CONSENT_KINDS = [
  'treatment',
  'photography-clinical',
  'photography-marketing',
  'privacy',
  'laser-removal',
] as const
export type ConsentKind = (typeof CONSENT_KINDS)[number]

export const CONSENT_LIMITS = {
  titleChars: 200,
  bodyChars: 20_000,
  /** The signature image as stored: a PNG of at most this many bytes and pixels. */
  signatureBytes: 200 * 1024,
  signatureWidthPx: 2000,
  signatureHeightPx: 1000,
} as const

/** Base64 of at most `signatureBytes` bytes (4 characters per 3 bytes). */
const SIGNATURE_BASE64_CHARS = Math.ceil(CONSENT_LIMITS.signatureBytes / 3) * 4

const Instant = z.iso.datetime({ offset: true })

export const ConsentTemplateCreateSchema = z.strictObject({
  kind: z.enum(CONSENT_KINDS),
  title: typedText(CONSENT_LIMITS.titleChars),
  /** Plain text with light markdown (headings, lists, emphasis); shown to the client exactly as written. */
  body: typedText(CONSENT_LIMITS.bodyChars),
})
export type ConsentTemplateCreate = z.infer<typeof ConsentTemplateCreateSchema>

export const ConsentTemplateSchema = z.object({
  /** The id of this version: what a signature refers to. */
  id: IdSchema,
  kind: z.enum(CONSENT_KINDS),
  /** 1, 2, 3… per kind in the clinic. */
  version: z.number().int().min(1),
  title: z.string(),
  body: z.string(),
  createdBy: IdSchema.nullable(),
  createdAt: Instant,
})
export type ConsentTemplate = z.infer<typeof ConsentTemplateSchema>
export const ConsentTemplateListSchema = z.object({ items: z.array(ConsentTemplateSchema) })

/** A name as the signer writes it: letters, marks, spaces, apostrophes, hyphens and periods. */
const SignerNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u, 'use letters, spaces, apostrophes, hyphens and periods only')

export const ConsentSignSchema = z.strictObject({
  templateVersionId: IdSchema,
  signerName: SignerNameSchema,
  /** The signature drawn on the tablet: a PNG as base64 (no data: prefix), checked by its content. */
  signatureImage: z
    .string()
    .max(SIGNATURE_BASE64_CHARS, `the signature image is over ${CONSENT_LIMITS.signatureBytes / 1024} KB`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected the PNG as base64 (letters, digits, + and /)'),
})
export type ConsentSign = z.infer<typeof ConsentSignSchema>

export const SignedConsentSchema = z.object({
  id: IdSchema,
  clientId: IdSchema,
  templateVersionId: IdSchema,
  kind: z.enum(CONSENT_KINDS),
  version: z.number().int().min(1),
  title: z.string(),
  /** The exact text signed: the version's title, a blank line, and its body. */
  textSigned: z.string(),
  /** SHA-256 (hex) of textSigned. */
  textSha256: z.string(),
  signerName: z.string(),
  signedAt: Instant,
  /** signedAt on the clinic's wall clock (server-computed; the clinic-level rule in the server's CONTEXT). */
  signedAtLocal: LocalTimeSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** in-clinic: on the clinic's tablet, recorded by staff; portal: by the client in their portal. */
  method: z.enum(['in-clinic', 'portal']).nullable(),
  recordedBy: IdSchema.nullable(),
  hasSignatureImage: z.boolean(),
})
export type SignedConsent = z.infer<typeof SignedConsentSchema>
export const SignedConsentListSchema = z.object({ items: z.array(SignedConsentSchema) })

/** The client's view in the portal: what they signed and what the clinic asks them to sign. */
export const PortalConsentsSchema = z.object({
  signed: z.array(SignedConsentSchema),
  /** Latest versions of the kinds required of this client not yet signed at that version. */
  toSign: z.array(ConsentTemplateSchema),
})
export type PortalConsents = z.infer<typeof PortalConsentsSchema>
