// Runs the engine's placement in Chromium and publishes a digest per design on window.__placement.
import { DIGEST_CASES, dotBytes } from './placement-digest.ts'

declare global {
  interface Window {
    __placement?: { preset: string; seed: number; count: number; sha256: string }[]
  }
}

async function run() {
  const out: NonNullable<Window['__placement']> = []
  for (const c of DIGEST_CASES) {
    const { count, bytes } = dotBytes(c)
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)))
    out.push({
      preset: c.preset,
      seed: c.seed,
      count,
      sha256: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join(''),
    })
  }
  window.__placement = out
  const status = document.getElementById('status')
  if (status) status.textContent = `done: ${out.length} designs`
}

void run()
