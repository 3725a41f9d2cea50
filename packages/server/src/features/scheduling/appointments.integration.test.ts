// Booking through the API on both databases: no double booking under 200 concurrent requests (per practitioner and per
// chair), idempotent retries, cancel/reschedule/no-show/completed with every change recorded.
import { randomUUID } from 'node:crypto'
import { describeEachDatabase } from '@stipple/testkit'
import { beforeAll, expect, it } from 'vitest'
import { bookingClinic } from '../../test/booking-clinic.ts'
import type { TestClinic, TestServer } from '../../test/harness.ts'

describeEachDatabase('booking: appointments', (database) => {
  const { f, desk, newPractitioner, book } = bookingClinic(database)
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let chairs: string[]
  let clientId: string
  beforeAll(() => {
    ;({ server, clinic, base, chairs, clientId } = f)
  })

  it('books exactly one of 200 concurrent requests for overlapping times with one practitioner', async () => {
    const practitionerId = await newPractitioner('Pat Concurrent')
    const start = Date.parse('2027-05-03T14:00:00Z') // 10:00 in Toronto
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        book(clinic.users.front_desk, {
          locationId: clinic.locationId,
          practitionerId,
          clientId,
          kind: 'smp-session',
          startsAt: new Date(start + (i % 60) * 60_000).toISOString(),
        })
      )
    )
    const statuses = responses.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(199)
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(r.json().errors[0].path).toBe('body.practitionerId')
      expect(r.json().detail).toMatch(/^Pat Concurrent is already booked from .* overlaps this appointment/)
    }
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('practitioner_id', '=', practitionerId)
      .where('status', '<>', 'cancelled')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('books exactly one of 200 concurrent requests for one chair by twenty practitioners', async () => {
    const practitioners: string[] = []
    for (let i = 0; i < 20; i++) practitioners.push(await newPractitioner(`Chair Tester ${i}`))
    const start = Date.parse('2027-05-04T14:00:00Z')
    const requests = Array.from({ length: 200 }, (_, i) => ({
      practitionerId: practitioners[i % 20] as string,
      startsAt: new Date(start + (i % 45) * 60_000).toISOString(),
    }))
    const responses = await Promise.all(
      requests.map((r) =>
        book(clinic.users.owner, {
          locationId: clinic.locationId,
          practitionerId: r.practitionerId,
          chairId: chairs[1],
          clientId,
          kind: 'touch-up',
          startsAt: r.startsAt,
        })
      )
    )
    const winners = responses.flatMap((r, i) => (r.statusCode === 201 ? [requests[i]] : []))
    expect(winners).toHaveLength(1)
    const winner = winners[0]?.practitionerId
    responses.forEach((r, i) => {
      if (r.statusCode === 201) return
      expect(r.statusCode).toBe(409)
      const path = r.json().errors[0].path
      // another practitioner can only have lost on the chair
      if (requests[i]?.practitionerId !== winner) expect(path).toBe('body.chairId')
      expect(['body.chairId', 'body.practitionerId']).toContain(path)
      expect(r.json().detail).toMatch(/already (booked|taken)/)
    })
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('chair_id', '=', chairs[1] as string)
      .where('starts_at', '>=', new Date(start - 3 * 3_600_000))
      .where('starts_at', '<', new Date(start + 3 * 3_600_000))
      .where('status', '<>', 'cancelled')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('books once for a retried request with the same Idempotency-Key, and refuses the key with another body', async () => {
    const body = {
      locationId: clinic.locationId,
      practitionerId: clinic.users.owner.membershipId,
      clientId,
      kind: 'consultation',
      startsAt: '2027-05-05T14:00:00Z',
      notes: 'first visit',
    }
    const key = randomUUID()
    const first = await book(clinic.users.front_desk, body, key)
    expect(first.statusCode).toBe(201)
    const again = await book(clinic.users.front_desk, body, key)
    expect(again.statusCode).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().id).toBe(first.json().id)
    const changed = await book(clinic.users.front_desk, { ...body, startsAt: '2027-05-05T16:00:00Z' }, key)
    expect(changed.statusCode).toBe(422)
    expect(changed.json().errors[0].path).toBe('headers.idempotency-key')
    // ten retries racing each other still book once
    const key2 = randomUUID()
    const raced = await Promise.all(
      Array.from({ length: 10 }, () =>
        book(clinic.users.front_desk, { ...body, startsAt: '2027-05-05T18:00:00Z' }, key2)
      )
    )
    expect(raced.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(raced.filter((r) => r.statusCode === 200)).toHaveLength(9)
    expect(new Set(raced.map((r) => r.json().id)).size).toBe(1)
    const rows = await server.db
      .selectFrom('appointments')
      .select('id')
      .where('idempotency_key', 'in', [key, key2])
      .execute()
    expect(rows).toHaveLength(2)
    const badKey = await book(clinic.users.front_desk, body, 'x'.repeat(201))
    expect(badKey.statusCode).toBe(400)
    expect(badKey.json().errors[0].path).toBe('headers.idempotency-key')
  })

  it('cancels and reschedules with reasons, hides notes from front desk, and records every change', async () => {
    const created = await book(clinic.users.practitioner, {
      locationId: clinic.locationId,
      practitionerId: clinic.users.practitioner.membershipId,
      clientId,
      kind: 'laser-removal',
      startsAt: '2027-05-06T14:00:00Z',
      notes: 'Kirby-Desai 7; second laser session',
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    expect(created.json().notes).toBe('Kirby-Desai 7; second laser session')
    const list = await desk()('GET', `${base}/appointments?from=2027-05-06&to=2027-05-06`)
    const seen = list.json().items.find((a: { id: string }) => a.id === id)
    expect(seen.clientName).toBe('Dana Quinn')
    expect(seen.notes).toBeNull()
    const moved = await desk()('POST', `${base}/appointments/${id}/reschedule`, {
      startsAt: '2027-05-06T16:00:00Z',
      reason: 'client asked for the afternoon',
    })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().startsAt).toBe('2027-05-06T16:00:00.000Z')
    const early = await desk()('POST', `${base}/appointments/${id}/no-show`, {})
    expect(early.statusCode).toBe(409)
    const closed = await desk()('POST', `${base}/appointments/${id}/reschedule`, {
      startsAt: '2027-05-06T06:00:00Z',
      reason: 'too early',
    })
    expect(closed.statusCode).toBe(422)
    expect(closed.json().errors[0].path).toBe('body.startsAt')
    const cancelled = await desk()('POST', `${base}/appointments/${id}/cancel`, { reason: 'client is unwell' })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json().status).toBe('cancelled')
    expect((await desk()('POST', `${base}/appointments/${id}/cancel`, { reason: 'again' })).statusCode).toBe(409)
    const changes = await server.db
      .selectFrom('appointment_changes')
      .select(['change', 'reason'])
      .where('appointment_id', '=', id)
      .orderBy('id')
      .execute()
    expect(changes).toEqual([
      { change: 'booked', reason: null },
      { change: 'rescheduled', reason: 'client asked for the afternoon' },
      { change: 'cancelled', reason: 'client is unwell' },
    ])
    // the freed time can be booked again
    const again = await book(clinic.users.front_desk, {
      locationId: clinic.locationId,
      practitionerId: clinic.users.practitioner.membershipId,
      clientId,
      kind: 'laser-removal',
      startsAt: '2027-05-06T16:00:00Z',
    })
    expect(again.statusCode).toBe(201)
  })

  it('records a no-show and a completed visit once the appointment has started', async () => {
    const past = async (status: 'booked') => {
      const row = await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: clientId,
          practitioner_id: clinic.users.owner.membershipId,
          chair_id: chairs[0] as string,
          kind: 'consultation',
          starts_at: '2025-02-03T15:00:00Z',
          ends_at: '2025-02-03T15:45:00Z',
          blocks: `[2025-02-03T15:00:00Z,2025-02-03T16:00:00Z)`,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }
    const a = await past('booked')
    const noShow = await desk()('POST', `${base}/appointments/${a}/no-show`, {})
    expect(noShow.statusCode).toBe(200)
    expect(noShow.json().status).toBe('no-show')
    await server.db.updateTable('appointments').set({ status: 'cancelled' }).where('id', '=', a).execute()
    const b = await past('booked')
    expect((await desk()('POST', `${base}/appointments/${b}/complete`, {})).json().status).toBe('completed')
    const changes = await server.db
      .selectFrom('appointment_changes')
      .select('change')
      .where('appointment_id', 'in', [a, b])
      .execute()
    expect(changes.map((c) => c.change).sort()).toEqual(['completed', 'no-show'])
  })
})
