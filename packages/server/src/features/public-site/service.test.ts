// The gallery's grouping: per client and angle, a before/after pair when the first and latest photos were taken on
// different days, else one photo; newest first and at most 100 items; nothing about the client leaves the function.
import { describe, expect, it } from 'vitest'
import type { GalleryPhotoRow } from './repository.ts'
import { galleryItems } from './service.ts'

let n = 0
function photo(client: string, angle: string, takenOn: string): GalleryPhotoRow {
  n++
  return {
    photoId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    groupKey: `${client}:${angle}`,
    angle,
    takenOn,
    width: 640,
    height: 480,
    mimeType: 'image/jpeg',
    sha256: 'a'.repeat(64),
    thumbnailSha256: null,
  }
}

describe('galleryItems', () => {
  it('pairs the first and latest photo of a client and angle, and leaves the middle ones out', () => {
    const first = photo('c1', 'front', '2026-01-05')
    const middle = photo('c1', 'front', '2026-02-05')
    const last = photo('c1', 'front', '2026-03-05')
    const items = galleryItems([middle, last, first])
    expect(items).toEqual([
      {
        kind: 'pair',
        angle: 'front',
        before: { photoId: first.photoId, width: 640, height: 480, mimeType: 'image/jpeg' },
        after: { photoId: last.photoId, width: 640, height: 480, mimeType: 'image/jpeg' },
      },
    ])
  })

  it('shows a single photo when all of a group were taken the same day, and keeps clients and angles apart', () => {
    const items = galleryItems([
      photo('c1', 'front', '2026-01-05'),
      photo('c1', 'front', '2026-01-05'),
      photo('c1', 'top', '2026-02-01'),
      photo('c2', 'front', '2026-03-01'),
    ])
    expect(items.map((i) => [i.kind, i.angle])).toEqual([
      ['single', 'front'],
      ['single', 'top'],
      ['single', 'front'],
    ])
    expect(items.every((i) => i.before === null)).toBe(true)
  })

  it('puts the newest first, stops at 100 items and carries no client key', () => {
    const photos = Array.from({ length: 150 }, (_, i) =>
      photo(`c${i}`, 'crown', `2026-${String((i % 12) + 1).padStart(2, '0')}-10`)
    )
    const items = galleryItems(photos)
    expect(items).toHaveLength(100)
    expect(items[0]?.after.photoId).toBe(photos[11]?.photoId)
    expect(JSON.stringify(items)).not.toContain('groupKey')
    expect(JSON.stringify(items)).not.toMatch(/c\d+:/)
  })
})
