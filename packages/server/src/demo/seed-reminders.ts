// The demo clinic's outbox, inside the demo seed's transaction: the aftercare and between-sessions emails of the
// latest sessions, as the planner writes them; those already due are recorded as sent, one as failed after five
// refusals (so the outbox page has something to retry), and the rest wait for the worker.
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { OutboxRepository } from '../features/reminders/outbox.repository.ts'
import { ReminderPlanner } from '../features/reminders/planner.ts'
import { PlanningRepository } from '../features/reminders/repository.ts'

const MINUTE = 60_000
const SESSIONS = 4

export async function seedDemoReminders(trx: Kysely<Database>, clinicId: string, seededAt: Date): Promise<void> {
  const planner = new ReminderPlanner(trx, { publicUrl: 'http://localhost:4000', mailHost: 'localhost' })
  const outbox = new OutboxRepository(trx)
  const sessions = (await new PlanningRepository(trx).recentSessions(new Date(0), seededAt))
    .filter((s) => s.clinicId === clinicId)
    .slice(-SESSIONS)
  let failed = false
  for (const session of sessions) {
    for (const message of await planner.messagesForSession(trx, session, session.performedAt)) {
      if (!(await outbox.enqueue(message))) continue
      if (message.dueAt.getTime() > seededAt.getTime()) continue
      const at = new Date(message.dueAt.getTime() + MINUTE)
      if (!failed && message.kind === 'aftercare') {
        failed = true
        await trx
          .updateTable('outbox_messages')
          .set({
            status: 'failed',
            attempts: 5,
            next_attempt_at: at,
            last_error: 'Attempt 5 of 5 failed: 550 5.1.1 The email account that you tried to reach does not exist',
            updated_at: at,
          })
          .where('id', '=', message.id)
          .execute()
        continue
      }
      await trx
        .updateTable('outbox_messages')
        .set({ status: 'sent', attempts: 1, sent_at: at, updated_at: at })
        .where('id', '=', message.id)
        .execute()
    }
  }
}
