// Chairs and hours, availability across Toronto's DST changes and time off, through the API on both databases.
import { describeEachDatabase } from '@stipple/testkit'
import { beforeAll, expect, it } from 'vitest'
import { bookingClinic } from '../../test/booking-clinic.ts'
import { as, type TestClinic, type TestServer } from '../../test/harness.ts'

describeEachDatabase('booking: chairs, hours, time off and availability', (database) => {
  const { f, owner, desk, book } = bookingClinic(database)
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let clientId: string
  beforeAll(() => {
    ;({ server, clinic, base, clientId } = f)
  })

  it('lists locations with chairs and who works there, for front desk too; owners alone add chairs and hours', async () => {
    const res = await desk()('GET', `${base}/locations`)
    expect(res.statusCode).toBe(200)
    const [location] = res.json().items
    expect(location.timeZone).toBe('America/Toronto')
    expect(location.chairs.map((c: { name: string }) => c.name)).toEqual(['Chair 1', 'Chair 2'])
    expect(location.practitioners.map((p: { membershipId: string }) => p.membershipId).sort()).toEqual(
      [clinic.users.practitioner.membershipId, clinic.users.owner.membershipId].sort()
    )
    expect((await desk()('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'X' })).statusCode).toBe(403)
    const dup = await owner()('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair 1' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().errors[0].path).toBe('body.name')
    const bad = await owner()(
      'PUT',
      `${base}/practitioners/${clinic.users.practitioner.membershipId}/locations/${clinic.locationId}`,
      {
        workingHours: { mon: [['17:00', '09:00']] },
      }
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].path).toMatch(/^body\.workingHours\.mon/)
  })

  it("finds availability right to the minute on Toronto's DST change days", async () => {
    const p = clinic.users.practitioner.membershipId
    const slots = async (from: string, to: string) => {
      const res = await desk()(
        'GET',
        `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=${from}&to=${to}&practitionerId=${p}`
      )
      expect(res.statusCode).toBe(200)
      return res.json().slots as { startsAt: string; endsAt: string; date: string }[]
    }
    // spring forward on Sunday 14 March 2027: 09:00 is 14:00Z the day before (EST) and 13:00Z that day (EDT)
    const march = await slots('2027-03-13', '2027-03-14')
    const first = (date: string, s: typeof march) => s.filter((x) => x.date === date)
    expect(first('2027-03-13', march)[0]?.startsAt).toBe('2027-03-13T14:00:00.000Z')
    expect(first('2027-03-14', march)[0]?.startsAt).toBe('2027-03-14T13:00:00.000Z')
    // 45 minutes and 15 of cleaning: the last start is 16:00 local
    expect(first('2027-03-14', march).at(-1)?.startsAt).toBe('2027-03-14T20:00:00.000Z')
    expect(first('2027-03-14', march)).toHaveLength(29)
    // fall back on Sunday 7 November 2027: 09:00 is 13:00Z the day before (EDT) and 14:00Z that day (EST)
    const november = await slots('2027-11-06', '2027-11-07')
    expect(first('2027-11-06', november)[0]?.startsAt).toBe('2027-11-06T13:00:00.000Z')
    expect(first('2027-11-07', november)[0]?.startsAt).toBe('2027-11-07T14:00:00.000Z')
    expect(first('2027-11-07', november).at(-1)?.endsAt).toBe('2027-11-07T21:45:00.000Z')
    expect(first('2027-11-07', november)).toHaveLength(29)
    const tooLong = await desk()(
      'GET',
      `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=2027-01-01&to=2027-06-01`
    )
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().errors[0].path).toBe('query.to')
  })

  it('keeps time off out of availability; a practitioner enters only their own', async () => {
    const p = clinic.users.practitioner
    const res = await as(server, p)('POST', `${base}/practitioners/${p.membershipId}/time-off`, {
      from: '2027-04-05T13:00:00Z',
      to: '2027-04-06T04:00:00Z',
      reason: 'dentist',
    })
    expect(res.statusCode).toBe(201)
    const forOwner = await as(server, p)('POST', `${base}/practitioners/${clinic.users.owner.membershipId}/time-off`, {
      from: '2027-04-05T13:00:00Z',
      to: '2027-04-06T04:00:00Z',
    })
    expect(forOwner.statusCode).toBe(403)
    const avail = await desk()(
      'GET',
      `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=2027-04-05&to=2027-04-05&practitionerId=${p.membershipId}`
    )
    expect(avail.statusCode).toBe(200)
    expect(avail.json().slots).toEqual([])
    const owners = await desk()(
      'GET',
      `${base}/availability?locationId=${clinic.locationId}&kind=consultation&from=2027-04-05&to=2027-04-05&practitionerId=${clinic.users.owner.membershipId}`
    )
    expect(owners.json().slots).toHaveLength(29)
    const booked = await book(clinic.users.front_desk, {
      locationId: clinic.locationId,
      practitionerId: p.membershipId,
      clientId,
      kind: 'consultation',
      startsAt: '2027-04-05T15:00:00Z',
    })
    expect(booked.statusCode).toBe(422)
    expect(booked.json().detail).toMatch(/away/)
  })
})
