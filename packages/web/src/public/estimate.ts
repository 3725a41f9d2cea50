// The cost estimator's patterns as the visitor sees them: a name, a picture and words. The price of each at each
// location comes from the server (public clinic `locations[].estimate`: the location's price list and its own taxes,
// the domain's ESTIMATE_PATTERNS), never from the browser.

export interface Pattern {
  id: string
  scale: 'norwood' | 'ludwig' | 'alopecia' | 'scar'
  name: string
  description: string
}

export const PATTERNS: readonly Pattern[] = [
  {
    id: 'nw2',
    scale: 'norwood',
    name: 'Norwood II',
    description: 'The temples have receded a little.',
  },
  {
    id: 'nw3',
    scale: 'norwood',
    name: 'Norwood III',
    description: 'Deeper temples; the hairline forms an M.',
  },
  {
    id: 'nw3v',
    scale: 'norwood',
    name: 'Norwood III vertex',
    description: 'Receded temples and a thinning crown.',
  },
  {
    id: 'nw4',
    scale: 'norwood',
    name: 'Norwood IV',
    description: 'A higher hairline and a bald crown, with hair between them.',
  },
  {
    id: 'nw5',
    scale: 'norwood',
    name: 'Norwood V',
    description: 'The band of hair between front and crown is thinning.',
  },
  {
    id: 'nw6',
    scale: 'norwood',
    name: 'Norwood VI',
    description: 'Front and crown have joined into one area.',
  },
  {
    id: 'nw7',
    scale: 'norwood',
    name: 'Norwood VII',
    description: 'Hair remains only at the sides and back.',
  },
  {
    id: 'lw1',
    scale: 'ludwig',
    name: 'Ludwig I',
    description: 'The parting has widened a little.',
  },
  {
    id: 'lw2',
    scale: 'ludwig',
    name: 'Ludwig II',
    description: 'Noticeable thinning across the top.',
  },
  {
    id: 'lw3',
    scale: 'ludwig',
    name: 'Ludwig III',
    description: 'The scalp shows through across the top.',
  },
  {
    id: 'alopecia',
    scale: 'alopecia',
    name: 'Alopecia totalis',
    description: 'No hair on the scalp (stable, not regrowing).',
  },
  {
    id: 'scar',
    scale: 'scar',
    name: 'A scar only',
    description: 'A transplant strip scar or punch scars to hide.',
  },
]
