import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { ExitCode, InputError } from '../errors.ts'

/** The full help: usage, the registered commands (and only those), options and exit codes. */
export function helpText(commands: readonly Command[]): string {
  // long usages (render's) take a line of their own, so the summaries stay in one column
  const width = Math.min(Math.max(...commands.map((c) => c.usage.length), '-h, --help'.length), 36) + 3
  const row = (left: string, right: string) =>
    left.length < width - 1 ? `  ${left.padEnd(width)}${right}\n` : `  ${left}\n  ${' '.repeat(width)}${right}\n`
  return [
    'stipple: the command line of Stipple, software for scalp micropigmentation clinics\n',
    '\n',
    'Usage: stipple <command> [options]\n',
    '\n',
    'Commands:\n',
    ...commands.map((c) => row(c.usage, c.summary)),
    '\n',
    'Options:\n',
    row('-h, --help', 'show this help, or with a command its usage'),
    row('--version', 'print the version'),
    '\n',
    'Exit codes: 0 success; 2 invalid input (one "path: message" line per problem on stderr); 1 internal error.\n',
  ].join('')
}

/** The usage of one command, for `stipple help COMMAND` and `stipple COMMAND --help`. */
export function commandHelpText(command: Command): string {
  return `Usage: stipple ${command.usage}\n\n${command.summary}\n`
}

export const helpCommand: Command = {
  name: 'help',
  summary: 'show this help, or the usage of one command',
  usage: 'help [COMMAND]',
  run(args, { io, commands }) {
    const [name] = parseCommandArgs('help', args, {}, 1).positionals
    if (name === undefined) {
      io.stdout(helpText(commands))
      return ExitCode.ok
    }
    const command = commands.find((c) => c.name === name)
    if (command === undefined) throw unknownCommand(name)
    io.stdout(commandHelpText(command))
    return ExitCode.ok
  },
}

export function unknownCommand(name: string): InputError {
  return new InputError([{ path: name, message: "unknown command; run 'stipple --help' for the list" }])
}
