// The demo clinic created on the first start of an empty database: two locations, an owner, three practitioners,
// front desk, and twenty clients at every stage from enquiry to touch-up. Each client past enquiry has an intake; from
// consultation on, the consultation the domain runs on it (the engine places the recommended design's dots); from
// design on, that design as version 1; from in-course on, the client's approval, the treatment plan with its quote, and session
// records whose impressions, needles, dilutions and durations are the plan's (the engine's per-session dot counts).
import {
  type ConsultationResult,
  consult,
  defaultTaxRules,
  type IntakeCreate,
  IntakeSchema,
  type QuoteMinor,
  type SessionRecordCreate,
} from '@stipple/domain'
import { type Kysely, sql } from 'kysely'
import type { Auth } from '../auth/auth.ts'
import type { Database, Role } from '../db/database.ts'
import { ClientRepository } from '../features/clients/repository.ts'
import { consultationRow } from '../features/consultations/repository.ts'
import { IntakeRepository } from '../features/intakes/repository.ts'
import { storedQuote } from '../features/plans/quote-record.ts'
import { SessionRecordRepository } from '../features/session-records/repository.ts'
import { seedDemoLots } from './seed-lots.ts'
import { seedDemoRecords } from './seed-records.ts'
import { seedDemoReminders } from './seed-reminders.ts'
import { seedDemoSchedule } from './seed-schedule.ts'

const DEMO_CLINIC_SLUG = 'northline-demo'
/** Printed at start-up; demo accounts only ever exist in the demo clinic. */
export const DEMO_PASSWORD = 'stipple-demo-2026'

export interface DemoSignIn {
  email: string
  role: Role
  name: string
}

const STAFF: { email: string; name: string; role: Role }[] = [
  { email: 'owner@northline.example', name: 'Maya Chen', role: 'owner' },
  { email: 'sam@northline.example', name: 'Sam Okafor', role: 'practitioner' },
  { email: 'lea@northline.example', name: 'Léa Tremblay', role: 'practitioner' },
  { email: 'raj@northline.example', name: 'Raj Patel', role: 'practitioner' },
  { email: 'desk@northline.example', name: 'Jordan Reyes', role: 'front_desk' },
]

const WEEKDAYS = {
  mon: [['10:00', '18:00']],
  tue: [['10:00', '18:00']],
  wed: [['10:00', '20:00']],
  thu: [['10:00', '20:00']],
  fri: [['10:00', '18:00']],
  sat: [['09:00', '15:00']],
}

type Stage = 'enquiry' | 'consultation' | 'design' | 'in-course' | 'aftercare' | 'touch-up-due'
type Practitioner = 'sam@northline.example' | 'lea@northline.example' | 'raj@northline.example'

interface ClientSpec {
  given: string
  family: string
  stage: Stage
  home: 'toronto' | 'vancouver'
  practitioner: Practitioner
  /** The intake's client and hair loss (and goal); null at enquiry. */
  intake: Record<string, unknown> | null
  /** Days before the seeding day of the consultation (the first session is planned from it). */
  daysAgo: number
  /** Planned sessions already performed while in course (after the course: all of them). */
  sessionsDone: number
}

/** The demo client who has a portal sign-in (in course, so the portal has sessions, aftercare and a design). */
const PORTAL_CLIENT = { given: 'Daniel', family: 'Kowalski', email: 'daniel.kowalski@example.com' } as const

const SAM: Practitioner = 'sam@northline.example'
const LEA: Practitioner = 'lea@northline.example'
const RAJ: Practitioner = 'raj@northline.example'
const man = (age: number, stage: string, hairColor = 'dark-brown', fitzpatrick = 3) => ({
  client: { sex: 'male', age, fitzpatrick, hairColor, hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage },
})
const woman = (age: number, stage: string) => ({
  client: { sex: 'female', age, fitzpatrick: 2, hairColor: 'brown', hairLength: 'long' },
  hairLoss: { scale: 'ludwig', stage },
  goal: 'density',
})

