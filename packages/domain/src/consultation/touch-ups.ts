// How often a touch-up is due, in the one sentence every text for clients uses (the public FAQ, the treatment
// consent), so they never disagree. DOMAIN §0 "Touch-up interval": default 4 years, range 2–8 (4–8 [SCLIN];
// 3–6 [RAD], [SMPAE], [PHX]; 4–6 [US], [SMUSA]; 3–5 [RJ-Y], [SNY]; 2–4 [I2S-F]). A client's own estimate comes from
// the engine's fading model at the consultation (`consult` → longevity).

export const TOUCH_UP_YEARS = { usual: 4, min: 2, max: 8 } as const

export const TOUCH_UP_TIMING = `Most clients need a touch-up about every ${TOUCH_UP_YEARS.usual} years (anywhere from ${TOUCH_UP_YEARS.min} to ${TOUCH_UP_YEARS.max}, depending mostly on sun exposure and skin).`
