// Photo bytes stored by their SHA-256, so identical content is kept once. The filesystem store lays them out as
// `<root>/ab/cdef…` (the first two hex digits as a directory); an S3-compatible store would implement the same four
// calls with the hash as the object key.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

export interface PhotoStore {
  /** Stores the bytes under their hash; true when written now, false when that content was already there. */
  put(sha256: string, bytes: Buffer): Promise<boolean>
  /** The bytes, or null when absent. */
  get(sha256: string): Promise<Buffer | null>
  has(sha256: string): Promise<boolean>
  delete(sha256: string): Promise<void>
}

const HASH = /^[0-9a-f]{64}$/

export class FilesystemPhotoStore implements PhotoStore {
  readonly root: string
  constructor(root: string) {
    this.root = root
  }

  #path(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`not a sha256: ${sha256}`)
    return join(this.root, sha256.slice(0, 2), sha256.slice(2))
  }

  async put(sha256: string, bytes: Buffer): Promise<boolean> {
    const path = this.#path(sha256)
    if (await this.has(sha256)) return false
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true })
    // write beside the final name, flush, then rename: a reader never sees half a file, a crash leaves only a .tmp
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
    const file = await open(temp, 'wx', 0o600)
    try {
      await file.writeFile(bytes)
      await file.sync()
    } finally {
      await file.close()
    }
    try {
      await rename(temp, path)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    return true
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.#path(sha256))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.#path(sha256))).isFile()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.#path(sha256), { force: true })
  }
}
