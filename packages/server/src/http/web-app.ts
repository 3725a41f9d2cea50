// Serves the built web app (packages/web/dist, whose path main.ts passes in) at `/`: files by their path, index.html
// for every other GET outside /api (the app's router decides what the address means), hashed assets cached for a
// year, and a Content Security Policy that lets the app load nothing from elsewhere.
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { AppError } from '../errors.ts'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/** The app's own origin only; images may also be data: and blob: URLs (canvas previews, signature pads). */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Vite names built assets `name-<hash>.ext` under assets/: their content never changes under that name. */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Stipple</title><h1>Stipple</h1>' +
  '<p>The clinic API is running, but the web app has not been built. Run <code>npm start</code> (which builds it) ' +
  'or <code>npm run build -w @stipple/web</code>. The API is described at ' +
  '<a href="/api/openapi.json">/api/openapi.json</a>.</p></html>'

async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const candidate = resolve(root, `.${decoded}`)
  if (candidate !== root && !candidate.startsWith(root + sep)) return null
  try {
    const real = await realpath(candidate)
    if (!real.startsWith(root + sep)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

async function sendIndex(reply: FastifyReply, root: string | null): Promise<FastifyReply> {
  reply.header('content-security-policy', WEB_APP_CSP).header('cache-control', 'no-cache')
  reply.header('x-frame-options', 'DENY')
  if (root === null) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE)
  try {
    return reply.type('text/html; charset=utf-8').send(await readFile(join(root, 'index.html')))
  } catch {
    return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE)
  }
}

/** Registers GET (and HEAD) for every path outside /api; `distDir` null or unbuilt serves a page that says so. */
export async function registerWebApp(app: FastifyInstance, distDir: string | null): Promise<void> {
  let root: string | null = null
  if (distDir !== null) {
    try {
      root = await realpath(resolve(distDir))
    } catch {
      root = null
    }
  }
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (path === '/api' || path.startsWith('/api/')) throw new AppError('not_found', `No route GET ${path}`)
    const file = root === null || path === '/' || path === '/index.html' ? null : await fileIn(root, path)
    if (file === null) {
      // a missing file with an extension is a broken link, not an app address
      if (path.startsWith('/assets/')) throw new AppError('not_found', `No file ${path}`)
      return sendIndex(reply, root)
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache')
    if (type.startsWith('text/html')) reply.header('content-security-policy', WEB_APP_CSP)
    return reply.type(type).send(await readFile(file))
  })
}
