// Signed, expiring links that let a client manage a booking without an account: HMAC-SHA256 over the appointment id
// and the expiry, keyed with a per-installation secret kept in the database (link-secret.repository.ts, created on first use).
import { createHmac, timingSafeEqual } from 'node:crypto'

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/

function signature(secret: Buffer, appointmentId: string, expiresSeconds: number): Buffer {
  return createHmac('sha256', secret).update(`booking:${appointmentId}:${expiresSeconds}`).digest()
}

/** `<appointmentId>.<expiry in unix seconds>.<base64url HMAC>`: URL-safe as it is. */
export function signBookingToken(secret: Buffer, appointmentId: string, expiresAt: Date): string {
  const id = appointmentId.toLowerCase()
  const expires = Math.floor(expiresAt.getTime() / 1000)
  return `${id}.${expires}.${signature(secret, id, expires).toString('base64url')}`
}

/** The appointment a token names, or null when it is malformed, forged or expired. */
export function verifyBookingToken(secret: Buffer, token: string, now: Date): { appointmentId: string } | null {
  const m = TOKEN.exec(token)
  if (m === null) return null
  const [, appointmentId = '', expiresText = '', given = ''] = m
  const expires = Number(expiresText)
  const expected = signature(secret, appointmentId, expires)
  const actual = Buffer.from(given, 'base64url')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  if (expires * 1000 <= now.getTime()) return null
  return { appointmentId }
}

export function manageBookingUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/booking/manage?token=${token}`
}
