// `stipple serve` and `stipple db` run the server's own program (packages/server/bin/stipple-server.js) as a child
// process: the cli never imports the server (DESIGN: server, web and cli never import each other).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The server's bin, found through its package.json like any installed package. */
function serverBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@stipple/server/package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> }
  const bin = manifest.bin['stipple-server']
  if (bin === undefined) throw new Error(`${manifestPath} names no stipple-server bin`)
  return join(dirname(manifestPath), bin)
}

/** Runs the server program with `args`, its output on ours; resolves to its exit code. Ctrl-C reaches it too. */
export function runServerProcess(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // the IPC channel lets the server notice when we are gone, however we died, and stop instead of holding its lock
    // the server reports "ready in N s" from when this command started (a person's wait includes both starts)
    const startedAt = String(Math.round(performance.timeOrigin))
    const child = spawn(process.execPath, [serverBin(), ...args], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, STIPPLE_STARTED_AT: process.env.STIPPLE_STARTED_AT ?? startedAt },
    })
    const forward = (signal: NodeJS.Signals) => () => {
      child.kill(signal)
    }
    const onTerm = forward('SIGTERM')
    const onInt = forward('SIGINT')
    process.on('SIGTERM', onTerm)
    process.on('SIGINT', onInt)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', onTerm)
      process.off('SIGINT', onInt)
      resolve(code ?? (signal === null ? 1 : 128 + 2))
    })
  })
}
