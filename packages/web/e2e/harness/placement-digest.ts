// The same digest of a design's dots in Node and in the browser: SHA-256 over the raw bytes of every dot array.
import { type PresetId, placeDots, presetDesign } from '@stipple/engine'

/** Designs the determinism test compares: several patterns, both sexes, different seeds. */
export const DIGEST_CASES: readonly { preset: PresetId; seed: number; sex: 'male' | 'female' }[] = [
  { preset: 'norwood-5a', seed: 1, sex: 'male' },
  { preset: 'norwood-3-vertex', seed: 424242, sex: 'male' },
  { preset: 'ludwig-2', seed: 7, sex: 'female' },
  { preset: 'scar-fue', seed: 3, sex: 'male' },
  { preset: 'alopecia-areata', seed: 99, sex: 'female' },
]

/** The bytes of every dot array of a case, concatenated in a fixed order, plus the dot count. */
export function dotBytes(c: (typeof DIGEST_CASES)[number]): { count: number; bytes: Uint8Array<ArrayBuffer> } {
  const result = placeDots(presetDesign(c.preset, { seed: c.seed, sex: c.sex }))
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  const d = result.dots
  const parts = [d.x, d.y, d.diameter, d.shade, d.session, d.zone, result.hair.x, result.hair.y]
  const total = parts.reduce((n, p) => n + p.byteLength, 0)
  const bytes = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at)
    at += p.byteLength
  }
  return { count: d.count, bytes }
}
