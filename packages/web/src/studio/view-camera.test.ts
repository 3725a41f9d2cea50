import { CAMERA_ELEVATION_DEG, createHead, createView, DEFAULT_HEAD, projectChartPoint } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import { cameraFor, orbitAfterDrag } from './view-camera.ts'

const head = createHead({ ...DEFAULT_HEAD.male, sex: 'male' })

describe('cameraFor', () => {
  it('gives the named views as the engine makes them; the orbit at yaw 0 and the front camera’s pitch is the front view', () => {
    expect(cameraFor(head, 'top', 0, 25, 256)).toEqual(createView(head, 'top', 256, 256))
    expect(cameraFor(head, 'three-quarter-left', 0, 25, 256)).toEqual(createView(head, 'three-quarter-left', 256, 256))
    const front = createView(head, 'front', 256, 256)
    const r = cameraFor(head, 'orbit', 0, CAMERA_ELEVATION_DEG, 256)
    for (let i = 0; i < 3; i++) expect(r.eye[i]).toBeCloseTo(front.eye[i] ?? Number.NaN, 9)
  })

  it('turning the orbit 90° shows the side: the temple faces the camera, the back of the head does not', () => {
    const side = cameraFor(head, 'orbit', 90, 25, 256)
    // the client's right temple (u > 0) is in view from the right, the left one is hidden
    expect(projectChartPoint(side, 120, 40)).not.toBeNull()
    expect(projectChartPoint(side, -120, 40)).toBeNull()
    const back = cameraFor(head, 'orbit', 180, 25, 256)
    expect(projectChartPoint(back, 0, -120)).not.toBeNull()
    expect(projectChartPoint(back, 0, 120)).toBeNull()
  })

  it('tilting the orbit towards the top brings the crown into view from the front', () => {
    const level = cameraFor(head, 'orbit', 0, 0, 256)
    const high = cameraFor(head, 'orbit', 0, 80, 256)
    expect(projectChartPoint(level, 0, -60)).toBeNull()
    expect(projectChartPoint(high, 0, -60)).not.toBeNull()
  })
})

describe('orbitAfterDrag', () => {
  it('turns with a sideways drag, tilts with a vertical one, wraps the yaw and keeps the pitch in range', () => {
    expect(orbitAfterDrag(0, 25, -40, 0)).toEqual({ yaw: 10, pitch: 25 })
    expect(orbitAfterDrag(175, 25, -40, 0)).toEqual({ yaw: -175, pitch: 25 })
    expect(orbitAfterDrag(0, 80, 0, 400).pitch).toBe(85)
    expect(orbitAfterDrag(0, 10, 0, -400).pitch).toBe(0)
  })
})
