// The demo clinic's consents, credentials and a laser-removal course, added inside the demo seed's transaction:
// the clinic's consent texts (version 1 of each kind), consents signed in the clinic by every client past
// consultation (a few also for the gallery), the owner's licence expiring three weeks after seeding, and one client
// lightening an earlier studio's SMP by laser before re-treatment.
import { createHash } from 'node:crypto'
import { type ConsentKind, TOUCH_UP_TIMING } from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { ConsentRepository } from '../features/consents/repository.ts'
import { textToSign } from '../features/consents/service.ts'

const DAY_MS = 86_400_000
const date = (d: Date) => d.toISOString().slice(0, 10)
const daysBefore = (d: Date, days: number) => new Date(d.getTime() - days * DAY_MS)

const TEMPLATES: { kind: ConsentKind; title: string; body: string }[] = [
  {
    kind: 'treatment',
    title: 'Consent to scalp micropigmentation',
    body: [
      'Scalp micropigmentation (SMP) places small dots of pigment in the skin of your scalp to look like hair follicles.',
      '',
      `- It is a cosmetic tattoo. It fades over the years. ${TOUCH_UP_TIMING}`,
      '- A full treatment is usually 3 sessions, one to two weeks apart.',
      '- Redness and small scabs are normal for a few days. Follow the aftercare sheet you are given after each session.',
      '- Removing SMP later by laser is possible but not always complete.',
      '',
      'I have told the clinic about my health and medicines, I have had my questions answered, and I agree to the treatment.',
    ].join('\n'),
  },
  {
    kind: 'privacy',
    title: 'How we look after your records',
    body: [
      'We keep your contact details, health answers, treatment records and photos so that we can treat you safely.',
      '',
      '- Only the clinic team who need them can see them. Front desk staff do not see clinical notes.',
      '- We keep treatment records for at least 3 years, as the rules for tattoo and SMP clinics require.',
      '- You can ask for a copy of your records at any time, or ask us to erase them.',
    ].join('\n'),
  },
  {
    kind: 'photography-clinical',
    title: 'Photos for your treatment record',
    body: 'We take photos of your scalp before and after each session to plan and check your treatment. They stay in your record and are never shown publicly.',
  },
  {
    kind: 'photography-marketing',
    title: 'Photos in our gallery',
    body: 'I agree that my before and after photos may be shown in the clinic’s gallery and website, without my name or any other detail about me. I can withdraw this at any time for future use.',
  },
  {
    kind: 'laser-removal',
    title: 'Consent to laser lightening or removal of SMP',
    body: [
      'Laser treatment breaks up pigment so the body can clear it. For SMP this usually takes 1 to 3 sessions.',
      '',
      '- Blistering, lighter or darker patches and, rarely, scarring can happen.',
      '- Some pigments do not clear fully.',
      '- New SMP can be done 90 days after the last laser session at the earliest.',
    ].join('\n'),
  },
]

/** Stages in which a client has been through consultation and signed the clinic's consents. */
const SIGNED_STAGES = ['design', 'in-course', 'aftercare', 'touch-up-due']

