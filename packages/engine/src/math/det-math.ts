// Transcendental functions built from +, −, ×, ÷ and sqrt only, which IEEE 754 makes bit-exact everywhere.
// Math.sin, Math.atan2 and friends may differ in the last bit between JavaScript engines, and one bit can flip
// whether a dot is accepted, so everything that decides dot positions uses these instead.

export const PI = Math.PI
export const TAU = 6.283185307179586
export const HALF_PI = 1.5707963267948966
// π/2 split in two so that x − n·π/2 is exact for moderate n (Cody & Waite 1980; the constants of fdlibm's e_rem_pio2)
const PIO2_HI = 1.5707963267341256
const PIO2_LO = 6.077100506506192e-11
const TWO_OVER_PI = 0.6366197723675814

function sinKernel(r: number): number {
  const r2 = r * r
  // Taylor series to r^19: error below 1e-17 for |r| ≤ π/4
  return (
    r *
    (1 +
      r2 *
        (-1 / 6 +
          r2 *
            (1 / 120 +
              r2 *
                (-1 / 5040 +
                  r2 *
                    (1 / 362880 +
                      r2 *
                        (-1 / 39916800 +
                          r2 * (1 / 6227020800 + r2 * (-1 / 1307674368000 + r2 * (1 / 355687428096000)))))))))
  )
}

function cosKernel(r: number): number {
  const r2 = r * r
  return (
    1 +
    r2 *
      (-1 / 2 +
        r2 *
          (1 / 24 +
            r2 *
              (-1 / 720 +
                r2 *
                  (1 / 40320 +
                    r2 * (-1 / 3628800 + r2 * (1 / 479001600 + r2 * (-1 / 87178291200 + r2 * (1 / 20922789888000))))))))
  )
}

/** Quadrant of x: x = q·π/2 + r with |r| ≤ π/4. */
function quadrant(x: number): number {
  const n = Math.round(x * TWO_OVER_PI)
  return ((n % 4) + 4) % 4
}

function remainder(x: number): number {
  const n = Math.round(x * TWO_OVER_PI)
  return x - n * PIO2_HI - n * PIO2_LO
}

/** Deterministic sine. */
export function dsin(x: number): number {
  const r = remainder(x)
  const q = quadrant(x)
  if (q === 0) return sinKernel(r)
  if (q === 1) return cosKernel(r)
  if (q === 2) return -sinKernel(r)
  return -cosKernel(r)
}

/** Deterministic cosine. */
export function dcos(x: number): number {
  const r = remainder(x)
  const q = quadrant(x)
  if (q === 0) return cosKernel(r)
  if (q === 1) return -sinKernel(r)
  if (q === 2) return -cosKernel(r)
  return sinKernel(r)
}

/** Deterministic arctangent. */
export function datan(x: number): number {
  if (Number.isNaN(x)) return x
  const neg = x < 0
  let t = neg ? -x : x
  let offset = 0
  if (t > 1) {
    t = 1 / t
    offset = HALF_PI
  }
  // two half-angle steps, atan(t) = 2·atan(t / (1 + √(1 + t²))), leave |t| ≤ tan(π/16) ≈ 0.199
  t = t / (1 + Math.sqrt(1 + t * t))
  t = t / (1 + Math.sqrt(1 + t * t))
  const t2 = t * t
  let sum = 0
  for (let k = 25; k >= 1; k -= 2) sum = 1 / k - t2 * sum
  let r = 4 * t * sum
  if (offset !== 0) r = offset - r
  return neg ? -r : r
}

/** Deterministic two-argument arctangent, in (−π, π]. */
export function datan2(y: number, x: number): number {
  if (x > 0) return datan(y / x)
  // −0 counts as negative, as in IEEE atan2
  if (x < 0) return y > 0 || (y === 0 && 1 / y > 0) ? datan(y / x) + PI : datan(y / x) - PI
  if (y > 0) return HALF_PI
  if (y < 0) return -HALF_PI
  // signed zeros follow IEEE atan2: atan2(±0, −0) = ±π
  if (1 / x < 0) return 1 / y < 0 ? -PI : PI
  return y
}

/** Deterministic arccosine for x in [−1, 1]. */
export function dacos(x: number): number {
  const c = x > 1 ? 1 : Math.max(x, -1)
  return datan2(Math.sqrt((1 - c) * (1 + c)), c)
}

/** Hermite smoothstep from 0 at edge0 to 1 at edge1. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = edge1 === edge0 ? (x < edge0 ? 0 : 1) : Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)))
  return t * t * (3 - 2 * t)
}
