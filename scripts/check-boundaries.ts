// `npm run boundaries [ROOT]`: fails when a package imports against the direction in DESIGN.md or when imports form a cycle.
import { fileURLToPath } from 'node:url'
import { checkBoundaries } from './boundaries.ts'

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url))
const violations = checkBoundaries(root)
for (const v of violations) process.stderr.write(`${v.file}: [${v.rule}] ${v.message}\n`)
if (violations.length > 0) {
  process.stderr.write(`boundaries: ${violations.length} violation(s)\n`)
  process.exit(1)
}
process.stdout.write('boundaries: clean\n')
