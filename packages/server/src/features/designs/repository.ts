import { type DesignDocument, parseDesignDocument } from '@stipple/domain'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { storedWith } from '../../db/stored.ts'
import { clinicClock } from '../../local-times.ts'
import type { DesignApproval, DesignSummary, DesignVersion } from './designs.schema.ts'

export interface DesignRow {
  id: string
  clientId: string
  title: string
  createdAt: string
}

type VersionMeta = Omit<DesignVersion, 'document' | 'designId'>

const versionColumns = ['id', 'design_id', 'version', 'document', 'created_by', 'created_at'] as const

function toVersion(r: {
  id: string
  design_id: string
  version: number
  document: Record<string, unknown>
  created_by: string
  created_at: Date
}): DesignVersion {
  return {
    id: r.id,
    designId: r.design_id,
    version: r.version,
    // written only after parseDesignDocument accepted it; read back through it too (a migration applies on reading)
    document: storedWith(parseDesignDocument, r.document, `design_versions.document of version ${r.id}`),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  }
}

export class DesignRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** A new design with its version 1. */
  async create(
    clinicId: string,
    clientId: string,
    title: string,
    document: DesignDocument,
    createdBy: string
  ): Promise<{ design: DesignRow; version: DesignVersion }> {
    const d = await this.#db
      .insertInto('designs')
      .values({ clinic_id: clinicId, client_id: clientId, title })
      .returning(['id', 'client_id', 'title', 'created_at'])
      .executeTakeFirstOrThrow()
    const version = await this.addVersion(clinicId, d.id, 1, document, createdBy)
    return {
      design: { id: d.id, clientId: d.client_id, title: d.title, createdAt: d.created_at.toISOString() },
      version,
    }
  }

  async addVersion(
    clinicId: string,
    designId: string,
    version: number,
    document: DesignDocument,
    createdBy: string
  ): Promise<DesignVersion> {
    const r = await this.#db
      .insertInto('design_versions')
      .values({
        clinic_id: clinicId,
        design_id: designId,
        version,
        document: JSON.stringify(document),
        created_by: createdBy,
      })
      .returning(versionColumns)
      .executeTakeFirstOrThrow()
    return toVersion(r)
  }

  /** The design, its client not erased; `lock` holds its row until the transaction ends (serialises versions). */
  async get(clinicId: string, designId: string, lock = false): Promise<DesignRow | null> {
    let q = this.#db
      .selectFrom('designs as d')
      .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 'd.client_id').onRef('c.clinic_id', '=', 'd.clinic_id'))
      .select(['d.id', 'd.client_id', 'd.title', 'd.created_at'])
      .where('d.clinic_id', '=', clinicId)
      .where('d.id', '=', designId)
      .where('c.erased_at', 'is', null)
    if (lock) q = q.forUpdate('d')
    const r = await q.executeTakeFirst()
    return r === undefined
      ? null
      : { id: r.id, clientId: r.client_id, title: r.title, createdAt: r.created_at.toISOString() }
  }

  /** Every version, oldest first, without documents. */
  async versions(clinicId: string, designId: string): Promise<VersionMeta[]> {
    const rows = await this.#db
      .selectFrom('design_versions')
      .select(['id', 'version', 'created_by', 'created_at'])
      .where('clinic_id', '=', clinicId)
      .where('design_id', '=', designId)
      .orderBy('version')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
    }))
  }

  /** One version with its document; by id, or the latest when `versionId` is null. */
  async version(clinicId: string, designId: string, versionId: string | null): Promise<DesignVersion | null> {
    let q = this.#db
      .selectFrom('design_versions')
      .select(versionColumns)
      .where('clinic_id', '=', clinicId)
      .where('design_id', '=', designId)
    q = versionId === null ? q.orderBy('version', 'desc').limit(1) : q.where('id', '=', versionId)
    const r = await q.executeTakeFirst()
    return r === undefined ? null : toVersion(r)
  }

  /** A version found by its id alone, with its design's client (null when not this clinic's or the client was erased). */
  async versionById(clinicId: string, versionId: string): Promise<(DesignVersion & { clientId: string }) | null> {
    const r = await this.#db
      .selectFrom('design_versions as v')
      .innerJoin('designs as d', (j) => j.onRef('d.id', '=', 'v.design_id').onRef('d.clinic_id', '=', 'v.clinic_id'))
      .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 'd.client_id').onRef('c.clinic_id', '=', 'd.clinic_id'))
      .select(['v.id', 'v.design_id', 'v.version', 'v.document', 'v.created_by', 'v.created_at', 'd.client_id'])
      .where('v.clinic_id', '=', clinicId)
      .where('v.id', '=', versionId)
      .where('c.erased_at', 'is', null)
      .executeTakeFirst()
    return r === undefined ? null : { ...toVersion(r), clientId: r.client_id }
  }

  /** Whether the design's latest version holds exactly this document (jsonb equality: key order and 1.0 vs 1 aside). */
  async latestEquals(clinicId: string, designId: string, document: DesignDocument): Promise<DesignVersion | null> {
    const latest = await this.version(clinicId, designId, null)
    if (latest === null) return null
    const same = await this.#db
      .selectFrom('design_versions')
      .select('id')
      .where('id', '=', latest.id)
      .where(sql<boolean>`document = ${JSON.stringify(document)}::jsonb`)
      .executeTakeFirst()
    return same === undefined ? null : latest
  }

  /** The client's approval of the design's latest version; an approval of an earlier version does not count. */
  async approval(clinicId: string, designId: string): Promise<DesignApproval | null> {
    return (await this.#approvals(clinicId, [designId])).get(designId)?.current ?? null
  }

  /** The newest approval of an earlier version, when the latest version is not approved (a new version since). */
  async earlierApproval(clinicId: string, designId: string): Promise<DesignApproval | null> {
    return (await this.#approvals(clinicId, [designId])).get(designId)?.earlier ?? null
  }

  async approve(
    clinicId: string,
    designId: string,
    versionId: string,
    method: DesignApproval['method'],
    recordedBy: string | null
  ): Promise<void> {
    await this.#db
      .insertInto('design_approvals')
      .values({
        clinic_id: clinicId,
        design_id: designId,
        design_version_id: versionId,
        method,
        recorded_by: recordedBy,
      })
      .execute()
  }

  /** The client's designs, newest first, each with its latest version and approval. */
  async listForClient(clinicId: string, clientId: string): Promise<DesignSummary[]> {
    const designs = await this.#db
      .selectFrom('designs')
      .select(['id', 'client_id', 'title', 'created_at'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
    if (designs.length === 0) return []
    const ids = designs.map((d) => d.id)
    const latest = await this.#db
      .selectFrom('design_versions')
      .distinctOn('design_id')
      .select(['id', 'design_id', 'version', 'created_by', 'created_at'])
      .where('clinic_id', '=', clinicId)
      .where('design_id', 'in', ids)
      .orderBy('design_id')
      .orderBy('version', 'desc')
      .execute()
    const approvals = await this.#approvals(clinicId, ids)
    const out: DesignSummary[] = []
    for (const d of designs) {
      const v = latest.find((l) => l.design_id === d.id)
      if (v === undefined) continue // a design is created with its first version in one transaction
      out.push({
        id: d.id,
        clientId: d.client_id,
        title: d.title,
        createdAt: d.created_at.toISOString(),
        latest: { id: v.id, version: v.version, createdAt: v.created_at.toISOString(), createdBy: v.created_by },
        approval: approvals.get(d.id)?.current ?? null,
        earlierApproval: approvals.get(d.id)?.earlier ?? null,
      })
    }
    return out
  }

  /**
   * Per design: the approval of its latest version (`current`), else the newest approval of an earlier version
   * (`earlier`): a new version since an approval needs its own.
   */
  async #approvals(
    clinicId: string,
    designIds: string[]
  ): Promise<Map<string, { current: DesignApproval | null; earlier: DesignApproval | null }>> {
    const rows = await this.#db
      .selectFrom('design_approvals as a')
      .innerJoin('design_versions as v', (j) =>
        j.onRef('v.id', '=', 'a.design_version_id').onRef('v.clinic_id', '=', 'a.clinic_id')
      )
      .select([
        'a.design_id',
        'a.design_version_id',
        'v.version',
        'a.method',
        'a.approved_at',
        'a.recorded_by',
        (eb) =>
          eb
            .selectFrom('design_versions as l')
            .select((l) => l.fn.max('l.version').as('m'))
            .whereRef('l.design_id', '=', 'a.design_id')
            .as('latest_version'),
      ])
      .where('a.clinic_id', '=', clinicId)
      .where('a.design_id', 'in', designIds)
      .orderBy('v.version', 'desc')
      .execute()
    const clock = await clinicClock(this.#db, clinicId)
    const out = new Map<string, { current: DesignApproval | null; earlier: DesignApproval | null }>()
    for (const r of rows) {
      if (out.has(r.design_id)) continue // newest approval first
      const approval: DesignApproval = {
        designId: r.design_id,
        versionId: r.design_version_id,
        version: r.version,
        method: r.method,
        approvedAt: r.approved_at.toISOString(),
        approvedAtLocal: clock.local(r.approved_at),
        recordedBy: r.recorded_by,
      }
      const latest = Number(r.latest_version)
      out.set(
        r.design_id,
        latest === r.version ? { current: approval, earlier: null } : { current: null, earlier: approval }
      )
    }
    return out
  }
}
