import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FilesystemPhotoStore } from './store.ts'

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('FilesystemPhotoStore', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stipple-store-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores content once under <root>/ab/cdef…, reads it back and deletes it', async () => {
    const store = new FilesystemPhotoStore(join(dir, 'photos'))
    const bytes = Buffer.from('some image bytes')
    const sha = hash(bytes)
    expect(await store.has(sha)).toBe(false)
    expect(await store.get(sha)).toBeNull()
    expect(await store.put(sha, bytes)).toBe(true)
    expect(await store.put(sha, bytes)).toBe(false)
    expect(await store.get(sha)).toEqual(bytes)
    expect(await readdir(join(dir, 'photos', sha.slice(0, 2)))).toEqual([sha.slice(2)])
    await store.delete(sha)
    expect(await store.has(sha)).toBe(false)
    await store.delete(sha)
  })

  it('refuses a key that is not a SHA-256 (no path tricks)', async () => {
    const store = new FilesystemPhotoStore(join(dir, 'photos'))
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a sha256/)
    await expect(store.put('AB'.repeat(32), Buffer.from('x'))).rejects.toThrow(/not a sha256/)
  })
})
