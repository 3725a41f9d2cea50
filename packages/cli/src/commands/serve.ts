import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { InputError } from '../errors.ts'
import { runServerProcess } from '../server-process.ts'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the clinic server on the embedded database in ./.stipple (PostgreSQL when DATABASE_URL is set)',
  usage: 'serve [--port P] [--data DIR]',
  run(args) {
    const { values } = parseCommandArgs('serve', args, { port: { type: 'string' }, data: { type: 'string' } }, 0)
    if (values.port !== undefined && (!/^[0-9]{1,5}$/.test(values.port) || Number(values.port) > 65535)) {
      throw new InputError([
        { path: '--port', message: `expected a port number 0–65535, got ${JSON.stringify(values.port)}` },
      ])
    }
    return runServerProcess([
      'serve',
      ...(values.port === undefined ? [] : ['--port', values.port]),
      ...(values.data === undefined ? [] : ['--data', values.data]),
    ])
  },
}
