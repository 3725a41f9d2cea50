import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { InputError } from '../errors.ts'
import { runServerProcess } from '../server-process.ts'

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the clinic server on the embedded database in ./.stipple (PostgreSQL when DATABASE_URL is set)',
  usage: 'serve [--port P] [--data DIR] [--clock INSTANT]',
  run(args) {
    const { values } = parseCommandArgs(
      'serve',
      args,
      { port: { type: 'string' }, data: { type: 'string' }, clock: { type: 'string' } },
      0
    )
    if (values.port !== undefined && (!/^[0-9]{1,5}$/.test(values.port) || Number(values.port) > 65535)) {
      throw new InputError([
        { path: '--port', message: `expected a port number 0–65535, got ${JSON.stringify(values.port)}` },
      ])
    }
    // the server's clock starts here and runs on (a demo of a given day; browser tests on an open clinic day)
    if (values.clock !== undefined && !INSTANT.test(values.clock)) {
      throw new InputError([
        {
          path: '--clock',
          message: `expected an instant like 2026-12-08T14:30:00Z, got ${JSON.stringify(values.clock)}`,
        },
      ])
    }
    return runServerProcess([
      'serve',
      ...(values.port === undefined ? [] : ['--port', values.port]),
      ...(values.data === undefined ? [] : ['--data', values.data]),
      ...(values.clock === undefined ? [] : ['--clock', values.clock]),
    ])
  },
}
