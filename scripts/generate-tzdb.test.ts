import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateTzdb, pinnedPackedData, TZDB_OUT } from './generate-tzdb.ts'

describe('the domain’s time-zone table', () => {
  it('is exactly what the pinned moment-timezone data generates (run scripts/generate-tzdb.ts after a bump)', () => {
    const packed = pinnedPackedData()
    const committed = readFileSync(TZDB_OUT, 'utf8')
    expect(committed).toContain(`export const TZDB_VERSION = '${packed.version}'`)
    expect(committed === generateTzdb(packed)).toBe(true)
  })

  it('has every zone and link of the pinned data', () => {
    const packed = pinnedPackedData()
    const table = generateTzdb(packed)
    for (const z of packed.zones) expect(table).toContain(`  '${z.split('|')[0]}': '`)
    for (const l of packed.links) expect(table).toContain(`  '${l.split('|')[1]}': '${l.split('|')[0]}',`)
  })
})
