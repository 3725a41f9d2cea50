// createApp(deps) builds the whole HTTP API in process: tests call app.inject(), main.ts listens on a port.
import { TIME_ZONE_DATABASE_VERSION } from '@stipple/domain'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Auth } from './auth/auth.ts'
import { LoginRateLimiter } from './auth/rate-limit.ts'
import type { Database } from './db/database.ts'
import { unitOfWork } from './db/unit-of-work.ts'
import { AppError } from './errors.ts'
import { accessRoutes } from './features/access/routes.ts'
import { AccessService } from './features/access/service.ts'
import { accessRepositories } from './features/access/work.ts'
import { auditRoutes } from './features/audit/routes.ts'
import { AuditService } from './features/audit/service.ts'
import { auditRepositories } from './features/audit/work.ts'
import { calendarRoutes } from './features/calendars/routes.ts'
import { CalendarService } from './features/calendars/service.ts'
import { calendarRepositories } from './features/calendars/work.ts'
import { clientRoutes } from './features/clients/routes.ts'
import { ClientService } from './features/clients/service.ts'
import { clientRepositories } from './features/clients/work.ts'
import { consentRoutes } from './features/consents/routes.ts'
import { ConsentService } from './features/consents/service.ts'
import { consentRepositories } from './features/consents/work.ts'
import { consultationRoutes } from './features/consultations/routes.ts'
import { ConsultationService } from './features/consultations/service.ts'
import { consultationRepositories } from './features/consultations/work.ts'
import { credentialRoutes } from './features/credentials/routes.ts'
import { CredentialService } from './features/credentials/service.ts'
import { credentialRepositories } from './features/credentials/work.ts'
import { PreviewRenderer } from './features/designs/preview.ts'
import { designRoutes } from './features/designs/routes.ts'
import { DesignService } from './features/designs/service.ts'
import { designRepositories } from './features/designs/work.ts'
import { intakeRoutes } from './features/intakes/routes.ts'
import { IntakeService } from './features/intakes/service.ts'
import { intakeRepositories } from './features/intakes/work.ts'
import { laserRemovalRoutes } from './features/laser-removal/routes.ts'
import { LaserRemovalService } from './features/laser-removal/service.ts'
import { laserRemovalRepositories } from './features/laser-removal/work.ts'
import { locationRoutes } from './features/locations/routes.ts'
import { LocationService } from './features/locations/service.ts'
import { locationRepositories } from './features/locations/work.ts'
import { photoRoutes } from './features/photos/routes.ts'
import { PhotoService } from './features/photos/service.ts'
import type { PhotoStore } from './features/photos/store.ts'
import { photoRepositories } from './features/photos/work.ts'
import { planRoutes } from './features/plans/routes.ts'
import { PlanService } from './features/plans/service.ts'
import { planRepositories } from './features/plans/work.ts'
import { portalAccessRoutes } from './features/portal-access/routes.ts'
import { PortalAccessService } from './features/portal-access/service.ts'
import { portalAccessRepositories } from './features/portal-access/work.ts'
import { privacyRoutes } from './features/privacy/routes.ts'
import { PrivacyService } from './features/privacy/service.ts'
import { privacyRepositories } from './features/privacy/work.ts'
import { publicSiteRoutes } from './features/public-site/routes.ts'
import { PublicSiteService } from './features/public-site/service.ts'
import { publicSiteRepositories } from './features/public-site/work.ts'
import { acceptUnsubscribeForms, reminderRoutes } from './features/reminders/routes.ts'
import { ReminderService } from './features/reminders/service.ts'
import { reminderRepositories } from './features/reminders/work.ts'
import { AppointmentService } from './features/scheduling/appointments.service.ts'
import { AvailabilityService } from './features/scheduling/availability.service.ts'
import { BookingRateLimiter } from './features/scheduling/booking-limiter.ts'
import { CourseService } from './features/scheduling/courses.service.ts'
import { FrontDeskService } from './features/scheduling/front-desk.service.ts'
import { PortalAppointmentService } from './features/scheduling/portal.service.ts'
import { PublicBookingService } from './features/scheduling/public-booking.service.ts'
import { ResourceService } from './features/scheduling/resources.service.ts'
import { schedulingRoutes } from './features/scheduling/routes.ts'
import { schedulingRepositories } from './features/scheduling/work.ts'
import { sessionRecordRoutes } from './features/session-records/routes.ts'
import { SessionRecordService } from './features/session-records/service.ts'
import { sessionRecordRepositories } from './features/session-records/work.ts'
import { type LogDestination, loggerOptions } from './http/logging.ts'
import { buildOpenApi } from './http/openapi.ts'
import { toProblem } from './http/problem.ts'
import { acceptRawBodies, defineRoute, type RouteSpec, registerRoute } from './http/route.ts'
import { registerWebApp } from './http/web-app.ts'

