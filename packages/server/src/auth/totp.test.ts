import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  base32Decode,
  base32Encode,
  hotp,
  matchingStep,
  newBackupCodes,
  normaliseBackupCode,
  openSecret,
  otpauthUri,
  sealSecret,
  totp,
  totpSealingKey,
  totpStep,
} from './totp.ts'

const ascii = (text: string) => Buffer.from(text, 'ascii')

describe('HOTP (RFC 4226 appendix D)', () => {
  it('gives the published codes for counters 0–9', () => {
    const secret = ascii('12345678901234567890')
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ]
    expect(expected.map((_, counter) => hotp(secret, counter))).toEqual(expected)
  })
})

describe('TOTP (RFC 6238 appendix B)', () => {
  const seeds = {
    sha1: ascii('12345678901234567890'),
    sha256: ascii('12345678901234567890123456789012'),
    sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  }
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ]
  it.each(vectors)('at %i s gives the published 8-digit codes for SHA-1, SHA-256 and SHA-512', (t, s1, s256, s512) => {
    expect(totp(seeds.sha1, t * 1000, { digits: 8 })).toBe(s1)
    expect(totp(seeds.sha256, t * 1000, { digits: 8, algorithm: 'sha256' })).toBe(s256)
    expect(totp(seeds.sha512, t * 1000, { digits: 8, algorithm: 'sha512' })).toBe(s512)
  })

  it('uses 30-second steps from the epoch', () => {
    expect(totpStep(0)).toBe(0)
    expect(totpStep(29_999)).toBe(0)
    expect(totpStep(30_000)).toBe(1)
    expect(totpStep(59_000)).toBe(1)
  })
})

describe('matchingStep', () => {
  const secret = ascii('12345678901234567890')
  const now = 1_700_000_015_000
  const step = totpStep(now)

  it('finds the step of the current code and of the codes one step either side', () => {
    for (const s of [step - 1, step, step + 1]) expect(matchingStep(secret, hotp(secret, s), now)).toBe(s)
  })

  it('refuses codes two steps away, other secrets, and anything but six digits', () => {
    expect(matchingStep(secret, hotp(secret, step - 2), now)).toBeNull()
    expect(matchingStep(secret, hotp(secret, step + 2), now)).toBeNull()
    expect(matchingStep(randomBytes(20), hotp(secret, step), now)).toBeNull()
    for (const code of ['', '12345', '1234567', 'abcdef', ` ${hotp(secret, step)}`]) {
      expect(matchingStep(secret, code, now)).toBeNull()
    }
  })
})

describe('base32 (RFC 4648 §10)', () => {
  it('encodes the published vectors (without padding) and decodes them back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(ascii(plain))).toBe(encoded)
      expect(base32Decode(encoded).toString('ascii')).toBe(plain)
      expect(base32Decode(`${encoded.toLowerCase()}===`).toString('ascii')).toBe(plain)
    }
  })

  it('round-trips random secrets and refuses characters outside the alphabet', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(i)
      expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true)
    }
    expect(() => base32Decode('MZ1W')).toThrow(/not base32/)
  })
})

describe('otpauthUri', () => {
  it('carries the base32 secret, issuer and the parameters authenticator apps read', () => {
    const secret = ascii('12345678901234567890')
    const uri = new URL(otpauthUri({ issuer: 'Stipple', account: 'ana@clinic.example', secret }))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe('/Stipple:ana@clinic.example')
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'Stipple',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    })
  })
})

describe('sealed secrets', () => {
  const key = totpSealingKey('a server secret of at least thirty-two characters')

  it('open to the same bytes, and a fresh IV makes each sealing different', () => {
    const secret = randomBytes(20)
    const a = sealSecret(secret, key)
    const b = sealSecret(secret, key)
    expect(a).not.toBe(b)
    expect(openSecret(a, key).equals(secret)).toBe(true)
    expect(openSecret(b, key).equals(secret)).toBe(true)
    expect(a).not.toContain(base32Encode(secret))
  })

  it('refuse another key and any tampering', () => {
    const sealed = sealSecret(randomBytes(20), key)
    expect(() => openSecret(sealed, totpSealingKey('another server secret, also long enough to use'))).toThrow()
    const [iv, tag, body] = sealed.split('.')
    const flipped = Buffer.from(body ?? '', 'base64url')
    flipped[0] = (flipped[0] ?? 0) ^ 1
    expect(() => openSecret([iv, tag, flipped.toString('base64url')].join('.'), key)).toThrow()
    expect(() => openSecret('only.two', key)).toThrow()
  })
})

describe('backup codes', () => {
  it('are ten distinct xxxxx-xxxxx codes without look-alike characters', () => {
    const codes = newBackupCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/)
  })

  it('compare without case, spaces or the dash', () => {
    expect(normaliseBackupCode('AbCdE-fGhJk')).toBe('abcdefghjk')
    expect(normaliseBackupCode(' abcde fghjk ')).toBe('abcdefghjk')
  })
})
