// Italy's IT-alert hazards plus the ones Faro covers from the start.
export const HAZARDS = [
  'tsunami',
  'dam_collapse',
  'volcanic',
  'nuclear_radiological',
  'industrial_accident',
  'heavy_rain',
  'earthquake',
  'flood',
  'wildfire',
  'landslide',
  'terror_attack',
  'civil_unrest',
  'other',
] as const;
export type Hazard = (typeof HAZARDS)[number];

// CAP category of each hazard, used when Faro writes CAP and to guess a hazard from CAP.
export const HAZARD_CAP_CATEGORY: Record<Hazard, string> = {
  tsunami: 'Geo',
  dam_collapse: 'Infra',
  volcanic: 'Geo',
  nuclear_radiological: 'CBRNE',
  industrial_accident: 'CBRNE',
  heavy_rain: 'Met',
  earthquake: 'Geo',
  flood: 'Met',
  wildfire: 'Fire',
  landslide: 'Geo',
  terror_attack: 'Security',
  civil_unrest: 'Security',
  other: 'Other',
};

// Words (Italian and English) that name a hazard in a CAP <event>, most specific first.
const EVENT_WORDS: Array<[Hazard, RegExp]> = [
  ['tsunami', /tsunami|maremoto/i],
  ['dam_collapse', /\bdam\b|diga|collasso/i],
  ['volcanic', /volcan|vulcan|eruzion|erupt/i],
  ['nuclear_radiological', /nuclear|nuclear|radiolog|radiation|nucleare/i],
  ['industrial_accident', /industrial|chemical|hazmat|seveso|industriale|chimic/i],
  ['earthquake', /earthquake|quake|seism|terremoto|sism/i],
  ['heavy_rain', /heavy rain|rainfall|precipitazioni|pioggia|temporal/i],
  ['flood', /flood|alluvion|esondazion|inondazion|idraulic/i],
  ['wildfire', /wildfire|fire|incendi/i],
  ['landslide', /landslide|frana|idrogeolog/i],
  ['terror_attack', /terror|attentat|attack|shooter/i],
  ['civil_unrest', /civil unrest|riot|disordin|sommoss/i],
];

export function isHazard(v: unknown): v is Hazard {
  return typeof v === 'string' && (HAZARDS as readonly string[]).includes(v);
}

export function hazardFromEvent(event: string): Hazard {
  for (const [hazard, words] of EVENT_WORDS) if (words.test(event)) return hazard;
  return 'other';
}
