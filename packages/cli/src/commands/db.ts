import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { InputError } from '../errors.ts'
import { runServerProcess } from '../server-process.ts'

export const dbCommand: Command = {
  name: 'db',
  summary: 'database care: apply the migrations not yet applied',
  usage: 'db migrate [--data DIR]',
  run(args) {
    const { values, positionals } = parseCommandArgs('db', args, { data: { type: 'string' } }, 1)
    const [action] = positionals
    if (action !== 'migrate') {
      throw new InputError([
        { path: action ?? 'db', message: `expected the action migrate, got ${JSON.stringify(action ?? '')}` },
      ])
    }
    return runServerProcess(['migrate', ...(values.data === undefined ? [] : ['--data', values.data])])
  },
}