const API_VERSION = '0.1.0'
/** JSON bodies above this are refused with 413 before they are parsed. */
const BODY_LIMIT_BYTES = 512 * 1024

export interface AppDeps {
  db: Kysely<Database>
  auth: Auth
  /** Origins allowed to post the sign-in form (the server's own URL). */
  trustedOrigins: readonly string[]
  databaseKind: 'pglite' | 'postgres'
  /** Where photo bytes live (by content hash): `<data>/photos` on the filesystem. */
  photoStore: PhotoStore
  now?: () => Date
  /** The web app's address for links in emails (booking management); default: the first trusted origin. */
  publicUrl?: string
  /** Per-address and per-email limits on public consultation bookings. */
  bookingLimiter?: BookingRateLimiter
  loginLimiter?: LoginRateLimiter
  /** Where the JSON log lines go (`stipple serve`: stdout); absent or false: no log. */
  logger?: false | LogDestination
  /** Whether the server sends email (SMTP_URL is set): public booking pages say "we have emailed you" only then. */
  mailConfigured?: boolean
  /** The built web app (packages/web/dist) served at `/`; absent: a page that says it is not built. */
  webDist?: string | null
}

export interface StippleApp {
  app: FastifyInstance
  /** Every route of /api/v1, as registered and as documented. */
  routes: readonly RouteSpec[]
  openApi: Record<string, unknown>
}

function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { problem, appError } = toProblem(error, request.id)
  if (problem.status >= 500) request.log.error({ err: appError.cause ?? error }, 'internal error')
  else if (problem.status !== 404)
    request.log.info({ code: problem.code, errors: problem.errors.map((e) => e.path) }, 'refused')
  if (appError.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.retryAfterSeconds))
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

