// Vitest globalSetup for integration tests: prepares the PGlite template and finds out, once, whether PostgreSQL is reachable.
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { ensurePgliteTemplate } from './pglite-template.ts'
import { adminPostgresUrl, probePostgres } from './postgres-probe.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server the suite also runs against, or null when it was not reachable. */
    postgresUrl: string | null
    /** The PGlite data directory each test file copies. */
    pgliteTemplate: string
  }
}

const cacheRoot = fileURLToPath(new URL('../../../../node_modules/.cache/stipple-test', import.meta.url))

export default async function setup(project: TestProject): Promise<void> {
  const url = adminPostgresUrl()
  const [template, problem] = await Promise.all([ensurePgliteTemplate(cacheRoot), probePostgres(url)])
  project.provide('pgliteTemplate', template)
  project.provide('postgresUrl', problem === null ? url : null)
  // several projects share this setup; say it once per run
  if (process.env.STIPPLE_DB_ANNOUNCED === undefined) {
    process.env.STIPPLE_DB_ANNOUNCED = '1'
    const where = new URL(url).host
    process.stdout.write(
      problem === null
        ? `\nDatabase tests: PGlite and PostgreSQL at ${where}.\n`
        : `\nDatabase tests: PostgreSQL at ${where} was not reachable (${problem}); integration tests ran on PGlite only.\n`
    )
  }
}
