// Signing in and who the signed-in user is in each clinic.
import { z } from 'zod'
import { IdSchema } from '../clients/client.schema.ts'

export const ROLES = ['owner', 'practitioner', 'front_desk', 'client'] as const
export type Role = (typeof ROLES)[number]

export const SignInSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
})

export const MembershipSchema = z.object({
  membershipId: IdSchema,
  clinicId: IdSchema,
  clinicName: z.string(),
  role: z.enum(ROLES),
  displayName: z.string(),
})

export const SessionInfoSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  memberships: z.array(MembershipSchema),
  /** Send back as the `x-csrf-token` header on every POST, PATCH, PUT and DELETE. */
  csrfToken: z.string(),
})
export type SessionInfo = z.infer<typeof SessionInfoSchema>
