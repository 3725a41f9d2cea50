// The demo clinic created on the first start of an empty database: two locations, an owner, three practitioners,
// front desk, and clients at different stages of their course, with intakes and session records carrying lots.
import type { IntakeCreate, SessionRecordCreate } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Auth } from '../auth/auth.ts'
import type { Database, Role } from '../db/database.ts'
import { repositoriesOver } from '../db/unit-of-work.ts'

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

const intake = (age: number, stage: string, extra: Record<string, unknown> = {}): IntakeCreate['document'] => ({
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age, fitzpatrick: 3, hairColor: 'dark-brown', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage },
  location: { priceList: 'toronto' },
  ...extra,
})

const needle = (lot: string) => ({
  configuration: '3RL 0.25',
  manufacturer: 'Kwadron',
  lot,
  expiresOn: '2028-06-30',
  singleUseConfirmed: true as const,
})
const pigment = (lot: string, dilution: string) => ({
  brand: 'Perma Blend',
  shade: 'SMP Charcoal',
  dilution,
  lot,
  expiresOn: '2027-12-31',
})

/** Returns the demo clinic's sign-ins if it exists. */
export async function demoSignIns(db: Kysely<Database>): Promise<DemoSignIn[] | null> {
  const clinic = await db.selectFrom('clinics').select('id').where('slug', '=', DEMO_CLINIC_SLUG).executeTakeFirst()
  return clinic === undefined ? null : STAFF.map(({ email, role, name }) => ({ email, role, name }))
}

/** Creates the demo clinic when the database has no clinic at all; returns whether it did. */
export async function seedDemoIfEmpty(db: Kysely<Database>, auth: Auth): Promise<boolean> {
  const any = await db.selectFrom('clinics').select('id').limit(1).executeTakeFirst()
  if (any !== undefined) return false
  // users first: the auth library writes them through its own connection use, outside our transaction
  const users: ((typeof STAFF)[number] & { user: { id: string } })[] = []
  for (const s of STAFF)
    users.push({ ...s, user: await auth.createUser({ email: s.email, name: s.name, password: DEMO_PASSWORD }) })
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
          price_list_id: 'toronto',
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
    const sam = members.get('sam@northline.example') ?? ''
    const lea = members.get('lea@northline.example') ?? ''
    const repos = repositoriesOver(trx)
    const consents = { careEmail: true, careSms: true, marketingEmail: false, marketingSms: false }
    const now = new Date()
    const client = (
      givenName: string,
      familyName: string,
      stage: 'enquiry' | 'consultation' | 'design' | 'in-course' | 'aftercare' | 'touch-up-due',
      email: string,
      home: string
    ) =>
      repos.clients.create(
        clinic.id,
        { givenName, familyName, email, phone: '+1 416 555 0100', stage, homeLocationId: home, consents },
        now
      )
    await client('Noah', 'Williams', 'enquiry', 'noah.w@example.com', toronto.id)
    const priya = await client('Priya', 'Sharma', 'consultation', 'priya.s@example.com', toronto.id)
    await repos.intakes.create(clinic.id, priya.id, intake(36, 'diffuse', { goal: 'density' }), lea)
    const marcus = await client('Marcus', 'Brown', 'design', 'marcus.b@example.com', vancouver.id)
    await repos.intakes.create(clinic.id, marcus.id, intake(44, '5A'), sam)
    const daniel = await client('Daniel', 'Kowalski', 'in-course', 'daniel.k@example.com', toronto.id)
    await repos.intakes.create(clinic.id, daniel.id, intake(39, '6', { goal: 'shaved-look' }), sam)
    const ahmed = await client('Ahmed', 'Hassan', 'aftercare', 'ahmed.h@example.com', vancouver.id)
    await repos.intakes.create(clinic.id, ahmed.id, intake(51, '7'), lea)
    const tom = await client('Tom', 'Gallagher', 'touch-up-due', 'tom.g@example.com', toronto.id)
    await repos.intakes.create(clinic.id, tom.id, intake(58, '5', { hairColor: 'grey' }), sam)
    const session = (
      index: number,
      performedAt: string,
      practitionerId: string,
      locationId: string,
      pigmentLot: string,
      dilution: string
    ): SessionRecordCreate => ({
      locationId,
      practitionerId,
      sessionIndex: index,
      performedAt,
      areas: ['hairline', 'frontal', 'mid-scalp', 'crown'],
      needles: [needle(`KW-25-${1000 + index}`)],
      pigments: [pigment(pigmentLot, dilution)],
      anaesthetic: { product: 'lidocaine 5% cream', method: 'topical' },
      impressions: 9000 + index * 1500,
      durationMinutes: 180,
      notes: `Session ${index}: even take, light bleeding at the temples.`,
    })
    await repos.sessions.create(
      clinic.id,
      daniel.id,
      session(1, '2026-10-27T15:00:00Z', sam, toronto.id, 'PB-2409-117', '1:25'),
      sam
    )
    await repos.sessions.create(
      clinic.id,
      daniel.id,
      session(2, '2026-11-06T15:00:00Z', sam, toronto.id, 'PB-2409-117', '1:15'),
      sam
    )
    for (const [i, day] of ['2026-09-02', '2026-09-12', '2026-09-23'].entries()) {
      await repos.sessions.create(
        clinic.id,
        ahmed.id,
        session(i + 1, `${day}T18:00:00Z`, lea, vancouver.id, 'PB-2405-042', i === 0 ? '1:25' : '1:15'),
        lea
      )
    }
    for (const [i, day] of ['2022-05-03', '2022-05-14', '2022-05-26'].entries()) {
      await repos.sessions.create(
        clinic.id,
        tom.id,
        session(i + 1, `${day}T14:00:00Z`, sam, toronto.id, 'PB-2202-009', '1:20'),
        sam
      )
    }
  })
  return true
}
