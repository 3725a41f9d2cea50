// The one "no such client" refusal every feature gives: the same words wherever a client id or a portal user is
// looked up (issue 14 replaced twenty copies of it).
import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.ts'
import { noClient, noOwnClient, ownClientId, requireClient } from './guard.ts'
import type { ClientRepository } from './repository.ts'

const clients = (known: string[], linked: Record<string, string>) =>
  ({
    exists: async (_clinicId: string, id: string) => known.includes(id),
    clientOfUser: async (_clinicId: string, userId: string) => linked[userId] ?? null,
  }) as unknown as ClientRepository

describe('client guard', () => {
  const repo = clients(['c1'], { u1: 'c1' })

  it("refuses a client that is not this clinic's with 404 naming the id", async () => {
    await expect(requireClient(repo, 'k1', 'c1')).resolves.toBeUndefined()
    const refused = await requireClient(repo, 'k1', 'c2').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'not_found', message: 'No client c2 in this clinic' })
    expect(noClient('c2')).toMatchObject({ code: 'not_found', message: 'No client c2 in this clinic' })
  })

  it("gives a portal user their own client file, else 404 in the portal's words", async () => {
    await expect(ownClientId(repo, { clinicId: 'k1', userId: 'u1' })).resolves.toBe('c1')
    await expect(ownClientId(repo, { clinicId: 'k1', userId: 'u2' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'No client record of yours in this clinic',
    })
    expect(noOwnClient()).toMatchObject({ code: 'not_found', message: 'No client record of yours in this clinic' })
  })
})
