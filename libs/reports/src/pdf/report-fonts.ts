import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// DejaVu Sans and Sans Mono (dejavu-fonts-ttf 2.37.3; Bitstream Vera licence with public-domain
// DejaVu changes, node_modules/dejavu-fonts-ttf/LICENSE): Latin with every diacritic an Italian
// region writes (Slovenian č, German ß), Greek, Cyrillic, Arabic. PDFKit's standard fonts speak
// only WinAnsi and printed the rest as '?'. Mono has DejaVu Sans Mono's 0.6 em advance, Courier's.
export const REPORT_FONTS = { sans: 'Faro-Sans', bold: 'Faro-Sans-Bold', mono: 'Faro-Mono' } as const;

const FILES: Record<keyof typeof REPORT_FONTS, string> = { sans: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };

let loaded: Record<keyof typeof REPORT_FONTS, Buffer> | undefined;

// Read once per process; PDFKit embeds only the glyphs a document uses (a subset whose tag comes
// from the font's order in the document, not from chance), so the same report stays the same bytes.
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  loaded ??= Object.fromEntries(
    Object.entries(FILES).map(([k, file]) => [k, readFileSync(join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf', file))]),
  ) as Record<keyof typeof REPORT_FONTS, Buffer>;
  for (const k of Object.keys(REPORT_FONTS) as Array<keyof typeof REPORT_FONTS>) doc.registerFont(REPORT_FONTS[k], loaded[k]);
}
