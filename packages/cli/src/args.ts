// Argument parsing shared by the commands: node:util parseArgs in strict mode, its errors turned into InputError.
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { InputError } from './errors.ts'

type OptionsConfig = NonNullable<ParseArgsConfig['options']>

/** Parses a command's arguments; an unknown option or a missing option value is invalid input. */
export function parseCommandArgs<const O extends OptionsConfig>(
  command: string,
  args: readonly string[],
  options: O,
  maxPositionals: number
) {
  let parsed: ReturnType<typeof parseWith<O>>
  try {
    parsed = parseWith([...args], options)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      const text = (error as Error).message
      const option = /--[\w-]+/.exec(text)?.[0] ?? /'(-\w)/.exec(text)?.[1] ?? command
      const message =
        code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
          ? `unknown option for 'stipple ${command}'`
          : text.includes('argument missing')
            ? 'needs a value'
            : (text.split('\n')[0] ?? text)
      throw new InputError([{ path: option, message }])
    }
    throw error
  }
  const extra = parsed.positionals.slice(maxPositionals)
  if (extra.length > 0) {
    throw new InputError(extra.map((arg) => ({ path: arg, message: `unexpected argument for 'stipple ${command}'` })))
  }
  return parsed
}

function parseWith<O extends OptionsConfig>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true })
}