export async function createApp(deps: AppDeps): Promise<StippleApp> {
  const now = deps.now ?? (() => new Date())
  const access = unitOfWork(deps.db, accessRepositories)
  const publicUrl = deps.publicUrl ?? deps.trustedOrigins[0] ?? 'http://localhost'
  const scheduling = unitOfWork(deps.db, schedulingRepositories)
  // one renderer: the plan PDF's previews share the design previews' threads, limits and cache
  const previews = new PreviewRenderer()
  const app = Fastify({
    ...loggerOptions(deps.logger === false ? undefined : deps.logger),
    ...(deps.logger === undefined || deps.logger === false ? { logger: false } : {}),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
    // the router's own refusals (a path whose percent-escapes are not UTF-8) as problems like every other
    frameworkErrors: (error, request, reply) => sendProblem(error, request, reply),
  })

  const routes: RouteSpec[] = [
    defineRoute({
      method: 'GET',
      path: '/api/v1/health',
      operationId: 'health',
      summary: 'check that the server and its database answer',
      tag: 'system',
      access: { kind: 'public' },
      success: {
        status: 200,
        description: 'Up',
        schema: z.object({
          status: z.literal('ok'),
          database: z.enum(['pglite', 'postgres']),
          /** The IANA time-zone database release every local time is computed with (pinned, not the runtime's). */
          tzdb: z.string(),
        }),
      },
      handler: async () => {
        await deps.db.selectFrom('clinics').select('id').limit(1).execute()
        return { status: 'ok', database: deps.databaseKind, tzdb: TIME_ZONE_DATABASE_VERSION }
      },
    }),
    ...accessRoutes(
      new AccessService(
        deps.auth,
        unitOfWork(deps.db, accessRepositories),
        deps.loginLimiter ?? new LoginRateLimiter()
      ),
      deps.trustedOrigins
    ),
    ...clientRoutes(new ClientService(unitOfWork(deps.db, clientRepositories), now)),
    ...intakeRoutes(new IntakeService(unitOfWork(deps.db, intakeRepositories), now)),
    ...sessionRecordRoutes(new SessionRecordService(unitOfWork(deps.db, sessionRecordRepositories), now)),
    ...photoRoutes(new PhotoService(unitOfWork(deps.db, photoRepositories), deps.photoStore, now)),
    ...privacyRoutes(new PrivacyService(unitOfWork(deps.db, privacyRepositories), now, deps.photoStore)),
    ...consentRoutes(new ConsentService(unitOfWork(deps.db, consentRepositories), deps.photoStore)),
    ...credentialRoutes(new CredentialService(unitOfWork(deps.db, credentialRepositories), now)),
    ...laserRemovalRoutes(new LaserRemovalService(unitOfWork(deps.db, laserRemovalRepositories), now)),
    ...publicSiteRoutes(new PublicSiteService(unitOfWork(deps.db, publicSiteRepositories), deps.photoStore, now)),
    ...portalAccessRoutes(new PortalAccessService(unitOfWork(deps.db, portalAccessRepositories), deps.auth, now)),
    ...schedulingRoutes({
      resources: new ResourceService(scheduling, now),
      availability: new AvailabilityService(scheduling, now),
      appointments: new AppointmentService(scheduling, now),
      frontDesk: new FrontDeskService(scheduling, now),
      courses: new CourseService(scheduling, now),
      portal: new PortalAppointmentService(scheduling, now),
      publicBooking: new PublicBookingService(
        scheduling,
        now,
        publicUrl,
        deps.bookingLimiter ?? new BookingRateLimiter(),
        deps.mailConfigured ?? false
      ),
    }),
    ...consultationRoutes(new ConsultationService(unitOfWork(deps.db, consultationRepositories), now)),
    ...designRoutes(new DesignService(unitOfWork(deps.db, designRepositories), previews)),
    ...planRoutes(new PlanService(unitOfWork(deps.db, planRepositories), previews, now)),
    ...reminderRoutes(new ReminderService(unitOfWork(deps.db, reminderRepositories), now)),
    ...calendarRoutes(new CalendarService(unitOfWork(deps.db, calendarRepositories), now, publicUrl)),
    ...auditRoutes(new AuditService(unitOfWork(deps.db, auditRepositories))),
    ...locationRoutes(new LocationService(unitOfWork(deps.db, locationRepositories))),
  ]
  const openApi = buildOpenApi(routes, { version: API_VERSION })

  app.setErrorHandler(sendProblem)
  app.setNotFoundHandler((request) => {
    throw new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`)
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
    // a retried booking with the same Idempotency-Key: the first request made it, so 200 rather than 201
    if (reply.getHeader('idempotent-replayed') === 'true') reply.code(200)
  })

  const runtime = {
    resolveSession: (request: { headers: { cookie?: string | undefined } }) =>
      deps.auth.session(request.headers.cookie),
    checkCsrf: (session: { token: string }, request: { headers: Record<string, unknown> }) => {
      const given = request.headers['x-csrf-token']
      return deps.auth.checkCsrf(session.token, typeof given === 'string' ? given : undefined)
    },
    findMembership: (userId: string, clinicId: string) => access.read.memberships.find(userId, clinicId),
    changed: () => deps.auth.forgetCachedSessions(),
  }
  acceptRawBodies(app, routes)
  acceptUnsubscribeForms(app)
  for (const spec of routes) registerRoute(app, spec, runtime)
  app.get('/api/openapi.json', async () => openApi)
  await registerWebApp(app, deps.webDist ?? null)
  await app.ready()
  return { app, routes, openApi }
}
