// The demo clinic's lots register, inside the demo seed's transaction: every lot the demo's session records used
// (so each record points at its registered lot), and at each location the lots on the shelf today: two pigments and
// two needle cartridges well inside their dates, and one pigment lot that expired last month (a session refuses it).
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/database.ts'

const DAY_MS = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

export async function seedDemoLots(db: Kysely<Database>, clinicId: string, seededAt: Date): Promise<void> {
  const owner = await db
    .selectFrom('memberships')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  // the lots the records used, one register row per location and lot code
  await sql`insert into lots (clinic_id, location_id, kind, brand, shade, lot, expires_on, created_by, created_at)
    select distinct on (r.location_id, lower(p.lot)) ${clinicId}::uuid, r.location_id, 'pigment', p.brand, p.shade, p.lot,
      p.expires_on, ${owner.id}::uuid, r.performed_at
    from session_pigments p join session_records r on r.id = p.session_record_id
    where p.clinic_id = ${clinicId}::uuid
    order by r.location_id, lower(p.lot), r.performed_at`.execute(db)
  await sql`insert into lots (clinic_id, location_id, kind, brand, configuration, lot, expires_on, created_by, created_at)
    select distinct on (r.location_id, lower(n.lot)) ${clinicId}::uuid, r.location_id, 'needle',
      coalesce(n.manufacturer, 'Kwadron'), n.configuration, n.lot,
      coalesce(n.expires_on, (r.performed_at + interval '2 years')::date), ${owner.id}::uuid, r.performed_at
    from session_needles n join session_records r on r.id = n.session_record_id
    where n.clinic_id = ${clinicId}::uuid
    order by r.location_id, lower(n.lot), r.performed_at`.execute(db)
  await sql`update session_pigments p set lot_id = l.id
    from session_records r, lots l
    where r.id = p.session_record_id and l.clinic_id = p.clinic_id and l.location_id = r.location_id
      and l.kind = 'pigment' and lower(l.lot) = lower(p.lot) and p.clinic_id = ${clinicId}::uuid`.execute(db)
  await sql`update session_needles n set lot_id = l.id
    from session_records r, lots l
    where r.id = n.session_record_id and l.clinic_id = n.clinic_id and l.location_id = r.location_id
      and l.kind = 'needle' and lower(l.lot) = lower(n.lot) and n.clinic_id = ${clinicId}::uuid`.execute(db)

  const locations = await db
    .selectFrom('locations')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const stamp = isoDay(seededAt).slice(2, 7).replace('-', '')
  const later = (days: number) => isoDay(new Date(seededAt.getTime() + days * DAY_MS))
  for (const [i, location] of locations.entries()) {
    const site = String.fromCharCode(65 + i) // A, B: one code series per location
    const shelf = [
      {
        kind: 'pigment' as const,
        brand: 'Perma Blend',
        shade: 'SMP Charcoal',
        lot: `PB-${stamp}-${site}17`,
        expires_on: later(540),
      },
      {
        kind: 'pigment' as const,
        brand: 'Perma Blend',
        shade: 'SMP Dark',
        lot: `PB-${stamp}-${site}31`,
        expires_on: later(480),
      },
      {
        kind: 'pigment' as const,
        brand: 'Perma Blend',
        shade: 'SMP Charcoal',
        lot: `PB-OLD-${site}09`,
        expires_on: later(-30),
      },
      {
        kind: 'needle' as const,
        brand: 'Kwadron',
        configuration: '1RL 0.20',
        lot: `KW-${stamp}-${site}1`,
        expires_on: later(730),
      },
      {
        kind: 'needle' as const,
        brand: 'Kwadron',
        configuration: '3RL 0.25',
        lot: `KW-${stamp}-${site}3`,
        expires_on: later(730),
      },
    ]
    await db
      .insertInto('lots')
      .values(
        shelf.map((l) => ({
          clinic_id: clinicId,
          location_id: location.id,
          kind: l.kind,
          brand: l.brand,
          shade: l.kind === 'pigment' ? l.shade : null,
          configuration: l.kind === 'needle' ? l.configuration : null,
          lot: l.lot,
          expires_on: l.expires_on,
          created_by: owner.id,
        }))
      )
      .onConflict((oc) => oc.expression(sql`clinic_id, location_id, kind, lower(lot)`).doNothing())
      .execute()
  }
}
