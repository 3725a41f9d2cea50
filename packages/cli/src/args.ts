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
    parsed = parseWith(joinNegativeValues(args, options), options)
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

/** `--years -1` means the value −1, not an option called -1: join such values to their option (`--years=-1`). */
function joinNegativeValues(args: readonly string[], options: OptionsConfig): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const next = args[i + 1]
    const name = arg.startsWith('--') ? arg.slice(2) : undefined
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
}

function parseWith<O extends OptionsConfig>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true })
}
