import type { ConsentKind, ConsentTemplate, ConsentTemplateCreate, SignedConsent } from '@stipple/domain'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database } from '../../db/database.ts'
import { clinicClock } from '../locations/local-times.ts'

type TemplateRow = Selectable<Database['consent_templates']>

function toTemplate(r: TemplateRow): ConsentTemplate {
  return {
    id: r.id,
    kind: r.kind as ConsentKind,
    version: r.version,
    title: r.title,
    body: r.body,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
  }
}

export interface SignedConsentInsert {
  clientId: string
  templateId: string
  textSigned: string
  textSha256: string
  signerName: string
  ip: string | null
  userAgent: string | null
  signatureSha256: string
  method: 'in-clinic' | 'portal'
  recordedBy: string
}

export class ConsentRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /** Serialises new versions of one kind in one clinic until the transaction ends. */
  async lockKind(clinicId: string, kind: ConsentKind): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`consent-template:${clinicId}:${kind}`}, 0))`.execute(
      this.#db
    )
  }

  async latestVersion(clinicId: string, kind: ConsentKind): Promise<number> {
    const row = await this.#db
      .selectFrom('consent_templates')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('clinic_id', '=', clinicId)
      .where('kind', '=', kind)
      .executeTakeFirst()
    return Number(row?.v ?? 0)
  }

  async createTemplate(
    clinicId: string,
    input: ConsentTemplateCreate,
    version: number,
    createdBy: string
  ): Promise<ConsentTemplate> {
    const row = await this.#db
      .insertInto('consent_templates')
      .values({
        clinic_id: clinicId,
        kind: input.kind,
        version,
        title: input.title,
        body: input.body,
        created_by: createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toTemplate(row)
  }

  /** The latest version of each kind, in the order of `kinds`. */
  async latestTemplates(clinicId: string): Promise<ConsentTemplate[]> {
    const rows = await this.#db
      .selectFrom('consent_templates')
      .selectAll()
      .distinctOn('kind')
      .where('clinic_id', '=', clinicId)
      .orderBy('kind')
      .orderBy('version', 'desc')
      .execute()
    return rows.map(toTemplate)
  }

  async template(clinicId: string, id: string): Promise<ConsentTemplate | null> {
    const row = await this.#db
      .selectFrom('consent_templates')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row === undefined ? null : toTemplate(row)
  }

  async createSigned(clinicId: string, s: SignedConsentInsert): Promise<string> {
    const row = await this.#db
      .insertInto('signed_consents')
      .values({
        clinic_id: clinicId,
        client_id: s.clientId,
        template_id: s.templateId,
        text_signed: s.textSigned,
        text_sha256: s.textSha256,
        signer_name: s.signerName,
        ip: s.ip,
        user_agent: s.userAgent,
        signature_sha256: s.signatureSha256,
        method: s.method,
        recorded_by: s.recordedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** The client's signed consents, oldest first (or the one with `id`). */
  async signed(clinicId: string, clientId: string, id?: string): Promise<(SignedConsent & { sha: string | null })[]> {
    let q = this.#db
      .selectFrom('signed_consents as s')
      .innerJoin('consent_templates as t', (j) =>
        j.onRef('t.id', '=', 's.template_id').onRef('t.clinic_id', '=', 's.clinic_id')
      )
      .select([
        's.id',
        's.client_id',
        's.template_id',
        't.kind',
        't.version',
        't.title',
        's.text_signed',
        's.text_sha256',
        's.signer_name',
        's.signed_at',
        's.ip',
        's.user_agent',
        's.method',
        's.recorded_by',
        's.signature_sha256',
      ])
      .where('s.clinic_id', '=', clinicId)
      .where('s.client_id', '=', clientId)
    if (id !== undefined) q = q.where('s.id', '=', id)
    const rows = await q.orderBy('s.signed_at').orderBy('s.id').execute()
    const clock = await clinicClock(this.#db, clinicId)
    return rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      templateVersionId: r.template_id,
      kind: r.kind as ConsentKind,
      version: r.version,
      title: r.title,
      textSigned: r.text_signed,
      textSha256: r.text_sha256,
      signerName: r.signer_name,
      signedAt: r.signed_at.toISOString(),
      signedAtLocal: clock.local(r.signed_at),
      ip: r.ip,
      userAgent: r.user_agent,
      method: r.method,
      recordedBy: r.recorded_by,
      hasSignatureImage: r.signature_sha256 !== null,
      sha: r.signature_sha256,
    }))
  }

  async hasLaserCourse(clinicId: string, clientId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('laser_removal_courses')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Whether any signed consent or photo still refers to these bytes. */
  async referencesContent(sha256: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`select 1 as n from signed_consents where signature_sha256 = ${sha256}
      union all select 1 from photos where content_sha256 = ${sha256} or thumbnail_sha256 = ${sha256} limit 1`.execute(
      this.#db
    )
    return rows.length > 0
  }
}
