import { designJsonSchema } from '@stipple/domain'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { ExitCode, InputError } from '../errors.ts'

const SCHEMAS: Record<string, () => unknown> = { design: designJsonSchema }

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of a document (design: stipple.design/v1)',
  usage: 'schema design',
  run(args, { io }) {
    const [name] = parseCommandArgs('schema', args, {}, 1).positionals
    const known = Object.keys(SCHEMAS).join(', ')
    if (name === undefined) throw new InputError([{ path: 'DOCUMENT', message: `required; one of: ${known}` }])
    const schema = SCHEMAS[name]
    if (schema === undefined) throw new InputError([{ path: name, message: `unknown document; one of: ${known}` }])
    io.stdout(`${JSON.stringify(schema(), null, 2)}\n`)
    return ExitCode.ok
  },
}
