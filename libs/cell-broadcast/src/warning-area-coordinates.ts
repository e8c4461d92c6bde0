import { BitReader, BitWriter } from './bit-stream';
import { CellBroadcastError } from './cell-broadcast-error';
import { assertIntegerInRange } from './field-range';

// Warning Area Coordinates (ATIS-0700041 §5.2, WEA 3.0 device-based geofencing), laid out exactly
// as Android reads them in GsmSmsCbMessage.parseWarningAreaCoordinates and getLatLng
// (packages/modules/CellBroadcastService src/com/android/cellbroadcastservice/GsmSmsCbMessage.java;
// before Android 11, frameworks/opt/telephony src/java/com/android/internal/telephony/gsm/):
//
//   octets 0..1   length of what follows, LITTLE-endian (the only little-endian field in the PDU)
//   then elements, each: type (4 bits) | length (10 bits, octets, counting this 2-octet head)
//                        | 2 zero bits | body
//     type 1  maximum wait time: 8 bits, seconds (255 = not set)
//     type 2  polygon: n × 44-bit coordinates, zero bits to the octet boundary;
//             Android takes n = floor((length - 2) * 8 / 44)
//     type 3  circle: 44-bit centre, 20-bit radius in 1/64 km
//   a 44-bit coordinate: latitude 22 bits = floor((lat + 90) / 180 × 2^22), then
//                        longitude 22 bits = floor((lon + 180) / 360 × 2^22)
// Tag values from android.telephony.CbGeoUtils: GEO_FENCING_MAXIMUM_WAIT_TIME = 1,
// GEOMETRY_TYPE_POLYGON = 2, GEOMETRY_TYPE_CIRCLE = 3.

export interface LatLon {
  lat: number;
  lon: number;
}

export type WacGeometry =
  | { type: 'polygon'; vertices: LatLon[] }
  | { type: 'circle'; center: LatLon; radiusKm: number };

export interface WarningAreaCoordinates {
  maxWaitTimeSeconds: number;
  geometries: WacGeometry[];
}

const TYPE_MAXIMUM_WAIT_TIME = 1;
const TYPE_POLYGON = 2;
const TYPE_CIRCLE = 3;
const ELEMENT_HEAD_OCTETS = 2;
const COORDINATE_BITS = 22;
const COORDINATE_STEPS = 2 ** COORDINATE_BITS;
const RADIUS_BITS = 20;
const RADIUS_STEPS_PER_KM = 64;
const MAX_ELEMENT_OCTETS = 0x3ff;
// The largest polygon whose element length still fits 10 bits: 2 + ceil(44n / 8) ≤ 1023.
export const MAX_POLYGON_VERTICES = Math.floor(((MAX_ELEMENT_OCTETS - ELEMENT_HEAD_OCTETS) * 8) / 44);
// Android's MAXIMUM_WAIT_TIME_NOT_SET.
export const MAXIMUM_WAIT_TIME_NOT_SET = 255;

export function encodeWarningAreaCoordinates(geometries: WacGeometry[], maxWaitTimeSeconds: number): Uint8Array {
  assertIntegerInRange('maxWaitTimeSeconds', maxWaitTimeSeconds, 0, 255);
  const body = new BitWriter();
  writeHead(body, TYPE_MAXIMUM_WAIT_TIME, ELEMENT_HEAD_OCTETS + 1);
  body.write(maxWaitTimeSeconds, 8);
  geometries.forEach((g, i) => {
    if (g.type === 'polygon') {
      const n = g.vertices.length;
      assertIntegerInRange(`geometries[${i}].vertices.length`, n, 3, MAX_POLYGON_VERTICES);
      writeHead(body, TYPE_POLYGON, ELEMENT_HEAD_OCTETS + Math.ceil((44 * n) / 8));
      g.vertices.forEach((v, j) => writeCoordinate(body, v, `geometries[${i}].vertices[${j}]`));
      body.align();
    } else {
      const radius = Math.round(g.radiusKm * RADIUS_STEPS_PER_KM);
      if (!Number.isFinite(g.radiusKm) || radius < 1 || radius >= 2 ** RADIUS_BITS) {
        throw new CellBroadcastError(
          'cell-broadcast/invalid-field',
          `geometries[${i}].radiusKm must be within 1/64..${(2 ** RADIUS_BITS - 1) / RADIUS_STEPS_PER_KM} km, got ${g.radiusKm}`,
        );
      }
      writeHead(body, TYPE_CIRCLE, ELEMENT_HEAD_OCTETS + 8);
      writeCoordinate(body, g.center, `geometries[${i}].center`);
      body.write(radius, RADIUS_BITS);
    }
  });
  if (body.length > 0xffff) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `the WAC block would be ${body.length} octets, its 16-bit length allows 65535`,
    );
  }
  const out = new Uint8Array(2 + body.length);
  out[0] = body.length & 0xff;
  out[1] = body.length >> 8;
  out.set(body.bytes(), 2);
  return out;
}

