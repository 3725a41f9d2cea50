import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import {
  CalendarFeedCreateSchema,
  CalendarFeedListSchema,
  CreatedCalendarFeedSchema,
  FeedTokenParamsSchema,
} from './calendars.schema.ts'
import type { CalendarService } from './service.ts'

const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClinicParams = z.strictObject({ clinicId: z.uuid() })

export function calendarRoutes(calendars: CalendarService): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/calendar-feeds',
      operationId: 'createCalendarFeed',
      summary: "make a calendar feed of a practitioner's or a client's appointments",
      tag: 'calendars',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      body: CalendarFeedCreateSchema,
      success: {
        status: 201,
        description: 'The feed, with its private subscription URL (shown only now)',
        schema: CreatedCalendarFeedSchema,
      },
      handler: ({ actor, body }) => calendars.create(actor, body),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/clinics/:clinicId/calendar-feeds',
      operationId: 'listCalendarFeeds',
      summary: 'list the calendar feeds in use',
      tag: 'calendars',
      access: { kind: 'clinic', roles: STAFF },
      params: ClinicParams,
      success: {
        status: 200,
        description: 'Feeds not revoked, oldest first (no addresses)',
        schema: CalendarFeedListSchema,
      },
      handler: async ({ actor }) => ({ items: await calendars.list(actor) }),
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/clinics/:clinicId/calendar-feeds/:feedId',
      operationId: 'revokeCalendarFeed',
      summary: 'revoke a calendar feed',
      tag: 'calendars',
      access: { kind: 'clinic', roles: STAFF },
      params: z.strictObject({ clinicId: z.uuid(), feedId: z.uuid() }),
      success: { status: 204, description: 'Revoked: its address answers 404 from now on' },
      handler: ({ actor, params }) => calendars.revoke(actor, params.feedId),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/clinics/:clinicId/portal/calendar-feed',
      operationId: 'createOwnCalendarFeed',
      summary: 'make a calendar feed of my appointments (the client portal)',
      tag: 'calendars',
      access: { kind: 'clinic', roles: ['client'] },
      params: ClinicParams,
      success: { status: 201, description: 'The feed with its private URL', schema: CreatedCalendarFeedSchema },
      handler: ({ actor }) => calendars.createOwn(actor),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/calendars/:token.ics',
      operationId: 'calendarFeed',
      summary: 'read a calendar feed (iCalendar, by its private address)',
      tag: 'calendars',
      access: { kind: 'public' },
      params: FeedTokenParamsSchema,
      success: { status: 200, description: 'text/calendar (RFC 5545)', mediaTypes: ['text/calendar'] },
      handler: async ({ params, reply }) => {
        const body = await calendars.ics(params.token)
        reply.type('text/calendar; charset=utf-8')
        return body
      },
    }),
  ]
}
