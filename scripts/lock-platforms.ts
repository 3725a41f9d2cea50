// `npm run lock:platforms`: adds to package-lock.json the other-platform optional binaries (e.g. @biomejs/cli-darwin-arm64)
// that the registry this project installs from does not carry at the locked version. `npm install` leaves them out of the
// lock when it cannot fetch them, and then `npm ci` refuses the lock ("Missing: @biomejs/cli-darwin-arm64@ from lock file").
// Each added entry names its os/cpu/libc, so npm skips it on this platform without fetching it. Run it after an install
// that changes such a package (biome, knip's oxc-parser), then `npm ci` to confirm.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

interface LockEntry {
  version?: string
  os?: string[]
  cpu?: string[]
  libc?: string[]
  optionalDependencies?: Record<string, string>
  [key: string]: unknown
}

/** The os, cpu and libc a platform package is for, read from its name: `@biomejs/cli-linux-x64-musl`, `@oxc-parser/binding-win32-arm64-msvc`. */
export function platformOf(name: string): { os: string; cpu: string; libc: string | null } | null {
  const parts = (name.split('/').pop() ?? '').replace(/^(cli|binding)-/, '').split('-')
  const [os, cpu, abi] = parts
  if (os === undefined || cpu === undefined) return null
  if (
    !['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'netbsd', 'openbsd', 'sunos', 'aix'].includes(os)
  )
    return null
  return { os, cpu, libc: os === 'linux' ? (abi?.startsWith('musl') ? 'musl' : 'glibc') : null }
}

/** Adds the missing platform entries in place and returns their keys. */
export function addMissingPlatforms(packages: Record<string, LockEntry>): string[] {
  const added: string[] = []
  for (const parent of Object.values(packages)) {
    for (const [dep, version] of Object.entries(parent.optionalDependencies ?? {})) {
      const key = `node_modules/${dep}`
      if (packages[key] !== undefined) continue
      const platform = platformOf(dep)
      const scope = dep.slice(0, dep.lastIndexOf('/') + 1)
      const sibling = Object.entries(packages).find(([k, v]) => k.startsWith(`node_modules/${scope}`) && v.os)?.[1]
      if (platform === null || sibling === undefined) continue
      const entry: LockEntry = { version, cpu: [platform.cpu] }
      if (sibling.dev) entry.dev = true
      if (platform.libc !== null) entry.libc = [platform.libc]
      if (sibling.license) entry.license = sibling.license
      entry.optional = true
      entry.os = [platform.os]
      if (sibling.engines) entry.engines = sibling.engines
      packages[key] = entry
      added.push(key)
    }
  }
  return added
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = fileURLToPath(new URL('../package-lock.json', import.meta.url))
  const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, LockEntry> }
  const added = addMissingPlatforms(lock.packages)
  const { '': root, ...rest } = lock.packages
  lock.packages = {
    '': root ?? {},
    ...Object.fromEntries(
      Object.keys(rest)
        .sort((a, b) => a.localeCompare(b, 'en'))
        .map((k) => [k, rest[k] ?? {}])
    ),
  }
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`)
  process.stdout.write(
    added.length === 0 ? 'lock:platforms: nothing missing\n' : `lock:platforms: added ${added.join(', ')}\n`
  )
}
