import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

const dir = mkdtempSync(join(tmpdir(), 'stipple-plan-'))
const designFile = join(dir, 'design.json')

describe('stipple plan', () => {
  beforeAll(() => {
    expect(stipple('design', '--preset', 'norwood-6', '--seed', '4', '-o', designFile).code).toBe(0)
  })

  it('prints the plan and a quote priced by area, in each location’s currency', () => {
    const toronto = JSON.parse(stipple('plan', designFile, '--json').stdout)
    expect(toronto.plan.sessions).toHaveLength(3)
    expect(toronto.plan.treatedAreaCm2).toBeGreaterThan(200)
    expect(toronto.quote).toMatchObject({ currency: 'CAD', total: 3842 })
    const uk = JSON.parse(stipple('plan', designFile, '--json', '--location', 'uk').stdout)
    expect(uk.quote).toMatchObject({ currency: 'GBP', total: 2000 })
    const text = stipple('plan', designFile)
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/3 sessions every 14 days/)
  })

  it('refuses an unknown location and a missing file with exit 2', () => {
    const r = stipple('plan', designFile, '--location', 'paris')
    expect(r.code).toBe(2)
    expect(lines(r.stderr)).toEqual(['--location: expected toronto, us, uk, got "paris"'])
    expect(stipple('plan').code).toBe(2)
  })
})
