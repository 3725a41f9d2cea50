import type { AuditEntry, AuditFilters } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { audit } from './audit.ts'
import type { AuditPageQuery } from './repository.ts'
import type { AuditWork } from './work.ts'

export class AuditService {
  readonly #work: AuditWork
  constructor(work: AuditWork) {
    this.#work = work
  }

  /** A page of the clinic's log, newest first; reading the log is itself logged, after the page is taken. */
  page(actor: Actor, query: AuditPageQuery): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
    return this.#work.run(async (repos) => {
      const items = await repos.audit.page(actor.clinicId, query)
      await audit(repos, actor, { action: 'read', entity: 'audit-log', clientId: query.clientId ?? null })
      const last = items.at(-1)
      return { items, nextBefore: items.length === query.limit && last !== undefined ? last.id : null }
    })
  }

  /** The people, actions and record kinds to filter the log by (reading them is not a read of anyone's record). */
  filters(actor: Actor): Promise<AuditFilters> {
    return this.#work.run((repos) => repos.audit.filters(actor.clinicId))
  }
}
