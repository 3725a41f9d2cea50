import type { Photo, PhotoConsentUpdate, PhotoUploadQuery } from '@stipple/domain'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, requireClient } from '../clients/guard.ts'
import { processPhoto } from './image.ts'
import type { PhotoStore } from './store.ts'
import type { PhotoRepositories, PhotoWork } from './work.ts'

const noPhoto = (photoId: string) => new AppError('not_found', `No photo ${photoId} of this client`)

function needsMarketingConsent(path: string): AppError {
  const message =
    'marketing use needs the client’s signed photography-marketing consent; keep the photo clinical-only until it is signed'
  return new AppError('unprocessable', message, { problems: [{ path, message }] })
}

export class PhotoService {
  readonly #work: PhotoWork
  readonly #store: PhotoStore
  readonly #now: () => Date
  constructor(work: PhotoWork, store: PhotoStore, now: () => Date) {
    this.#work = work
    this.#store = store
    this.#now = now
  }

  /**
   * Checks and cleans the image in memory, then, in one transaction: the client, the session and the consent are
   * checked, the bytes are stored (once per content), the row and its audit entry are written. Bytes written for a
   * request that then fails are removed again unless another photo refers to them.
   */
  async upload(actor: Actor, clientId: string, meta: PhotoUploadQuery, body: Buffer): Promise<Photo> {
    const image = await processPhoto(body)
    const written: string[] = []
    try {
      return await this.#work.run(async (repos) => {
        if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
        if (
          meta.sessionRecordId !== undefined &&
          !(await repos.photos.sessionRecordOfClient(actor.clinicId, clientId, meta.sessionRecordId))
        ) {
          throw new AppError('invalid_input', 'The photo names a session record this client does not have', {
            problems: [{ path: 'query.sessionRecordId', message: 'no such session record of this client' }],
          })
        }
        const marketingConsentId =
          meta.consent === 'marketing' ? await repos.photos.marketingConsent(actor.clinicId, clientId) : null
        if (meta.consent === 'marketing' && marketingConsentId === null) throw needsMarketingConsent('query.consent')
        const existing = await repos.photos.findByContent(actor.clinicId, clientId, image.sha256)
        if (existing !== null) {
          throw new AppError('conflict', `This image is already photo ${existing.id} of this client`, {
            problems: [{ path: 'body', message: `identical to photo ${existing.id}` }],
          })
        }
        if (await this.#store.put(image.sha256, image.bytes)) written.push(image.sha256)
        if (await this.#store.put(image.thumbnailSha256, image.thumbnail)) written.push(image.thumbnailSha256)
        const photo = await repos.photos.create(actor.clinicId, {
          clientId,
          sessionRecordId: meta.sessionRecordId ?? null,
          angle: meta.angle,
          takenOn: meta.takenOn,
          consent: meta.consent,
          marketingConsentId,
          sha256: image.sha256,
          thumbnailSha256: image.thumbnailSha256,
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          byteSize: image.bytes.length,
          createdBy: actor.membershipId,
        })
        await audit(repos, actor, {
          action: 'create',
          entity: 'photo',
          entityId: photo.id,
          clientId,
          detail: { angle: photo.angle, consent: photo.consent, sha256: photo.sha256, bytes: photo.byteSize },
        })
        return photo
      })
    } catch (error) {
      await this.#removeUnreferenced(written)
      throw error
    }
  }

  list(actor: Actor, clientId: string): Promise<Photo[]> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const photos = await repos.photos.list(actor.clinicId, clientId)
      await audit(repos, actor, { action: 'read', entity: 'photo-list', clientId, detail: { count: photos.length } })
      return photos
    })
  }

  /** The stored image or its thumbnail (always WebP), audited as a read of the photo. */
  bytes(
    actor: Actor,
    clientId: string,
    photoId: string,
    variant: 'image' | 'thumbnail'
  ): Promise<{ mimeType: string; bytes: Buffer; sha256: string }> {
    return this.#work.run(async (repos) => {
      const found = await this.#find(repos, actor, clientId, photoId)
      const sha256 = variant === 'image' ? found.photo.sha256 : found.thumbnailSha256
      if (sha256 === null) throw new AppError('not_found', `Photo ${photoId} has no thumbnail`)
      const bytes = await this.#store.get(sha256)
      if (bytes === null) throw new Error(`photo ${photoId}: stored content ${sha256} is missing`)
      await audit(repos, actor, { action: 'read', entity: 'photo', entityId: photoId, clientId, detail: { variant } })
      return { mimeType: variant === 'image' ? found.photo.mimeType : 'image/webp', bytes, sha256 }
    })
  }

  setConsent(actor: Actor, clientId: string, photoId: string, change: PhotoConsentUpdate): Promise<Photo> {
    return this.#work.run(async (repos) => {
      const before = (await this.#find(repos, actor, clientId, photoId)).photo
      const marketingConsentId =
        change.consent === 'marketing' ? await repos.photos.marketingConsent(actor.clinicId, clientId) : null
      if (change.consent === 'marketing' && marketingConsentId === null) throw needsMarketingConsent('body.consent')
      const photo = await repos.photos.setConsent(actor.clinicId, clientId, photoId, {
        consent: change.consent,
        marketingConsentId,
        by: actor.membershipId,
        at: this.#now(),
      })
      if (photo === null) throw noPhoto(photoId)
      await audit(repos, actor, {
        action: 'update',
        entity: 'photo',
        entityId: photoId,
        clientId,
        detail: { consent: { from: before.consent, to: photo.consent }, signedConsentId: marketingConsentId },
      })
      return photo
    })
  }

  async #find(repos: PhotoRepositories, actor: Actor, clientId: string, photoId: string) {
    await requireClient(repos.clients, actor.clinicId, clientId)
    const found = await repos.photos.get(actor.clinicId, clientId, photoId)
    if (found === null) throw noPhoto(photoId)
    return found
  }

  async #removeUnreferenced(hashes: readonly string[]): Promise<void> {
    for (const sha256 of hashes) {
      const referenced = await this.#work.run((repos) => repos.photos.referencesContent(sha256))
      if (!referenced) await this.#store.delete(sha256)
    }
  }
}
