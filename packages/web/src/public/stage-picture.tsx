// A head seen from above (the face at the top) with the pattern's bald or thinning areas in skin colour: a picture a
// visitor can match to their own scalp, for the Norwood (men) and Ludwig (women) stages the estimator offers.
import type { ReactNode } from 'react'

const SKIN = '#e6c2a4'
const THIN = '#b89479'

const AREAS: Record<string, ReactNode> = {
  nw2: (
    <>
      <path d="M16 34 Q22 20 36 14 L32 30 Z" fill={SKIN} />
      <path d="M84 34 Q78 20 64 14 L68 30 Z" fill={SKIN} />
    </>
  ),
  nw3: (
    <>
      <path d="M14 42 Q20 18 40 12 L36 40 Z" fill={SKIN} />
      <path d="M86 42 Q80 18 60 12 L64 40 Z" fill={SKIN} />
    </>
  ),
  nw3v: (
    <>
      <path d="M14 42 Q20 18 40 12 L36 40 Z" fill={SKIN} />
      <path d="M86 42 Q80 18 60 12 L64 40 Z" fill={SKIN} />
      <circle cx="52" cy="82" r="9" fill={SKIN} />
    </>
  ),
  nw4: (
    <>
      <ellipse cx="50" cy="22" rx="30" ry="18" fill={SKIN} />
      <circle cx="52" cy="82" r="13" fill={SKIN} />
    </>
  ),
  nw5: (
    <>
      <ellipse cx="50" cy="26" rx="32" ry="24" fill={SKIN} />
      <circle cx="51" cy="78" r="18" fill={SKIN} />
      <rect x="40" y="48" width="22" height="14" fill={THIN} />
    </>
  ),
  nw6: <ellipse cx="50" cy="48" rx="31" ry="46" fill={SKIN} />,
  nw7: <ellipse cx="50" cy="54" rx="36" ry="52" fill={SKIN} />,
  lw1: <rect x="46" y="12" width="8" height="70" rx="4" fill={THIN} />,
  lw2: <ellipse cx="50" cy="50" rx="14" ry="38" fill={THIN} />,
  lw3: <ellipse cx="50" cy="52" rx="26" ry="44" fill={SKIN} />,
  alopecia: <rect x="0" y="0" width="100" height="120" fill={SKIN} />,
  scar: <path d="M26 104 Q50 112 74 104" stroke="#f4d9c6" strokeWidth="3" fill="none" />,
}

export function StagePicture({ patternId }: { patternId: string }) {
  const clip = `head-${patternId}`
  return (
    <svg viewBox="0 0 100 120" width="96" height="115" aria-hidden="true" focusable="false" className="stage-picture">
      <defs>
        <clipPath id={clip}>
          <ellipse cx="50" cy="62" rx="40" ry="54" />
        </clipPath>
      </defs>
      <path d="M44 10 L50 0 L56 10 Z" fill={SKIN} stroke="#8a6a55" strokeWidth="1" />
      <ellipse cx="9" cy="62" rx="4" ry="10" fill={SKIN} stroke="#8a6a55" strokeWidth="1" />
      <ellipse cx="91" cy="62" rx="4" ry="10" fill={SKIN} stroke="#8a6a55" strokeWidth="1" />
      <g clipPath={`url(#${clip})`}>
        <rect x="0" y="0" width="100" height="120" fill="#3b3330" />
        {AREAS[patternId]}
      </g>
      <ellipse cx="50" cy="62" rx="40" ry="54" fill="none" stroke="#8a6a55" strokeWidth="1.5" />
    </svg>
  )
}
