// The browser harness: a page served by the web package's vite dev server where e2e tests run engine code in Chromium.
// Later tests import `@stipple/engine` here (vite compiles the workspace's TypeScript on the fly) and publish results on window.
import type { HarnessState } from './harness-state.ts'

const gl = document.createElement('canvas').getContext('webgl2')
const state: HarnessState = {
  ready: true,
  webgl2: gl !== null,
  maxTextureSize: gl === null ? 0 : (gl.getParameter(gl.MAX_TEXTURE_SIZE) as number),
}
window.__harness = state
const status = document.getElementById('status')
if (status !== null) status.textContent = `ready; webgl2: ${state.webgl2}`
