import {
  decodeWarningAreaCoordinates,
  encodeWarningAreaCoordinates,
  LatLon,
  MAX_POLYGON_VERTICES,
  WacGeometry,
} from './warning-area-coordinates';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const LAT_STEP = 180 / 2 ** 22;
const LON_STEP = 360 / 2 ** 22;

// Decoding floors to the 22-bit grid (ATIS-0700041 §5.2.4): the decoded point is at most one
// step south-west of the original.
function expectOnGrid(decoded: LatLon, original: LatLon): void {
  expect(original.lat - decoded.lat).toBeGreaterThanOrEqual(0);
  expect(original.lat - decoded.lat).toBeLessThan(LAT_STEP);
  expect(original.lon - decoded.lon).toBeGreaterThanOrEqual(0);
  expect(original.lon - decoded.lon).toBeLessThan(LON_STEP);
}

const florence: WacGeometry = {
  type: 'polygon',
  vertices: [
    { lat: 43.8167, lon: 11.1833 },
    { lat: 43.8167, lon: 11.3333 },
    { lat: 43.7333, lon: 11.3333 },
    { lat: 43.7333, lon: 11.1833 },
  ],
};
const ljubljana: WacGeometry = { type: 'circle', center: { lat: 46.0569, lon: 14.5058 }, radiusKm: 12.5 };

describe('encodeWarningAreaCoordinates', () => {
  it('encodes a 1 km circle at 0°, 0° with a 30 s wait exactly as worked out by hand', () => {
    // 0d 00          13 octets follow (little-endian)
    // 10 0c 1e       type 1 | length 3 | 00, wait 30 s
    // 30 28          type 3 | length 10 | 00
    // 80 00 02 00 00 lat 2^21 (22 bits) then lon 2^21 (22 bits):
    //                1000000000000000000000 1000000000000000000000
    // 00 00 40       radius 1 km × 64 = 64 in 20 bits: 00000000000001000000
    expect(hex(encodeWarningAreaCoordinates([{ type: 'circle', center: { lat: 0, lon: 0 }, radiusKm: 1 }], 30))).toBe(
      '0d00' + '100c1e' + '3028' + '8000020000' + '000040',
    );
  });

  it('gives a polygon of n vertices the length 2 + ceil(44n / 8) and pads it to the octet', () => {
    const bytes = encodeWarningAreaCoordinates([florence], 255);
    // 3 octets of wait time, then 2 + ceil(176 / 8) = 24 octets of polygon.
    expect(bytes.subarray(0, 2)).toEqual(Uint8Array.from([27, 0]));
    expect(hex(bytes.subarray(5, 7))).toBe('2060'); // type 2 | length 24 | 00
    const triangle = encodeWarningAreaCoordinates([{ type: 'polygon', vertices: florence.vertices.slice(0, 3) }], 255);
    expect(hex(triangle.subarray(5, 7))).toBe('204c'); // length 2 + ceil(132 / 8) = 19
    expect(triangle).toHaveLength(2 + 3 + 19);
    expect(triangle[triangle.length - 1] & 0x0f).toBe(0); // 132 bits leave 4 zero bits
  });

  it('writes the block length little-endian, as Android reads it', () => {
    const vertices = Array.from({ length: 60 }, (_, i) => ({ lat: 45 + i / 100, lon: 10 + (i % 7) / 100 }));
    const bytes = encodeWarningAreaCoordinates([{ type: 'polygon', vertices }], 0);
    const length = bytes.length - 2; // 3 + 2 + 330
    expect(length).toBe(335);
    expect(Array.from(bytes.subarray(0, 2))).toEqual([length & 0xff, length >> 8]);
  });

  it(`accepts a polygon of ${MAX_POLYGON_VERTICES} vertices, the most a 10-bit length can hold`, () => {
    const vertices = Array.from({ length: MAX_POLYGON_VERTICES }, (_, i) => ({ lat: i / 10, lon: i / 10 }));
    const decoded = decodeWarningAreaCoordinates(encodeWarningAreaCoordinates([{ type: 'polygon', vertices }], 0));
    expect(decoded.geometries[0]).toMatchObject({ type: 'polygon' });
    expect((decoded.geometries[0] as { vertices: LatLon[] }).vertices).toHaveLength(MAX_POLYGON_VERTICES);
  });

  it.each([
    [
      'a polygon one vertex too many for the 10-bit length',
      [{ type: 'polygon', vertices: Array.from({ length: 186 }, () => ({ lat: 0, lon: 0 })) }],
      'geometries[0].vertices.length must be an integer in 3..185, got 186',
    ],
    [
      'a polygon of two vertices',
      [{ type: 'polygon', vertices: [{ lat: 0, lon: 0 }, { lat: 1, lon: 1 }] }],
      'geometries[0].vertices.length must be an integer in 3..185, got 2',
    ],
    [
      'a latitude past the pole',
      [{ type: 'circle', center: { lat: 90.5, lon: 0 }, radiusKm: 1 }],
      'geometries[0].center must have lat in -90..90 and lon in -180..180, got 90.5, 0',
    ],
    [
      'a longitude past the antimeridian',
      [{ type: 'circle', center: { lat: 0, lon: -181 }, radiusKm: 1 }],
      'geometries[0].center must have lat in -90..90 and lon in -180..180, got 0, -181',
    ],
    [
      'a radius of zero',
      [{ type: 'circle', center: { lat: 0, lon: 0 }, radiusKm: 0 }],
      'geometries[0].radiusKm must be within 1/64..16383.984375 km, got 0',
    ],
    [
      'a radius past 20 bits',
      [{ type: 'circle', center: { lat: 0, lon: 0 }, radiusKm: 16384 }],
      'geometries[0].radiusKm must be within 1/64..16383.984375 km, got 16384',
    ],
  ] as Array<[string, WacGeometry[], string]>)('refuses %s', (_what, geometries, message) => {
    expect(() => encodeWarningAreaCoordinates(geometries, 0)).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/invalid-field', message }),
    );
  });

  it('refuses geometries that overflow the 16-bit block length', () => {
    const vertices = Array.from({ length: MAX_POLYGON_VERTICES }, (_, i) => ({ lat: i / 10, lon: i / 10 }));
    const polygons: WacGeometry[] = Array.from({ length: 65 }, () => ({ type: 'polygon', vertices }));
    expect(() => encodeWarningAreaCoordinates(polygons, 0)).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/invalid-field',
        message: 'the WAC block would be 66303 octets, its 16-bit length allows 65535',
      }),
    );
  });

  it.each([-1, 256, 1.5])('refuses a maximum wait time of %s seconds', (seconds) => {
    expect(() => encodeWarningAreaCoordinates([ljubljana], seconds)).toThrow(
      expect.objectContaining({
        code: 'cell-broadcast/invalid-field',
        message: `maxWaitTimeSeconds must be an integer in 0..255, got ${seconds}`,
      }),
    );
  });
});

