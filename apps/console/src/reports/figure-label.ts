import { en, type MessageKey } from '../i18n/catalog-en';
import type { Dimension, StatisticsFigure } from './statistics-types';

const PREFIX: Record<Exclude<Dimension, 'territory'>, string> = {
  hazard: 'hazard',
  status: 'status',
  severity: 'severity',
  urgency: 'urgency',
  certainty: 'certainty',
  msgType: 'reports.msgType',
};

// A figure's name in the reader's language: the catalog's word for a hazard, a status…, the
// territory's own name; a value the catalog does not know is shown as it is.
export function figureLabel(dimension: Dimension, f: Pick<StatisticsFigure, 'key' | 'label'>, t: (key: MessageKey) => string): string {
  if (dimension === 'territory') return f.label ?? f.key;
  const key = `${PREFIX[dimension]}.${f.key}`;
  return key in en ? t(key as MessageKey) : f.key;
}

// A bar of the statistics' time axis (UTC days, weeks from Monday, months), in the reader's language.
export function bucketLabel(from: string, bucket: 'day' | 'week' | 'month', locale: 'it' | 'en'): string {
  const fmt = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', bucket === 'month' ? { timeZone: 'UTC', month: 'short', year: 'numeric' } : { timeZone: 'UTC', day: '2-digit', month: '2-digit' });
  return fmt.format(new Date(from));
}

// 'YYYY-MM-DD' of a UTC day, and the instant a UTC day starts.
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayStart = (day: string) => `${day}T00:00:00.000Z`;
export const nextDayStart = (day: string) => new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();
