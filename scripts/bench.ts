// `npm run bench [-- --json] [--only PREFIX] [--quick] [--root DIR]`: runs every `packages/*/bench/*.bench.ts` and prints
// a table, or with --json exactly `{ "results": [...] }` on stdout (DESIGN.md §Benchmarks). Progress goes to stderr.
// Exit codes: 0 all benches ran; 1 a bench failed or returned an invalid row; 2 invalid arguments.
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Bench, BenchRow } from './bench-types.ts'

/** A row as reported: speedup resolved, the `higherIsBetter` hint dropped. */
export interface BenchResult {
  id: string
  unit: string
  ours: number
  peer: string | null
  peerValue: number | null
  speedup: number | null
  note?: string
}

export interface BenchArgs {
  json: boolean
  only: string | null
  quick: boolean
  root: string
}

export class BenchArgsError extends Error {}

export function parseBenchArgs(argv: readonly string[], defaultRoot: string): BenchArgs {
  const args: BenchArgs = { json: false, only: null, quick: false, root: defaultRoot }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--json') args.json = true
    else if (arg === '--quick') args.quick = true
    else if (arg === '--only' || arg === '--root') {
      const value = argv[++i]
      if (value === undefined || value.startsWith('--')) throw new BenchArgsError(`${arg}: needs a value`)
      if (arg === '--only') args.only = value
      else args.root = value
    } else throw new BenchArgsError(`${arg}: unknown argument (expected --json, --only PREFIX, --quick or --root DIR)`)
  }
  return args
}

/** The bench files under `root`: packages/NAME/bench/*.bench.ts, sorted. */
export function discoverBenchFiles(root: string): string[] {
  const packages = join(root, 'packages')
  const files: string[] = []
  let names: string[] = []
  try {
    names = readdirSync(packages)
  } catch {
    return files
  }
  for (const pkg of names) {
    const dir = join(packages, pkg, 'bench')
    try {
      if (!statSync(dir).isDirectory()) continue
    } catch {
      continue
    }
    for (const f of readdirSync(dir)) if (f.endsWith('.bench.ts')) files.push(join(dir, f))
  }
  return files.sort()
}

/** Whether a bench named `name` can produce a row selected by `--only prefix`. */
export function benchSelected(name: string, only: string | null): boolean {
  return only === null || name.startsWith(only) || only.startsWith(`${name}.`)
}

