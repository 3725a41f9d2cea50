// Practitioner credentials: owners keep them, practitioners read their own, and the dashboard warns about those
// expired or expiring soon.
import type { Credential, CredentialCreate, CredentialUpdate, ExpiringCredentialList } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import type { CredentialRepositories, CredentialWork } from './work.ts'

const DAY_MS = 86_400_000
const noCredential = (id: string) => new AppError('not_found', `No credential ${id} in this clinic`)

/** The UTC calendar date of an instant, 'YYYY-MM-DD'. */
const utcDate = (d: Date) => d.toISOString().slice(0, 10)
const addDays = (date: string, days: number) => utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS))
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

export class CredentialService {
  readonly #work: CredentialWork
  readonly #now: () => Date
  constructor(work: CredentialWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  /** Owners see every practitioner's; a practitioner sees their own only. */
  #scope(actor: Actor, membershipId: string | undefined): string | undefined {
    if (actor.role === 'owner') return membershipId
    if (membershipId !== undefined && membershipId !== actor.membershipId) {
      throw new AppError('forbidden', "A practitioner may read their own credentials only, not a colleague's")
    }
    return actor.membershipId
  }

  list(actor: Actor, membershipId: string | undefined): Promise<Credential[]> {
    return this.#work.run((repos) =>
      repos.credentials.list(actor.clinicId, { membershipId: this.#scope(actor, membershipId) })
    )
  }

  /** Credentials expired, or expiring within `withinDays` of today (UTC), soonest first. */
  expiring(actor: Actor, withinDays: number): Promise<ExpiringCredentialList> {
    const asOf = utcDate(this.#now())
    return this.#work.run(async (repos) => {
      const found = await repos.credentials.list(actor.clinicId, {
        membershipId: this.#scope(actor, undefined),
        expiringBy: addDays(asOf, withinDays),
      })
      const items = found.flatMap((c) => {
        if (c.expiresOn === null) return []
        const daysLeft = daysBetween(asOf, c.expiresOn)
        return [{ ...c, expiresOn: c.expiresOn, daysLeft, expired: daysLeft < 0 }]
      })
      return { asOf, withinDays, items }
    })
  }

  create(actor: Actor, input: CredentialCreate): Promise<Credential> {
    return this.#work.run(async (repos) => {
      const role = await repos.credentials.membershipRole(actor.clinicId, input.membershipId)
      if (role !== 'practitioner' && role !== 'owner') {
        const message =
          role === null
            ? 'no such member of this clinic'
            : `a ${role.replace('_', ' ')} holds no practitioner credentials`
        throw new AppError('invalid_input', 'The credential names someone who is not a practitioner here', {
          problems: [{ path: 'body.membershipId', message }],
        })
      }
      const id = await repos.credentials.create(actor.clinicId, input)
      await this.#audit(repos, actor, 'create', id, { membershipId: input.membershipId, kind: input.kind })
      return this.#get(repos, actor.clinicId, id)
    })
  }

  update(actor: Actor, id: string, patch: CredentialUpdate): Promise<Credential> {
    return this.#work.run(async (repos) => {
      const before = await this.#get(repos, actor.clinicId, id)
      const issuedOn = patch.issuedOn === undefined ? before.issuedOn : patch.issuedOn
      const expiresOn = patch.expiresOn === undefined ? before.expiresOn : patch.expiresOn
      if (issuedOn !== null && expiresOn !== null && expiresOn < issuedOn) {
        const message = `the expiry date ${expiresOn} is before the issue date ${issuedOn}`
        throw new AppError('invalid_input', 'The credential dates are out of order', {
          problems: [{ path: patch.expiresOn === undefined ? 'body.issuedOn' : 'body.expiresOn', message }],
        })
      }
      await repos.credentials.update(actor.clinicId, id, patch, this.#now())
      await this.#audit(repos, actor, 'update', id, { fields: Object.keys(patch).sort() })
      return this.#get(repos, actor.clinicId, id)
    })
  }

  delete(actor: Actor, id: string): Promise<void> {
    return this.#work.run(async (repos) => {
      const before = await this.#get(repos, actor.clinicId, id)
      if (!(await repos.credentials.delete(actor.clinicId, id))) throw noCredential(id)
      await this.#audit(repos, actor, 'delete', id, { membershipId: before.membershipId, title: before.title })
    })
  }

  async #get(repos: CredentialRepositories, clinicId: string, id: string): Promise<Credential> {
    const [credential] = await repos.credentials.list(clinicId, { id })
    if (credential === undefined) throw noCredential(id)
    return credential
  }

  #audit(repos: CredentialRepositories, actor: Actor, action: string, id: string, detail: Record<string, unknown>) {
    return repos.audit.record({
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      actorMembershipId: actor.membershipId,
      actorRole: actor.role,
      action,
      entity: 'practitioner-credential',
      entityId: id,
      clientId: null,
      ip: actor.ip,
      userAgent: actor.userAgent,
      requestId: actor.requestId,
      detail,
    })
  }
}
