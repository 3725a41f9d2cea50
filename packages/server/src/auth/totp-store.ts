// The TOTP second factor's rows (0008-auth.sql): the sealed secret per user, hashed one-time backup codes, and
// sign-in challenges waiting for a code. Each "use once" is one conditional statement, so two requests racing with
// the same code or challenge cannot both win.
import { createHash, randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/database.ts'
import { normaliseBackupCode } from './totp.ts'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A password-checked sign-in waits this long for its code. */
const CHALLENGE_MS = 5 * 60_000
/** Wrong codes a challenge takes before it is dropped (the account and address limits apply as well). */
const CHALLENGE_FAILURES = 5

export interface TotpState {
  sealedSecret: string
  enabled: boolean
}

export class TotpStore {
  readonly #db: Kysely<Database>
  constructor(db: Kysely<Database>) {
    this.#db = db
  }

  async state(userId: string): Promise<TotpState | null> {
    const row = await this.#db
      .selectFrom('auth_totp')
      .select(['secret_sealed', 'enabled_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row === undefined ? null : { sealedSecret: row.secret_sealed, enabled: row.enabled_at !== null }
  }

  /** The user of `email` when their TOTP is on (sign-in must then ask for a code), else null. */
  async enabledUserOf(email: string): Promise<{ userId: string; email: string } | null> {
    const row = await this.#db
      .selectFrom('auth_totp')
      .innerJoin('auth_user', 'auth_user.id', 'auth_totp.user_id')
      .select(['auth_user.id', 'auth_user.email'])
      .where('auth_user.email', '=', email.toLowerCase())
      .where('auth_totp.enabled_at', 'is not', null)
      .executeTakeFirst()
    return row === undefined ? null : { userId: row.id, email: row.email }
  }

  /** A new secret and backup codes, not yet enabled; replaces an earlier set-up that was never confirmed. */
  async begin(userId: string, sealedSecret: string, backupCodes: readonly string[]): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const written = await trx
        .insertInto('auth_totp')
        .values({ user_id: userId, secret_sealed: sealedSecret })
        .onConflict((oc) =>
          oc
            .column('user_id')
            .doUpdateSet({ secret_sealed: sealedSecret, last_step: null, created_at: sql`now()` })
            .where('auth_totp.enabled_at', 'is', null)
        )
        .returning('user_id')
        .executeTakeFirst()
      if (written === undefined) return false // already enabled
      await trx.deleteFrom('auth_totp_backup_codes').where('user_id', '=', userId).execute()
      await trx
        .insertInto('auth_totp_backup_codes')
        .values(backupCodes.map((code) => ({ user_id: userId, code_sha256: sha256(normaliseBackupCode(code)) })))
        .execute()
      return true
    })
  }

  /** Records that a code of `step` was used; false when that step or a later one already was (a replay). */
  async useStep(userId: string, step: number, enabling = false): Promise<boolean> {
    const row = await this.#db
      .updateTable('auth_totp')
      .set({ last_step: step, ...(enabling ? { enabled_at: sql<Date>`now()` } : {}) })
      .where('user_id', '=', userId)
      .where('enabled_at', enabling ? 'is' : 'is not', null)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .returning('user_id')
      .executeTakeFirst()
    return row !== undefined
  }

  /** Uses up a backup code; false when it is not one of the user's or was used before. */
  async useBackupCode(userId: string, code: string): Promise<boolean> {
    const row = await this.#db
      .updateTable('auth_totp_backup_codes')
      .set({ used_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('code_sha256', '=', sha256(normaliseBackupCode(code)))
      .where('used_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst()
    return row !== undefined
  }

  async disable(userId: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('auth_totp_challenges').where('user_id', '=', userId).execute()
      await trx.deleteFrom('auth_totp_backup_codes').where('user_id', '=', userId).execute()
      await trx.deleteFrom('auth_totp').where('user_id', '=', userId).execute()
    })
  }

  /** A challenge for a sign-in whose password was right; the id goes to the browser, only its hash is kept. */
  async createChallenge(userId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url')
    await this.#db
      .insertInto('auth_totp_challenges')
      .values({ id_sha256: sha256(id), user_id: userId, expires_at: new Date(Date.now() + CHALLENGE_MS) })
      .execute()
    return id
  }

  /** The live challenge's user, or null (unknown, expired, or dropped after too many wrong codes). */
  async challenge(id: string): Promise<{ userId: string; email: string } | null> {
    const row = await this.#db
      .selectFrom('auth_totp_challenges')
      .innerJoin('auth_user', 'auth_user.id', 'auth_totp_challenges.user_id')
      .select(['auth_user.id', 'auth_user.email'])
      .where('auth_totp_challenges.id_sha256', '=', sha256(id))
      .where('auth_totp_challenges.expires_at', '>', sql<Date>`now()`)
      .where('auth_totp_challenges.failures', '<', CHALLENGE_FAILURES)
      .executeTakeFirst()
    return row === undefined ? null : { userId: row.id, email: row.email }
  }

  async failChallenge(id: string): Promise<void> {
    await this.#db
      .updateTable('auth_totp_challenges')
      .set((eb) => ({ failures: eb('failures', '+', 1) }))
      .where('id_sha256', '=', sha256(id))
      .execute()
  }

  /** Ends the challenge; false when another request ended it first. Old challenges are swept on the way. */
  async consumeChallenge(id: string): Promise<boolean> {
    const row = await this.#db
      .deleteFrom('auth_totp_challenges')
      .where('id_sha256', '=', sha256(id))
      .where('expires_at', '>', sql<Date>`now()`)
      .where('failures', '<', CHALLENGE_FAILURES)
      .returning('user_id')
      .executeTakeFirst()
    await this.#db.deleteFrom('auth_totp_challenges').where('expires_at', '<', sql<Date>`now()`).execute()
    return row !== undefined
  }
}
