import { resolve } from 'node:path'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { InputError } from '../errors.ts'
import { runServerProcess } from '../server-process.ts'

const ACTIONS = ['migrate', 'backup', 'restore'] as const

export const dbCommand: Command = {
  name: 'db',
  summary: 'database care: apply the migrations not yet applied, back up to a file, restore from one',
  usage: 'db migrate|backup FILE|restore FILE [--data DIR]',
  run(args) {
    const { values, positionals } = parseCommandArgs('db', args, { data: { type: 'string' } }, 2)
    const [action, file] = positionals
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw new InputError([
        {
          path: action ?? 'db',
          message: `expected the action migrate, backup or restore, got ${JSON.stringify(action ?? '')}`,
        },
      ])
    }
    if (action === 'migrate' && file !== undefined) {
      throw new InputError([{ path: file, message: 'db migrate takes no FILE' }])
    }
    if (action !== 'migrate' && file === undefined) {
      throw new InputError([{ path: `db ${action}`, message: 'expected the backup FILE' }])
    }
    return runServerProcess([
      action ?? 'migrate',
      ...(file === undefined ? [] : [resolve(file)]),
      ...(values.data === undefined ? [] : ['--data', values.data]),
    ])
  },
}
