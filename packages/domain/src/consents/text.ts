// Free text a person typed. PostgreSQL cannot store a NUL character, and other control characters only hide text;
// tabs and line breaks stay.
import { z } from 'zod'

function withoutControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return false
  }
  return true
}

/** Trimmed text of `min` to `max` characters without control characters. */
export const typedText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(withoutControlCharacters, 'remove control characters (such as NUL) from the text')
