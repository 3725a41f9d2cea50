// @stipple/server: the API contract web may `import type`, and createApp for in-process use.
export { type AppDeps, createApp, type StippleApp } from './app.ts'
export type { Problem } from './http/problem.ts'
