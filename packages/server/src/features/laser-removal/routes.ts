import {
  LaserCourseCreateSchema,
  LaserCourseListSchema,
  LaserCourseSchema,
  LaserCourseUpdateSchema,
  LaserSessionCreateSchema,
} from '@stipple/domain'
import { z } from 'zod'
import { defineRoute, type RouteSpec } from '../../http/route.ts'
import type { LaserRemovalService } from './service.ts'

const CLINICAL = ['owner', 'practitioner'] as const
const STAFF = ['owner', 'practitioner', 'front_desk'] as const
const ClientParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid() })
const CourseParams = z.strictObject({ clinicId: z.uuid(), clientId: z.uuid(), courseId: z.uuid() })
const BASE = '/api/v1/clinics/:clinicId/clients/:clientId/laser-removal-courses'

export function laserRemovalRoutes(laser: LaserRemovalService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: BASE,
      operationId: 'listLaserRemovalCourses',
      summary: "list a client's laser-removal courses",
      tag: 'laser-removal',
      access: { kind: 'clinic', roles: STAFF },
      params: ClientParams,
      success: {
        status: 200,
        description: 'Oldest first, with their sessions; clinical parts are null for front desk',
        schema: LaserCourseListSchema,
      },
      handler: async ({ actor, params }) => ({ items: await laser.list(actor, params.clientId) }),
    }),
    defineRoute({
      method: 'POST',
      path: BASE,
      operationId: 'createLaserRemovalCourse',
      summary: 'start a laser-removal course',
      tag: 'laser-removal',
      access: { kind: 'clinic', roles: CLINICAL },
      params: ClientParams,
      body: LaserCourseCreateSchema,
      success: { status: 201, description: 'The course, active', schema: LaserCourseSchema },
      handler: ({ actor, params, body }) => laser.create(actor, params.clientId, body),
    }),
    defineRoute({
      method: 'GET',
      path: `${BASE}/:courseId`,
      operationId: 'getLaserRemovalCourse',
      summary: 'read a laser-removal course',
      tag: 'laser-removal',
      access: { kind: 'clinic', roles: STAFF },
      params: CourseParams,
      success: { status: 200, description: 'The course with its sessions', schema: LaserCourseSchema },
      handler: ({ actor, params }) => laser.get(actor, params.clientId, params.courseId),
    }),
    defineRoute({
      method: 'PATCH',
      path: `${BASE}/:courseId`,
      operationId: 'updateLaserRemovalCourse',
      summary: "change a laser-removal course's status",
      tag: 'laser-removal',
      access: { kind: 'clinic', roles: CLINICAL },
      params: CourseParams,
      body: LaserCourseUpdateSchema,
      success: { status: 200, description: 'The course', schema: LaserCourseSchema },
      handler: ({ actor, params, body }) => laser.setStatus(actor, params.clientId, params.courseId, body),
    }),
    defineRoute({
      method: 'POST',
      path: `${BASE}/:courseId/sessions`,
      operationId: 'recordLaserRemovalSession',
      summary: 'record a laser-removal session',
      tag: 'laser-removal',
      access: { kind: 'clinic', roles: CLINICAL },
      params: CourseParams,
      body: LaserSessionCreateSchema,
      success: {
        status: 201,
        description: 'The course with the new session (409 when the course is completed or abandoned)',
        schema: LaserCourseSchema,
      },
      handler: ({ actor, params, body }) => laser.addSession(actor, params.clientId, params.courseId, body),
    }),
  ]
}
