// Places the determinism cases through the studio's placement worker and publishes a digest per design on
// window.__studioWorker, in the same form as placement.ts (studio-worker.e2e.ts compares them with Node's).
import { presetDesign } from '@stipple/engine'
import { createVersioner } from '../../src/studio/editor/design-versions.ts'
import { createPlacementClient, type PortLike } from '../../src/studio/placement/placement-client.ts'
import type { PlaceResponse } from '../../src/studio/placement/placement-protocol.ts'
import { DIGEST_CASES } from './placement-digest.ts'

declare global {
  interface Window {
    __studioWorker?: { preset: string; seed: number; count: number; sha256: string }[]
  }
}

// one numbering for every design sent, as the studio's editor keeps it: a new design is never mistaken for the last
const versionsOf = createVersioner().versionsOf

async function run() {
  const worker = new Worker(new URL('../../src/studio/placement/placement-worker.ts', import.meta.url), {
    type: 'module',
  })
  let resolve: (r: PlaceResponse) => void = () => undefined
  const client = createPlacementClient(worker as unknown as PortLike, (r) => resolve(r))
  const out: NonNullable<Window['__studioWorker']> = []
  for (const c of DIGEST_CASES) {
    const r = await new Promise<PlaceResponse>((ok) => {
      resolve = ok
      const design = presetDesign(c.preset, { seed: c.seed, sex: c.sex })
      client.request(design, versionsOf(design), false)
    })
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '))
    const { dots, hair } = r.placement
    const parts = [dots.x, dots.y, dots.diameter, dots.shade, dots.session, dots.zone, hair.x, hair.y]
    const total = parts.reduce((n, p) => n + p.byteLength, 0)
    const bytes = new Uint8Array(total)
    let at = 0
    for (const p of parts) {
      bytes.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at)
      at += p.byteLength
    }
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
    out.push({
      preset: c.preset,
      seed: c.seed,
      count: dots.count,
      sha256: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join(''),
    })
  }
  client.dispose()
  window.__studioWorker = out
  const status = document.getElementById('status')
  if (status) status.textContent = `done: ${out.length} designs`
}

void run()
