import { PlanDocumentSchema, parseDesignDocument } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { storedDocument, storedWith } from './stored.ts'

describe('stored documents', () => {
  const plan = {
    treatedAreaCm2: 120.5,
    totalImpressions: 9000,
    totalDots: 3000,
    spacingDays: 10,
    sessions: [
      {
        index: 1,
        dayOffset: 0,
        durationMinutes: 180,
        impressions: 3000,
        dots: 1000,
        needle: '3RL',
        shadeDilution: 'neat',
        impressionsByZone: { crown: 3000 },
      },
    ],
    basis: 'placed dots',
  }

  it('reads a document that matches its domain schema as it is', () => {
    expect(storedDocument(PlanDocumentSchema, plan, 'treatment_plans.plan of plan p1')).toEqual(plan)
  })

  it('fails loudly on one that does not, naming the row and each path', () => {
    const bad = { ...plan, totalDots: 'many', sessions: [{ ...plan.sessions[0], impressions: null }] }
    expect(() => storedDocument(PlanDocumentSchema, bad, 'treatment_plans.plan of plan p1')).toThrow(
      /^Stored treatment_plans\.plan of plan p1 does not match its schema: totalDots: .*; sessions\[0\]\.impressions: /
    )
  })

  it('fails loudly on a design document the domain parser refuses', () => {
    expect(() => storedWith(parseDesignDocument, { schema: 'nope' }, 'design_versions.document of version v1')).toThrow(
      /^Stored design_versions\.document of version v1 does not match its schema: /
    )
  })
})
