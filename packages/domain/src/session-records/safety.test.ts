import { describe, expect, it } from 'vitest'
import { type SafetyFacts, sessionSafetyRefusals } from './safety.ts'

const intake = (medical: Record<string, unknown> = {}) => ({
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: '5A' },
  medical,
})

const facts = (over: Partial<SafetyFacts> = {}): SafetyFacts => ({
  sessionDate: '2026-12-07',
  intake: { version: 1, answeredOn: '2026-11-01', document: intake() },
  currentConsentVersion: 2,
  signedConsents: [{ version: 2, signedOn: '2026-11-01' }],
  ...over,
})

describe('whether a session may go ahead on its day', () => {
  it('allows a client with the current consent signed and a suitable latest intake', () => {
    expect(sessionSafetyRefusals(facts())).toEqual([])
  })

  it('refuses without a signed consent, with an older version, or with one signed after the session', () => {
    expect(sessionSafetyRefusals(facts({ signedConsents: [] }))).toEqual([
      {
        path: 'consent',
        message: 'No signed treatment consent: the client signs the treatment consent (version 2) before the session.',
      },
    ])
    expect(sessionSafetyRefusals(facts({ signedConsents: [{ version: 1, signedOn: '2026-10-01' }] }))[0]?.message).toBe(
      'The client signed treatment consent version 1 on 2026-10-01; the current text is version 2. Ask the client to sign it before the session.'
    )
    expect(sessionSafetyRefusals(facts({ signedConsents: [{ version: 2, signedOn: '2026-12-08' }] }))[0]?.message).toBe(
      'The treatment consent (version 2) was signed on 2026-12-08, after the session on 2026-12-07.'
    )
    expect(sessionSafetyRefusals(facts({ currentConsentVersion: null }))[0]?.path).toBe('consent')
  })

  it('defers with the finding and its date, counted from the day the intake was answered', () => {
    const deferred = facts({
      intake: {
        version: 3,
        answeredOn: '2026-11-01',
        document: intake({ medications: [{ name: 'isotretinoin', lastDoseDaysAgo: 30 }] }),
      },
    })
    expect(sessionSafetyRefusals(deferred)).toEqual([
      {
        path: 'screening',
        message:
          'Deferred until 2027-04-02: isotretinoin last taken on 2026-10-02 (30 days before the intake of 2026-11-01); wait 6 months after the last dose.',
      },
    ])
    // on the day the wait ends the session may go ahead (the 6–12 month note is information, not a refusal)
    expect(sessionSafetyRefusals({ ...deferred, sessionDate: '2027-04-02' })).toEqual([])
  })

  it('refuses a reason not to treat, and a deferral without a date', () => {
    const blocked = facts({
      intake: { version: 2, answeredOn: '2026-11-01', document: intake({ conditions: ['bleeding-disorder'] }) },
    })
    expect(sessionSafetyRefusals(blocked)[0]?.message).toBe(
      'Not suitable for treatment: bleeding disorder (intake version 2 of 2026-11-01).'
    )
    const open = facts({
      intake: { version: 2, answeredOn: '2026-11-01', document: intake({ conditions: ['psoriasis-scalp-active'] }) },
    })
    expect(sessionSafetyRefusals({ ...open, sessionDate: '2030-01-01' })[0]?.message).toMatch(
      /^Deferred: active psoriasis on the scalp \(intake version 2 of 2026-11-01\)/
    )
  })

  it('counts a medicine still taken at the intake as taken until a newer intake says otherwise', () => {
    const still = facts({
      sessionDate: '2028-01-01',
      intake: { version: 1, answeredOn: '2026-11-01', document: intake({ medications: [{ name: 'isotretinoin' }] }) },
    })
    expect(sessionSafetyRefusals(still)[0]?.message).toMatch(/^Deferred until 2028-07-01: isotretinoin still taken/)
  })

  it('refuses without an intake, or with an incomplete one', () => {
    expect(sessionSafetyRefusals(facts({ intake: null }))[0]?.path).toBe('screening')
    expect(
      sessionSafetyRefusals(facts({ intake: { version: 4, answeredOn: '2026-11-01', document: { schema: 'x' } } }))[0]
        ?.message
    ).toMatch(/latest intake \(version 4 of 2026-11-01\) is incomplete/)
  })
})
