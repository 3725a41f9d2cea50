import type { Role } from './db/database.ts'

/** Who is acting, in which clinic and from where: what every service call and audit row needs. */
export interface Actor {
  userId: string
  membershipId: string
  clinicId: string
  role: Role
  ip: string
  userAgent: string | null
  requestId: string
}

/** Roles that see clinical records (intakes, session notes, adverse events). */
export const seesClinical = (actor: Actor) => actor.role === 'owner' || actor.role === 'practitioner'
