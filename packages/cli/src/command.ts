// The contract every `stipple` subcommand implements; one module per command under src/commands/.

/** Where a command writes: stdout for data, stderr for diagnostics. */
export interface Io {
  stdout(text: string): void
  stderr(text: string): void
}

interface CommandContext {
  io: Io
  /** The registered commands, for `help` (passed in so commands never import the registry). */
  commands: readonly Command[]
}

export interface Command {
  name: string
  /** One line for the command list in `stipple --help`. */
  summary: string
  /** What follows `stipple ` in the usage line, e.g. `help [COMMAND]`. */
  usage: string
  /** Returns the exit code; throws InputError for invalid input (exit 2), anything else is an internal error (exit 1). */
  run(args: readonly string[], context: CommandContext): Promise<number> | number
}
