import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toProblem } from './problem.ts'
import { registerWebApp, WEB_APP_CSP } from './web-app.ts'

async function appOver(dist: string | null): Promise<FastifyInstance> {
  const app = Fastify()
  app.setErrorHandler((error, _request, reply) => {
    const { problem } = toProblem(error)
    return reply.code(problem.status).type('application/problem+json').send(problem)
  })
  app.post('/api/v1/thing', async () => ({ ok: true }))
  await registerWebApp(app, dist)
  await app.ready()
  return app
}

describe('serving the built web app', () => {
  let dir: string
  let app: FastifyInstance
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stipple-web-'))
    const dist = join(dir, 'dist')
    await mkdir(join(dist, 'assets'), { recursive: true })
    await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>')
    await writeFile(join(dist, 'assets', 'index-AbCd1234.js'), 'console.log(1)')
    await writeFile(join(dist, 'assets', 'index-AbCd1234.css'), 'body{}')
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    await writeFile(join(dir, 'secret.txt'), 'outside the app')
    await symlink(join(dir, 'secret.txt'), join(dist, 'link.txt'))
    app = await appOver(dist)
  })
  afterAll(async () => {
    await app.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('serves index.html at / and for any app address, with the CSP and no long caching', async () => {
    for (const url of ['/', '/signin', '/clinic/abc/clients?q=x', '/portal']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).toBe(WEB_APP_CSP)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.body).toContain('<div id="root">')
    }
  })

  it('serves hashed assets with their content type, cached as immutable', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js' })
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const css = await app.inject({ method: 'GET', url: '/assets/index-AbCd1234.css' })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    const svg = await app.inject({ method: 'GET', url: '/favicon.svg' })
    expect(svg.headers['content-type']).toBe('image/svg+xml')
    expect(svg.headers['cache-control']).toBe('no-cache')
  })

  it('answers unknown API paths and missing assets with problem+json 404, never the app', async () => {
    for (const url of ['/api/v1/nothing', '/api', '/assets/missing-12345678.js']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
  })

  it('never serves a file outside the build directory', async () => {
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/link.txt', '/assets/%00.js']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.body, url).not.toContain('outside the app')
    }
  })

  it('says the app is not built when there is no build', async () => {
    const bare = await appOver(join(dir, 'nowhere'))
    const res = await bare.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('web app has not been built')
    await bare.close()
  })
})
