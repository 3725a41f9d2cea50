// The commands `stipple` knows, in the order `stipple --help` lists them. Register a new command here.
import type { Command } from './command.ts'
import { consultCommand } from './commands/consult.ts'
import { dbCommand } from './commands/db.ts'
import { designCommand } from './commands/design.ts'
import { dotsCommand } from './commands/dots.ts'
import { helpCommand } from './commands/help.ts'
import { inspectCommand } from './commands/inspect.ts'
import { planCommand } from './commands/plan.ts'
import { renderCommand } from './commands/render.ts'
import { schemaCommand } from './commands/schema.ts'
import { serveCommand } from './commands/serve.ts'
import { versionCommand } from './commands/version.ts'

export const commands: readonly Command[] = [
  helpCommand,
  versionCommand,
  schemaCommand,
  designCommand,
  dotsCommand,
  renderCommand,
  inspectCommand,
  planCommand,
  consultCommand,
  serveCommand,
  dbCommand,
]
