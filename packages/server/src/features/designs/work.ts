// The unit of work of the consultation, design and plan features: the shared repositories plus theirs, bound to
// one transaction, so a consultation's design, plan, quote and audit rows commit or roll back together.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import { type Repositories, repositoriesOver } from '../../db/unit-of-work.ts'
import { ConsultationRepository } from '../consultations/repository.ts'
import { PlanRepository } from '../plans/repository.ts'
import { PrivacyRepository } from '../privacy/repository.ts'
import { PlanningRepository } from '../reminders/repository.ts'
import { DesignRepository } from './repository.ts'

export interface DesignRepositories extends Repositories {
  consultations: ConsultationRepository
  designs: DesignRepository
  plans: PlanRepository
  /** The client's course facts that aftercare depends on (the reminders' own reading of them). */
  planning: PlanningRepository
  privacy: PrivacyRepository
}

export type RunDesignWork = <T>(work: (repos: DesignRepositories) => Promise<T>) => Promise<T>

export function designWork(db: Kysely<Database>): RunDesignWork {
  return (work) =>
    db.transaction().execute((trx) =>
      work({
        ...repositoriesOver(trx),
        consultations: new ConsultationRepository(trx),
        designs: new DesignRepository(trx),
        plans: new PlanRepository(trx),
        planning: new PlanningRepository(trx),
        privacy: new PrivacyRepository(trx),
      })
    )
}
