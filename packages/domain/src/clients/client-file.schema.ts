// A client's file as staff open it: the client, their intakes and their session records.
import { z } from 'zod'
import { SessionRecordSchema } from '../session-records/session-record.schema.ts'
import { ClientSchema, IntakeRecordSchema } from './client.schema.ts'

export const ClientFileSchema = z.object({
  client: ClientSchema,
  /** null when the viewer may not see clinical records (front desk). */
  intakes: z.array(IntakeRecordSchema).nullable(),
  sessions: z.array(SessionRecordSchema),
})
export type ClientFile = z.infer<typeof ClientFileSchema>
