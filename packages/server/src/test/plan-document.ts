// Test fixtures only.
/** A stored plan document as a consultation writes it (complete: stored plans are read through the domain's schema). */
export const planDocument = (durations: number[]) => ({
  treatedAreaCm2: 180,
  totalImpressions: 30_000 * durations.length,
  totalDots: 30_000,
  spacingDays: 7,
  basis: 'test plan',
  sessions: durations.map((durationMinutes, i) => ({
    index: i + 1,
    dayOffset: i * 7,
    durationMinutes,
    impressions: 30_000,
    dots: 10_000,
    needle: '1RL 0.20',
    shadeDilution: '20 %',
    impressionsByZone: {},
  })),
})
