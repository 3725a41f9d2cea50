import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { checkBoundaries, extractImports, featureGraph, findCycles } from './boundaries.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const tmpRoots: string[] = []

/** Builds a throwaway workspace: `files` maps 'packages/engine/src/a.ts' → contents. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stipple-boundaries-'))
  tmpRoots.push(root)
  const base: Record<string, string> = {
    'packages/engine/src/index.ts': 'export const engine = 1\n',
    'packages/domain/src/index.ts': "import { engine } from '@stipple/engine'\nexport const domain = engine\n",
    'packages/server/src/index.ts': "import { domain } from '@stipple/domain'\nexport const server = domain\n",
    'packages/web/src/index.ts': "import type { server } from '@stipple/server'\nexport type S = typeof server\n",
    'packages/cli/src/index.ts': "import { readFileSync } from 'node:fs'\nexport const cli = readFileSync\n",
  }
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

afterEach(() => {
  for (const r of tmpRoots.splice(0)) rmSync(r, { recursive: true, force: true })
})

describe('extractImports', () => {
  it('finds static, multi-line, re-export, side-effect and dynamic imports with their lines', () => {
    const refs = extractImports(
      [
        "import a from 'a'",
        'import {',
        '  b,',
        "} from 'b'",
        "export * from './c.ts'",
        "import 'd'",
        "const e = await import('e')",
        "// import x from 'commented-out'",
        "import type { F } from 'f'",
        "import { type G, type H } from 'g'",
        "import { type I, J } from 'i'",
      ].join('\n')
    )
    expect(refs.map((r) => [r.specifier, r.typeOnly, r.line])).toEqual([
      ['a', false, 1],
      ['b', false, 2],
      ['./c.ts', false, 5],
      ['d', false, 6],
      ['f', true, 9],
      ['g', true, 10],
      ['i', false, 11],
      ['e', false, 7],
    ])
  })
})

describe('checkBoundaries', () => {
  it('accepts a workspace that follows DESIGN.md', () => {
    expect(checkBoundaries(workspace({}))).toEqual([])
  })

  it('refuses the engine importing node:fs or @stipple/server', () => {
    const root = workspace({
      'packages/engine/src/io.ts': "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
      'packages/engine/src/up.ts': "import { server } from '@stipple/server'\nexport const s = server\n",
    })
    const v = checkBoundaries(root)
    expect(v.map((x) => x.rule).sort()).toEqual(['direction', 'node-builtin'])
    expect(v.find((x) => x.rule === 'direction')?.message).toContain('engine must not import @stipple/server')
    expect(v.find((x) => x.rule === 'node-builtin')?.file).toBe('packages/engine/src/io.ts:1')
  })

  it('refuses server, web and cli importing each other, but lets web import the server types', () => {
    const root = workspace({
      'packages/cli/src/serve.ts': "import { server } from '@stipple/server'\nexport const s = server\n",
      'packages/server/src/ui.ts': "import type { S } from '@stipple/web'\nexport type U = S\n",
      'packages/web/src/api.ts': "import { server } from '@stipple/server'\nexport const s = server\n",
    })
    const v = checkBoundaries(root)
    expect(v.map((x) => `${x.file} ${x.rule}`)).toEqual([
      'packages/cli/src/serve.ts:1 direction',
      'packages/server/src/ui.ts:1 direction',
      'packages/web/src/api.ts:1 direction',
    ])
  })

  it('refuses domain importing upward, npm packages in the engine, and testkit in product source', () => {
    const root = workspace({
      'packages/domain/src/x.ts': "import { cli } from '@stipple/cli'\nexport const c = cli\n",
      'packages/engine/src/dep.ts': "import pds from 'poisson-disk-sampling'\nexport const p = pds\n",
      'packages/engine/src/dep.test.ts': "import pds from 'poisson-disk-sampling'\nexport const p = pds\n",
      'packages/server/src/seed.ts': "import { f } from '@stipple/testkit'\nexport const g = f\n",
      'packages/server/src/seed.test.ts': "import { f } from '@stipple/testkit'\nexport const g = f\n",
    })
    expect(checkBoundaries(root).map((x) => `${x.file} ${x.rule}`)).toEqual([
      'packages/domain/src/x.ts:1 direction',
      'packages/engine/src/dep.ts:1 engine-dependency',
      'packages/server/src/seed.ts:1 testkit-in-source',
    ])
  })

  it('refuses relative imports that leave a package and a package importing its own barrel', () => {
    const root = workspace({
      'packages/domain/src/sneak.ts': "import { server } from '../../server/src/index.ts'\nexport const s = server\n",
      'packages/engine/src/self.ts': "import { engine } from '@stipple/engine'\nexport const e = engine\n",
    })
    expect(checkBoundaries(root).map((x) => `${x.file} ${x.rule}`)).toEqual([
      'packages/domain/src/sneak.ts:1 escape',
      'packages/engine/src/self.ts:1 own-barrel',
    ])
  })

  it('reports import cycles, ignoring type-only edges', () => {
    const root = workspace({
      'packages/engine/src/a.ts': "import { b } from './b.ts'\nexport const a = b\n",
      'packages/engine/src/b.ts': "import { c } from './c.ts'\nexport const b = c\n",
      'packages/engine/src/c.ts': "import { a } from './a.ts'\nexport const c = () => a\n",
      'packages/engine/src/t1.ts': "import type { T2 } from './t2.ts'\nexport type T1 = T2 | 1\n",
      'packages/engine/src/t2.ts': "import type { T1 } from './t1.ts'\nexport type T2 = T1 | 2\n",
    })
    const v = checkBoundaries(root)
    expect(v).toHaveLength(1)
    expect(v[0]?.message).toBe(
      'import cycle: packages/engine/src/a.ts → packages/engine/src/b.ts → packages/engine/src/c.ts → packages/engine/src/a.ts'
    )
  })

  it("refuses a loop between the server's feature folders, type imports and tests included", () => {
    const f = 'packages/server/src/features'
    const root = workspace({
      [`${f}/plans/service.ts`]: "import { ownClientId } from '../designs/service.ts'\nexport const p = ownClientId\n",
      [`${f}/designs/service.ts`]:
        "import type { Quote } from '../consultations/types.ts'\nexport const ownClientId = (q: Quote) => q\n",
      [`${f}/consultations/types.ts`]: 'export type Quote = number\n',
      [`${f}/consultations/service.test.ts`]: "import { p } from '../plans/service.ts'\nexport const t = p\n",
      // one-way edges into a shared folder are fine
      [`${f}/audit/audit.ts`]: 'export const audit = 1\n',
      [`${f}/clients/guard.ts`]: "import { audit } from '../audit/audit.ts'\nexport const guard = audit\n",
      [`${f}/intakes/service.ts`]: "import { guard } from '../clients/guard.ts'\nexport const i = guard\n",
    })
    const v = checkBoundaries(root)
    expect(v.map((x) => [x.rule, x.file, x.message])).toEqual([
      [
        'feature-cycle',
        `${f}/consultations`,
        'server features import each other in a loop: consultations → plans → designs → consultations; move what both need to a leaf module or the domain',
      ],
    ])
    // the same tree without the test's edge back into plans has no loop
    rmSync(join(root, `${f}/consultations/service.test.ts`))
    expect(checkBoundaries(root)).toEqual([])
  })

  it('lists the folder-level graph of the server features', () => {
    const f = 'packages/server/src/features'
    const root = workspace({
      [`${f}/plans/service.ts`]: "import type { D } from '../designs/service.ts'\nexport type P = D\n",
      [`${f}/designs/service.ts`]: 'export type D = 1\n',
      [`${f}/api.test.ts`]: "import type { P } from './plans/service.ts'\nexport type A = P\n",
    })
    expect([...featureGraph(root)]).toEqual([
      ['designs', []],
      ['plans', ['designs']],
    ])
  })

  it('makes `npm run boundaries` exit non-zero on a violation', () => {
    const root = workspace({
      'packages/engine/src/io.ts': "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
    })
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/check-boundaries.ts'), root], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      "packages/engine/src/io.ts:1: [node-builtin] engine must run in the browser and in Node: 'node:fs' is a Node API"
    )
  })

  it('is clean on this repository', () => {
    expect(checkBoundaries(repoRoot)).toEqual([])
  })
})

describe('findCycles', () => {
  it('finds a self-import and leaves a DAG alone', () => {
    expect(findCycles(new Map([['a', ['a']]]))).toEqual([['a']])
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ])
      )
    ).toEqual([])
  })
})

describe("the engine's compiler settings", () => {
  it('make a Node or DOM API in engine source a type error', () => {
    const root = mkdtempSync(join(repoRoot, 'packages/engine/.tsc-probe-'))
    tmpRoots.push(root)
    writeFileSync(
      join(root, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        include: ['probe.ts'],
        compilerOptions: { noUnusedLocals: false, rootDir: '.' },
      })
    )
    writeFileSync(
      join(root, 'probe.ts'),
      "import { readFileSync } from 'node:fs'\nexport const a = readFileSync\nexport const b = document.title\nexport const c = process.env\n"
    )
    const run = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', root], {
      encoding: 'utf8',
    })
    expect(run.status).not.toBe(0)
    expect(run.stdout).toMatch(/probe\.ts\(1,.*error TS(2307|2591)/)
    expect(run.stdout).toMatch(/probe\.ts\(3,.*error TS(2584|2304)/)
    expect(run.stdout).toMatch(/probe\.ts\(4,.*error TS(2591|2580|2304)/)
  })
})
