// Version numbers for a design and the parts of it that each consumer watches: whoever caches work on a design
// compares these numbers, never the design's contents. A number is bumped when the part's fields are no longer the
// same objects (edits are immutable, so an unchanged part keeps its objects); a restored design (undo, redo) brings
// its own numbers back, and a new change always takes a number never used before.
import type { Design } from '@stipple/engine'

export interface DesignVersions {
  /** Bumped on every change to the design. */
  design: number
  /** The fields that decide where dots go; skin, pigment, dilution and shade offsets only change their look. */
  placement: number
  /** The fields the untoned skin is drawn from (seed, head, skin). */
  skin: number
  /** Everything but the hairline (which only moves dots): what a partial redraw must not see change. */
  frame: number
}

type Part = Exclude<keyof DesignVersions, 'design'>

const PARTS: Readonly<Record<Part, (key: keyof Design) => boolean>> = {
  placement: (k) => PLACEMENT_FIELDS.has(k),
  skin: (k) => k === 'seed' || k === 'head' || k === 'skin',
  frame: (k) => k !== 'hairline',
}

const PLACEMENT_FIELDS: ReadonlySet<keyof Design> = new Set<keyof Design>([
  'seed',
  'head',
  'hairline',
  'zones',
  'existingHair',
  'scars',
  'sessions',
  'crown',
])

/** The top-level fields whose objects differ between two designs. */
function changedFields(a: Design, b: Design): (keyof Design)[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Design)[])
  return [...keys].filter((k) => a[k] !== b[k])
}

export interface Versioner {
  /** The versions of `design`: the current ones when it is the design last seen, new numbers where it changed. */
  versionsOf(design: Design): DesignVersions
  /** Makes `design` with `versions` the last one seen (a design restored from history). */
  restore(design: Design, versions: DesignVersions): void
}

// One counter for every versioner on the page: a new editor (another preset, a design loaded again) never hands the
// worker or the renderer a number an earlier one used for a different design.
let counter = 0

/** Numbers a run of designs' versions, each new number from the page's one counter. */
export function createVersioner(): Versioner {
  let last: { design: Design; versions: DesignVersions } | null = null
  return {
    versionsOf(design) {
      if (last !== null && last.design === design) return last.versions
      const changed = last === null ? null : changedFields(last.design, design)
      const bump = (part: Part) =>
        last === null || changed === null || changed.some(PARTS[part]) ? ++counter : last.versions[part]
      const versions: DesignVersions = {
        design: ++counter,
        placement: bump('placement'),
        skin: bump('skin'),
        frame: bump('frame'),
      }
      last = { design, versions }
      return versions
    },
    restore(design, versions) {
      last = { design, versions }
    },
  }
}
