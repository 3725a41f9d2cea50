// Consultations, designs and plans share one unit of work and one preview renderer: their routes, wired.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { RouteSpec } from '../../http/route.ts'
import { consultationRoutes } from '../consultations/routes.ts'
import { ConsultationService } from '../consultations/service.ts'
import { planRoutes } from '../plans/routes.ts'
import { PlanService } from '../plans/service.ts'
import { PreviewRenderer } from './preview.ts'
import { designRoutes } from './routes.ts'
import { DesignService } from './service.ts'
import { designWork } from './work.ts'

export function consultationDesignPlanRoutes(db: Kysely<Database>, now: () => Date): RouteSpec[] {
  const run = designWork(db)
  // one renderer: the plan PDF's previews share the design previews' threads, limits and cache
  const previews = new PreviewRenderer()
  return [
    ...consultationRoutes(new ConsultationService(run, now)),
    ...designRoutes(new DesignService(run, previews)),
    ...planRoutes(new PlanService(run, previews, now)),
  ]
}
