// A face detector finds the face of the synthetic head in the front and three-quarter views, and none from the back:
// @vladmandic/human (its BlazeFace detector and face mesh; the models ship in its npm package) on the tfjs WASM backend,
// as ../shared/STACK.md measured it (Node, no tfjs-node).

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderPreview } from './render-preview.ts'
import { latticeDots, latticeHair, syntheticDesign, syntheticPlacement } from './synthetic.ts'

const require = createRequire(import.meta.url)
// package roots from their main entries (neither exports its package.json)
const rootOf = (main: string) => main.slice(0, main.lastIndexOf('/dist/'))
const humanRoot = rootOf(require.resolve('@vladmandic/human'))
const wasmDir = `${rootOf(require.resolve('@tensorflow/tfjs-backend-wasm'))}/dist/`
// the package's exports map is broken for subpaths (STACK.md): load the Node WASM bundle by path
const { Human } = require(join(humanRoot, 'dist/human.node-wasm.js'))

const SIZE = 640
const design = syntheticDesign()
const dots = latticeDots({
  seed: 11,
  center: [0, 10],
  rInner: 0,
  rOuter: 130,
  density: 85,
  diameterMm: 0.15,
  shade: 35,
  shares: [0.4, 0.35, 0.25],
})
const hair = latticeHair(11, 140, 200, 85)

// without tfjs-node, file:// models and wasm are read from disk through a small fetch shim (STACK.md)
const realFetch = globalThis.fetch
let human: {
  load(): Promise<void>
  detect(t: unknown): Promise<{ face: { boxScore: number; faceScore: number; box: number[] }[] }>
  tf: { tensor3d(d: Uint8Array, s: number[], t: string): { dispose(): void } }
}

beforeAll(async () => {
  globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = String(url)
    if (!u.startsWith('file://')) return realFetch(url, init)
    const type = u.endsWith('.json')
      ? 'application/json'
      : u.endsWith('.wasm')
        ? 'application/wasm'
        : 'application/octet-stream'
    return new Response(readFileSync(new URL(u)), { status: 200, headers: { 'content-type': type } })
  }) as typeof fetch
  human = new Human({
    backend: 'wasm',
    wasmPath: `file://${wasmDir}`,
    modelBasePath: `file://${join(humanRoot, 'models/')}`,
    cacheSensitivity: 0,
    debug: false,
    face: {
      enabled: true,
      detector: { enabled: true, rotation: false, skipFrames: 0, skipTime: 0, minConfidence: 0.2 },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  })
  await human.load()
}, 60_000)

afterAll(() => {
  globalThis.fetch = realFetch
})

async function faces(view: 'front' | 'three-quarter-left' | 'three-quarter-right' | 'back') {
  const target = { width: SIZE, height: SIZE, data: new Uint8ClampedArray(SIZE * SIZE * 4) }
  expect(renderPreview(syntheticPlacement(design, dots, hair), { view, width: SIZE, height: SIZE }, target).ok).toBe(
    true
  )
  const rgb = new Uint8Array(SIZE * SIZE * 3)
  for (let i = 0; i < SIZE * SIZE; i++) {
    rgb[i * 3] = target.data[i * 4]
    rgb[i * 3 + 1] = target.data[i * 4 + 1]
    rgb[i * 3 + 2] = target.data[i * 4 + 2]
  }
  const t = human.tf.tensor3d(rgb, [SIZE, SIZE, 3], 'int32')
  const r = await human.detect(t)
  t.dispose()
  return r.face
}

describe('a face detector sees a face', () => {
  it('in the front view: one face, confidently, centred below the scalp', async () => {
    const f = await faces('front')
    expect(f.length).toBe(1)
    expect(f[0].boxScore).toBeGreaterThan(0.6)
    expect(f[0].faceScore).toBeGreaterThan(0.6)
    const [x, y, w, h] = f[0].box
    // the box's centre lies in the middle third across and in the lower half of the image (the face, not the crown)
    expect(x + w / 2).toBeGreaterThan(SIZE / 3)
    expect(x + w / 2).toBeLessThan((2 * SIZE) / 3)
    expect(y + h / 2).toBeGreaterThan(SIZE / 2.5)
  }, 60_000)

  it('in both three-quarter views', async () => {
    for (const v of ['three-quarter-left', 'three-quarter-right'] as const) expect((await faces(v)).length).toBe(1)
  }, 60_000)

  it('and none from the back', async () => {
    expect(await faces('back')).toEqual([])
  }, 60_000)
})
