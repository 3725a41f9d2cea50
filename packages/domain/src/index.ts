// @stipple/domain: the only public entry. Explicit named exports; modules import each other directly, never this file.

export { DESIGN_SCHEMA_V1, type DesignDocument, DesignDocumentSchema } from './design/design.schema.ts'
export { designJsonSchema } from './design/json-schema.ts'
export { DESIGN_SCHEMAS, parseDesignDocument, toDesign } from './design/migrate.ts'
export { formatPath, type Issue, type ParseResult } from './issues.ts'
