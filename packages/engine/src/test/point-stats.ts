// Test helpers: neighbour statistics of point sets, by bucket grid.

export interface NeighbourStats {
  /** Nearest-neighbour distance of each point (in the units of the coordinates, optionally through a metric). */
  nn: Float64Array
  /** Index of each point's nearest neighbour (−1 when none within reach). */
  nearest: Int32Array
  mean: number
  cv: number
  min: number
}

/** Nearest-neighbour distances; `metric(x, y)` gives [g11, g12, g22] to measure in (identity when absent). */
export function nearestNeighbours(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  count: number,
  maxDistance: number,
  metric?: (x: number, y: number) => [number, number, number]
): NeighbourStats {
  const cell = maxDistance
  let minX = Number.POSITIVE_INFINITY
  let minY = Number.POSITIVE_INFINITY
  let maxX = Number.NEGATIVE_INFINITY
  let maxY = Number.NEGATIVE_INFINITY
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, x[i])
    minY = Math.min(minY, y[i])
    maxX = Math.max(maxX, x[i])
    maxY = Math.max(maxY, y[i])
  }
  const cols = Math.ceil((maxX - minX) / cell) + 1
  const rows = Math.ceil((maxY - minY) / cell) + 1
  const buckets = new Map<number, number[]>()
  for (let i = 0; i < count; i++) {
    const key = Math.floor((y[i] - minY) / cell) * cols + Math.floor((x[i] - minX) / cell)
    const b = buckets.get(key)
    if (b) b.push(i)
    else buckets.set(key, [i])
  }
  const nn = new Float64Array(count).fill(Number.POSITIVE_INFINITY)
  const nearest = new Int32Array(count).fill(-1)
  for (let i = 0; i < count; i++) {
    const gx = Math.floor((x[i] - minX) / cell)
    const gy = Math.floor((y[i] - minY) / cell)
    const [a, b, c] = metric ? metric(x[i], y[i]) : [1, 0, 1]
    for (let dy = -1; dy <= 1; dy++) {
      if (gy + dy < 0 || gy + dy >= rows) continue
      for (let dx = -1; dx <= 1; dx++) {
        const bucket = buckets.get((gy + dy) * cols + gx + dx)
        if (!bucket) continue
        for (const j of bucket) {
          if (j === i) continue
          const ex = x[j] - x[i]
          const ey = y[j] - y[i]
          const d = Math.sqrt(a * ex * ex + 2 * b * ex * ey + c * ey * ey)
          if (d < nn[i]) {
            nn[i] = d
            nearest[i] = j
          }
        }
      }
    }
  }
  let sum = 0
  let sq = 0
  let min = Number.POSITIVE_INFINITY
  let k = 0
  for (let i = 0; i < count; i++) {
    if (!Number.isFinite(nn[i])) continue
    sum += nn[i]
    sq += nn[i] * nn[i]
    min = Math.min(min, nn[i])
    k++
  }
  const mean = sum / k
  return { nn, nearest, mean, cv: Math.sqrt(Math.max(sq / k - mean * mean, 0)) / mean, min }
}
