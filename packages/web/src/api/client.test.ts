import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, fieldKey, setCsrfToken, withQuery } from './client.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

describe('fieldKey', () => {
  it('drops the request part so paths match form field names', () => {
    expect(fieldKey('body.givenName')).toBe('givenName')
    expect(fieldKey('body.pigments[0].lot')).toBe('pigments[0].lot')
    expect(fieldKey('body[0]')).toBe('[0]')
    expect(fieldKey('query.from')).toBe('from')
    expect(fieldKey('body')).toBe('')
  })
})

describe('withQuery', () => {
  it('leaves out empty values', () => {
    expect(withQuery('/x', { a: 1, b: '', c: undefined, d: null, e: 'y z' })).toBe('/x?a=1&e=y+z')
    expect(withQuery('/x', {})).toBe('/x')
  })
})

describe('api', () => {
  it('sends the CSRF token with changes only and parses JSON', async () => {
    const calls: RequestInit[] = []
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      calls.push(init)
      return new Response(JSON.stringify({ ok: true }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    })
    setCsrfToken('tok')
    await api('/api/v1/me')
    await api('/api/v1/things', { method: 'POST', body: { a: 1 } })
    const first = calls[0]?.headers as Record<string, string> | undefined
    const second = calls[1]?.headers as Record<string, string> | undefined
    expect(first?.['x-csrf-token']).toBeUndefined()
    expect(second?.['x-csrf-token']).toBe('tok')
    expect(calls[1]?.body).toBe('{"a":1}')
  })

  it("turns problem+json into an ApiError with the server's field messages", async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            type: 'x',
            title: 'Invalid input',
            status: 400,
            code: 'invalid_input',
            detail: 'The request body is not valid',
            errors: [
              { path: 'body.email', message: 'Invalid email address' },
              { path: 'body.email', message: 'second message for the same field' },
              { path: 'body.startsAt', message: 'that time was just taken' },
            ],
          }),
          { status: 400, headers: { 'content-type': 'application/problem+json' } }
        )
    )
    const error = await api('/api/v1/x', { method: 'POST', body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const e = error as ApiError
    expect(e.status).toBe(400)
    expect(e.message).toBe('The request body is not valid')
    expect(e.fieldErrors()).toEqual({ email: 'Invalid email address', startsAt: 'That time was just taken' })
    expect(e.otherMessages(['email'])).toEqual(['startsAt: that time was just taken'])
  })

  it('says the server could not be reached when the network fails', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    const error = (await api('/api/v1/me').catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('network')
    expect(error.message).toMatch(/Could not reach the clinic server/)
  })

  it('explains a route the server does not have yet instead of failing silently', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 404 }))
    const error = (await api('/api/v1/nope').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(404)
    expect(error.message).toMatch(/not available right now/)
    const problem = {
      type: 'x',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      detail: 'No route GET /api/v1/x',
      errors: [],
    }
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 404 }))
    const missing = (await api('/api/v1/x').catch((e: unknown) => e)) as ApiError
    expect(missing.message).not.toContain('No route')
  })
})
