import { createHead, createView, DEFAULT_HEAD, projectChartPoint } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import { cameraFor } from './view-camera.ts'

const head = createHead(DEFAULT_HEAD.male)

describe('cameraFor', () => {
  it('gives the named views as the engine makes them, and the 3D head at 0° is the front view', () => {
    expect(cameraFor(head, 'top', 0, 256)).toEqual(createView(head, 'top', 256, 256))
    const front = createView(head, 'front', 256, 256)
    const r = cameraFor(head, 'rotate', 0, 256)
    for (let i = 0; i < 3; i++) expect(r.eye[i]).toBeCloseTo(front.eye[i] ?? Number.NaN, 9)
  })

  it('turning the head 90° shows the side: the temple faces the camera, the back of the head does not', () => {
    const side = cameraFor(head, 'rotate', 90, 256)
    // the client's right temple (u > 0) is in view from the right, the left one is hidden
    expect(projectChartPoint(side, 120, 40)).not.toBeNull()
    expect(projectChartPoint(side, -120, 40)).toBeNull()
    const back = cameraFor(head, 'rotate', 180, 256)
    expect(projectChartPoint(back, 0, -120)).not.toBeNull()
    expect(projectChartPoint(back, 0, 120)).toBeNull()
  })
})
