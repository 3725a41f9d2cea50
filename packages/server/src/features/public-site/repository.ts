// The public site's reads. Every query here is by clinic slug and returns nothing personal about clients.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'

export interface GalleryPhotoRow {
  photoId: string
  /** Only to group a client's photos into a before/after pair; never leaves the service. */
  groupKey: string
  angle: string
  takenOn: string
  width: number
  height: number
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp'
  sha256: string
  thumbnailSha256: string | null
}

export class PublicSiteRepository {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  /**
   * Practitioners (and owners holding a public credential) with their public credentials that have not expired on
   * `today`, by display name.
   */
  async practitioners(clinicId: string, today: string) {
    const rows = await this.#db
      .selectFrom('memberships as m')
      .leftJoin('practitioner_credentials as c', (j) =>
        j
          .onRef('c.membership_id', '=', 'm.id')
          .onRef('c.clinic_id', '=', 'm.clinic_id')
          .on('c.public', '=', true)
          .on((eb) => eb.or([eb('c.expires_on', 'is', null), eb('c.expires_on', '>=', today)]))
      )
      .select(['m.id', 'm.role', 'm.display_name', 'c.kind', 'c.title', 'c.number', 'c.issuer', 'c.expires_on'])
      .where('m.clinic_id', '=', clinicId)
      .where('m.role', 'in', ['practitioner', 'owner'])
      .orderBy('m.display_name')
      .orderBy('m.id')
      .orderBy('c.title')
      .execute()
    return rows
  }

  /**
   * Photos the public may see: marketing scope resting on a signed photography-marketing consent of the same client
   * in the same clinic, of a client not erased. Only real uploads live in `photos`; rendered previews are never
   * stored there, so no simulation can be among them.
   */
  async galleryPhotos(clinicId: string, photoId?: string): Promise<GalleryPhotoRow[]> {
    let q = this.#db
      .selectFrom('photos as p')
      .innerJoin('clients as cl', (j) => j.onRef('cl.id', '=', 'p.client_id').onRef('cl.clinic_id', '=', 'p.clinic_id'))
      .innerJoin('signed_consents as s', (j) =>
        j
          .onRef('s.id', '=', 'p.marketing_consent_id')
          .onRef('s.clinic_id', '=', 'p.clinic_id')
          .onRef('s.client_id', '=', 'p.client_id')
      )
      .innerJoin('consent_templates as t', (j) =>
        j.onRef('t.id', '=', 's.template_id').onRef('t.clinic_id', '=', 's.clinic_id')
      )
      .select([
        'p.id',
        'p.client_id',
        'p.angle',
        'p.taken_on',
        'p.width',
        'p.height',
        'p.mime_type',
        'p.content_sha256',
        'p.thumbnail_sha256',
      ])
      .where('p.clinic_id', '=', clinicId)
      .where('p.consent_scope', '=', 'marketing')
      .where('t.kind', '=', 'photography-marketing')
      .where('cl.erased_at', 'is', null)
    if (photoId !== undefined) q = q.where('p.id', '=', photoId)
    const rows = await q.orderBy('p.taken_on').orderBy('p.created_at').orderBy('p.id').execute()
    return rows.map((r) => ({
      photoId: r.id,
      groupKey: `${r.client_id}:${r.angle}`,
      angle: r.angle,
      takenOn: r.taken_on,
      width: r.width,
      height: r.height,
      mimeType: r.mime_type,
      sha256: r.content_sha256,
      thumbnailSha256: r.thumbnail_sha256,
    }))
  }
}
