import { CapCircle, CapPoint } from './cap-alert';
import { CapError } from './cap-error';
import { formatCapDecimal, parseCapDecimal } from './cap-decimal';
import { trimXmlWhitespace } from './xml-character-data';

// CAP 1.2 §3.2.4. Only the syntax is read here; the ranges, the four-pair minimum and the
// closed ring are checked by validateCapAlert so that serializeCapAlert applies them too.

// "a whitespace-delimited list of [WGS 84] coordinate pairs", each pair "lat,lon".
export function parseCapPolygon(text: string, pointer: string): CapPoint[] {
  const listing = trimXmlWhitespace(text);
  if (listing === '') return [];
  return listing.split(/[ \t\r\n]+/).map((pair, i) => parsePoint(pair, pointer, `coordinate pair ${i + 1}`));
}

// "a central point given as a [WGS 84] coordinate pair followed by a space character and a
// radius value in kilometers".
export function parseCapCircle(text: string, pointer: string): CapCircle {
  const parts = trimXmlWhitespace(text).split(/[ \t\r\n]+/);
  if (parts.length !== 2) {
    throw new CapError('cap/invalid', `circle '${text}' is not of the form 'lat,lon radius'`, pointer);
  }
  const centre = parsePoint(parts[0], pointer, 'circle centre');
  return { lat: centre.lat, lon: centre.lon, radiusKm: parseCapDecimal(parts[1], pointer, 'circle radius') };
}

export function formatCapPolygon(points: readonly CapPoint[]): string {
  return points.map((p) => `${formatCapDecimal(p.lat)},${formatCapDecimal(p.lon)}`).join(' ');
}

export function formatCapCircle(circle: CapCircle): string {
  return `${formatCapDecimal(circle.lat)},${formatCapDecimal(circle.lon)} ${formatCapDecimal(circle.radiusKm)}`;
}

function parsePoint(pair: string, pointer: string, what: string): CapPoint {
  const parts = pair.split(',');
  if (parts.length !== 2) throw new CapError('cap/invalid', `${what} '${pair}' is not of the form lat,lon`, pointer);
  return { lat: parseCapDecimal(parts[0], pointer, `${what} latitude`), lon: parseCapDecimal(parts[1], pointer, `${what} longitude`) };
}
