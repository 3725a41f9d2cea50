// Entry point of the `stipple` command (bin/stipple.js loads it through tsx on Node 20).
import { run } from './cli.ts'

process.exitCode = await run(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  undefined,
  process.env
)
