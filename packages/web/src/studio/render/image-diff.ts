// How far two RGBA images of the same size are apart: what the WebGL2/CPU agreement test states its tolerance in.

export interface ImageDiff {
  /** Mean absolute difference per colour channel, in 1/255ths, over all pixels and R, G, B. */
  meanAbs: number
  /** Largest absolute difference of any channel, 1/255ths. */
  maxAbs: number
  /** Share of pixels whose every channel is within `within` 1/255ths. */
  shareWithin: number
  within: number
}

/** Compares a and b (RGBA bytes, equal length); alpha is ignored. */
export function diffImages(a: ArrayLike<number>, b: ArrayLike<number>, within: number): ImageDiff {
  if (a.length !== b.length || a.length % 4 !== 0) throw new Error('diffImages: images of different sizes')
  const pixels = a.length / 4
  let sum = 0
  let max = 0
  let close = 0
  for (let p = 0; p < pixels; p++) {
    let worst = 0
    for (let c = 0; c < 3; c++) {
      const d = Math.abs((a[p * 4 + c] ?? 0) - (b[p * 4 + c] ?? 0))
      sum += d
      if (d > worst) worst = d
    }
    if (worst > max) max = worst
    if (worst <= within) close++
  }
  return {
    meanAbs: pixels === 0 ? 0 : sum / (3 * pixels),
    maxAbs: max,
    shareWithin: pixels === 0 ? 1 : close / pixels,
    within,
  }
}
