import type { SessionInfo } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { homeFor, needsCode } from './session.ts'

const info = (roles: SessionInfo['memberships'][number]['role'][]): SessionInfo => ({
  user: { id: 'u', name: 'N', email: 'n@example.com' },
  csrfToken: 't',
  memberships: roles.map((role, i) => ({
    membershipId: `00000000-0000-4000-8000-00000000000${i}`,
    clinicId: `10000000-0000-4000-8000-00000000000${i}`,
    clinicName: 'Clinic',
    role,
    displayName: 'N',
  })),
})

describe('where a signed-in person starts', () => {
  it('sends staff to their clinic and clients to the portal', () => {
    expect(homeFor(info(['front_desk']))).toBe('/clinic/10000000-0000-4000-8000-000000000000')
    expect(homeFor(info(['client', 'owner']))).toBe('/clinic/10000000-0000-4000-8000-000000000001')
    expect(homeFor(info(['client']))).toBe('/portal')
  })

  it('knows a sign-in that still needs the authenticator code', () => {
    expect(needsCode({ secondFactor: 'totp' })).toBe(true)
    expect(needsCode(info(['owner']))).toBe(false)
  })
})
