// The client portal's appointments on both databases: a client sees only their own; other clinics' staff get 404.
import { describeEachDatabase } from '@stipple/testkit'
import { beforeAll, expect, it } from 'vitest'
import { bookingClinic } from '../../test/booking-clinic.ts'
import { as, type TestClinic, type TestServer } from '../../test/harness.ts'

describeEachDatabase('booking: the portal', (database) => {
  const { f, newClient, book } = bookingClinic(database)
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  beforeAll(() => {
    ;({ server, clinic, other, base } = f)
  })

  it("shows a client only their own appointments in the portal; other clinics' staff get 404", async () => {
    const mine = await newClient('Paula', 'Portal')
    await server.db.updateTable('clients').set({ user_id: clinic.users.client.userId }).where('id', '=', mine).execute()
    const res = await book(clinic.users.front_desk, {
      locationId: clinic.locationId,
      practitionerId: clinic.users.owner.membershipId,
      clientId: mine,
      kind: 'consultation',
      startsAt: '2027-05-10T14:00:00Z',
      notes: 'private note',
    })
    expect(res.statusCode).toBe(201)
    const portal = await as(server, clinic.users.client)('GET', `${base}/portal/appointments`)
    expect(portal.statusCode).toBe(200)
    expect(portal.json().upcoming.map((a: { id: string }) => a.id)).toEqual([res.json().id])
    expect(portal.body).not.toContain('private note')
    expect(portal.body).not.toContain('Dana')
    expect(
      (await as(server, clinic.users.client)('GET', `${base}/appointments?from=2027-05-10&to=2027-05-10`)).statusCode
    ).toBe(403)
    const foreign = await as(server, other.users.owner)('POST', `${base}/appointments/${res.json().id}/cancel`, {
      reason: 'x',
    })
    expect(foreign.statusCode).toBe(404)
    const cross = await as(server, other.users.owner)(
      'POST',
      `/api/v1/clinics/${other.clinicId}/appointments/${res.json().id}/cancel`,
      {
        reason: 'x',
      }
    )
    expect(cross.statusCode).toBe(404)
  })
})
