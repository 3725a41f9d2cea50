// The one place that says "no such client": every feature that takes a client id from a path, or serves a portal
// user their own record, asks here, so the refusal reads the same everywhere.
import type { Actor } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import type { ClientRepository } from './repository.ts'

export const noClient = (clientId: string) => new AppError('not_found', `No client ${clientId} in this clinic`)

const noOwnClient = () => new AppError('not_found', 'No client record of yours in this clinic')

/** Refuses (404) unless the client is this clinic's and not erased. */
export async function requireClient(clients: ClientRepository, clinicId: string, clientId: string): Promise<void> {
  if (!(await clients.exists(clinicId, clientId))) throw noClient(clientId)
}

/** The signed-in portal user's own client file in this clinic, or 404. */
export async function ownClientId(
  clients: ClientRepository,
  actor: Pick<Actor, 'clinicId' | 'userId'>
): Promise<string> {
  const clientId = await clients.clientOfUser(actor.clinicId, actor.userId)
  if (clientId === null) throw noOwnClient()
  return clientId
}
