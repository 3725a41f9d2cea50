// The public site's repository; its reads are single statements on the plain connection (`read`).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { LocationRepository } from '../locations/repository.ts'
import { PublicSiteRepository } from './repository.ts'

export const publicSiteRepositories = (db: Kysely<Database>) => ({
  locations: new LocationRepository(db),
  site: new PublicSiteRepository(db),
})
export type PublicSiteWork = UnitOfWork<ReturnType<typeof publicSiteRepositories>>
