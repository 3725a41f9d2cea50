import { describe, expect, it } from 'vitest'
import { createHead, DEFAULT_HEAD, type Sex } from './head.ts'
import { faceGeometry, headMesh } from './head-model.ts'

// DOMAIN §12.1 means [ANSUR2], [NIOSH03]
const NORM = {
  male: { faceHeight: 122.6, neck: 397.6, ear: 64.2, bizygomatic: 142.6 },
  female: { faceHeight: 113.1, neck: 329.8, ear: 59.4, bizygomatic: 133.8 },
}

/** Perimeter of the mesh's horizontal slice nearest height y (face-and-neck part only). */
function slicePerimeter(sex: Sex, y: number): number {
  const head = createHead(DEFAULT_HEAD[sex])
  const m = headMesh(head, sex)
  // slice rows are 256 vertices each, from the top down
  let best = -1
  let bestD = Infinity
  for (let v = 0; v < m.vertexCount; v += 256) {
    if (m.part[v] !== 0) break
    const d = Math.abs(m.position[v * 3 + 1] - y)
    if (d < bestD) {
      bestD = d
      best = v
    }
  }
  let sum = 0
  for (let i = 0; i < 256; i++) {
    const a = (best + i) * 3
    const b = (best + ((i + 1) % 256)) * 3
    sum += Math.hypot(m.position[b] - m.position[a], m.position[b + 2] - m.position[a + 2])
  }
  return sum
}

describe('the head around the scalp (DOMAIN §12)', () => {
  for (const sex of ['male', 'female'] as const) {
    const head = createHead(DEFAULT_HEAD[sex])
    const f = faceGeometry(head, sex)
    const m = headMesh(head, sex)
    const scale = head.measurements.circumferenceMm / (sex === 'male' ? 574.4 : 561.1)

    it(`${sex}: face height sellion–menton at the norm, measured on the mesh's midline`, () => {
      expect(f.sellionY - f.mentonY).toBeCloseTo(NORM[sex].faceHeight * scale, 6)
      // the lowest point of the face's front midline (the chin) sits within 4 mm of menton
      let chin = Infinity
      for (let v = 0; v < m.vertexCount; v++) {
        const x = m.position[v * 3]
        const y = m.position[v * 3 + 1]
        const z = m.position[v * 3 + 2]
        if (m.part[v] === 0 && Math.abs(x) < 1 && z > f.glabellaZ - 40 && y < f.stomionY && y < chin) chin = y
      }
      expect(Math.abs(chin - f.mentonY)).toBeLessThan(4)
    })

    it(`${sex}: the neck's girth at the norm (±5 %)`, () => {
      const p = slicePerimeter(sex, f.mentonY - 70)
      expect(Math.abs(p / (NORM[sex].neck * scale) - 1)).toBeLessThan(0.05)
    })

    it(`${sex}: ears of the norm's length, top level with the brow, behind the face, standing out from the head`, () => {
      let top = -Infinity
      let bottom = Infinity
      let outX = 0
      let frontZ = -Infinity
      for (let v = 0; v < m.vertexCount; v++) {
        if (m.part[v] !== 1 || m.position[v * 3] < 0) continue
        top = Math.max(top, m.position[v * 3 + 1])
        bottom = Math.min(bottom, m.position[v * 3 + 1])
        outX = Math.max(outX, m.position[v * 3])
        frontZ = Math.max(frontZ, m.position[v * 3 + 2])
      }
      // the long axis is tilted back, so the vertical extent is a little under the length
      expect(top - bottom).toBeGreaterThan(0.9 * NORM[sex].ear * scale)
      expect(top - bottom).toBeLessThan(1.05 * NORM[sex].ear * scale)
      expect(Math.abs(top)).toBeLessThan(8) // the brow plane is y = 0
      expect(frontZ).toBeLessThan(f.glabellaZ - 60) // an ear length behind the orbit's rim
      // protrudes 15–25 mm beyond the side of the head (DOMAIN §12.1)
      expect(outX - head.a).toBeGreaterThan(10)
      expect(outX - head.a).toBeLessThan(30)
    })

    it(`${sex}: cheekbones near the bizygomatic breadth, and a nose in front of the brow`, () => {
      let nose = -Infinity
      let zyg = 0
      for (let v = 0; v < m.vertexCount; v++) {
        if (m.part[v] !== 0) continue
        const y = m.position[v * 3 + 1]
        if (Math.abs(m.position[v * 3]) < 3) nose = Math.max(nose, m.position[v * 3 + 2])
        // in front of the ears, where the cheekbones are the widest part
        if (Math.abs(y - (f.eyeY - 10)) < 1 && m.position[v * 3 + 2] > f.earFrontZ + 15)
          zyg = Math.max(zyg, 2 * m.position[v * 3])
      }
      expect(nose).toBeGreaterThan(f.glabellaZ + 5)
      expect(Math.abs(zyg / (NORM[sex].bizygomatic * scale) - 1)).toBeLessThan(0.12)
    })
  }

  it('outward normals and a closed grid: every face-and-neck normal points away from the vertical axis', () => {
    const head = createHead(DEFAULT_HEAD.male)
    const m = headMesh(head, 'male')
    let bad = 0
    let n = 0
    for (let v = 0; v < m.vertexCount; v++) {
      if (m.part[v] !== 0) continue
      n++
      const dot = m.normal[v * 3] * m.position[v * 3] + m.normal[v * 3 + 2] * (m.position[v * 3 + 2] + 8)
      if (dot < 0 && m.normal[v * 3 + 1] > -0.9) bad++
    }
    expect(bad / n).toBeLessThan(0.02)
  })
})
