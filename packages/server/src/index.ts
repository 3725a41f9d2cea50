// @stipple/server: the API contract web may `import type`, and createApp for in-process use.
export { type AppDeps, createApp, type StippleApp } from './app.ts'
export type {
  Consultation,
  ConsultationCreate,
  ConsultationCreated,
  StoredConsultationResult,
} from './features/consultations/consultations.schema.ts'
export type {
  DesignApproval,
  DesignCreate,
  DesignCreated,
  DesignDetail,
  DesignSummary,
  DesignVersion,
  DesignVersionCreate,
  PreviewQuery,
} from './features/designs/designs.schema.ts'
export type { ScreeningInForceAnswer } from './features/intakes/routes.ts'
export type { PlanCreate, QuoteRecord, TreatmentPlan } from './features/plans/plans.schema.ts'
export type { OutboxMessage, PortalAftercare } from './features/reminders/reminders.schema.ts'
export type {
  Appointment,
  AppointmentDetail,
  Availability,
  Chair,
  Course,
  LocationList,
  MoveResult,
  PortalAppointments,
  PublicAvailability,
  PublicBooking,
  PublicClinic,
  TravelTimes,
} from './features/scheduling/booking.schema.ts'
export type { Alternative } from './features/scheduling/booking.ts'
export type { Problem } from './http/problem.ts'
