import { z } from 'zod'

/**
 * An instant as a location's wall clock shows it, computed by the server with the domain's pinned time-zone table
 * (`localTime`). Screens show it as it is and never convert the instant themselves.
 */
export const LocalTimeSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  offsetMinutes: z.number().int(),
})
