import { presetDesign } from '@stipple/engine'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, setCsrfToken } from './client.ts'
import { loadDesign, recordApproval, saveVersion } from './design-api.ts'

const calls: { url: string; init: RequestInit }[] = []

function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  })
}

afterEach(() => {
  vi.unstubAllGlobals()
  calls.length = 0
  setCsrfToken(null)
})

describe('the studio’s design requests', () => {
  it('saves a version as a stipple.design/v1 document based on the version it started from, with the CSRF token', async () => {
    setCsrfToken('tok')
    answer(201, { id: 'v2', version: 2 })
    const design = presetDesign('norwood-3')
    expect(await saveVersion('c 1', 'd1', 1, design)).toEqual({ id: 'v2', version: 2 })
    const { url, init } = calls[0] ?? { url: '', init: {} }
    expect(url).toBe('/api/v1/clinics/c%201/designs/d1/versions')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)['x-csrf-token']).toBe('tok')
    const body = JSON.parse(String(init.body))
    expect(body.basedOnVersion).toBe(1)
    expect(body.document.schema).toBe('stipple.design/v1')
    expect(body.document.seed).toBe(design.seed)
  })

  it('turns "someone saved meanwhile" into an ApiError with status 409', async () => {
    answer(409, { status: 409, code: 'conflict', detail: 'version 3 is the latest', errors: [] })
    const error = await saveVersion('c', 'd', 2, presetDesign('norwood-3')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(409)
  })

  it('loads a design and records an approval with its method', async () => {
    answer(200, { id: 'd' })
    await loadDesign('c', 'd')
    expect(calls[0]?.url).toBe('/api/v1/clinics/c/designs/d')
    answer(200, { versionId: 'v', version: 1, method: 'paper', approvedAt: '2026-01-01T00:00:00Z' })
    await recordApproval('c', 'd', 'v', 'paper')
    expect(calls[1]?.url).toBe('/api/v1/clinics/c/designs/d/approval')
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ versionId: 'v', method: 'paper' })
  })
})