describe('decodeWarningAreaCoordinates', () => {
  it('decodes the hand-worked circle', () => {
    expect(decodeWarningAreaCoordinates(Buffer.from('0d00100c1e30288000020000000040', 'hex'))).toEqual({
      maxWaitTimeSeconds: 30,
      geometries: [{ type: 'circle', center: { lat: 0, lon: 0 }, radiusKm: 1 }],
    });
  });

  it('round-trips a polygon and a circle onto the 22-bit grid', () => {
    const decoded = decodeWarningAreaCoordinates(encodeWarningAreaCoordinates([florence, ljubljana], 120));
    expect(decoded.maxWaitTimeSeconds).toBe(120);
    const [polygon, circle] = decoded.geometries;
    if (polygon.type !== 'polygon' || circle.type !== 'circle' || florence.type !== 'polygon' || ljubljana.type !== 'circle') {
      throw new Error('geometry types changed in the round trip');
    }
    expect(polygon.vertices).toHaveLength(4);
    polygon.vertices.forEach((v, i) => expectOnGrid(v, florence.vertices[i]));
    expectOnGrid(circle.center, ljubljana.center);
    expect(circle.radiusKm).toBe(12.5);
  });

  it('re-encodes decoded coordinates to the same octets', () => {
    const bytes = encodeWarningAreaCoordinates([florence, ljubljana], 7);
    const again = decodeWarningAreaCoordinates(bytes);
    expect(hex(encodeWarningAreaCoordinates(again.geometries, again.maxWaitTimeSeconds))).toBe(hex(bytes));
  });

  it('puts the corners of the world on the ends of the grid', () => {
    const corners: WacGeometry = {
      type: 'polygon',
      vertices: [
        { lat: -90, lon: -180 },
        { lat: 90, lon: 180 },
        { lat: 90, lon: -180 },
      ],
    };
    const [polygon] = decodeWarningAreaCoordinates(encodeWarningAreaCoordinates([corners], 0)).geometries;
    expect(polygon).toEqual({
      type: 'polygon',
      vertices: [
        { lat: -90, lon: -180 },
        { lat: 90 - LAT_STEP, lon: 180 - LON_STEP },
        { lat: 90 - LAT_STEP, lon: -180 },
      ],
    });
  });

  it('keeps the radius in 1/64 km steps', () => {
    const circle = (radiusKm: number): WacGeometry => ({ type: 'circle', center: { lat: 0, lon: 0 }, radiusKm });
    const radius = (km: number) =>
      (decodeWarningAreaCoordinates(encodeWarningAreaCoordinates([circle(km)], 0)).geometries[0] as { radiusKm: number }).radiusKm;
    expect(radius(1 / 64)).toBe(1 / 64);
    expect(radius(16383.984375)).toBe(16383.984375);
    expect(radius(0.3)).toBe(19 / 64);
  });

  it('reports 255 (not set) when the block has no wait time element', () => {
    // type 3 | length 10 circle only, 10 octets.
    expect(decodeWarningAreaCoordinates(Buffer.from('0a0030288000020000000040', 'hex')).maxWaitTimeSeconds).toBe(255);
  });

  it('refuses a block whose length says more octets follow than do', () => {
    expect(() => decodeWarningAreaCoordinates(Buffer.from('0e00100c1e30288000020000000040', 'hex'))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'WAC block says 14 octets follow, only 13 do' }),
    );
  });

  it('refuses an element type Android does not know', () => {
    expect(() => decodeWarningAreaCoordinates(Buffer.from('0300400c00', 'hex'))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page', message: 'unsupported WAC element type 4' }),
    );
  });

  it('refuses a block too short to hold its length', () => {
    expect(() => decodeWarningAreaCoordinates(Uint8Array.from([3]))).toThrow(
      expect.objectContaining({ code: 'cell-broadcast/malformed-page' }),
    );
  });
});
