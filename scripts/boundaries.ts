// The dependency-boundary rules of ../shared/DESIGN.md, checked on the import graph of packages/*:
// engine ← domain ← {server, web, cli}; server, web and cli never import each other (web may `import type` the server's contract);
// testkit is for tests only; the engine and domain stay free of Node and DOM APIs; and no import cycles.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'

export interface Violation {
  file: string
  rule:
    | 'direction'
    | 'node-builtin'
    | 'testkit-in-source'
    | 'own-barrel'
    | 'escape'
    | 'engine-dependency'
    | 'cycle'
    | 'feature-cycle'
  message: string
}

interface ImportRef {
  specifier: string
  typeOnly: boolean
  line: number
}

interface PackageRule {
  /** Workspace packages this package's source files may import (values and types). */
  imports: readonly string[]
  /** Workspace packages this package may import with `import type` only. */
  typeImports?: readonly string[]
  /** Whether Node built-ins may be imported from source files. */
  node: boolean
  /** Whether npm packages may be imported from source files. */
  npm: boolean
}

export const PACKAGE_RULES: Record<string, PackageRule> = {
  engine: { imports: [], node: false, npm: false },
  domain: { imports: ['engine'], node: false, npm: true },
  server: { imports: ['engine', 'domain'], node: true, npm: true },
  web: { imports: ['engine', 'domain'], typeImports: ['server'], node: false, npm: true },
  cli: { imports: ['engine', 'domain'], node: true, npm: true },
  testkit: { imports: ['engine', 'domain'], node: true, npm: true },
}

const SOURCE_EXT = /\.(ts|tsx|mts)$/
const TEST_FILE = /\.(test|e2e|bench)\.(ts|tsx)$|\.d\.ts$/
const CONFIG_FILE = /(^|\/)(vite|vitest|playwright)\.config\.ts$/
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))

/** Files that are not product source: tests, benchmarks, e2e and tool configs may use Node and testkit. */
function isTestOrTooling(relPath: string): boolean {
  return (
    TEST_FILE.test(relPath) ||
    CONFIG_FILE.test(relPath) ||
    /\/(bench|e2e|test)\//.test(relPath) ||
    relPath.includes('/src/test/')
  )
}

function stripComments(source: string): string {
  // keeps string literals intact (specifiers live in them) while blanking block and line comments
  return source.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g, (m, pre: string | undefined) =>
    m.startsWith('/*') ? m.replace(/[^\n]/g, ' ') : `${pre ?? ''}`
  )
}

/** Extracts static, re-export and dynamic import specifiers with their line numbers. */
export function extractImports(source: string): ImportRef[] {
  const text = stripComments(source)
  const refs: ImportRef[] = []
  const lineOf = (index: number) => text.slice(0, index).split('\n').length
  const staticRe = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g
  for (const m of text.matchAll(staticRe)) {
    const clause = m[0]
    const specifier = m[3] ?? ''
    const braces = /\{([^}]*)\}/.exec(clause)?.[1]
    const names =
      braces
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean) ?? []
    const allInlineTypes =
      names.length > 0 && names.every((n) => n.startsWith('type ')) && !/\}\s*,|,\s*\{/.test(clause)
    const typeOnly = Boolean(m[2]) || allInlineTypes
    refs.push({ specifier, typeOnly, line: lineOf((m.index ?? 0) + m[0].indexOf(m[1] ?? 'import')) })
  }
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) {
    refs.push({ specifier: m[1] ?? '', typeOnly: false, line: lineOf(m.index ?? 0) })
  }
  return refs
}

function listSourceFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (SOURCE_EXT.test(name)) out.push(p)
    }
  }
  walk(dir)
  return out.sort()
}

function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier)
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return c
    } catch {
      // not this candidate
    }
  }
  if (base.endsWith('.js')) return resolveRelative(fromFile, specifier.replace(/\.js$/, '.ts'))
  return null
}

