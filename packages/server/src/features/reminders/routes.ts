import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { AppError } from '../../errors.ts'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import {
  OutboxListSchema,
  OutboxMessageSchema,
  OutboxQuerySchema,
  PortalAftercareSchema,
  UnsubscribeQuerySchema,
} from './reminders.schema.ts'
import type { ReminderService } from './service.ts'

const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const UNSUBSCRIBE_PATH = '/api/v1/public/unsubscribe'
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${escapeHtml(title)}</title><body style="font-family:sans-serif;max-width:36rem;margin:3rem auto;line-height:1.5">` +
  `${body}</body></html>`

/**
 * Lets the unsubscribe route take the form posts of RFC 8058 one-click unsubscribe (the body,
 * `List-Unsubscribe=One-Click`, says nothing the URL does not); every other route still refuses form bodies (415).
 */
export function acceptUnsubscribeForms(app: FastifyInstance): void {
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (request, _body, done) => {
      if (request.routeOptions.url === UNSUBSCRIBE_PATH) return done(null, undefined)
      const message = 'Send JSON (content type application/json)'
      done(new AppError('unsupported_media_type', message, { problems: [{ path: 'body', message }] }), undefined)
    }
  )
}

export function reminderRoutes(reminders: ReminderService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/outbox',
      operationId: 'listOutbox',
      summary: 'list the emails the clinic sends, with their state',
      tag: 'reminders',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid() }),
      query: OutboxQuerySchema,
      success: {
        status: 200,
        description: 'Latest due first: subject, recipient, due time, state, attempts and the last error',
        schema: OutboxListSchema,
      },
      handler: async ({ actor, query }) => ({ items: await reminders.list(actor, query) }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/outbox/:messageId/retry',
      operationId: 'retryOutboxMessage',
      summary: 'send a failed email again',
      tag: 'reminders',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid(), messageId: z.uuid() }),
      success: {
        status: 200,
        description: 'Queued again (a message already queued is left as it is); 409 when sent or cancelled',
        schema: OutboxMessageSchema,
      },
      handler: ({ actor, params }) => reminders.retry(actor, params.messageId),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/clients/:clientId/messages',
      operationId: 'listClientMessages',
      summary: 'list the emails sent and planned for a client',
      tag: 'reminders',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() }),
      success: { status: 200, description: 'Latest due first', schema: OutboxListSchema },
      handler: async ({ actor, params }) => ({ items: await reminders.clientMessages(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/portal/aftercare',
      operationId: 'portalAftercare',
      summary: "see today's aftercare (the client portal)",
      tag: 'reminders',
      access: { kind: 'clinic', roles: ['client'] },
      params: z.strictObject({ clinicId: z.uuid() }),
      success: {
        status: 200,
        description: 'The day after the latest session and what to do today (DOMAIN §6.3)',
        schema: PortalAftercareSchema,
      },
      handler: ({ actor }) => reminders.portalAftercare(actor),
    }),
    defineRoute({
      method: 'GET',
      path: UNSUBSCRIBE_PATH,
      operationId: 'unsubscribePage',
      summary: 'ask to stop emails that are not about care (the link in an email)',
      tag: 'reminders',
      access: { kind: 'public' },
      query: UnsubscribeQuerySchema,
      success: { status: 200, description: 'A page with one button that unsubscribes', mediaTypes: ['text/html'] },
      handler: async ({ query, reply }) => {
        // a GET never unsubscribes: mail scanners follow links (RFC 8058 §1)
        const target = await reminders.unsubscribeTarget(query.token)
        reply.type('text/html; charset=utf-8')
        return page(
          'Unsubscribe',
          `<h1>Stop these emails?</h1><p>${escapeHtml(target.clinicName)} will stop sending you reminders that are not ` +
            `about your care, such as touch-up reminders. Messages about your own appointments and aftercare will still come.</p>` +
            `<form method="post" action="${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(query.token)}">` +
            `<button type="submit">Unsubscribe</button></form>`
        )
      },
    }),
    defineRoute({
      method: 'POST',
      path: UNSUBSCRIBE_PATH,
      operationId: 'unsubscribe',
      summary: 'stop emails that are not about care (RFC 8058 one-click)',
      tag: 'reminders',
      access: { kind: 'public' },
      query: UnsubscribeQuerySchema,
      success: { status: 200, description: 'Unsubscribed (again is fine)', mediaTypes: ['text/html'] },
      handler: async ({ query, reply }) => {
        const { clinicName } = await reminders.unsubscribe(query.token)
        reply.type('text/html; charset=utf-8')
        return page(
          'Unsubscribed',
          `<h1>You are unsubscribed</h1><p>${escapeHtml(clinicName)} will not send you reminders that are not about ` +
            `your care. Messages about your appointments and aftercare will still come.</p>`
        )
      },
    }),
  ]
}