export function rowSelected(id: string, only: string | null): boolean {
  return only === null || id.startsWith(only)
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/** Checks a row from bench `name` and resolves its speedup; throws with the reason when the row is invalid. */
export function finishRow(name: string, row: BenchRow): BenchResult {
  const where = `bench '${name}', row '${String(row?.id)}'`
  if (typeof row?.id !== 'string' || !(row.id === name || row.id.startsWith(`${name}.`))) {
    throw new Error(`${where}: the id must be '${name}' or start with '${name}.'`)
  }
  if (typeof row.unit !== 'string' || row.unit === '') throw new Error(`${where}: unit must be a non-empty string`)
  if (!isNumber(row.ours) || row.ours < 0) throw new Error(`${where}: ours must be a finite number ≥ 0`)
  const hasPeer = row.peer !== null
  if (hasPeer !== (row.peerValue !== null))
    throw new Error(`${where}: peer and peerValue must both be set or both null`)
  if (hasPeer && (typeof row.peer !== 'string' || !isNumber(row.peerValue) || row.peerValue < 0)) {
    throw new Error(`${where}: peer must be a string and peerValue a finite number ≥ 0`)
  }
  let speedup: number | null = null
  if (row.speedup !== undefined && row.speedup !== null) {
    if (!hasPeer) throw new Error(`${where}: a speedup needs a peer`)
    if (!isNumber(row.speedup)) throw new Error(`${where}: speedup must be a finite number`)
    speedup = row.speedup
  } else if (row.peerValue !== null) {
    const higherIsBetter = row.higherIsBetter ?? row.unit.endsWith('/s')
    speedup = higherIsBetter ? row.ours / row.peerValue : row.peerValue / row.ours
    if (!Number.isFinite(speedup))
      throw new Error(`${where}: cannot divide by zero for the speedup; give it explicitly`)
  }
  const result: BenchResult = {
    id: row.id,
    unit: row.unit,
    ours: significant(row.ours),
    peer: row.peer,
    peerValue: row.peerValue === null ? null : significant(row.peerValue),
    speedup: speedup === null ? null : Math.round(speedup * 100) / 100,
  }
  if (row.note !== undefined) result.note = row.note
  return result
}

// six significant digits keep the JSON free of timer noise; integers past that are kept whole
const significant = (x: number) => (Math.abs(x) >= 1e5 ? Math.round(x) : Number(x.toPrecision(6)))

export function formatNumber(x: number): string {
  const a = Math.abs(x)
  if (a !== 0 && a < 1) return x.toPrecision(3)
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

export function formatSpeedup(s: number): string {
  return `${s.toFixed(s >= 10 ? 1 : 2)}×`
}

const HEADER = ['id', 'unit', 'ours', 'peer', 'peer value', 'speedup'] as const
const RIGHT_ALIGNED = new Set([2, 4, 5])

/** The results as an aligned text table, one line per row (just the header and rule when there are none). */
export function formatTable(results: readonly BenchResult[]): string {
  const cells = results.map((r) => [
    r.id,
    r.unit,
    formatNumber(r.ours),
    r.peer ?? '—',
    r.peerValue === null ? '—' : formatNumber(r.peerValue),
    r.speedup === null ? '—' : formatSpeedup(r.speedup),
    r.note ?? '',
  ])
  const withNotes = results.some((r) => r.note !== undefined)
  const header: string[] = withNotes ? [...HEADER, 'note'] : [...HEADER]
  const rows = cells.map((c) => c.slice(0, header.length))
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cols: readonly string[]) =>
    cols
      .map((c, i) => (RIGHT_ALIGNED.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return `${[line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`
}

export function formatJson(results: readonly BenchResult[]): string {
  return `${JSON.stringify({ results }, null, 2)}\n`
}

function isBench(x: unknown): x is Bench {
  const b = x as Bench | null
  return typeof b === 'object' && b !== null && typeof b.name === 'string' && typeof b.run === 'function'
}

/** Imports and runs the selected benches in order; a failing bench is reported and the others still run. */
export async function runBenches(
  files: readonly string[],
  args: BenchArgs,
  log: (line: string) => void
): Promise<{ results: BenchResult[]; failures: number }> {
  const results: BenchResult[] = []
  const seen = new Set<string>()
  let failures = 0
  for (const file of files) {
    const shown = relative(args.root, file)
    try {
      const bench: unknown = (await import(pathToFileURL(file).href)).default
      if (!isBench(bench)) throw new Error('the default export must be { name: string, run(options) }')
      if (!benchSelected(bench.name, args.only)) continue
      const started = performance.now()
      log(`bench: ${bench.name} (${shown})…`)
      const rows = await bench.run({ quick: args.quick })
      if (!Array.isArray(rows)) throw new Error('run() must resolve to an array of rows')
      for (const row of rows) {
        const result = finishRow(bench.name, row)
        if (seen.has(result.id)) throw new Error(`row id '${result.id}' is reported twice`)
        seen.add(result.id)
        if (rowSelected(result.id, args.only)) results.push(result)
      }
      log(`bench: ${bench.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    } catch (error) {
      failures++
      log(`bench: ${shown} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
  return { results, failures }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: BenchArgs
  try {
    args = parseBenchArgs(argv, fileURLToPath(new URL('..', import.meta.url)))
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 2
  }
  const files = discoverBenchFiles(args.root)
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const { results, failures } = await runBenches(files, args, log)
  process.stdout.write(args.json ? formatJson(results) : formatTable(results))
  if (!args.json) {
    const only = args.only === null ? '' : ` matching '${args.only}'`
    process.stdout.write(`\n${results.length} result(s)${only} from ${files.length} bench file(s)\n`)
  }
  if (failures > 0) {
    log(`bench: ${failures} bench file(s) failed`)
    return 1
  }
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2))
}
