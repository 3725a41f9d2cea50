// The face, ears and neck around the scalp: where each feature sits on a given head, at measured adult proportions.
//
// Head frame as in head.ts: +x the client's right, +y up, +z forward, origin at the head's centre on the brow plane;
// glabella is (0, 0, b). The cranium above and behind the face stays the tape-sized ellipsoid, so the scalp chart is
// unchanged; everything here lies below the brows, in front of the ears, or under the skull.
//
// Numbers are DOMAIN §12.1 means by sex [ANSUR2] [NIOSH03] unless marked: face height sellion–menton 122.6 / 113.1 mm,
// bizygomatic 142.6 / 133.8, bigonial 120.7 / 111.6, interpupillary 64.0 / 61.7, iris 11.77 / 11.64, ear length /
// breadth / protrusion 64.2 / 36.1 / 23.2 and 59.4 / 33.2 / 20.4, neck circumference 397.6 / 329.8. Vertical thirds:
// glabella–subnasale ≈ 61 / 57 mm (DOMAIN §12.2 [derived], [HRN-HL]); the lower third is the remainder, longer than the
// middle as in most real faces ([HFM15]). Ears (DOMAIN §12.1 [TOLL78] [EOM-EAR]): top level with the brow, inclined
// about 20° back, lobe near the base of the nose.

import type { HeadModel, Sex } from './head.ts'

/** Face measurements of one sex, mm (DOMAIN §12.1–12.2). */
interface FaceNorms {
  faceHeight: number
  bizygomatic: number
  bigonial: number
  interpupillary: number
  iris: number
  earLength: number
  earBreadth: number
  earProtrusion: number
  neckCircumference: number
  /** Glabella to subnasale (the middle third). */
  middleThird: number
}

export const FACE_NORMS: Readonly<Record<Sex, FaceNorms>> = {
  male: {
    faceHeight: 122.6,
    bizygomatic: 142.6,
    bigonial: 120.7,
    interpupillary: 64.0,
    iris: 11.77,
    earLength: 64.2,
    earBreadth: 36.1,
    earProtrusion: 23.2,
    neckCircumference: 397.6,
    middleThird: 61,
  },
  female: {
    faceHeight: 113.1,
    bizygomatic: 133.8,
    bigonial: 111.6,
    interpupillary: 61.7,
    iris: 11.64,
    earLength: 59.4,
    earBreadth: 33.2,
    earProtrusion: 20.4,
    neckCircumference: 329.8,
    middleThird: 57,
  },
}

/** Default cranium semi-axes by sex (the engine's default tapes), against which a head's face is scaled. */
const REFERENCE_AB: Readonly<Record<Sex, number>> = { male: 80.34 * 100.54, female: 77.12 * 97.36 }

type Vec3 = [number, number, number]

export interface Ear {
  /** Centre of the auricle's outline on the side of the head. */
  center: Vec3
  /** Unit axes: along the ear's length (up, tilted back), its breadth (backwards), and out of the head. */
  long: Vec3
  breadth: Vec3
  out: Vec3
  length: number
  width: number
  protrusion: number
}

export interface Face {
  sex: Sex
  /** Glabella's forward coordinate (= the cranium's b). */
  gz: number
  /** Face scale against the mean head of its sex [assumption: the face follows the cranium's horizontal size]. */
  scale: number
  /** Heights (y) of the features, mm; negative is below the brow plane. */
  eyeY: number
  sellionY: number
  subnasaleY: number
  stomionY: number
  mentonY: number
  /** Pupil half-distance, eyeball radius and iris radius, mm; the eyeball's centre. */
  eyeX: number
  eyeR: number
  irisR: number
  eyeZ: number
  /** Half-widths at the cheekbones and at the jaw angle. */
  zygomaX: number
  gonionX: number
  /** Neck: semi-axes (x, z) and the forward offset of its centre at the jaw. */
  neckA: number
  neckB: number
  neckZ: number
  /** Ears, client's right then left. */
  ears: [Ear, Ear]
  /** Brow arch heights above glabella (medial head, peak, tail), mm, and the brow's thickness. */
  brow: { headY: number; peakY: number; tailY: number; headX: number; peakX: number; tailX: number; thick: number }
}