export function decodeWarningAreaCoordinates(bytes: Uint8Array): WarningAreaCoordinates {
  if (bytes.length < 2) {
    throw new CellBroadcastError('cell-broadcast/malformed-page', 'a WAC block starts with a 2-octet length');
  }
  const dataLength = bytes[0] | (bytes[1] << 8);
  if (2 + dataLength > bytes.length) {
    throw new CellBroadcastError(
      'cell-broadcast/malformed-page',
      `WAC block says ${dataLength} octets follow, only ${bytes.length - 2} do`,
    );
  }
  const reader = new BitReader(bytes, 2);
  let maxWaitTimeSeconds = MAXIMUM_WAIT_TIME_NOT_SET;
  const geometries: WacGeometry[] = [];
  // Mirrors Android: the loop counts down the declared lengths, while the bits read are what
  // the type says (a circle is always 64 bits, a wait time 8).
  let remaining = dataLength;
  while (remaining > 0) {
    const type = reader.read(4);
    const length = reader.read(10);
    remaining -= length;
    reader.skipToOctet();
    if (type === TYPE_MAXIMUM_WAIT_TIME) {
      maxWaitTimeSeconds = reader.read(8);
    } else if (type === TYPE_POLYGON) {
      const n = Math.floor(((length - 2) * 8) / 44);
      const vertices = Array.from({ length: Math.max(n, 0) }, () => readCoordinate(reader));
      reader.skipToOctet();
      geometries.push({ type: 'polygon', vertices });
    } else if (type === TYPE_CIRCLE) {
      const center = readCoordinate(reader);
      geometries.push({ type: 'circle', center, radiusKm: reader.read(RADIUS_BITS) / RADIUS_STEPS_PER_KM });
    } else {
      throw new CellBroadcastError('cell-broadcast/malformed-page', `unsupported WAC element type ${type}`);
    }
  }
  return { maxWaitTimeSeconds, geometries };
}

function writeHead(w: BitWriter, type: number, length: number): void {
  w.write(type, 4);
  w.write(length, 10);
  w.align();
}

function writeCoordinate(w: BitWriter, p: LatLon, field: string): void {
  if (!Number.isFinite(p.lat) || p.lat < -90 || p.lat > 90 || !Number.isFinite(p.lon) || p.lon < -180 || p.lon > 180) {
    throw new CellBroadcastError(
      'cell-broadcast/invalid-field',
      `${field} must have lat in -90..90 and lon in -180..180, got ${p.lat}, ${p.lon}`,
    );
  }
  w.write(quantize((p.lat + 90) / 180), COORDINATE_BITS);
  w.write(quantize((p.lon + 180) / 360), COORDINATE_BITS);
}

// ATIS-0700041 §5.2.4 floors to 2^22 steps; the closed top of the range (lat 90, lon 180) would
// be 2^22, one past 22 bits, so it falls into the last step instead.
function quantize(fraction: number): number {
  return Math.min(Math.floor(fraction * COORDINATE_STEPS), COORDINATE_STEPS - 1);
}

function readCoordinate(r: BitReader): LatLon {
  const lat = r.read(COORDINATE_BITS);
  const lon = r.read(COORDINATE_BITS);
  return { lat: (lat * 180) / COORDINATE_STEPS - 90, lon: (lon * 360) / COORDINATE_STEPS - 180 };
}
