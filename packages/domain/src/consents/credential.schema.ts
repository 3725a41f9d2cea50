// A practitioner's certifications and licences, with their expiry (the dashboard warns before one lapses) and
// whether the public site may show them.
import { z } from 'zod'
import { IdSchema, IsoDateSchema } from '../clients/client.schema.ts'
import { typedText } from './text.ts'

const CredentialFields = {
  kind: z.enum(['certification', 'licence']),
  title: typedText(200),
  /** The certificate or licence number, as printed. */
  number: typedText(100).nullable(),
  issuer: typedText(200),
  issuedOn: IsoDateSchema.nullable(),
  /** Null for a credential that does not expire. */
  expiresOn: IsoDateSchema.nullable(),
  /** Whether the public site may show it (only while unexpired). */
  public: z.boolean(),
}

const datesInOrder = (v: { issuedOn?: string | null | undefined; expiresOn?: string | null | undefined }) =>
  v.issuedOn == null || v.expiresOn == null || v.issuedOn <= v.expiresOn

export const CredentialCreateSchema = z
  .strictObject({
    /** The practitioner's membership id. */
    membershipId: IdSchema,
    kind: CredentialFields.kind,
    title: CredentialFields.title,
    number: CredentialFields.number.optional(),
    issuer: CredentialFields.issuer,
    issuedOn: CredentialFields.issuedOn.optional(),
    expiresOn: CredentialFields.expiresOn.optional(),
    public: CredentialFields.public.default(false),
  })
  .refine(datesInOrder, { message: 'the expiry date is before the issue date', path: ['expiresOn'] })
export type CredentialCreate = z.infer<typeof CredentialCreateSchema>

export const CredentialUpdateSchema = z
  .strictObject({
    kind: CredentialFields.kind.optional(),
    title: CredentialFields.title.optional(),
    number: CredentialFields.number.optional(),
    issuer: CredentialFields.issuer.optional(),
    issuedOn: CredentialFields.issuedOn.optional(),
    expiresOn: CredentialFields.expiresOn.optional(),
    public: CredentialFields.public.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update: give at least one field' })
  .refine(datesInOrder, { message: 'the expiry date is before the issue date', path: ['expiresOn'] })
export type CredentialUpdate = z.infer<typeof CredentialUpdateSchema>

export const CredentialSchema = z.object({
  id: IdSchema,
  membershipId: IdSchema,
  practitionerName: z.string(),
  ...CredentialFields,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type Credential = z.infer<typeof CredentialSchema>
export const CredentialListSchema = z.object({ items: z.array(CredentialSchema) })

export const CredentialListQuerySchema = z.strictObject({ membershipId: IdSchema.optional() })

export const CREDENTIAL_WARNING_DAYS = { default: 60, max: 365 } as const

export const ExpiringCredentialsQuerySchema = z.strictObject({
  withinDays: z.coerce.number().int().min(0).max(CREDENTIAL_WARNING_DAYS.max).default(CREDENTIAL_WARNING_DAYS.default),
})

export const ExpiringCredentialSchema = CredentialSchema.extend({
  expiresOn: IsoDateSchema,
  /** Days from today to the expiry date: 0 expires today, negative has expired. */
  daysLeft: z.number().int(),
  expired: z.boolean(),
})
export const ExpiringCredentialListSchema = z.object({
  /** Today, in UTC, that daysLeft counts from. */
  asOf: IsoDateSchema,
  withinDays: z.number().int(),
  items: z.array(ExpiringCredentialSchema),
})
export type ExpiringCredentialList = z.infer<typeof ExpiringCredentialListSchema>
