// Writes the domain's time-zone table (packages/domain/src/scheduling/tzdb.generated.ts) from the one pinned source of
// time-zone rules, moment-timezone's packed IANA data (exact version in the root package.json). The domain computes
// every wall-clock time from that table, never from the runtime's own ICU data (Node and Chromium disagree on zones
// whose rules changed recently). Run `node --import tsx scripts/generate-tzdb.ts` after changing the pinned version;
// `scripts/generate-tzdb.test.ts` fails while the committed table differs from the pinned data.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const OUT = fileURLToPath(new URL('../packages/domain/src/scheduling/tzdb.generated.ts', import.meta.url))
/** Transitions before 1970 and from 2050 on are dropped: a clinic's records and bookings fall between. */
const FROM = 0
const TO = Date.UTC(2050, 0, 1)

interface Packed {
  version: string
  zones: string[]
  links: string[]
}

function base60(s: string): number {
  const digit = (c: number) => (c > 96 ? c - 87 : c > 64 ? c - 29 : c - 48)
  let sign = 1
  let i = 0
  if (s.charCodeAt(0) === 45) {
    sign = -1
    i = 1
  }
  const [whole = '', fraction = ''] = s.split('.')
  let out = 0
  for (; i < whole.length; i++) out = out * 60 + digit(whole.charCodeAt(i))
  let m = 1
  for (let j = 0; j < fraction.length; j++) {
    m /= 60
    out += digit(fraction.charCodeAt(j)) * m
  }
  return out * sign
}

/** One zone of the packed data: offsets east of UTC in seconds, and the instants (ms) each stops applying. */
function unpack(zone: string): { name: string; offsets: number[]; abbrs: string[]; untils: number[] } {
  const [name = '', abbrsText = '', offsetsText = '', indicesText = '', untilsText = ''] = zone.split('|')
  const abbrs = abbrsText.split(' ')
  const offsets = offsetsText.split(' ').map(base60)
  const indices = indicesText.split('').map(base60)
  const deltas = untilsText === '' ? [] : untilsText.split(' ').map(base60)
  const untils: number[] = []
  let t = 0
  for (let i = 0; i < indices.length; i++) {
    if (i < indices.length - 1) {
      t = Math.round(t + (deltas[i] ?? 0) * 60_000)
      untils.push(t)
    } else untils.push(Number.POSITIVE_INFINITY)
  }
  // moment's offsets are minutes west of UTC
  return {
    name,
    offsets: indices.map((k) => Math.round(-(offsets[k] ?? 0) * 60)),
    abbrs: indices.map((k) => abbrs[k] ?? ''),
    untils,
  }
}

/**
 * `offsets (s, base 36)|abbreviations|index per period (base 36)|seconds from one transition to the next (base 36)`;
 * the offsets and abbreviations are pairs, one per kind of period.
 */
function encode(periods: { offset: number; abbr: string; until: number }[]): string {
  const used: { offset: number; abbr: string }[] = []
  const indices: number[] = []
  const transitions: number[] = []
  let previous = 0
  for (const { offset, abbr, until } of periods) {
    let k = used.findIndex((u) => u.offset === offset && u.abbr === abbr)
    if (k < 0) {
      k = used.length
      used.push({ offset, abbr })
    }
    indices.push(k)
    if (Number.isFinite(until)) {
      if (until % 1000 !== 0) throw new Error(`a transition off the second at ${until}`)
      const second = until / 1000
      transitions.push(second - previous)
      previous = second
    }
  }
  if (used.length > 36) throw new Error('more than 36 offsets in one zone')
  if (used.some((u) => /[ |']/.test(u.abbr))) throw new Error('an abbreviation with a space, bar or quote')
  return `${used.map((u) => u.offset.toString(36)).join(' ')}|${used.map((u) => u.abbr).join(' ')}|${indices.map((k) => k.toString(36)).join('')}|${transitions.map((m) => m.toString(36)).join(' ')}`
}

function encodeZone(offsets: number[], abbrs: string[], untils: number[]): string {
  // absolute transitions first, merged where the offset does not change, then delta-encoded
  let start = untils.findIndex((u) => u > FROM)
  if (start < 0) start = untils.length - 1
  const periods: { offset: number; abbr: string; until: number }[] = []
  for (let i = start; i < offsets.length; i++) {
    const offset = offsets[i] ?? 0
    const abbr = abbrs[i] ?? ''
    const end = untils[i] ?? Number.POSITIVE_INFINITY
    // the period in force at 2050 goes on for ever
    const until = end >= TO ? Number.POSITIVE_INFINITY : end
    const last = periods[periods.length - 1]
    if (last !== undefined && last.offset === offset && last.abbr === abbr) last.until = until
    else periods.push({ offset, abbr, until })
    if (until === Number.POSITIVE_INFINITY) break
  }
  return encode(periods)
}

export function generateTzdb(packed: Packed): string {
  const zones: [string, string][] = packed.zones.map((z) => {
    const { name, offsets, abbrs, untils } = unpack(z)
    return [name, encodeZone(offsets, abbrs, untils)]
  })
  const links: [string, string][] = packed.links.map((l) => {
    const [target = '', alias = ''] = l.split('|')
    return [alias, target]
  })
  zones.sort((a, b) => (a[0] < b[0] ? -1 : 1))
  links.sort((a, b) => (a[0] < b[0] ? -1 : 1))
  const lines = [
    "// Generated by scripts/generate-tzdb.ts from moment-timezone's packed IANA data. Do not edit: change the pinned",
    '// version in the root package.json and run the script again.',
    '',
    `export const TZDB_VERSION = '${packed.version}'`,
    '',
    '/**',
    ' * Zone → `offsets east of UTC (seconds, base 36)|their abbreviations|period indices (base 36)|seconds from one',
    ' * transition to the next, the first from 1970 (base 36)`.',
    ' */',
    'export const TZDB_ZONES: Readonly<Record<string, string>> = {',
    ...zones.map(([name, data]) => `  '${name}': '${data}',`),
    '}',
    '',
    '/** Other names of zones (links). */',
    'export const TZDB_LINKS: Readonly<Record<string, string>> = {',
    ...links.map(([alias, target]) => `  '${alias}': '${target}',`),
    '}',
    '',
  ]
  return lines.join('\n')
}

export function pinnedPackedData(): Packed {
  const require = createRequire(import.meta.url)
  return JSON.parse(readFileSync(require.resolve('moment-timezone/data/packed/latest.json'), 'utf8')) as Packed
}

export const TZDB_OUT = OUT

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUT, generateTzdb(pinnedPackedData()))
  console.log(`wrote ${OUT}`)
}
