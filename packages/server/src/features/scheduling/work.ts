// The repositories every scheduling service works through, bound to one transaction by `unitOfWork` (app.ts).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { UnitOfWork } from '../../db/unit-of-work.ts'
import { LinkSecretRepository } from '../../links/link-secret.repository.ts'
import { AuditRepository } from '../audit/repository.ts'
import { ClientRepository } from '../clients/repository.ts'
import { LocationRepository } from '../locations/repository.ts'
import { PlanRepository } from '../plans/repository.ts'
import { AppointmentRepository } from './appointments.repository.ts'
import { CourseRepository } from './courses.repository.ts'
import { ResourceRepository } from './resources.repository.ts'

export const schedulingRepositories = (db: Kysely<Database>) => ({
  audit: new AuditRepository(db),
  appointments: new AppointmentRepository(db),
  clients: new ClientRepository(db),
  courses: new CourseRepository(db),
  links: new LinkSecretRepository(db),
  locations: new LocationRepository(db),
  plans: new PlanRepository(db),
  resources: new ResourceRepository(db),
})

export type SchedulingRepositories = ReturnType<typeof schedulingRepositories>
export type SchedulingWork = UnitOfWork<SchedulingRepositories>
