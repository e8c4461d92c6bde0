import { en, type MessageKey } from './catalog-en';
import { it } from './catalog-it';

export type Locale = 'it' | 'en';
export const LOCALES: readonly Locale[] = ['it', 'en'];
const CATALOGS: Record<Locale, Record<MessageKey, string>> = { it, en };

// A message with its {placeholders} filled in; a placeholder without a value stays visible
// rather than vanishing, so a missing argument shows up in review.
export function translate(locale: Locale, key: MessageKey, args: Record<string, string | number> = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

export function isLocale(v: unknown): v is Locale {
  return v === 'it' || v === 'en';
}