export async function seedDemoRecords(db: Kysely<Database>, clinicId: string, seededAt: Date): Promise<void> {
  const members = await db
    .selectFrom('memberships')
    .select(['id', 'role', 'display_name'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const owner = members.find((m) => m.role === 'owner')
  const desk = members.find((m) => m.role === 'front_desk') ?? owner
  const practitioners = members.filter((m) => m.role === 'practitioner')
  if (owner === undefined || desk === undefined) throw new Error('the demo clinic has no owner')

  const consents = new ConsentRepository(db)
  const templates = new Map<ConsentKind, { id: string; title: string; body: string }>()
  for (const t of TEMPLATES) templates.set(t.kind, await consents.createTemplate(clinicId, t, 1, owner.id))

  const clients = await db
    .selectFrom('clients')
    .select(['id', 'given_name', 'family_name', 'stage', 'created_at'])
    .where('clinic_id', '=', clinicId)
    .where('stage', 'in', SIGNED_STAGES)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const sign = async (client: (typeof clients)[number], kind: ConsentKind, daysAgo: number) => {
    const template = templates.get(kind)
    if (template === undefined) throw new Error(`no demo template of kind ${kind}`)
    const text = textToSign(template)
    await db
      .insertInto('signed_consents')
      .values({
        clinic_id: clinicId,
        client_id: client.id,
        template_id: template.id,
        text_signed: text,
        text_sha256: createHash('sha256').update(text).digest('hex'),
        signer_name: `${client.given_name} ${client.family_name}`,
        signed_at: daysBefore(seededAt, daysAgo),
        // signed on paper before the clinic used the tablet: no signature image is on file
        signature_sha256: null,
        method: 'in-clinic',
        recorded_by: desk.id,
      })
      .execute()
  }
  // signed at the consultation, before any needle: 30 days ago, or the day before the client's first session if earlier
  const firstSessions = await db
    .selectFrom('session_records')
    .select(['client_id', db.fn.min('performed_at').as('first')])
    .where('clinic_id', '=', clinicId)
    .groupBy('client_id')
    .execute()
  const firstSession = new Map(firstSessions.map((r) => [r.client_id, new Date(r.first as unknown as string | Date)]))
  for (const [i, client] of clients.entries()) {
    const first = firstSession.get(client.id)
    const before = first === undefined ? 0 : Math.ceil((seededAt.getTime() - first.getTime()) / DAY_MS) + 1
    const daysAgo = Math.max(30, before)
    await sign(client, 'treatment', daysAgo)
    await sign(client, 'privacy', daysAgo)
    await sign(client, 'photography-clinical', daysAgo)
    if (i % 3 === 0) await sign(client, 'photography-marketing', daysAgo)
  }

  // the owner's licence runs out three weeks after seeding: the dashboard warns about it
  await db
    .insertInto('practitioner_credentials')
    .values([
      {
        clinic_id: clinicId,
        membership_id: owner.id,
        kind: 'licence',
        title: 'Personal service setting licence (body art)',
        number: 'PSS-2024-0412',
        issuer: 'Toronto Public Health',
        issued_on: date(daysBefore(seededAt, 344)),
        expires_on: date(daysBefore(seededAt, -21)),
        public: true,
      },
      ...practitioners.slice(0, 1).map((p) => ({
        clinic_id: clinicId,
        membership_id: p.id,
        kind: 'certification' as const,
        title: 'Bloodborne pathogens training',
        number: null,
        issuer: 'Canadian Red Cross',
        issued_on: date(daysBefore(seededAt, 300)),
        expires_on: date(daysBefore(seededAt, -430)),
        public: false,
      })),
    ])
    .execute()

  // one client lightening an earlier studio's SMP by laser before re-treatment (DOMAIN §5: SMP usually clears in
  // 1–3 sessions; SMP again 90 days after the last one)
  const laserClient = clients.find((c) => c.stage === 'touch-up-due') ?? clients.at(-1)
  const practitioner = practitioners[0] ?? owner
  if (laserClient === undefined) return
  await sign(laserClient, 'laser-removal', 64)
  const course = await db
    .insertInto('laser_removal_courses')
    .values({
      clinic_id: clinicId,
      client_id: laserClient.id,
      reason: 'SMP from another studio reads too dark and too low at the temples; lighten before re-treatment',
      provider: 'referral',
      referral_name: 'Clear Skin Laser Clinic, Queen St W',
      sessions_planned: 2,
      started_on: date(daysBefore(seededAt, 60)),
      notes: 'Fitzpatrick III. Test patch at the left temple healed well.',
      created_by: practitioner.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('laser_removal_sessions')
    .values({
      clinic_id: clinicId,
      course_id: course.id,
      performed_on: date(daysBefore(seededAt, 60)),
      provider: 'Clear Skin Laser Clinic, Dr Adeyemi',
      notes: '1064 nm picosecond, 3 mm spot; even frosting at both temples.',
      adverse_event: JSON.stringify({
        kind: 'blistering',
        severity: 'mild',
        description: 'Two small blisters at the right temple, healed in a week',
      }),
      created_by: practitioner.id,
    })
    .execute()
}
