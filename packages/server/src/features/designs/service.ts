import { type DesignDocument, parseDesignDocument } from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import type {
  DesignApproval,
  DesignCreate,
  DesignCreated,
  DesignDetail,
  DesignSummary,
  DesignVersion,
  DesignVersionCreate,
  PreviewQuery,
} from './designs.schema.ts'
import type { PreviewRenderer } from './preview.ts'
import type { DesignRow } from './repository.ts'
import type { DesignRepositories, RunDesignWork } from './work.ts'

/**
 * The design document after the domain's checks (schema of its version, migration, the engine's geometry), or a 400
 * naming each problem's path inside the document (`body.document.zones[0].polygon[3]`).
 */
function checkedDocument(document: unknown): DesignDocument {
  const parsed = parseDesignDocument(document)
  if (parsed.success) return parsed.data
  throw new AppError('invalid_input', 'The design document is not valid', {
    problems: parsed.issues.map((i) => ({
      path: i.path === '' ? 'body.document' : `body.document${i.path.startsWith('[') ? '' : '.'}${i.path}`,
      message: i.message,
    })),
  })
}

const notFound = (designId: string) => new AppError('not_found', `No design ${designId} in this clinic`)

/** The portal's client record of the signed-in user, or 404. */
export async function ownClientId(repos: DesignRepositories, actor: Actor): Promise<string> {
  const clientId = await repos.clients.clientOfUser(actor.clinicId, actor.userId)
  if (clientId === null) throw new AppError('not_found', 'No client record of yours in this clinic')
  return clientId
}

export class DesignService {
  readonly #run: RunDesignWork
  readonly #previews: PreviewRenderer
  constructor(run: RunDesignWork, previews: PreviewRenderer) {
    this.#run = run
    this.#previews = previews
  }

