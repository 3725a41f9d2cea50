import { readFileSync } from 'node:fs'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { ExitCode } from '../errors.ts'

/** The version of @stipple/cli, read from its package.json. */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return manifest.version
}

export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version of stipple',
  usage: 'version',
  run(args, { io }) {
    parseCommandArgs('version', args, {}, 0)
    io.stdout(`stipple ${cliVersion()}\n`)
    return ExitCode.ok
  },
}
