#!/usr/bin/env node
// Node 20 cannot run TypeScript, so the server's bin registers tsx's loader and then imports the TypeScript entry.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
