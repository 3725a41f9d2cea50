// Laser-removal courses (DOMAIN §5, laser removal) and the sessions on them. Clinical parts (notes, adverse events)
// are for owners and practitioners; front desk sees the course without them. Every read and write is audited.
import {
  LASER_REMOVAL_LIMITS,
  type LaserCourse,
  type LaserCourseCreate,
  type LaserCourseUpdate,
  type LaserSessionCreate,
} from '@stipple/domain'
import { type Actor, seesClinical } from '../../actor.ts'
import { AppError } from '../../errors.ts'
import { audit } from '../audit/audit.ts'
import { noClient, requireClient } from '../clients/guard.ts'
import type { LaserCourseRecord } from './repository.ts'
import type { LaserRemovalRepositories, LaserRemovalWork } from './work.ts'

const DAY_MS = 86_400_000
const noCourse = (id: string) => new AppError('not_found', `No laser-removal course ${id} of this client`)

/** The day SMP may be done again after the course's last laser session: 90 days on (DOMAIN §0 and §6.1, [INKD]). */
export function smpNotBefore(course: Pick<LaserCourseRecord, 'sessions'>): string | null {
  const last = course.sessions
    .map((s) => s.performedOn)
    .sort()
    .at(-1)
  if (last === undefined) return null
  return new Date(Date.parse(`${last}T00:00:00Z`) + LASER_REMOVAL_LIMITS.retreatAfterDays * DAY_MS)
    .toISOString()
    .slice(0, 10)
}

function view(course: LaserCourseRecord, clinical: boolean): LaserCourse {
  const { notes, sessions, ...rest } = course
  return {
    ...rest,
    clinical: clinical ? { notes } : null,
    sessions: sessions.map(({ notes: sessionNotes, adverseEvent, ...s }) => ({
      ...s,
      clinical: clinical ? { notes: sessionNotes, adverseEvent } : null,
    })),
    smpNotBefore: smpNotBefore(course),
  }
}

export class LaserRemovalService {
  readonly #work: LaserRemovalWork
  readonly #now: () => Date
  constructor(work: LaserRemovalWork, now: () => Date) {
    this.#work = work
    this.#now = now
  }

  list(actor: Actor, clientId: string): Promise<LaserCourse[]> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const courses = await repos.laser.courses(actor.clinicId, clientId)
      const clinical = seesClinical(actor)
      await audit(repos, actor, {
        action: 'read',
        entity: 'laser-removal-course-list',
        clientId,
        detail: { count: courses.length, clinical },
      })
      return courses.map((c) => view(c, clinical))
    })
  }

  get(actor: Actor, clientId: string, courseId: string): Promise<LaserCourse> {
    return this.#work.run(async (repos) => {
      await requireClient(repos.clients, actor.clinicId, clientId)
      const [course] = await repos.laser.courses(actor.clinicId, clientId, courseId)
      if (course === undefined) throw noCourse(courseId)
      const clinical = seesClinical(actor)
      await audit(repos, actor, {
        action: 'read',
        entity: 'laser-removal-course',
        entityId: courseId,
        clientId,
        detail: { clinical },
      })
      return view(course, clinical)
    })
  }

  create(actor: Actor, clientId: string, input: LaserCourseCreate): Promise<LaserCourse> {
    if (input.provider === 'referral' && input.referralName === undefined) {
      throw new AppError('invalid_input', 'A referral needs the name of the provider', {
        problems: [{ path: 'body.referralName', message: 'name the clinic the client is referred to' }],
      })
    }
    if (input.provider === 'clinic' && input.referralName !== undefined) {
      throw new AppError('invalid_input', 'A referral name is only for a referral', {
        problems: [{ path: 'body.referralName', message: 'leave this out when the clinic does the removal itself' }],
      })
    }
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
      const id = await repos.laser.createCourse(actor.clinicId, clientId, input, actor.membershipId)
      await audit(repos, actor, {
        action: 'create',
        entity: 'laser-removal-course',
        entityId: id,
        clientId,
        detail: { provider: input.provider, sessionsPlanned: input.sessionsPlanned },
      })
      return this.#fetch(repos, actor, clientId, id)
    })
  }

  setStatus(actor: Actor, clientId: string, courseId: string, change: LaserCourseUpdate): Promise<LaserCourse> {
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
      const course = await repos.laser.lockCourse(actor.clinicId, clientId, courseId)
      if (course === null) throw noCourse(courseId)
      if (course.status !== change.status) {
        await repos.laser.setStatus(actor.clinicId, courseId, change.status, this.#now())
        await audit(repos, actor, {
          action: 'update',
          entity: 'laser-removal-course',
          entityId: courseId,
          clientId,
          detail: { status: { from: course.status, to: change.status } },
        })
      }
      return this.#fetch(repos, actor, clientId, courseId)
    })
  }

  addSession(actor: Actor, clientId: string, courseId: string, input: LaserSessionCreate): Promise<LaserCourse> {
    return this.#work.run(async (repos) => {
      if (!(await repos.clients.lock(actor.clinicId, clientId))) throw noClient(clientId)
      const course = await repos.laser.lockCourse(actor.clinicId, clientId, courseId)
      if (course === null) throw noCourse(courseId)
      if (course.status !== 'active') {
        throw new AppError(
          'conflict',
          `This laser-removal course is ${course.status}; set it back to active before recording another session`
        )
      }
      if (input.performedOn < course.startedOn) {
        const message = `the course started on ${course.startedOn}; a session cannot come before it`
        throw new AppError('invalid_input', 'The session date is before the course', {
          problems: [{ path: 'body.performedOn', message }],
        })
      }
      const id = await repos.laser.addSession(actor.clinicId, courseId, input, actor.membershipId)
      await audit(repos, actor, {
        action: 'create',
        entity: 'laser-removal-session',
        entityId: id,
        clientId,
        detail: { courseId, adverseEvent: input.adverseEvent?.kind ?? null },
      })
      return this.#fetch(repos, actor, clientId, courseId)
    })
  }

  async #fetch(
    repos: LaserRemovalRepositories,
    actor: Actor,
    clientId: string,
    courseId: string
  ): Promise<LaserCourse> {
    const [course] = await repos.laser.courses(actor.clinicId, clientId, courseId)
    if (course === undefined) throw new Error(`laser-removal course ${courseId} vanished inside its own transaction`)
    return view(course, seesClinical(actor))
  }
}