/** `Mateo García` → `mateo.garcia@example.com`: accents folded to their letter, never dropped with it. */
function demoEmail(given: string, family: string): string {
  const local = `${given}.${family}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  return `${local.replace(/[^a-z.]/g, '')}@example.com`
}

/** One number per client in the range kept for fiction (555-0100 to 555-0199), in the home location's area code. */
/** Clients' numbers are 555 01NN; the clinic's own locations answer on 555 0200, which no client has. */
function demoPhone(home: 'toronto' | 'vancouver', index: number): string {
  return `+1 ${home === 'toronto' ? '416' : '604'} 555 01${String(index).padStart(2, '0')}`
}

const YEARS = 365
/** Twenty clients, from a first enquiry to a touch-up due years after the course. */
const CLIENTS: ClientSpec[] = [
  {
    given: 'Noah',
    family: 'Williams',
    stage: 'enquiry',
    home: 'toronto',
    practitioner: SAM,
    intake: null,
    daysAgo: 2,
    sessionsDone: 0,
  },
  {
    given: 'Elena',
    family: 'Rossi',
    stage: 'enquiry',
    home: 'vancouver',
    practitioner: LEA,
    intake: null,
    daysAgo: 1,
    sessionsDone: 0,
  },
  {
    given: 'Kwame',
    family: 'Mensah',
    stage: 'enquiry',
    home: 'toronto',
    practitioner: RAJ,
    intake: null,
    daysAgo: 0,
    sessionsDone: 0,
  },
  {
    given: 'Priya',
    family: 'Sharma',
    stage: 'consultation',
    home: 'toronto',
    practitioner: LEA,
    intake: woman(36, 'II'),
    daysAgo: 3,
    sessionsDone: 0,
  },
  {
    given: 'Lucas',
    family: 'Martin',
    stage: 'consultation',
    home: 'vancouver',
    practitioner: RAJ,
    intake: man(29, 'III'),
    daysAgo: 5,
    sessionsDone: 0,
  },
  {
    given: 'Omar',
    family: 'Haddad',
    stage: 'consultation',
    home: 'toronto',
    practitioner: SAM,
    intake: { ...man(47, 'IV'), scars: [{ kind: 'fut', lengthMm: 180, widthMm: 3 }] },
    daysAgo: 6,
    sessionsDone: 0,
  },
  {
    given: 'Marcus',
    family: 'Brown',
    stage: 'design',
    home: 'vancouver',
    practitioner: SAM,
    intake: man(44, 'Va', 'black', 5),
    daysAgo: 9,
    sessionsDone: 0,
  },
  {
    given: 'Hiro',
    family: 'Tanaka',
    stage: 'design',
    home: 'vancouver',
    practitioner: LEA,
    intake: man(38, 'III-vertex', 'black', 3),
    daysAgo: 8,
    sessionsDone: 0,
  },
  {
    given: 'Sofia',
    family: 'Nowak',
    stage: 'design',
    home: 'toronto',
    practitioner: RAJ,
    intake: woman(52, 'III'),
    daysAgo: 12,
    sessionsDone: 0,
  },
  {
    given: 'Daniel',
    family: 'Kowalski',
    stage: 'in-course',
    home: 'toronto',
    practitioner: SAM,
    intake: { ...man(39, 'VI'), goal: 'shaved-look' },
    daysAgo: 20,
    sessionsDone: 2,
  },
  {
    given: 'Mateo',
    family: 'García',
    stage: 'in-course',
    home: 'vancouver',
    practitioner: LEA,
    intake: man(33, 'IV'),
    daysAgo: 10,
    sessionsDone: 1,
  },
  {
    given: 'Ben',
    family: 'Cohen',
    stage: 'in-course',
    home: 'toronto',
    practitioner: RAJ,
    intake: man(41, 'V'),
    daysAgo: 18,
    sessionsDone: 2,
  },
  {
    given: 'Ade',
    family: 'Okonkwo',
    stage: 'in-course',
    home: 'vancouver',
    practitioner: SAM,
    intake: man(36, 'IIIa', 'black', 6),
    daysAgo: 5,
    sessionsDone: 1,
  },
  {
    given: 'Ahmed',
    family: 'Hassan',
    stage: 'aftercare',
    home: 'vancouver',
    practitioner: LEA,
    intake: man(51, 'VII'),
    daysAgo: 90,
    sessionsDone: 4,
  },
  {
    given: 'Chris',
    family: "O'Neill",
    stage: 'aftercare',
    home: 'toronto',
    practitioner: SAM,
    intake: man(45, 'VI', 'light-brown', 2),
    daysAgo: 70,
    sessionsDone: 3,
  },
  {
    given: 'Jonas',
    family: 'Berg',
    stage: 'aftercare',
    home: 'toronto',
    practitioner: RAJ,
    intake: man(28, 'II', 'blonde', 1),
    daysAgo: 60,
    sessionsDone: 3,
  },
  {
    given: 'Amira',
    family: 'Saleh',
    stage: 'aftercare',
    home: 'vancouver',
    practitioner: LEA,
    intake: woman(44, 'II'),
    daysAgo: 75,
    sessionsDone: 3,
  },
  {
    given: 'Tom',
    family: 'Gallagher',
    stage: 'touch-up-due',
    home: 'toronto',
    practitioner: SAM,
    intake: man(58, 'V', 'grey'),
    daysAgo: 4 * YEARS,
    sessionsDone: 3,
  },
  {
    given: 'Victor',
    family: 'Dubois',
    stage: 'touch-up-due',
    home: 'vancouver',
    practitioner: RAJ,
    intake: man(62, 'VI', 'grey', 2),
    daysAgo: 5 * YEARS,
    sessionsDone: 3,
  },
  {
    given: 'Sean',
    family: 'Murphy',
    stage: 'touch-up-due',
    home: 'toronto',
    practitioner: LEA,
    intake: man(49, 'IV', 'brown', 2),
    daysAgo: 3 * YEARS,
    sessionsDone: 3,
  },
]

interface PlannedCourse {
  spec: ClientSpec
  intake: Record<string, unknown> | null
  consultation: ConsultationResult | null
  /** Its quote as summed and stored (minor units). */
  quote: QuoteMinor | null
  /** The consultation day, an ISO date. */
  start: string
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** Intakes and consultations (the engine's placement inside) for every client; runs before any write. */
function planCourses(now: Date): PlannedCourse[] {
  return CLIENTS.map((spec) => {
    const start = isoDay(new Date(now.getTime() - spec.daysAgo * 86_400_000))
    if (spec.intake === null) return { spec, intake: null, consultation: null, quote: null, start }
    const intake = { schema: 'stipple.intake/v1', ...spec.intake, location: { priceList: 'toronto' } }
    // priced where the client is seen: their home location's taxes (Ontario HST, or BC's GST)
    const taxRules = defaultTaxRules({ country: 'CA', region: spec.home === 'vancouver' ? 'BC' : 'ON' })
    const { result, quoteMinor } = consult(IntakeSchema.parse(intake), { today: start, taxRules })
    return { spec, intake, consultation: result, quote: quoteMinor, start }
  })
}

const needle = (configuration: string, lot: string, usedOn: string) => ({
  configuration,
  manufacturer: 'Kwadron',
  lot,
  expiresOn: `${Number(usedOn.slice(0, 4)) + 2}-06-30`,
  singleUseConfirmed: true as const,
})
const pigment = (lot: string, dilution: string, usedOn: string) => ({
  brand: 'Perma Blend',
  shade: 'SMP Charcoal',
  dilution,
  lot,
  expiresOn: `${Number(usedOn.slice(0, 4)) + 1}-12-31`,
})

/** Returns the demo clinic's sign-ins if it exists. */
export async function demoSignIns(db: Kysely<Database>): Promise<DemoSignIn[] | null> {
  const clinic = await db.selectFrom('clinics').select('id').where('slug', '=', DEMO_CLINIC_SLUG).executeTakeFirst()
  if (clinic === undefined) return null
  const portal = {
    email: PORTAL_CLIENT.email,
    role: 'client' as const,
    name: `${PORTAL_CLIENT.given} ${PORTAL_CLIENT.family}`,
  }
  return [...STAFF.map(({ email, role, name }) => ({ email, role, name })), portal]
}

/** Creates the demo clinic when the database has no clinic at all; returns whether it did. */
export async function seedDemoIfEmpty(db: Kysely<Database>, auth: Auth, seededAt = new Date()): Promise<boolean> {
  const any = await db.selectFrom('clinics').select('id').limit(1).executeTakeFirst()
  if (any !== undefined) return false
  const courses = planCourses(seededAt)
  // users first: the auth library writes them through its own connection use, outside our transaction
  const users: ((typeof STAFF)[number] & { user: { id: string } })[] = []
  for (const s of STAFF)
    users.push({ ...s, user: await auth.createUser({ email: s.email, name: s.name, password: DEMO_PASSWORD }) })
  const portalUser = await auth.createUser({
    email: PORTAL_CLIENT.email,
    name: `${PORTAL_CLIENT.given} ${PORTAL_CLIENT.family}`,
    password: DEMO_PASSWORD,
  })
  await db.transaction().execute(async (trx) => {
    const clinic = await trx
      .insertInto('clinics')
      .values({ name: 'Northline Scalp Studio (demo)', slug: DEMO_CLINIC_SLUG })
      .returning('id')
      .executeTakeFirstOrThrow()
    const [toronto, vancouver] = await trx
      .insertInto('locations')
      .values([
        {
          clinic_id: clinic.id,
          name: 'Toronto — Queen West',
          address: JSON.stringify({
            line1: '812 Queen St W',
            city: 'Toronto',
            region: 'ON',
            postalCode: 'M6J 1G1',
            country: 'CA',
          }),
          time_zone: 'America/Toronto',
          opening_hours: JSON.stringify(WEEKDAYS),
          price_list_id: 'toronto',
          // Ontario: HST 13 % on treatment
          tax_rules: JSON.stringify(defaultTaxRules({ country: 'CA', region: 'ON' })),
          phone: '+1 416 555 0200',
        },
        {
          clinic_id: clinic.id,
          name: 'Vancouver — Mount Pleasant',
          address: JSON.stringify({
            line1: '2419 Main St',
            city: 'Vancouver',
            region: 'BC',
            postalCode: 'V5T 3E1',
            country: 'CA',
          }),
          time_zone: 'America/Vancouver',
          opening_hours: JSON.stringify(WEEKDAYS),
          // the clinic's one Canadian price list, in CAD; the taxes are British Columbia's: GST 5 % on treatment,
          // PST 7 % on goods only
          price_list_id: 'toronto',
          tax_rules: JSON.stringify(defaultTaxRules({ country: 'CA', region: 'BC' })),
          phone: '+1 604 555 0200',
        },
      ])
      .returning('id')
      .execute()
    if (toronto === undefined || vancouver === undefined) throw new Error('demo locations were not created')
    const members = new Map<string, string>()
    for (const u of users) {
      const m = await trx
        .insertInto('memberships')
        .values({ clinic_id: clinic.id, user_id: u.user.id, role: u.role, display_name: u.name })
        .returning('id')
        .executeTakeFirstOrThrow()
      members.set(u.email, m.id)
      if (u.role === 'practitioner') {
        await trx
          .insertInto('practitioner_credentials')
          .values({
            clinic_id: clinic.id,
            membership_id: m.id,
            kind: 'certification',
            title: 'Scalp micropigmentation practitioner',
            issuer: 'Demo SMP Academy',
            issued_on: '2023-03-01',
            expires_on: u.email.startsWith('raj') ? '2026-12-15' : '2028-03-01',
            public: true,
          })
          .execute()
      }
    }
    const repos = {
      clients: new ClientRepository(trx),
      intakes: new IntakeRepository(trx),
      sessions: new SessionRecordRepository(trx),
    }
    const consents = { careEmail: true, careSms: true, marketingEmail: false, marketingSms: false }
    const homes = { toronto: toronto.id, vancouver: vancouver.id }
    for (const c of courses) {
      const practitioner = members.get(c.spec.practitioner) ?? ''
      const locationId = homes[c.spec.home]
      const client = await repos.clients.create(
        clinic.id,
        {
          givenName: c.spec.given,
          familyName: c.spec.family,
          email: demoEmail(c.spec.given, c.spec.family),
          phone: demoPhone(c.spec.home, courses.indexOf(c)),
          stage: c.spec.stage,
          homeLocationId: locationId,
          consents,
        },
        seededAt
      )
      if (c.spec.given === PORTAL_CLIENT.given && c.spec.family === PORTAL_CLIENT.family) {
        await trx
          .insertInto('memberships')
          .values({ clinic_id: clinic.id, user_id: portalUser.id, role: 'client', display_name: portalUser.name })
          .execute()
        await trx.updateTable('clients').set({ user_id: portalUser.id }).where('id', '=', client.id).execute()
      }
      if (c.intake === null) continue
      const intakeRow = await repos.intakes.create(
        clinic.id,
        client.id,
        c.intake as IntakeCreate['document'],
        practitioner
      )
      if (c.consultation === null || c.quote === null) continue
      const result = c.consultation
      const row = consultationRow(result)
      await sql`insert into consultations (clinic_id, client_id, intake_id, practitioner_id, screening_status, screening, result, created_at)
        values (${clinic.id}, ${client.id}, ${intakeRow.id}, ${practitioner}, ${row.screening_status},
          ${row.screening}, ${row.result}, ${c.start})`.execute(trx)
      if (c.spec.stage === 'consultation') continue
      const design = await sql<{ id: string }>`insert into designs (clinic_id, client_id, title, created_at)
        values (${clinic.id}, ${client.id}, ${`${result.recommendation.presetId} design`}, ${c.start})
        returning id`.execute(trx)
      const designId = design.rows[0]?.id ?? ''
      const version = await sql<{
        id: string
      }>`insert into design_versions (clinic_id, design_id, version, document, created_by, created_at)
        values (${clinic.id}, ${designId}, 1, ${JSON.stringify(result.design)}, ${practitioner}, ${c.start})
        returning id`.execute(trx)
      const versionId = version.rows[0]?.id ?? ''
      await sql`update consultations set design_id = ${designId} where client_id = ${client.id}`.execute(trx)
      if (c.spec.stage === 'design') continue // the client has not approved it yet
      await sql`insert into design_approvals (clinic_id, design_id, design_version_id, method, approved_at, recorded_by)
        values (${clinic.id}, ${designId}, ${versionId}, 'in-clinic', ${c.start}, ${practitioner})`.execute(trx)
      const plan = await sql<{
        id: string
      }>`insert into treatment_plans (clinic_id, client_id, design_version_id, plan, created_at)
        values (${clinic.id}, ${client.id}, ${versionId}, ${JSON.stringify(result.plan)}, ${c.start})
        returning id`.execute(trx)
      const quote = storedQuote(c.quote)
      await sql`insert into quotes (clinic_id, treatment_plan_id, location_id, currency, total_minor, document, created_at)
        values (${clinic.id}, ${plan.rows[0]?.id ?? ''}, ${locationId}, ${quote.currency}, ${quote.totalMinor},
          ${JSON.stringify(quote.document)}, ${c.start})`.execute(trx)
      for (const session of result.plan.sessions.slice(
        0,
        c.spec.stage === 'in-course' ? c.spec.sessionsDone : undefined
      )) {
        await repos.sessions.create(
          clinic.id,
          client.id,
          sessionRecord(c, session, locationId, practitioner),
          practitioner
        )
      }
    }
    await seedDemoRecords(trx, clinic.id, seededAt)
    await seedDemoLots(trx, clinic.id, seededAt)
    await seedDemoSchedule(trx, clinic.id, seededAt)
    await seedDemoReminders(trx, clinic.id, seededAt)
  })
  return true
}

/** A session record as the practitioner would enter it for one planned session: impressions and areas from the plan. */
function sessionRecord(
  c: PlannedCourse,
  session: ConsultationResult['plan']['sessions'][number],
  locationId: string,
  practitionerId: string
): SessionRecordCreate & { performedAt: string } {
  const areas = Object.entries(session.impressionsByZone)
    .filter(([zone, n]) => n > 0 && /^[a-z][a-z0-9-]{0,39}$/.test(zone))
    .map(([zone]) => zone)
  const lotYear = session.date.slice(2, 4)
  return {
    locationId,
    practitionerId,
    sessionIndex: session.index,
    performedAt: `${session.date}T15:00:00Z`,
    areas: areas.length > 0 ? areas.slice(0, 20) : ['frontal'],
    needles: [needle(session.needle, `KW-${lotYear}-${1000 + session.index}`, session.date)],
    pigments: [
      pigment(`PB-${lotYear}${c.spec.home === 'toronto' ? '09-117' : '05-042'}`, session.shadeDilution, session.date),
    ],
    anaesthetic: { product: 'lidocaine 5% cream', method: 'topical' },
    impressions: session.impressions,
    durationMinutes: session.durationMinutes,
    notes: `Session ${session.index}: ${session.dots} dots placed as planned; even take, light bleeding at the temples.`,
  }
}
