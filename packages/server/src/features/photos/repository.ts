import type { Photo } from '@stipple/domain'
import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../../db/database.ts'

type PhotoRow = Selectable<Database['photos']>

function toPhoto(r: PhotoRow): Photo {
  return {
    id: r.id,
    clientId: r.client_id,
    sessionRecordId: r.session_record_id,
    angle: r.angle as Photo['angle'],
    takenOn: r.taken_on,
    consent: r.consent_scope === 'marketing' ? 'marketing' : 'clinical-only',
    mimeType: r.mime_type,
    width: r.width,
    height: r.height,
    byteSize: r.byte_size,
    sha256: r.content_sha256,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    consentChangedBy: r.consent_changed_by,
    consentChangedAt: r.consent_changed_at?.toISOString() ?? null,
  }
}

export interface PhotoInsert {
  clientId: string
  sessionRecordId: string | null
  angle: Photo['angle']
  takenOn: string
  consent: Photo['consent']
  marketingConsentId: string | null
  sha256: string
  thumbnailSha256: string
  mimeType: Photo['mimeType']
  width: number
  height: number
  byteSize: number
  createdBy: string
}

export class PhotoRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async create(clinicId: string, p: PhotoInsert): Promise<Photo> {
    const row = await this.#db
      .insertInto('photos')
      .values({
        clinic_id: clinicId,
        client_id: p.clientId,
        session_record_id: p.sessionRecordId,
        angle: p.angle,
        taken_on: p.takenOn,
        consent_scope: p.consent === 'marketing' ? 'marketing' : 'clinical',
        marketing_consent_id: p.marketingConsentId,
        content_sha256: p.sha256,
        thumbnail_sha256: p.thumbnailSha256,
        mime_type: p.mimeType,
        width: p.width,
        height: p.height,
        byte_size: p.byteSize,
        created_by: p.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toPhoto(row)
  }

  async list(clinicId: string, clientId: string): Promise<Photo[]> {
    const rows = await this.#db
      .selectFrom('photos')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .orderBy('taken_on')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toPhoto)
  }

  /** The photo with where its bytes are, or null when it is not this client's in this clinic. */
  async get(
    clinicId: string,
    clientId: string,
    id: string
  ): Promise<{ photo: Photo; thumbnailSha256: string | null } | null> {
    const row = await this.#db
      .selectFrom('photos')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row === undefined ? null : { photo: toPhoto(row), thumbnailSha256: row.thumbnail_sha256 }
  }

  /** The client's photo with this stored content, if any (an identical re-upload). */
  async findByContent(clinicId: string, clientId: string, sha256: string): Promise<Photo | null> {
    const row = await this.#db
      .selectFrom('photos')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('content_sha256', '=', sha256)
      .orderBy('created_at')
      .executeTakeFirst()
    return row === undefined ? null : toPhoto(row)
  }

  /** Whether any photo anywhere still refers to these bytes (as image or thumbnail). */
  async referencesContent(sha256: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('photos')
      .select('id')
      .where((eb) => eb.or([eb('content_sha256', '=', sha256), eb('thumbnail_sha256', '=', sha256)]))
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  async sessionRecordOfClient(clinicId: string, clientId: string, sessionRecordId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('session_records')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('id', '=', sessionRecordId)
      .executeTakeFirst()
    return row !== undefined
  }

  /** The client's latest signed photography-marketing consent, or null. */
  async marketingConsent(clinicId: string, clientId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('signed_consents')
      .innerJoin('consent_templates', (j) =>
        j
          .onRef('consent_templates.id', '=', 'signed_consents.template_id')
          .onRef('consent_templates.clinic_id', '=', 'signed_consents.clinic_id')
      )
      .select('signed_consents.id')
      .where('signed_consents.clinic_id', '=', clinicId)
      .where('signed_consents.client_id', '=', clientId)
      .where('consent_templates.kind', '=', 'photography-marketing')
      .orderBy('signed_consents.signed_at', 'desc')
      .executeTakeFirst()
    return row?.id ?? null
  }

  async setConsent(
    clinicId: string,
    clientId: string,
    id: string,
    change: { consent: Photo['consent']; marketingConsentId: string | null; by: string; at: Date }
  ): Promise<Photo | null> {
    const row = await this.#db
      .updateTable('photos')
      .set({
        consent_scope: change.consent === 'marketing' ? 'marketing' : 'clinical',
        marketing_consent_id: change.marketingConsentId,
        consent_changed_by: change.by,
        consent_changed_at: change.at,
      })
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', clientId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row === undefined ? null : toPhoto(row)
  }
}
