// The CIEDE2000 colour difference (CIE 142-2001), as written out step by step in G. Sharma, W. Wu and E. N. Dalal,
// "The CIEDE2000 color-difference formula: implementation notes, supplementary test data, and mathematical
// observations", Color Res. Appl. 30 (1), 21–30 (2005), equations (1)–(17), with kL = kC = kH = 1.
// Measurement only (it never decides where a dot goes), so Math.* is fine here.

const DEG = Math.PI / 180
/** 25^7, in the chroma weighting G and the rotation term R_C. */
const POW25_7 = 6103515625

/** Hue angle in degrees [0, 360) of (a', b'); 0 for a neutral colour (eq. 4, note 1 of the paper). */
function hueDegrees(a: number, b: number): number {
  if (a === 0 && b === 0) return 0
  const h = Math.atan2(b, a) / DEG
  return h < 0 ? h + 360 : h
}

/**
 * ΔE00 between two CIELAB colours [L*, a*, b*]. Symmetric; 0 for equal colours; ≈ 1 is a just-noticeable difference
 * for colours side by side.
 * @example deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485]) // 2.0425 (Sharma et al., table 1, pair 1)
 */
export function deltaE2000(lab1: readonly number[], lab2: readonly number[]): number {
  const L1 = lab1[0]
  const a1 = lab1[1]
  const b1 = lab1[2]
  const L2 = lab2[0]
  const a2 = lab2[1]
  const b2 = lab2[2]
  // (2)–(5): a' stretched by G towards neutral colours, then C' and h'
  const cMean = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2
  const c7 = cMean ** 7
  const g = 0.5 * (1 - Math.sqrt(c7 / (c7 + POW25_7)))
  const ap1 = (1 + g) * a1
  const ap2 = (1 + g) * a2
  const cp1 = Math.hypot(ap1, b1)
  const cp2 = Math.hypot(ap2, b2)
  const hp1 = hueDegrees(ap1, b1)
  const hp2 = hueDegrees(ap2, b2)
  // (8)–(10): differences; the hue difference takes the short way round, and is 0 when either colour is neutral
  const dL = L2 - L1
  const dC = cp2 - cp1
  let dh = 0
  if (cp1 * cp2 !== 0) {
    dh = hp2 - hp1
    if (dh > 180) dh -= 360
    else if (dh < -180) dh += 360
  }
  const dH = 2 * Math.sqrt(cp1 * cp2) * Math.sin((dh / 2) * DEG)
  // (12)–(14): means; the mean hue also takes the short way round
  const lMean = (L1 + L2) / 2
  const cpMean = (cp1 + cp2) / 2
  let hMean = hp1 + hp2
  if (cp1 * cp2 !== 0) {
    if (Math.abs(hp1 - hp2) > 180) hMean += hMean < 360 ? 360 : -360
    hMean /= 2
  }
  // (15)–(17): weighting functions and the rotation term
  const t =
    1 -
    0.17 * Math.cos((hMean - 30) * DEG) +
    0.24 * Math.cos(2 * hMean * DEG) +
    0.32 * Math.cos((3 * hMean + 6) * DEG) -
    0.2 * Math.cos((4 * hMean - 63) * DEG)
  const dTheta = 30 * Math.exp(-(((hMean - 275) / 25) ** 2))
  const cp7 = cpMean ** 7
  const rc = 2 * Math.sqrt(cp7 / (cp7 + POW25_7))
  const l50 = (lMean - 50) ** 2
  const sl = 1 + (0.015 * l50) / Math.sqrt(20 + l50)
  const sc = 1 + 0.045 * cpMean
  const sh = 1 + 0.015 * cpMean * t
  const rt = -Math.sin(2 * dTheta * DEG) * rc
  const tl = dL / sl
  const tc = dC / sc
  const th = dH / sh
  return Math.sqrt(tl * tl + tc * tc + th * th + rt * tc * th)
}
