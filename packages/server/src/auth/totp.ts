// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) with node:crypto: HMAC-SHA1, 6 digits, 30-second
// steps, which is what authenticator apps do with an otpauth:// URI. Secrets are sealed with AES-256-GCM before they
// are stored, so a database dump or backup alone cannot produce codes.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const TOTP_PERIOD_SECONDS = 30
const DIGITS = 6
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 without padding, as otpauth:// URIs carry secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/=+$/, '')
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const ch of clean) {
    const digit = BASE32.indexOf(ch)
    if (digit < 0) throw new Error(`not base32: ${JSON.stringify(ch)}`)
    value = ((value << 5) | digit) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512'

/** RFC 4226 HOTP: the HMAC of the 8-byte counter, dynamically truncated to `digits` decimal digits. */
export function hotp(secret: Uint8Array, counter: number, digits = DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac(algorithm, secret).update(message).digest()
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** The 30-second step `unixMs` falls in (RFC 6238's T, with T0 = 0). */
export const totpStep = (unixMs: number) => Math.floor(unixMs / 1000 / TOTP_PERIOD_SECONDS)

export function totp(
  secret: Uint8Array,
  unixMs: number,
  options: { digits?: number; algorithm?: TotpAlgorithm } = {}
): string {
  return hotp(secret, totpStep(unixMs), options.digits ?? DIGITS, options.algorithm ?? 'sha1')
}

/**
 * The step whose code `code` is, looking one step either side of now (clock drift and a code typed as it turns
 * over), or null. Compared in constant time per step.
 */
export function matchingStep(secret: Uint8Array, code: string, unixMs: number, window = 1): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null
  const given = Buffer.from(code)
  const now = totpStep(unixMs)
  let found: number | null = null
  for (let step = now - window; step <= now + window; step++) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), given)) found = step
  }
  return found
}

export function otpauthUri(input: { issuer: string; account: string; secret: Uint8Array }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`
  const query = new URLSearchParams({
    secret: base32Encode(input.secret),
    issuer: input.issuer,
    algorithm: 'SHA1',
    digits: String(DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  })
  return `otpauth://totp/${label}?${query.toString()}`
}

/** A new secret: 20 random bytes, the HMAC-SHA1 key size RFC 4226 recommends. */
export const newTotpSecret = () => randomBytes(20)

/** The key TOTP secrets are sealed with, derived from the server secret (another server secret cannot open them). */
export const totpSealingKey = (serverSecret: string) =>
  createHmac('sha256', serverSecret).update('stipple:totp-secret-key:v1').digest()

/** AES-256-GCM: `iv.tag.ciphertext`, each base64url. */
export function sealSecret(secret: Uint8Array, key: Buffer): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(secret), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

export function openSecret(sealed: string, key: Buffer): Buffer {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'))
  if (iv === undefined || tag === undefined || body === undefined) throw new Error('a sealed TOTP secret has 3 parts')
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(body), decipher.final()])
}

const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** One-time backup codes, `xxxxx-xxxxx` from 31 unambiguous characters (about 50 bits each). */
export function newBackupCodes(count = 10): string[] {
  const codes: string[] = []
  for (let i = 0; i < count; i++) {
    const bytes = randomBytes(10)
    let code = ''
    // 256 % 31 ≠ 0: the bias (under 1 %) does not matter for a 50-bit random code
    for (const byte of bytes) code += BACKUP_ALPHABET[byte % BACKUP_ALPHABET.length]
    codes.push(`${code.slice(0, 5)}-${code.slice(5)}`)
  }
  return codes
}

/** What a typed backup code is compared by: lower case, without spaces or the dash. */
export const normaliseBackupCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '')
