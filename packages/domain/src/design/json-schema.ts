// The design document as JSON Schema (draft 2020-12), for editors, other languages and `stipple schema design`.

import { z } from 'zod'
import { DesignDocumentSchema } from './design.schema.ts'

/** JSON Schema of `stipple.design/v1`; unknown fields are refused (`additionalProperties: false`). */
export function designJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DesignDocumentSchema, { target: 'draft-2020-12' }) as Record<string, unknown>
}
