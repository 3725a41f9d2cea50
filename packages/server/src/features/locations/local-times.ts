// Moved to src/local-times.ts (every feature reads its clock there, audit included, without a loop through locations).
export { type ClinicClock, clinicClock } from '../../local-times.ts'
