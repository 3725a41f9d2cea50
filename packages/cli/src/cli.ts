// Dispatches `stipple <command> [args]` to the registered command and maps its outcome to an exit code.
import type { Command, Io } from './command.ts'
import { commandHelpText, helpText, unknownCommand } from './commands/help.ts'
import { cliVersion } from './commands/version.ts'
import { ExitCode, reportError } from './errors.ts'
import { commands as registered } from './registry.ts'

const isHelpFlag = (arg: string) => arg === '--help' || arg === '-h'

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code; never calls process.exit. */
export async function run(
  argv: readonly string[],
  io: Io,
  commands: readonly Command[] = registered,
  env: Record<string, string | undefined> = {}
): Promise<number> {
  try {
    const [first, ...rest] = argv
    if (first === undefined || isHelpFlag(first)) {
      io.stdout(helpText(commands))
      return ExitCode.ok
    }
    if (first === '--version') {
      io.stdout(`stipple ${cliVersion()}\n`)
      return ExitCode.ok
    }
    const command = commands.find((c) => c.name === first)
    if (command === undefined) throw unknownCommand(first)
    const beforeDashDash = rest.slice(0, rest.indexOf('--') === -1 ? undefined : rest.indexOf('--'))
    if (beforeDashDash.some(isHelpFlag)) {
      io.stdout(commandHelpText(command))
      return ExitCode.ok
    }
    return await command.run(rest, { io, commands })
  } catch (error) {
    return reportError(error, io, env)
  }
}
