// Requests and answers of the TOTP second-factor routes (the sign-in ones are the domain's SignIn/SessionInfo).
import { SessionInfoSchema } from '@stipple/domain'
import { z } from 'zod'

const Password = z.string().min(1).max(256)
/** The six digits the authenticator app shows. */
const TotpCode = z.string().regex(/^[0-9]{6}$/, 'expected the 6 digits from the authenticator app')
/** The app's six digits, or one of the backup codes (`xxxxx-xxxxx`). */
const TotpOrBackupCode = z
  .string()
  .trim()
  .regex(/^([0-9]{6}|[a-zA-Z0-9]{5}-?[a-zA-Z0-9]{5})$/, 'expected 6 digits or a backup code (xxxxx-xxxxx)')

export const TotpEnableSchema = z.strictObject({ password: Password })
export const TotpVerifySchema = z.strictObject({ code: TotpCode })
export const TotpDisableSchema = z.strictObject({ password: Password, code: TotpOrBackupCode })
export const TotpSignInSchema = z.strictObject({ code: TotpOrBackupCode })

export const TotpSetupSchema = z.object({
  /** For the authenticator app (as a QR code). */
  otpauthUri: z.string(),
  /** The same secret in base32, for typing in by hand. */
  secret: z.string(),
  /** One-time codes for when the phone is lost: shown this once, stored only as hashes. */
  backupCodes: z.array(z.string()),
})

export const TotpEnabledSchema = z.object({ enabled: z.literal(true) })

/** The password was right; the sign-in completes with POST /api/v1/auth/sign-in/totp. */
const SecondFactorRequiredSchema = z.object({ secondFactor: z.literal('totp') })

export const SignInResultSchema = z.union([SessionInfoSchema, SecondFactorRequiredSchema])
