// Entry point of the `stipple` command (bin/stipple.js loads it through tsx on Node 20).
import { run } from './cli.ts'

// `stipple dots x.json --csv | head` closes the pipe early: that is the reader's choice, not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await run(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  undefined,
  process.env
)
