import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { clientFileQueries } from './use-client-file.ts'

const urls: string[] = []

afterEach(() => {
  vi.unstubAllGlobals()
  urls.length = 0
})

describe("the client file's reads", () => {
  it('reads each part from its own route and keeps it under the client, so one change reads them all again', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify({ items: [{ id: url }] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    })
    const queries = clientFileQueries('c1', 'k1')
    const client = new QueryClient()
    const plans = await client.fetchQuery(queries.plans)
    expect(plans).toEqual([{ id: '/api/v1/clinics/c1/clients/k1/plans' }])
    await client.fetchQuery(queries.messages)
    expect(urls).toEqual(['/api/v1/clinics/c1/clients/k1/plans', '/api/v1/clinics/c1/clients/k1/messages'])
    for (const q of Object.values(queries)) expect(q.queryKey.slice(0, 4)).toEqual(['clinic', 'c1', 'client', 'k1'])
    expect(new Set(Object.values(queries).map((q) => q.queryKey.join('/'))).size).toBe(Object.keys(queries).length)
    await client.invalidateQueries({ queryKey: ['clinic', 'c1', 'client', 'k1'] })
    expect(client.getQueryState(queries.plans.queryKey)?.isInvalidated).toBe(true)
  })

  it('reads designs and plans again whenever a screen shows them (the studio changes them)', () => {
    const queries = clientFileQueries('c1', 'k1')
    expect(queries.designs.refetchOnMount).toBe('always')
    expect(queries.plans.refetchOnMount).toBe('always')
    expect('refetchOnMount' in queries.consents).toBe(false)
  })
})
