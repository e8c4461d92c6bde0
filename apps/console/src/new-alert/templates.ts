// Pre-written alert texts per hazard and language, for the author to edit. These are content
// (what a phone shows), not console strings, so they live here and not in the UI catalogs;
// every language the broadcast may carry has one.

export const TEXT_LANGUAGES = ['it', 'en', 'de', 'fr', 'sl'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

export const TEMPLATE_HAZARDS = ['tsunami', 'dam_collapse', 'volcanic', 'nuclear_radiological', 'industrial_accident', 'heavy_rain', 'earthquake', 'flood', 'wildfire', 'landslide', 'terror_attack', 'civil_unrest', 'other'] as const;
export type TemplateHazard = (typeof TEMPLATE_HAZARDS)[number];

const NAMES: Record<TextLanguage, Record<TemplateHazard, string>> = {
  it: { tsunami: 'Maremoto', dam_collapse: 'Collasso di una diga', volcanic: 'Attività vulcanica', nuclear_radiological: 'Incidente nucleare o radiologico', industrial_accident: 'Incidente industriale', heavy_rain: 'Piogge intense', earthquake: 'Terremoto', flood: 'Alluvione', wildfire: 'Incendio boschivo', landslide: 'Frana', terror_attack: 'Attacco terroristico', civil_unrest: 'Disordini', other: 'Emergenza' },
  en: { tsunami: 'Tsunami', dam_collapse: 'Dam collapse', volcanic: 'Volcanic activity', nuclear_radiological: 'Nuclear or radiological accident', industrial_accident: 'Industrial accident', heavy_rain: 'Heavy rain', earthquake: 'Earthquake', flood: 'Flood', wildfire: 'Wildfire', landslide: 'Landslide', terror_attack: 'Terrorist attack', civil_unrest: 'Civil unrest', other: 'Emergency' },
  de: { tsunami: 'Tsunami', dam_collapse: 'Dammbruch', volcanic: 'Vulkanische Aktivität', nuclear_radiological: 'Nuklearer oder radiologischer Unfall', industrial_accident: 'Industrieunfall', heavy_rain: 'Starkregen', earthquake: 'Erdbeben', flood: 'Hochwasser', wildfire: 'Waldbrand', landslide: 'Erdrutsch', terror_attack: 'Terroranschlag', civil_unrest: 'Unruhen', other: 'Notfall' },
  fr: { tsunami: 'Tsunami', dam_collapse: 'Rupture de barrage', volcanic: 'Activité volcanique', nuclear_radiological: 'Accident nucléaire ou radiologique', industrial_accident: 'Accident industriel', heavy_rain: 'Pluies intenses', earthquake: 'Séisme', flood: 'Inondation', wildfire: 'Feu de forêt', landslide: 'Glissement de terrain', terror_attack: 'Attaque terroriste', civil_unrest: 'Troubles', other: 'Urgence' },
  sl: { tsunami: 'Cunami', dam_collapse: 'Porušitev jezu', volcanic: 'Vulkanska dejavnost', nuclear_radiological: 'Jedrska ali radiološka nesreča', industrial_accident: 'Industrijska nesreča', heavy_rain: 'Močno deževje', earthquake: 'Potres', flood: 'Poplava', wildfire: 'Gozdni požar', landslide: 'Zemeljski plaz', terror_attack: 'Teroristični napad', civil_unrest: 'Nemiri', other: 'Izredne razmere' },
};

// What to do, in words a public-warning text uses: one line per language, the hazard first.
const ADVICE: Record<TextLanguage, string> = {
  it: 'nella tua zona. Segui le indicazioni delle autorità e informati sui canali ufficiali.',
  en: 'in your area. Follow the instructions of the authorities and check official channels.',
  de: 'in Ihrem Gebiet. Folgen Sie den Anweisungen der Behörden und informieren Sie sich über offizielle Kanäle.',
  fr: 'dans votre zone. Suivez les consignes des autorités et informez-vous sur les canaux officiels.',
  sl: 'na vašem območju. Upoštevajte navodila pristojnih organov in spremljajte uradne kanale.',
};

export function templateFor(hazard: TemplateHazard, language: TextLanguage): { headline: string; text: string } {
  const name = NAMES[language][hazard];
  return { headline: name, text: `${name} ${ADVICE[language]}` };
}
