import { CapError } from './cap-error';

// XML 1.0 Appendix F: a byte order mark, or the first bytes of '<?xml', tell the encoding
// family; the encoding declaration names the rest. Bytes that do not decode are refused
// rather than replaced, so a mangled alert never reaches the public as U+FFFD.
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decode('utf-8', bytes.subarray(3));
  if (startsWith(bytes, [0xfe, 0xff])) return decode('utf-16be', bytes.subarray(2));
  if (startsWith(bytes, [0xff, 0xfe])) return decode('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return decode('utf-16be', bytes);
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return decode('utf-16le', bytes);

  const label = declaredEncoding(bytes)?.toLowerCase() ?? 'utf-8';
  switch (label) {
    case 'utf-8':
    case 'utf8':
      return decode('utf-8', bytes);
    case 'iso-8859-1':
    case 'iso_8859-1':
    case 'latin1':
    case 'l1':
      // TextDecoder maps these labels to windows-1252 (WHATWG Encoding); the XML label means
      // true ISO-8859-1, where every byte is the code point of the same value.
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'windows-1252':
    case 'cp1252':
    case 'x-cp1252':
      // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80 gives U+0080, not '€').
      return decodeWindows1252(bytes);
    case 'us-ascii':
    case 'ascii': {
      const high = bytes.findIndex((b) => b > 0x7f);
      if (high >= 0) throw new CapError('cap/not-xml', `byte 0x${bytes[high].toString(16)} at offset ${high} is not US-ASCII`, '');
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    }
    default:
      return decode(label, bytes);
  }
}

function decode(encoding: string, bytes: Uint8Array): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    throw new CapError('cap/not-xml', `unsupported encoding '${encoding}' in the XML declaration`, '');
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CapError('cap/not-xml', `the bytes are not valid ${encoding}`, '');
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

// Reads encoding="…" from an ASCII-compatible XML declaration, if there is one.
function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (!startsWith(bytes, [0x3c, 0x3f, 0x78, 0x6d, 0x6c])) return undefined; // '<?xml'
  const end = bytes.indexOf(0x3e); // '>'
  if (end < 0) return undefined;
  const declaration = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(end, 200)).toString('latin1');
  return /\sencoding\s*=\s*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)')/.exec(declaration)?.slice(1).find(Boolean);
}

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F; the five bytes it leaves undefined
// map to the C1 control of the same value, as in the WHATWG Encoding table.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = Array.from(bytes.subarray(start, start + 8192), (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}
