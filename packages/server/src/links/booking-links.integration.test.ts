// Booking links: one secret per installation however many callers race to create it; tokens name their appointment
// until they expire, and any change to a token (or another installation's key) is refused.
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openTestServer, type TestServer } from '../test/harness.ts'
import { manageBookingUrl, signBookingToken, verifyBookingToken } from './booking-links.ts'
import { linkSecret } from './link-secret.repository.ts'

const APPOINTMENT = '0b8c6a52-3f0e-4d55-9d4b-6a2f1b3c4d5e'
const NOW = new Date('2026-11-23T12:00:00Z')
const LATER = new Date('2026-12-23T12:00:00Z')

describeEachDatabase('booking links', (database) => {
  let server: TestServer
  beforeAll(async () => {
    server = await openTestServer(await database())
  })
  afterAll(async () => {
    await server?.close()
  })

  it('creates one secret even when many first callers race', async () => {
    const secrets = await Promise.all(Array.from({ length: 20 }, () => linkSecret(server.db)))
    expect(secrets[0]?.length).toBe(32)
    for (const s of secrets) expect(s.equals(secrets[0] ?? Buffer.alloc(0))).toBe(true)
    const rows = await server.db.selectFrom('installation_secrets').selectAll().execute()
    expect(rows).toHaveLength(1)
  })

  it('verifies its own tokens and refuses expired, altered and foreign ones', async () => {
    const secret = await linkSecret(server.db)
    const token = signBookingToken(secret, APPOINTMENT, LATER)
    expect(verifyBookingToken(secret, token, NOW)).toEqual({ appointmentId: APPOINTMENT })
    expect(encodeURIComponent(token)).toBe(token)
    expect(manageBookingUrl('https://clinic.example', token)).toBe(
      `https://clinic.example/booking/manage?token=${token}`
    )
    // expired: at and after the expiry
    expect(verifyBookingToken(secret, token, LATER)).toBeNull()
    // another appointment id with the same signature
    const [, expires, sig] = token.split('.')
    expect(verifyBookingToken(secret, `${APPOINTMENT.replace('0b8c', '1b8c')}.${expires}.${sig}`, NOW)).toBeNull()
    // a later expiry with the same signature
    expect(verifyBookingToken(secret, `${APPOINTMENT}.${Number(expires) + 86400}.${sig}`, NOW)).toBeNull()
    // one character of the signature changed
    const flipped = `${sig?.slice(0, -2)}${sig?.at(-2) === 'A' ? 'B' : 'A'}${sig?.at(-1)}`
    expect(verifyBookingToken(secret, `${APPOINTMENT}.${expires}.${flipped}`, NOW)).toBeNull()
    // signed with another key
    expect(verifyBookingToken(Buffer.alloc(32, 7), token, NOW)).toBeNull()
    for (const junk of ['', 'x', `${token}.`, `${token}x`, token.toUpperCase(), 'a'.repeat(5000)]) {
      expect(verifyBookingToken(secret, junk, NOW)).toBeNull()
    }
  })
})
