import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { renderMail } from './templates.ts'
import { signUnsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from './unsubscribe.ts'

describe('unsubscribe links', () => {
  const secret = randomBytes(32)
  const clinicId = randomUUID()
  const clientId = randomUUID()

  it('name the clinic and client they were made for', () => {
    const token = signUnsubscribeToken(secret, clinicId, clientId)
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ clinicId, clientId })
    expect(unsubscribeUrl('https://clinic.example', token)).toBe(
      `https://clinic.example/api/v1/public/unsubscribe?token=${token}`
    )
  })

  it('refuse a link for another client, another key, or altered text', () => {
    const token = signUnsubscribeToken(secret, clinicId, clientId)
    const [clinic, , signature] = token.split('.')
    expect(verifyUnsubscribeToken(secret, `${clinic}.${randomUUID()}.${signature}`)).toBeNull()
    expect(verifyUnsubscribeToken(randomBytes(32), token)).toBeNull()
    expect(verifyUnsubscribeToken(secret, `${token}x`)).toBeNull()
    expect(verifyUnsubscribeToken(secret, '')).toBeNull()
  })
})

describe('email bodies', () => {
  it('escape text in HTML and carry the unsubscribe note only when given one', () => {
    const message = {
      subject: 'Hello',
      blocks: [
        { kind: 'paragraph' as const, text: 'Hello <b>Sam</b> & co,' },
        { kind: 'list' as const, items: ['one "quoted"', "two's"] },
      ],
    }
    const plain = renderMail(message, { clinicName: 'Northline' })
    expect(plain.html).toContain('<p>Hello &lt;b&gt;Sam&lt;/b&gt; &amp; co,</p>')
    expect(plain.html).toContain('<li>one &quot;quoted&quot;</li><li>two&#39;s</li>')
    expect(plain.text).toBe('Hello <b>Sam</b> & co,\n\n- one "quoted"\n- two\'s\n\nWith best wishes,\nNorthline\n')
    expect(plain.text).not.toContain('unsubscribe')
    const recall = renderMail(message, { clinicName: 'Northline', unsubscribeUrl: 'https://x.example/u?token=t' })
    expect(recall.text).toContain('care messages about your treatment will still come')
    expect(recall.text).toContain('https://x.example/u?token=t')
    expect(recall.html).toContain('<a href="https://x.example/u?token=t">unsubscribe</a>')
  })
})
