// CIEDE2000 colour difference (Sharma, Wu and Dalal 2005, "The CIEDE2000 color-difference formula: implementation
// notes"), with kL = kC = kH = 1. A difference below ~1 is invisible side by side, ~2–3 is "just noticeable" to a
// trained eye on neighbouring patches.

const DEG = Math.PI / 180
const POW25_7 = 25 ** 7

/** ΔE2000 between two CIELAB colours [L*, a*, b*]. */
export function deltaE2000(lab1: ArrayLike<number>, lab2: ArrayLike<number>): number {
  const L1 = lab1[0]
  const a1 = lab1[1]
  const b1 = lab1[2]
  const L2 = lab2[0]
  const a2 = lab2[1]
  const b2 = lab2[2]
  const C1 = Math.hypot(a1, b1)
  const C2 = Math.hypot(a2, b2)
  const Cm = (C1 + C2) / 2
  const Cm7 = Cm ** 7
  const G = 0.5 * (1 - Math.sqrt(Cm7 / (Cm7 + POW25_7)))
  const a1p = (1 + G) * a1
  const a2p = (1 + G) * a2
  const C1p = Math.hypot(a1p, b1)
  const C2p = Math.hypot(a2p, b2)
  const h1p = hueDeg(b1, a1p)
  const h2p = hueDeg(b2, a2p)
  const dLp = L2 - L1
  const dCp = C2p - C1p
  let dhp = 0
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p
    if (dhp > 180) dhp -= 360
    else if (dhp < -180) dhp += 360
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * DEG)
  const Lpm = (L1 + L2) / 2
  const Cpm = (C1p + C2p) / 2
  let hpm = h1p + h2p
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hpm = (h1p + h2p) / 2
    else hpm = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2
  }
  const T =
    1 -
    0.17 * Math.cos((hpm - 30) * DEG) +
    0.24 * Math.cos(2 * hpm * DEG) +
    0.32 * Math.cos((3 * hpm + 6) * DEG) -
    0.2 * Math.cos((4 * hpm - 63) * DEG)
  const dTheta = 30 * Math.exp(-(((hpm - 275) / 25) ** 2))
  const Cpm7 = Cpm ** 7
  const RC = 2 * Math.sqrt(Cpm7 / (Cpm7 + POW25_7))
  const l50 = (Lpm - 50) ** 2
  const SL = 1 + (0.015 * l50) / Math.sqrt(20 + l50)
  const SC = 1 + 0.045 * Cpm
  const SH = 1 + 0.015 * Cpm * T
  const RT = -Math.sin(2 * dTheta * DEG) * RC
  const l = dLp / SL
  const c = dCp / SC
  const h = dHp / SH
  return Math.sqrt(l * l + c * c + h * h + RT * c * h)
}

function hueDeg(b: number, a: number): number {
  if (a === 0 && b === 0) return 0
  const h = Math.atan2(b, a) / DEG
  return h < 0 ? h + 360 : h
}
