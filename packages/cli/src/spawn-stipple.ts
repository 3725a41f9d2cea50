// Test helper: runs the real `stipple` bin (the tsx shim) as a user would.
import { spawnSync } from 'node:child_process'

const bin = new URL('../bin/stipple.js', import.meta.url).pathname

export function stipple(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, STIPPLE_DEBUG: '' },
    maxBuffer: 256 * 1024 * 1024,
    // a command that never returns (a server started by mistake) fails its test instead of hanging the suite
    timeout: 120_000,
    killSignal: 'SIGKILL',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** stderr as its lines, without the trailing empty one. */
export const lines = (text: string) => text.split('\n').filter((l) => l !== '')
