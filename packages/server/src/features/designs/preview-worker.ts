// The preview worker thread: renders jobs off the server's event loop (placing a full head takes 0.2–1 s of CPU).
import { isMainThread, parentPort } from 'node:worker_threads'
import type { PlacementResult } from '@stipple/engine'
import { CACHED_PLACEMENTS, Lru, type RenderJob, renderJob } from './render-job.ts'

const placements = new Lru<Extract<PlacementResult, { ok: true }>>(CACHED_PLACEMENTS)

if (!isMainThread && parentPort !== null) {
  const port = parentPort
  port.on('message', (job: RenderJob) => {
    const reply = renderJob(job, placements)
    // the pixels move to the main thread without a copy
    port.postMessage(reply, reply.ok ? [reply.rgba.buffer] : [])
  })
  port.postMessage({ ready: true })
}
