import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type BenchResult,
  benchSelected,
  discoverBenchFiles,
  finishRow,
  formatJson,
  formatNumber,
  formatTable,
  parseBenchArgs,
  rowSelected,
} from './bench.ts'
import type { BenchRow } from './bench-types.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const tmpRoots: string[] = []

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stipple-bench-'))
  tmpRoots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

afterEach(() => {
  for (const r of tmpRoots.splice(0)) rmSync(r, { recursive: true, force: true })
})

function bench(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/bench.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const row = (over: Partial<BenchRow> = {}): BenchRow => ({
  id: 'placement.variable',
  unit: 'ms',
  ours: 41.2,
  peer: 'poisson-disk-sampling',
  peerValue: 530,
  ...over,
})

/** `row()` as reported: DESIGN.md's example row, speedup 530 / 41.2 rounded to two decimals. */
const variableResult: BenchResult = {
  id: 'placement.variable',
  unit: 'ms',
  ours: 41.2,
  peer: 'poisson-disk-sampling',
  peerValue: 530,
  speedup: 12.86,
}

describe('finishRow', () => {
  it('computes the speedup as peer cost over ours for a cost unit', () => {
    expect(finishRow('placement', row())).toEqual(variableResult)
  })

  it('computes ours over the peer for a throughput unit, or when higherIsBetter says so', () => {
    expect(finishRow('api', row({ id: 'api.read.pglite', unit: 'req/s', ours: 3000, peerValue: 1000 })).speedup).toBe(3)
    expect(
      finishRow('placement', row({ unit: 'points', higherIsBetter: true, ours: 50, peerValue: 100 })).speedup
    ).toBe(0.5)
    expect(
      finishRow('placement', row({ unit: 'dots/s', higherIsBetter: false, ours: 50, peerValue: 100 })).speedup
    ).toBe(2)
  })

  it('keeps an explicit speedup, leaves peerless rows null, and keeps a note', () => {
    expect(finishRow('placement', row({ speedup: 7 })).speedup).toBe(7)
    const alone = finishRow('render', row({ id: 'render.discs', peer: null, peerValue: null, note: 'cold' }))
    expect(alone).toEqual({
      id: 'render.discs',
      unit: 'ms',
      ours: 41.2,
      peer: null,
      peerValue: null,
      speedup: null,
      note: 'cold',
    })
  })

  it('refuses rows outside the bench’s id prefix, bad numbers, and a half-given peer', () => {
    expect(() => finishRow('render', row())).toThrow("the id must be 'render' or start with 'render.'")
    expect(() => finishRow('place', row())).toThrow("start with 'place.'")
    expect(() => finishRow('placement', row({ ours: Number.NaN }))).toThrow('ours must be a finite number')
    expect(() => finishRow('placement', row({ peerValue: null }))).toThrow('both be set or both null')
    expect(() => finishRow('placement', row({ ours: 0 }))).toThrow('cannot divide by zero')
    expect(() => finishRow('placement', row({ peer: null, peerValue: null, speedup: 2 }))).toThrow('needs a peer')
  })
})

describe('selection with --only', () => {
  it('runs a bench whose name could produce a matching id, and keeps the rows whose id starts with the prefix', () => {
    expect(benchSelected('placement', null)).toBe(true)
    expect(benchSelected('placement', 'placement')).toBe(true)
    expect(benchSelected('placement', 'place')).toBe(true)
    expect(benchSelected('placement', 'placement.fixed')).toBe(true)
    expect(benchSelected('placement', 'render')).toBe(false)
    expect(benchSelected('api', 'api.read.pglite')).toBe(true)
    expect(benchSelected('api', 'apis')).toBe(false)
    expect(rowSelected('placement.fixed', 'placement.f')).toBe(true)
    expect(rowSelected('placement.variable', 'placement.f')).toBe(false)
  })
})

describe('formatting', () => {
  const results: BenchResult[] = [
    finishRow('placement', row()),
    finishRow('render', row({ id: 'render.discs', unit: 'ms', ours: 88.04, peer: null, peerValue: null })),
    finishRow('placement', row({ id: 'placement.rate', unit: 'dots/s', ours: 2_345_678, peerValue: 250_000 })),
  ]

  it('prints an aligned table with speedups like 12.9×', () => {
    expect(formatTable(results)).toBe(
      [
        'id                  unit         ours  peer                   peer value  speedup',
        '──────────────────  ──────  ─────────  ─────────────────────  ──────────  ───────',
        'placement.variable  ms           41.2  poisson-disk-sampling         530    12.9×',
        'render.discs        ms           88.0  —                               —        —',
        'placement.rate      dots/s  2,345,678  poisson-disk-sampling     250,000    9.38×',
        '',
      ].join('\n')
    )
  })

  it('prints just the header for no results', () => {
    expect(formatTable([]).split('\n')).toEqual([
      'id  unit  ours  peer  peer value  speedup',
      '──  ────  ────  ────  ──────────  ───────',
      '',
    ])
  })

  it('formats small and large numbers readably', () => {
    expect(formatNumber(0.01234)).toBe('0.0123')
    expect(formatNumber(3.45678)).toBe('3.46')
    expect(formatNumber(1234.5)).toBe('1,235')
  })

  it('prints JSON as DESIGN.md §Benchmarks gives it', () => {
    expect(JSON.parse(formatJson(results.slice(0, 1)))).toEqual({ results: [variableResult] })
  })
})

describe('parseBenchArgs', () => {
  it('reads --json, --only, --quick and --root, and refuses anything else', () => {
    expect(parseBenchArgs(['--json', '--only', 'render', '--quick'], '/r')).toEqual({
      json: true,
      only: 'render',
      quick: true,
      root: '/r',
    })
    expect(() => parseBenchArgs(['--only'], '/r')).toThrow('--only: needs a value')
    expect(() => parseBenchArgs(['--fast'], '/r')).toThrow('--fast: unknown argument')
  })
})

describe('npm run bench', () => {
  const fake = (name: string, rows: string, extra = '') =>
    `${extra}export default { name: '${name}', async run({ quick }) { return ${rows} } }\n`

  it('prints an empty table and exits 0 when there are no bench files', () => {
    const root = workspace({ 'packages/engine/src/index.ts': 'export {}\n' })
    expect(discoverBenchFiles(root)).toEqual([])
    const table = bench('--root', root)
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('id  unit  ours  peer  peer value  speedup\n')
    expect(table.stdout).toContain('0 result(s) from 0 bench file(s)')
    expect(bench('--root', root, '--json')).toMatchObject({ code: 0, stdout: '{\n  "results": []\n}\n' })
  })

  it('discovers packages/*/bench/*.bench.ts, passes --quick, filters with --only, and prints only JSON on stdout', () => {
    const root = workspace({
      'packages/engine/bench/placement.bench.ts': fake(
        'placement',
        "[{ id: 'placement.fixed', unit: 'ms', ours: quick ? 1 : 2, peer: 'fast-2d-poisson-disk-sampling', peerValue: 10 }, { id: 'placement.variable', unit: 'ms', ours: 5, peer: null, peerValue: null }]"
      ),
      'packages/engine/bench/render.bench.ts': fake(
        'render',
        "[{ id: 'render.discs', unit: 'ms', ours: 1, peer: null, peerValue: null }]"
      ),
      'packages/engine/bench/helper.ts': 'export const notABench = 1\n',
      'packages/server/bench/api.bench.ts': fake(
        'api',
        "[{ id: 'api.read.pglite', unit: 'req/s', ours: 900, peer: 'x', peerValue: 300 }]"
      ),
    })
    expect(discoverBenchFiles(root).map((f) => f.slice(root.length + 1))).toEqual([
      'packages/engine/bench/placement.bench.ts',
      'packages/engine/bench/render.bench.ts',
      'packages/server/bench/api.bench.ts',
    ])
    const all = bench('--root', root, '--json', '--quick')
    expect(all.code).toBe(0)
    expect(JSON.parse(all.stdout).results.map((r: BenchResult) => [r.id, r.ours, r.speedup])).toEqual([
      ['placement.fixed', 1, 10],
      ['placement.variable', 5, null],
      ['render.discs', 1, null],
      ['api.read.pglite', 900, 3],
    ])
    const only = bench('--root', root, '--json', '--only', 'placement.f')
    expect(JSON.parse(only.stdout).results.map((r: BenchResult) => [r.id, r.ours])).toEqual([['placement.fixed', 2]])
    expect(only.stderr).not.toContain('bench: render')
  })

  it('exits 1 when a bench throws or returns an invalid row, after running the others', () => {
    const root = workspace({
      'packages/engine/bench/a.bench.ts': fake('a', '(() => { throw new Error("kaput") })()'),
      'packages/engine/bench/b.bench.ts': fake(
        'b',
        "[{ id: 'elsewhere.x', unit: 'ms', ours: 1, peer: null, peerValue: null }]"
      ),
      'packages/engine/bench/c.bench.ts': fake(
        'c',
        "[{ id: 'c.ok', unit: 'ms', ours: 1, peer: null, peerValue: null }]"
      ),
    })
    const r = bench('--root', root)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('packages/engine/bench/a.bench.ts failed: Error: kaput')
    expect(r.stderr).toContain("the id must be 'b' or start with 'b.'")
    expect(r.stdout).toMatch(/^c\.ok\s+ms\s+1\.00/m)
  })

  it('exits 2 on an unknown argument', () => {
    expect(bench('--colour')).toMatchObject({ code: 2, stdout: '' })
  })
})
