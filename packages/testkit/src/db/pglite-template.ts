// A PGlite data directory created once (initdb costs 2–4 s) and copied per test file (reopening costs ~0.4 s).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'

const pgliteExtensions = { btree_gist }

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }
  return manifest.version
}

function templateDir(cacheRoot: string): string {
  // keyed by version: a data directory from another PGlite release may not open
  return join(cacheRoot, `pglite-template-${pgliteVersion()}`)
}

/** Creates the template directory unless a complete one exists; safe when two processes race. */
export async function ensurePgliteTemplate(cacheRoot: string): Promise<string> {
  const dir = templateDir(cacheRoot)
  if (existsSync(join(dir, 'PG_VERSION'))) return dir
  mkdirSync(cacheRoot, { recursive: true })
  const staging = mkdtempSync(join(cacheRoot, 'staging-'))
  const db = await PGlite.create(staging, { extensions: pgliteExtensions })
  await db.exec('create extension if not exists btree_gist')
  await db.close()
  try {
    renameSync(staging, dir)
  } catch {
    rmSync(staging, { recursive: true, force: true }) // another process won the race
  }
  return dir
}

/** Copies the template into a fresh throwaway directory and opens it. */
export async function openPgliteCopy(template: string): Promise<{ db: PGlite; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'stipple-pglite-'))
  cpSync(template, dir, { recursive: true })
  const db = await PGlite.create(dir, { extensions: pgliteExtensions })
  return { db, dir }
}
