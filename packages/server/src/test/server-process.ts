// The real server program (bin/stipple-server.js) as a child process, for the durability test and the API bench:
// start it on a data directory and a free loopback port, wait for its banner, sign in over HTTP, kill it.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/stipple-server.js', import.meta.url))
const READY = /Stipple is running at (\S+) .*\(ready in ([0-9.]+) s\)/

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Seconds the program reported from start to listening (migrations and any demo seeding included). */
  readySeconds: number
  /** Everything the program wrote so far, stdout and stderr. */
  output(): string
  /** Sends a signal and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>
}

/** A loopback port nobody listens on right now (the OS picks it; a short race with other programs is accepted). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Runs `stipple-server <args>` to completion and returns its exit code and output. */
export function runServerCommand(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 60_000
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: timeoutMs })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Starts `stipple-server serve --data DIR --port P` and resolves once it listens; rejects if it exits first. */
export async function startServerProcess(options: {
  dataDir: string
  databaseUrl?: string | undefined
  timeoutMs?: number
}): Promise<ServerProcess> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (options.databaseUrl === undefined) delete env.DATABASE_URL
  else env.DATABASE_URL = options.databaseUrl
  const child = spawn(process.execPath, [BIN, 'serve', '--data', options.dataDir, '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = await new Promise<{ url: string; seconds: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`))
    }, options.timeoutMs ?? 60_000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = READY.exec(output)
      if (m !== null) {
        clearTimeout(timer)
        resolve({ url: `http://127.0.0.1:${port}`, seconds: Number(m[2]) })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${output}`))
    })
  })
  return {
    url: ready.url,
    child,
    readySeconds: ready.seconds,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

export interface HttpSession {
  cookie: string
  csrf: string
  memberships: { membershipId: string; clinicId: string; role: string }[]
}

/** Signs in through the API over HTTP. */
export async function signInOverHttp(url: string, email: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const body = (await res.json()) as { csrfToken: string; memberships: HttpSession['memberships'] }
  return { cookie, csrf: body.csrfToken, memberships: body.memberships }
}
