// The contract between `npm run bench` (scripts/bench.ts) and the benchmark files `packages/*/bench/*.bench.ts`.
// A bench file default-exports a `Bench`:
//   import type { Bench } from '../../../scripts/bench-types.ts'
//   export default { name: 'placement', async run({ quick }) { return [{ id: 'placement.fixed', … }] } } satisfies Bench

/** One measurement, ours against a peer library measured in the same run. */
export interface BenchRow {
  /** A stable id `<bench name>.<case>`, e.g. `placement.variable`; DESIGN.md §Benchmarks lists the ids in use. */
  id: string
  /** Unit of `ours` and `peerValue`: a cost ('ms', 'MB') or, ending in '/s', a throughput ('dots/s', 'req/s'). */
  unit: string
  ours: number
  /** The peer's npm name (or a short description); null when there is no peer. */
  peer: string | null
  peerValue: number | null
  /**
   * How many times better we are than the peer (above 1: we win); null without a peer.
   * Leave it out and the runner computes it: peerValue / ours for a cost, ours / peerValue for a throughput.
   */
  speedup?: number | null
  /** Whether larger values are better; by default true exactly when `unit` ends in '/s'. */
  higherIsBetter?: boolean
  note?: string
}

export interface BenchOptions {
  /** `npm run bench -- --quick`: fewer iterations and smaller inputs, for a smoke run; the numbers are not for reporting. */
  quick: boolean
}

export interface Bench {
  /** The id prefix of every row this bench returns (rows are `name` or `name.…`), so `--only` can skip whole files. */
  name: string
  run(options: BenchOptions): Promise<BenchRow[]>
}
