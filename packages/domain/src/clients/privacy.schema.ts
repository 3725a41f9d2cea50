// A client's privacy requests: erasure on request (with the reason recorded) and what erasure kept and removed.
import { z } from 'zod'

export const ClientEraseSchema = z.strictObject({
  /** Why the client is erased, e.g. "client's written request of 2026-11-20"; kept in the audit log. */
  reason: z.string().trim().min(3).max(1000),
})
export type ClientErase = z.infer<typeof ClientEraseSchema>

export const ClientErasureSchema = z.object({
  clientId: z.uuid(),
  erasedAt: z.iso.datetime({ offset: true }),
  reason: z.string(),
  /** Records kept, anonymised, for record retention (DOMAIN §6.4), by kind: counts. */
  retained: z.record(z.string(), z.number().int()),
  /** Records and fields removed, by kind: counts. */
  removed: z.record(z.string(), z.number().int()),
})
export type ClientErasure = z.infer<typeof ClientErasureSchema>
