// Privacy requests: export everything about a client as an archive, and erase a client on request.
import { createGzip } from 'node:zlib'
import type { ClientErase, ClientErasure } from '@stipple/domain'
import { pack } from 'tar-stream'
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, ownClientId } from '../clients/guard.ts'
import type { PrivacyWork } from './work.ts'

const EXPORT_FORMAT = 'stipple.client-export/v1'

/** Where photo bytes are kept, by content hash (the photo store); null when the server has no photos. */
export interface PhotoFiles {
  get(sha256: string): Promise<Buffer | null>
  delete(sha256: string): Promise<void>
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

export interface ClientArchive {
  fileName: string
  bytes: Buffer
}

/** A tar.gz of the given files. */
async function tarGz(files: { name: string; content: Buffer }[], mtime: Date): Promise<Buffer> {
  const tar = pack()
  const gzip = createGzip()
  const chunks: Buffer[] = []
  gzip.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve)
    gzip.on('error', reject)
    tar.on('error', reject)
  })
  tar.pipe(gzip)
  for (const f of files) {
    await new Promise<void>((resolve, reject) =>
      tar.entry({ name: f.name, size: f.content.length, mtime, mode: 0o644 }, f.content, (e) =>
        e ? reject(e) : resolve()
      )
    )
  }
  tar.finalize()
  await done
  return Buffer.concat(chunks)
}

export class PrivacyService {
  readonly #work: PrivacyWork
  readonly #now: () => Date
  readonly #photos: PhotoFiles | null
  constructor(work: PrivacyWork, now: () => Date, photos: PhotoFiles | null) {
    this.#work = work
    this.#now = now
    this.#photos = photos
  }

  /**
   * Everything about the client as a tar.gz: client.json (the record as stored, with consents, intakes,
   * consultations, designs, plans and quotes, session records with lots, signed consents, photo metadata and the
   * audit entries about the client) and photos/<id>.<ext> for each photo whose bytes the photo store has.
   */
  /** The signed-in client's own export, through the portal. */
  async exportOwn(actor: Actor): Promise<ClientArchive> {
    const clientId = await ownClientId(this.#work.read.clients, actor)
    return this.export(actor, clientId)
  }

  async export(actor: Actor, clientId: string): Promise<ClientArchive> {
    const now = this.#now()
    const record = await this.#work.run(async (repos) => {
      const privacy = repos.privacy
      if ((await privacy.state(actor.clinicId, clientId, false)) === null) throw noClient(clientId)
      const found = await privacy.record(actor.clinicId, clientId)
      await audit(repos, actor, {
        action: 'export',
        entity: 'client',
        entityId: clientId,
        clientId,
        detail: { photos: found.photos.length, sessionRecords: found.sessionRecords.length },
      })
      return found
    })
    const files: { name: string; content: Buffer }[] = []
    const photos = []
    for (const photo of record.photos) {
      const hash = String(photo.contentSha256)
      const name = `photos/${String(photo.id)}.${EXTENSIONS[String(photo.mimeType)] ?? 'bin'}`
      const bytes = this.#photos === null ? null : await this.#photos.get(hash)
      if (bytes !== null) files.push({ name, content: bytes })
      photos.push({ ...photo, file: bytes === null ? null : name })
    }
    const document = {
      format: EXPORT_FORMAT,
      exportedAt: now.toISOString(),
      clinicId: actor.clinicId,
      ...record,
      photos,
    }
    files.unshift({ name: 'client.json', content: Buffer.from(`${JSON.stringify(document, null, 2)}\n`) })
    return { fileName: `client-${clientId}.tar.gz`, bytes: await tarGz(files, now) }
  }

  /** Erases the client's personal data, keeping the retained records anonymised (see PrivacyRepository.erase). */
  async erase(actor: Actor, clientId: string, input: ClientErase): Promise<ClientErasure> {
    const now = this.#now()
    const result = await this.#work.run(async (repos) => {
      const privacy = repos.privacy
      const state = await privacy.state(actor.clinicId, clientId, true)
      if (state === null) throw noClient(clientId)
      if (state.erasedAt !== null) {
        throw new AppError('conflict', `Client ${clientId} was already erased on ${state.erasedAt.toISOString()}`)
      }
      const counts = await privacy.erase(actor.clinicId, clientId, now)
      await audit(repos, actor, {
        action: 'erase',
        entity: 'client',
        entityId: clientId,
        clientId,
        detail: { reason: input.reason, retained: counts.retained, removed: counts.removed },
      })
      return counts
    })
    // after commit: a failed file deletion leaves an unreferenced file, never a photo row without its file
    if (this.#photos !== null) for (const hash of result.orphanedPhotoHashes) await this.#photos.delete(hash)
    return {
      clientId,
      erasedAt: now.toISOString(),
      reason: input.reason,
      retained: result.retained,
      removed: result.removed,
    }
  }
}
