// What the public site says about the treatment, in our own words, from DOMAIN's facts (keys cited beside each).
import { TOUCH_UP_TIMING } from '@stipple/domain'

export interface Service {
  id: string
  title: string
  text: string
}

export const SERVICES: readonly Service[] = [
  {
    id: 'shaved-look',
    title: 'The shaved look',
    // DOMAIN §1.4 shaved hair reads as grey [DMATCH], [ISHRS-F]; §1.5 dots ~1 mm apart [HJ], [RAS15]
    text: 'Thousands of fine dots of pigment, about a millimetre apart like the follicles of a freshly shaved head, give a full, close-cropped look with a natural front hairline.',
  },
  {
    id: 'density',
    title: 'Density for thinning hair',
    // DOMAIN §3.6 Ludwig scale; ~50% of native density already reads as full [HRN-DENSE], [EUG]
    text: 'For longer hair that has thinned, dots placed between the hairs reduce the contrast between hair and scalp, so the hair looks thicker. No shaving needed.',
  },
  {
    id: 'scar',
    title: 'Scar camouflage',
    // DOMAIN §7 scar camouflage packages; scar tissue may need an extra session [SG-SESS], [SHC]
    text: 'Strip scars from a hair transplant and the small punch scars of FUE blend in with the surrounding hair. Scar tissue sometimes needs an extra session.',
  },
  {
    id: 'alopecia',
    title: 'Alopecia',
    // DOMAIN §6.1 temporary or unstable alopecia is a contraindication [INKD], [NIS]
    text: 'For stable alopecia, including total hair loss, we recreate a natural shaved look. Alopecia that is still active is treated once it has settled, because regrowth makes treated areas look darker.',
  },
  {
    id: 'womens',
    title: "Women's SMP",
    // DOMAIN §3.4 female hairline; §3.6 Ludwig I–III
    text: 'For thinning along the parting or across the top, we add density that blends with long hair, matched to your hair colour and skin tone.',
  },
]

export interface FaqEntry {
  id: string
  question: string
  answer: string
}

export const FAQ: readonly FaqEntry[] = [
  {
    id: 'pain',
    question: 'Does it hurt?',
    // DOMAIN §2.1 needles 0.18–0.30 mm [RJ-N]; §0 depth about 1 mm [DERMCL]; §2.4 breaks every 60–90 min [JJ]; §6.1 allergy to topical anaesthetics screened [INKD], [PHX], [MYT]
    answer:
      'The needles are very fine (0.18–0.30 mm) and the pigment sits only about a millimetre into the skin, so most clients find it manageable. We take a break every 60 to 90 minutes. Your practitioner can talk about a numbing cream at your consultation — tell us about any allergy to anaesthetics.',
  },
  {
    id: 'sessions',
    question: 'How many sessions will I need, and how long are they?',
    // DOMAIN §2.4 and §2.5 (start light, build up [FS3], [SAS]): 2–4 sessions, most 3, ~20% a 4th [SG-SESS]; 7–14+ days apart [DEL], [TOR]; 2–4 h [DAPPER], [SHUB]
    answer:
      'Most clients need three sessions, one to two weeks apart: the first is light and sparse, and each one after builds the shade and density. About one in five needs a fourth, for example over scar tissue. A session usually takes two to four hours, depending on the area.',
  },
  {
    id: 'lasting',
    question: 'How long does it last?',
    // DOMAIN §5: fades slowly over years; touch-up timing from the domain (the same sentence as the consent); UV the main factor [SCLIN], [FOL-FADE]
    answer: `It is permanent pigment, but it softens over the years. ${TOUCH_UP_TIMING} Sun is what fades it most, so we recommend SPF 30 or higher once you have healed.`,
  },
  {
    id: 'touch-ups',
    question: 'What is a touch-up?',
    // DOMAIN §7: touch-up priced as one session [GP]; §5 intervals
    answer:
      'A single session that refreshes the shade and density when the pigment has softened. It is priced as one session. We send you a reminder when one is likely to be due.',
  },
  {
    id: 'removal',
    question: 'Can it be removed if I change my mind?',
    // DOMAIN §5 laser removal: 1–3 sessions (picosecond 1064 nm) [WU20], [GHI]; iron-oxide pigment resists [RS-LASER]; §6.1 90 days after laser before re-treating [INKD]
    answer:
      'Carbon SMP pigment can usually be lightened or removed by laser in one to three sessions, far fewer than a body tattoo. Some pigments resist lasers, which is one reason we start light and build up. After laser treatment we wait at least 90 days before treating the area again.',
  },
  {
    id: 'risks',
    question: 'What are the risks?',
    // DOMAIN §2.6 blow-out when too deep or too dark [DS-MIG], [FS3]; §2.7 mild blue tinge, strong shifts from wrong ink [BB-BLUE]; §6.1 contraindications; §6.4 single-use needles [TN]
    answer:
      'Done too deep or too dark, dots can spread into a blurred, bluish look; we work in light layers over several sessions to avoid it, with sterile single-use needles every time. We ask about your health first: some conditions (for example active psoriasis on the scalp, pregnancy, a tendency to keloid scars, or recent isotretinoin) mean waiting or choosing another option.',
  },
  {
    id: 'aftercare',
    question: 'What do I need to do afterwards?',
    // DOMAIN §6.3: no water 4 days [NAS], [TOR]; no sweating 5 days [TOR], [RAD]; no pool/sauna 28 days after the final session [TOR], [RUF]; don't pick [NAS], [DEL]; loose hat fine [RUF]
    answer:
      'Keep the scalp dry for four days, avoid heavy exercise and sweating for five, and do not pick at the small scabs. A loose, clean hat is fine. After the final session, no swimming, sauna or steam for four weeks, and keep out of the sun for a month. We send you each day’s instructions.',
  },
  {
    id: 'cost',
    question: 'What does it cost?',
    // DOMAIN §7 default price book: by Norwood/Ludwig stage [SMPAE], [DAPPER]; touch-up as one session [GP]
    answer:
      'It depends on the area: a hairline costs less than a full head. Our packages cover three sessions; a fourth, when needed, and later touch-ups are priced as one session each. Try the cost estimator for a range at your nearest clinic; your consultation gives you an exact quote.',
  },
]
