// Unsubscribe links: `<clinicId>.<clientId>.<HMAC>` with a key derived from the installation's link secret, so a
// link cannot be made for another client and needs no table; they do not expire (an old email must still work).
import { createHmac, timingSafeEqual } from 'node:crypto'

const TOKEN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/

function signature(secret: Buffer, clinicId: string, clientId: string): Buffer {
  const key = createHmac('sha256', secret).update('stipple:unsubscribe').digest()
  return createHmac('sha256', key).update(`${clinicId}:${clientId}`).digest()
}

export function signUnsubscribeToken(secret: Buffer, clinicId: string, clientId: string): string {
  const clinic = clinicId.toLowerCase()
  const client = clientId.toLowerCase()
  return `${clinic}.${client}.${signature(secret, clinic, client).toString('base64url')}`
}

export function verifyUnsubscribeToken(secret: Buffer, token: string): { clinicId: string; clientId: string } | null {
  const m = TOKEN.exec(token)
  if (m === null) return null
  const [, clinicId = '', clientId = '', given = ''] = m
  const expected = signature(secret, clinicId, clientId)
  const actual = Buffer.from(given, 'base64url')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  return { clinicId, clientId }
}

export const unsubscribeUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/api/v1/public/unsubscribe?token=${token}`
