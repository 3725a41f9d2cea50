// What the harness page publishes on `window.__harness` for Playwright tests to read.
export interface HarnessState {
  ready: true
  /** Whether this browser gives the page a WebGL2 context (SwiftShader in headless Chromium). */
  webgl2: boolean
  /** WebGL2's MAX_TEXTURE_SIZE, or 0 without WebGL2. */
  maxTextureSize: number
}

declare global {
  interface Window {
    __harness?: HarnessState
  }
}
