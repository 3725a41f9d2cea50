// Exit codes of DESIGN.md: 0 success; 2 invalid input, one `path: message` line per problem on stderr; 1 internal error.
import type { Io } from './command.ts'

export const ExitCode = { ok: 0, internal: 1, invalidInput: 2 } as const

export interface InputProblem {
  /** Where the problem is: an option (`--port`), an argument, or a path into an input file (`intake.json: client.age`). */
  path: string
  message: string
}

/** Invalid input from the user; every command reports bad arguments and bad files through it. */
export class InputError extends Error {
  readonly problems: readonly InputProblem[]

  constructor(problems: readonly InputProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'))
    this.name = 'InputError'
    this.problems = problems
  }
}

/** Prints `error` on stderr and returns the exit code it stands for. */
export function reportError(error: unknown, io: Io, env: Record<string, string | undefined> = {}): number {
  if (error instanceof InputError) {
    for (const p of error.problems) io.stderr(`${p.path}: ${p.message}\n`)
    return ExitCode.invalidInput
  }
  const message = error instanceof Error ? error.message : String(error)
  io.stderr(`stipple: internal error: ${message}\n`)
  if (env.STIPPLE_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`)
  else io.stderr('(set STIPPLE_DEBUG=1 for the stack trace)\n')
  return ExitCode.internal
}
