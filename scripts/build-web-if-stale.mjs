// `npm start` runs this first: builds the web app only when packages/web/dist is missing or older than any source it
// bundles (web, engine, domain), so a start on an unchanged checkout costs no build.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const built = join(root, 'packages/web/dist/index.html')
const sources = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/engine/src',
  'packages/domain/src',
]

/** The newest modification time under `path` (a file or a directory, walked). */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (stat === undefined) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)))
  return latest
}

const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0
const changedAt = Math.max(...sources.map((s) => newest(join(root, s))))
if (builtAt < changedAt) {
  process.stdout.write(builtAt === 0 ? 'Building the web app…\n' : 'The web app changed: building it again…\n')
  const result = spawnSync('npm', ['run', 'build', '-w', '@stipple/web'], { cwd: root, stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
