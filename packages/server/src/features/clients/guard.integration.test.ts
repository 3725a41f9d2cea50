// The one "no such client" refusal every feature gives: the same words wherever a client id or a portal user is
// looked up, on the real repositories (an erased client and another clinic's client are refused alike).
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AppError } from '../../errors.ts'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'
import { noClient, ownClientId, requireClient } from './guard.ts'
import { ClientRepository } from './repository.ts'

describeEachDatabase('the client guard', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let clientId: string
  let erasedId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Guard Clinic')
    other = await createTestClinic(server, 'Other Guard Clinic')
    const owner = as(server, clinic.users.owner)
    const base = `/api/v1/clinics/${clinic.clinicId}/clients`
    clientId = (await owner('POST', base, { givenName: 'Gus', familyName: 'Guard' })).json().id
    erasedId = (await owner('POST', base, { givenName: 'Eve', familyName: 'Erased' })).json().id
    await sql`update clients set erased_at = now() where id = ${erasedId}`.execute(server.db)
    await sql`update clients set user_id = ${clinic.users.practitioner.userId} where id = ${clientId}`.execute(
      server.db
    )
  })
  afterAll(() => server?.close())

  it("refuses a client that is not this clinic's, or was erased, with 404 naming the id", async () => {
    const clients = new ClientRepository(server.db)
    await expect(requireClient(clients, clinic.clinicId, clientId)).resolves.toBeUndefined()
    for (const [clinicId, id] of [
      [other.clinicId, clientId],
      [clinic.clinicId, erasedId],
    ] as const) {
      const refused = await requireClient(clients, clinicId, id).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(AppError)
      expect(refused).toMatchObject({ code: 'not_found', message: `No client ${id} in this clinic` })
    }
    expect(noClient('c2')).toMatchObject({ code: 'not_found', message: 'No client c2 in this clinic' })
  })

  it("gives a portal user their own client file, else 404 in the portal's words", async () => {
    const clients = new ClientRepository(server.db)
    const linked = { clinicId: clinic.clinicId, userId: clinic.users.practitioner.userId }
    await expect(ownClientId(clients, linked)).resolves.toBe(clientId)
    for (const actor of [
      { clinicId: clinic.clinicId, userId: clinic.users.owner.userId },
      { clinicId: other.clinicId, userId: clinic.users.practitioner.userId },
    ]) {
      await expect(ownClientId(clients, actor)).rejects.toMatchObject({
        code: 'not_found',
        message: 'No client record of yours in this clinic',
      })
    }
  })
})