/** Pupils sit this far below glabella [assumption: the brow ridge's overhang; with the model's vertex height this puts
 * the vertex ≈ 120 mm above the eyes, within one SD of DOMAIN §12.1's 113.8 ± 9.0]. */
const EYE_BELOW_GLABELLA_MM = 11
/** Sellion (the nasal root) below glabella [assumption: sellion sits just below glabella, DOMAIN §12.2]. */
const SELLION_BELOW_GLABELLA_MM = 9

function norm(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2])
  return [v[0] / l, v[1] / l, v[2] / l]
}

/** The face of `head` for a male or female head. */
export function faceFor(head: HeadModel, sex: Sex): Face {
  const n = FACE_NORMS[sex]
  const scale = Math.sqrt(Math.sqrt((head.a * head.b) / REFERENCE_AB[sex]))
  const s = scale
  const sellionY = -SELLION_BELOW_GLABELLA_MM * s
  const subnasaleY = -n.middleThird * s
  const mentonY = sellionY - n.faceHeight * s
  const lower = subnasaleY - mentonY
  const stomionY = subnasaleY - lower / 3
  const eyeR = 12 * s
  const ears: Ear[] = []
  for (const side of [1, -1] as const) {
    // ear plane: along the side of the head, its long axis tilted 20° back, flaring out towards its back edge
    const tilt = (20 * Math.PI) / 180
    const long = norm([0, Math.cos(tilt), -Math.sin(tilt)])
    const flare = 0.42 // rad: the auricle stands off the head at its back edge
    const back0: Vec3 = [0, -Math.sin(tilt), -Math.cos(tilt)]
    const breadth = norm([side * Math.sin(flare), back0[1] * Math.cos(flare), back0[2] * Math.cos(flare)])
    // out = breadth × long (or long × breadth), whichever points away from the head
    let out: Vec3 = [
      breadth[1] * long[2] - breadth[2] * long[1],
      breadth[2] * long[0] - breadth[0] * long[2],
      breadth[0] * long[1] - breadth[1] * long[0],
    ]
    if (out[0] * side < 0) out = [-out[0], -out[1], -out[2]]
    const length = n.earLength * s
    const width = n.earBreadth * s
    // top of the ear level with the brow (≈ glabella + 4 mm): centre half a length below; front edge at tragion (z ≈ 4)
    const topY = 4 * s
    const cy = topY - (length / 2) * Math.cos(tilt)
    const cz = 4 - (width / 2) * Math.cos(flare) - (length / 2) * 0.15
    const yy = cy / head.c
    const zz = cz / head.b
    const sideX = head.a * Math.sqrt(Math.max(0.05, 1 - yy * yy - zz * zz))
    ears.push({
      center: [side * (sideX + (width / 2) * Math.sin(flare) - 1), cy, cz],
      long,
      breadth,
      out: norm(out),
      length,
      width,
      protrusion: n.earProtrusion * s,
    })
  }
  const neckR = n.neckCircumference / (2 * Math.PI)
  return {
    sex,
    gz: head.b,
    scale,
    eyeY: -EYE_BELOW_GLABELLA_MM * s,
    sellionY,
    subnasaleY,
    stomionY,
    mentonY,
    eyeX: (n.interpupillary / 2) * s,
    eyeR,
    irisR: n.iris / 2,
    eyeZ: head.b - 7.5 * s - eyeR,
    zygomaX: (n.bizygomatic / 2) * s,
    gonionX: (n.bigonial / 2) * s,
    // a neck a little deeper than wide, with the measured circumference
    neckA: neckR * 0.9,
    neckB: neckR * 1.08,
    neckZ: -0.2 * head.b,
    ears: [ears[0], ears[1]],
    brow:
      sex === 'male'
        ? { headY: 1, peakY: 6, tailY: 0, headX: 11, peakX: 38, tailX: 56, thick: 9 }
        : { headY: 1, peakY: 10, tailY: 3, headX: 11, peakX: 38, tailX: 53, thick: 5.5 },
  }
}
