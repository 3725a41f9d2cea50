// The public site, by clinic slug, without sign-in: practitioners with their public unexpired credentials, and the
// gallery of consented real photos as before/after pairs or single photos. Nothing names or identifies a client.
import {
  type GalleryItem,
  PHOTO_ANGLES,
  PUBLIC_GALLERY_MAX_ITEMS,
  type PublicGallery,
  type PublicPractitionerList,
} from '@stipple/domain'
import { AppError } from '../../errors.ts'
import type { LocationRepository } from '../locations/repository.ts'
import type { PhotoStore } from '../photos/store.ts'
import type { GalleryPhotoRow, PublicSiteRepository } from './repository.ts'
import type { PublicSiteWork } from './work.ts'

const noClinic = (slug: string) => new AppError('not_found', `No clinic at ${slug}`)
const noPhoto = (id: string) => new AppError('not_found', `No gallery photo ${id} at this clinic`)
type Angle = (typeof PHOTO_ANGLES)[number]
const isAngle = (a: string): a is Angle => (PHOTO_ANGLES as readonly string[]).includes(a)

const image = (p: GalleryPhotoRow) => ({ photoId: p.photoId, width: p.width, height: p.height, mimeType: p.mimeType })

/**
 * One item per client and angle: the first and the latest photo when they were taken on different days (a before
 * and after), else the latest alone. Newest first, at most PUBLIC_GALLERY_MAX_ITEMS.
 */
export function galleryItems(photos: readonly GalleryPhotoRow[]): GalleryItem[] {
  const groups = new Map<string, GalleryPhotoRow[]>()
  for (const p of photos) groups.set(p.groupKey, [...(groups.get(p.groupKey) ?? []), p])
  const items: (GalleryItem & { latest: string })[] = []
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => a.takenOn.localeCompare(b.takenOn))
    const first = sorted[0]
    const last = sorted.at(-1)
    if (first === undefined || last === undefined || !isAngle(last.angle)) continue
    const pair = first.takenOn !== last.takenOn
    items.push({
      kind: pair ? 'pair' : 'single',
      angle: last.angle,
      before: pair ? image(first) : null,
      after: image(last),
      latest: last.takenOn,
    })
  }
  return items
    .sort((a, b) => b.latest.localeCompare(a.latest) || a.after.photoId.localeCompare(b.after.photoId))
    .slice(0, PUBLIC_GALLERY_MAX_ITEMS)
    .map(({ latest: _latest, ...item }) => item)
}

export class PublicSiteService {
  readonly #repo: PublicSiteRepository
  readonly #clinics: LocationRepository
  readonly #store: PhotoStore
  readonly #now: () => Date
  constructor(work: PublicSiteWork, store: PhotoStore, now: () => Date) {
    // every read here is one statement: the plain connection, no transaction
    this.#repo = work.read.site
    this.#clinics = work.read.locations
    this.#store = store
    this.#now = now
  }

  async #clinic(slug: string) {
    const clinic = await this.#clinics.clinicBySlug(slug)
    if (clinic === null) throw noClinic(slug)
    return clinic
  }

  async practitioners(slug: string): Promise<PublicPractitionerList> {
    const clinic = await this.#clinic(slug)
    const rows = await this.#repo.practitioners(clinic.id, this.#now().toISOString().slice(0, 10))
    const people = new Map<string, PublicPractitionerList['items'][number] & { role: string }>()
    for (const r of rows) {
      const person = people.get(r.id) ?? { displayName: r.display_name, role: r.role, credentials: [] }
      people.set(r.id, person)
      if (r.kind !== null && r.title !== null && r.issuer !== null) {
        person.credentials.push({
          kind: r.kind,
          title: r.title,
          number: r.number,
          issuer: r.issuer,
          expiresOn: r.expires_on,
        })
      }
    }
    const items = [...people.values()]
      // an owner appears as a practitioner only with a public credential to show
      .filter((p) => p.role === 'practitioner' || p.credentials.length > 0)
      .map(({ role: _role, ...p }) => p)
    return { clinic: { name: clinic.name, slug: clinic.slug }, items }
  }

  async gallery(slug: string): Promise<PublicGallery> {
    const clinic = await this.#clinic(slug)
    const photos = await this.#repo.galleryPhotos(clinic.id)
    return { clinic: { name: clinic.name, slug: clinic.slug }, items: galleryItems(photos) }
  }

  /** The stored image (orientation applied, metadata stripped on upload) or its WebP thumbnail, of a gallery photo. */
  async image(
    slug: string,
    photoId: string,
    variant: 'image' | 'thumbnail'
  ): Promise<{ mimeType: string; bytes: Buffer; sha256: string }> {
    const clinic = await this.#clinic(slug)
    const [photo] = await this.#repo.galleryPhotos(clinic.id, photoId)
    if (photo === undefined) throw noPhoto(photoId)
    const sha256 = variant === 'image' ? photo.sha256 : photo.thumbnailSha256
    if (sha256 === null) throw noPhoto(photoId)
    const bytes = await this.#store.get(sha256)
    if (bytes === null) throw new Error(`gallery photo ${photoId}: stored content ${sha256} is missing`)
    return { mimeType: variant === 'image' ? photo.mimeType : 'image/webp', bytes, sha256 }
  }
}