/** Checks every package under `root/packages` and returns the violations, sorted by file. */
export function checkBoundaries(root: string): Violation[] {
  const packagesDir = join(root, 'packages')
  const violations: Violation[] = []
  const graph = new Map<string, string[]>()
  const packages = readdirSync(packagesDir).filter((p) => statSync(join(packagesDir, p)).isDirectory())
  const featureGraph = new Map<string, Set<string>>()

  for (const pkg of packages) {
    const rule = PACKAGE_RULES[pkg]
    const pkgDir = join(packagesDir, pkg)
    for (const file of listSourceFiles(pkgDir)) {
      const rel = relative(root, file)
      const relInPkg = relative(pkgDir, file)
      const tooling = isTestOrTooling(`/${relInPkg}`)
      const edges: string[] = []
      graph.set(file, edges)
      for (const ref of extractImports(readFileSync(file, 'utf8'))) {
        const at = `${rel}:${ref.line}`
        const spec = ref.specifier
        if (spec.startsWith('.')) {
          const target = resolveRelative(file, spec)
          if (target === null) continue // tsc reports unresolved imports
          // tests and benchmarks may use the repository's own tooling (the bench contract in scripts/)
          const toTooling = tooling && target.startsWith(`${join(root, 'scripts')}/`)
          if (!target.startsWith(`${pkgDir}/`) && !toTooling) {
            violations.push({
              file: at,
              rule: 'escape',
              message: `relative import '${spec}' leaves package ${pkg}; import the package by its name`,
            })
          }
          if (!ref.typeOnly) edges.push(target)
          addFeatureEdge(featureGraph, join(packagesDir, FEATURES_DIR), file, target)
          continue
        }
        const ws = /^@stipple\/([\w-]+)/.exec(spec)
        if (ws) {
          const target = ws[1] ?? ''
          if (target === pkg) {
            violations.push({
              file: at,
              rule: 'own-barrel',
              message: `${pkg} imports its own public entry '${spec}'; import the module directly`,
            })
            continue
          }
          if (target === 'testkit') {
            if (!tooling) {
              violations.push({
                file: at,
                rule: 'testkit-in-source',
                message: `@stipple/testkit is for tests only; ${rel} is product source`,
              })
            }
            continue
          }
          if (rule === undefined) continue
          const allowed = rule.imports.includes(target) || (ref.typeOnly && rule.typeImports?.includes(target))
          if (!allowed) {
            violations.push({
              file: at,
              rule: 'direction',
              message: `${pkg} must not import @stipple/${target} (dependencies point down: engine ← domain ← server/web/cli)`,
            })
          }
          const entry = join(packagesDir, target, 'src/index.ts')
          if (!ref.typeOnly) edges.push(entry)
          continue
        }
        if (NODE_BUILTINS.has(spec) || spec.startsWith('node:')) {
          if (rule && !rule.node && !tooling) {
            violations.push({
              file: at,
              rule: 'node-builtin',
              message: `${pkg} must run in the browser and in Node: '${spec}' is a Node API`,
            })
          }
          continue
        }
        if (rule && !rule.npm && !tooling) {
          violations.push({
            file: at,
            rule: 'engine-dependency',
            message: `${pkg} takes no runtime dependencies: '${spec}' is an npm package`,
          })
        }
      }
    }
  }
  for (const cycle of findCycles(graph)) {
    const names = cycle.map((f) => relative(root, f))
    violations.push({
      file: names[0] ?? '',
      rule: 'cycle',
      message: `import cycle: ${[...names, names[0]].join(' → ')}`,
    })
  }
  for (const cycle of findCycles(new Map([...featureGraph].map(([f, to]) => [f, [...to].sort()])))) {
    violations.push({
      file: `packages/${FEATURES_DIR}/${cycle[0] ?? ''}`,
      rule: 'feature-cycle',
      message: `server features import each other in a loop: ${[...cycle, cycle[0]].join(' → ')}; move what both need to a leaf module or the domain`,
    })
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file))
}

/** The server's feature folders: their folder-level import graph (type imports and tests included) has no loop. */
const FEATURES_DIR = 'server/src/features'

/** Records `from`'s folder → `to`'s folder when both are files in different folders under `featuresDir`. */
function addFeatureEdge(graph: Map<string, Set<string>>, featuresDir: string, from: string, to: string): void {
  const folderOf = (file: string) => {
    const rel = relative(featuresDir, file)
    const [folder, ...rest] = rel.split('/')
    return rel.startsWith('..') || rest.length === 0 ? null : (folder ?? null)
  }
  const a = folderOf(from)
  const b = folderOf(to)
  if (a === null) return
  if (!graph.has(a)) graph.set(a, new Set())
  if (b !== null && b !== a) graph.get(a)?.add(b)
}

/** The folder-level import graph of the server's features under `root` (folder → folders it imports), for reports. */
export function featureGraph(root: string): Map<string, string[]> {
  const packagesDir = join(root, 'packages')
  const featuresDir = join(packagesDir, FEATURES_DIR)
  const graph = new Map<string, Set<string>>()
  for (const file of listSourceFiles(featuresDir)) {
    addFeatureEdge(graph, featuresDir, file, file)
    for (const ref of extractImports(readFileSync(file, 'utf8'))) {
      if (!ref.specifier.startsWith('.')) continue
      const target = resolveRelative(file, ref.specifier)
      if (target !== null) addFeatureEdge(graph, featuresDir, file, target)
    }
  }
  return new Map([...graph].sort(([a], [b]) => a.localeCompare(b)).map(([f, to]) => [f, [...to].sort()]))
}

/** Strongly connected components with more than one file (or a self-import), by Tarjan's algorithm (Tarjan 1972). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const cycles: string[][] = []
  const visit = (v: string) => {
    indices.set(v, index)
    low.set(v, index)
    index++
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0))
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = []
      let w: string | undefined
      do {
        w = stack.pop()
        if (w === undefined) break
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.reverse())
    }
  }
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v)
  return cycles
}
