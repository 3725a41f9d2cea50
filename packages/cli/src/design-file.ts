// Loading a design document from a file: size limit, JSON, then @stipple/domain's parse (any version, migrated up).
import { readFileSync, statSync } from 'node:fs'
import { type DesignDocument, type Issue, parseDesignDocument } from '@stipple/domain'
import { InputError, type InputProblem } from './errors.ts'

/** Larger files are refused before reading: a real design is tens of kilobytes. */
const MAX_DESIGN_BYTES = 5 * 1024 * 1024

/** Problems inside a file, each as `FILE: path` (or `FILE` for the document as a whole). */
export function fileProblems(file: string, issues: readonly Issue[]): InputProblem[] {
  return issues.map((i) => ({ path: i.path === '' ? file : `${file}: ${i.path}`, message: i.message }))
}

function fsMessage(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'is a directory, not a design file'
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)'
  return undefined
}

/** Reads a JSON file of at most `maxBytes`; throws InputError (exit 2) when it is missing, too large or not JSON. */
export function readJsonFile(file: string, maxBytes: number, what: string): unknown {
  let text: string
  try {
    if (statSync(file).size > maxBytes) {
      throw new InputError([{ path: file, message: `file is larger than ${maxBytes / 1024 / 1024} MB` }])
    }
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const message = fsMessage(error)
    if (message !== undefined) {
      throw new InputError([{ path: file, message: message.replace('a design file', what) }])
    }
    throw error
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InputError([{ path: file, message: `not valid JSON (${(error as Error).message})` }])
  }
}

/** Reads and parses a design file; throws InputError (exit 2) for anything wrong with it. */
export function readDesignFile(file: string): DesignDocument {
  const result = parseDesignDocument(readJsonFile(file, MAX_DESIGN_BYTES, 'a design file'))
  if (!result.success) throw new InputError(fileProblems(file, result.issues))
  return result.data
}