  list(actor: Actor, clientId: string): Promise<DesignSummary[]> {
    return this.#run(async (repos) => {
      if ((await repos.clients.get(actor.clinicId, clientId)) === null) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const designs = await repos.designs.listForClient(actor.clinicId, clientId)
      await audit(repos, actor, { action: 'read', entity: 'design-list', clientId, detail: { count: designs.length } })
      return designs
    })
  }

  create(actor: Actor, clientId: string, input: DesignCreate): Promise<DesignCreated> {
    const document = checkedDocument(input.document)
    return this.#run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) {
        throw new AppError('not_found', `No client ${clientId} in this clinic`)
      }
      const { design, version } = await repos.designs.create(
        actor.clinicId,
        clientId,
        input.title,
        document,
        actor.membershipId
      )
      await audit(repos, actor, {
        action: 'create',
        entity: 'design',
        entityId: design.id,
        clientId,
        detail: { versionId: version.id, version: 1 },
      })
      return { id: design.id, title: design.title, versionId: version.id, version: 1, document: version.document }
    })
  }

  detail(actor: Actor, designId: string): Promise<DesignDetail> {
    return this.#run(async (repos) => {
      const design = await this.#design(repos, actor, designId)
      const [versions, latest, approval, earlierApproval] = await Promise.all([
        repos.designs.versions(actor.clinicId, designId),
        repos.designs.version(actor.clinicId, designId, null),
        repos.designs.approval(actor.clinicId, designId),
        repos.designs.earlierApproval(actor.clinicId, designId),
      ])
      if (latest === null) throw new Error(`design ${designId} has no version`)
      await audit(repos, actor, {
        action: 'read',
        entity: 'design',
        entityId: designId,
        clientId: design.clientId,
        detail: { version: latest.version },
      })
      return { ...design, versions, latest, approval, earlierApproval }
    })
  }

  version(actor: Actor, designId: string, versionId: string): Promise<DesignVersion> {
    return this.#run(async (repos) => {
      const design = await this.#design(repos, actor, designId)
      const version = await repos.designs.version(actor.clinicId, designId, versionId)
      if (version === null) throw new AppError('not_found', `No version ${versionId} of design ${designId}`)
      await audit(repos, actor, {
        action: 'read',
        entity: 'design-version',
        entityId: versionId,
        clientId: design.clientId,
        detail: { designId, version: version.version },
      })
      return version
    })
  }

  /**
   * Saves the next version. A save identical to the latest version returns that version (a retried save makes no
   * duplicate); otherwise `basedOnVersion` must be the latest, or someone else's save would be silently overwritten.
   * An approved design no longer changes: its changes become a new design.
   */
  saveVersion(actor: Actor, designId: string, input: DesignVersionCreate): Promise<DesignVersion> {
    const document = checkedDocument(input.document)
    return this.#run(async (repos) => {
      const design = await this.#design(repos, actor, designId, true)
      const same = await repos.designs.latestEquals(actor.clinicId, designId, document)
      if (same !== null) {
        await audit(repos, actor, {
          action: 'update',
          entity: 'design-version',
          entityId: same.id,
          clientId: design.clientId,
          detail: { designId, version: same.version, unchanged: true },
        })
        return same
      }
      const approval = await repos.designs.approval(actor.clinicId, designId)
      if (approval !== null) {
        throw new AppError(
          'conflict',
          `The client approved version ${approval.version} of “${design.title}” on ${approval.approvedAt.slice(0, 10)}, so this design no longer changes. Save your changes as a new design for the client, and ask them to approve that one.`
        )
      }
      const latest = await repos.designs.version(actor.clinicId, designId, null)
      if (latest === null) throw new Error(`design ${designId} has no version`)
      if (input.basedOnVersion !== latest.version) {
        throw new AppError(
          'conflict',
          input.basedOnVersion < latest.version
            ? `Version ${latest.version} of “${design.title}” was saved on ${latest.createdAt.slice(0, 16).replace('T', ' ')} UTC, after version ${input.basedOnVersion} you started from. Open version ${latest.version}, make your changes there and save again, so that neither edit is lost.`
            : `Design “${design.title}” has no version ${input.basedOnVersion} yet; its latest is version ${latest.version}.`,
          { problems: [{ path: 'body.basedOnVersion', message: `the latest version is ${latest.version}` }] }
        )
      }
      const version = await repos.designs.addVersion(
        actor.clinicId,
        designId,
        latest.version + 1,
        document,
        actor.membershipId
      )
      await audit(repos, actor, {
        action: 'create',
        entity: 'design-version',
        entityId: version.id,
        clientId: design.clientId,
        detail: { designId, version: version.version },
      })
      return version
    })
  }

  preview(actor: Actor, designId: string, versionId: string, query: PreviewQuery): Promise<Buffer> {
    return this.#preview(actor, designId, versionId, query, false)
  }

  /** The client's approval of one version, as staff record it (on the clinic's tablet or on paper). */
  approve(actor: Actor, designId: string, versionId: string, method: 'in-clinic' | 'paper'): Promise<DesignApproval> {
    return this.#run(async (repos) => {
      const design = await this.#design(repos, actor, designId, true)
      return this.#approve(repos, actor, design, versionId, method, actor.membershipId)
    })
  }

  /** The signed-in client's own designs (portal). */
  listOwn(actor: Actor): Promise<DesignSummary[]> {
    return this.#run(async (repos) => {
      const clientId = await ownClientId(repos, actor)
      const designs = await repos.designs.listForClient(actor.clinicId, clientId)
      await audit(repos, actor, {
        action: 'read',
        entity: 'design-list',
        clientId,
        detail: { count: designs.length, portal: true },
      })
      return designs
    })
  }

  previewOwn(actor: Actor, designId: string, versionId: string, query: PreviewQuery): Promise<Buffer> {
    return this.#preview(actor, designId, versionId, query, true)
  }

  /** The signed-in client approves one version of their own design in the portal. */
  approveOwn(actor: Actor, designId: string, versionId: string): Promise<DesignApproval> {
    return this.#run(async (repos) => {
      const design = await this.#design(repos, actor, designId, true, await ownClientId(repos, actor))
      return this.#approve(repos, actor, design, versionId, 'portal', null)
    })
  }

  /** The design, or 404; for the portal (`ownClient`) only a design of the signed-in client. */
  async #design(
    repos: DesignRepositories,
    actor: Actor,
    designId: string,
    lock = false,
    ownClient?: string
  ): Promise<DesignRow> {
    const design = await repos.designs.get(actor.clinicId, designId, lock)
    if (design === null || (ownClient !== undefined && design.clientId !== ownClient)) throw notFound(designId)
    return design
  }

  async #preview(
    actor: Actor,
    designId: string,
    versionId: string,
    query: PreviewQuery,
    portal: boolean
  ): Promise<Buffer> {
    const version = await this.#run(async (repos) => {
      const own = portal ? await ownClientId(repos, actor) : undefined
      const design = await this.#design(repos, actor, designId, false, own)
      const found = await repos.designs.version(actor.clinicId, designId, versionId)
      if (found === null) throw new AppError('not_found', `No version ${versionId} of design ${designId}`)
      const sessions = found.document.sessions.length
      if (query.session !== undefined && query.session > sessions) {
        const message = `must be from 1 to ${sessions}: this design has ${sessions} sessions`
        throw new AppError('invalid_input', 'The preview options do not fit this design', {
          problems: [{ path: 'query.session', message }],
        })
      }
      if (query.stage === 'fresh' && query.years > 0) {
        const message = 'applies to the healed stage only; use stage=healed to see the result years later'
        throw new AppError('invalid_input', 'The preview options do not fit this design', {
          problems: [{ path: 'query.years', message }],
        })
      }
      await audit(repos, actor, {
        action: 'read',
        entity: 'design-preview',
        entityId: versionId,
        clientId: design.clientId,
        detail: { designId, version: found.version, ...query, portal, clinical: seesClinical(actor) },
      })
      return found
    })
    return this.#previews.png(version.id, version.document, query)
  }

  /**
   * The client approves the design's latest version: approving it again returns the approval; an earlier version is
   * 409 (a new version since, e.g. from a new intake, needs its own approval).
   */
  async #approve(
    repos: DesignRepositories,
    actor: Actor,
    design: DesignRow,
    versionId: string,
    method: DesignApproval['method'],
    recordedBy: string | null
  ): Promise<DesignApproval> {
    const version = await repos.designs.version(actor.clinicId, design.id, versionId)
    if (version === null) {
      throw new AppError('invalid_input', 'The approval names a version this design does not have', {
        problems: [{ path: 'body.versionId', message: `no version ${versionId} of design ${design.id}` }],
      })
    }
    const latest = await repos.designs.version(actor.clinicId, design.id, null)
    if (latest !== null && latest.id !== versionId) {
      throw new AppError(
        'conflict',
        `Version ${version.version} of “${design.title}” is no longer the current one: version ${latest.version} is. The client approves the current version.`,
        { problems: [{ path: 'body.versionId', message: `approve version ${latest.version}, the current one` }] }
      )
    }
    const existing = await repos.designs.approval(actor.clinicId, design.id)
    if (existing === null) await repos.designs.approve(actor.clinicId, design.id, versionId, method, recordedBy)
    const approval = await repos.designs.approval(actor.clinicId, design.id)
    if (approval === null) throw new Error(`approval of design ${design.id} vanished inside its own transaction`)
    await audit(repos, actor, {
      action: existing === null ? 'create' : 'read',
      entity: 'design-approval',
      entityId: design.id,
      clientId: design.clientId,
      detail: { versionId, version: version.version, method: approval.method },
    })
    return approval
  }
}
