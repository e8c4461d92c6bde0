import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capSampleBytes, freshCapSample, movedToCatania } from './fixtures/cap-sample';
import { useTeamPlatform } from './team-platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(300_000);

// Issue 8: every shared CAP sample (OASIS CAP 1.2 Appendix A, google/cap-library, NWS; the copies
// and their licences are in libs/cap/testdata) posted by a national operator with its dates moved
// forward and a fresh identifier. A valid CAP 1.2 document makes an alert with cells or is refused
// with a 4xx that says why and points at the element; no sample becomes a 0-cell alert. Each
// sample with a geometry is posted a second time moved to Catania, where it must make an alert
// with cells (or, as an Update or Cancel of messages Faro never saw, name the missing reference).
type Outcome = { status: number; code: string; pointer: string; detail?: RegExp };
type Sample = { file: string; what: string; as: Outcome | 'alert'; movedToCatania?: Outcome | 'alert' };

const OUTSIDE = (pointer: string): Outcome => ({ status: 403, code: 'jurisdiction/outside', pointer, detail: /^area 1 extends [\d.]+ km² outside Italia, into places far from Italy/ });
const NO_KNOWN_GEOMETRY = (pointer: string, scheme: string): Outcome => ({ status: 422, code: 'alert/invalid-incident', pointer, detail: new RegExp(`^unknown geocode ${scheme}; known: ISTAT`) });
const NO_AREA: Outcome = { status: 422, code: 'alert/invalid-incident', pointer: 'alert/info[0]/area', detail: /^no <area> with a polygon, circle or known geocode$/ };
const UNKNOWN_REFERENCE: Outcome = { status: 422, code: 'alert/unknown-reference', pointer: 'alert/references', detail: /^references names no known alert/ };
const CAP_1_1: Outcome = { status: 422, code: 'cap/not-cap', pointer: 'alert', detail: /CAP 1\.1 namespace/ };
const WRAPPER = (root: string): Outcome => ({ status: 422, code: 'cap/not-cap', pointer: root, detail: new RegExp(`^root element <${root}> is in`) });

const SAMPLES: Sample[] = [
  // Valid CAP 1.2, outside Italy.
  { file: 'oasis-cap12-appendix-a/Oasis_ThunderstormWarning.xml', what: 'A.2, a polygon in California', as: OUTSIDE('alert/info[0]/area[0]/polygon[0]'), movedToCatania: 'alert' },
  { file: 'google-cap-library/validator-examples/thunderstorm.cap', what: 'A.2 again', as: OUTSIDE('alert/info[0]/area[0]/polygon[0]'), movedToCatania: 'alert' },
  { file: 'oasis-cap12-appendix-a/Oasis_EarthquakeReport.xml', what: 'A.3, an Update with a radius-0 circle', as: OUTSIDE('alert/info[0]/area[0]/circle[0]'), movedToCatania: UNKNOWN_REFERENCE },
  { file: 'nws/NWS_FlashFloodWarning.xml', what: 'an NWS polygon', as: OUTSIDE('alert/info[0]/area[0]/polygon[0]'), movedToCatania: 'alert' },
  { file: 'google-cap-library/testdata/australia.cap', what: 'two <info> in en-AU, a circle', as: OUTSIDE('alert/info[0]/area[0]/circle[0]'), movedToCatania: 'alert' },
  { file: 'google-cap-library/testdata/earthquake-iso8859-1.cap', what: 'ISO-8859-1, a radius-0 circle', as: OUTSIDE('alert/info[0]/area[0]/circle[0]'), movedToCatania: 'alert' },
  { file: 'google-cap-library/testdata/canada.cap', what: 'an Update, two polygons', as: OUTSIDE('alert/info[0]/area[0]/polygon[0]'), movedToCatania: UNKNOWN_REFERENCE },
  { file: 'google-cap-library/testdata/canada_signed.cap', what: 'an XML-DSig-signed Update', as: OUTSIDE('alert/info[0]/area[0]/polygon[0]'), movedToCatania: UNKNOWN_REFERENCE },
  // Valid CAP 1.2 with no geometry Faro can place.
  { file: 'oasis-cap12-appendix-a/Oasis_HomelandAlert.xml', what: 'A.1, an <areaDesc> only', as: NO_AREA },
  { file: 'google-cap-library/validator-examples/43b080713727.cap', what: 'A.1 again', as: NO_AREA },
  { file: 'oasis-cap12-appendix-a/Oasis_AmberAlert.xml', what: 'A.4, SAME geocodes only', as: NO_KNOWN_GEOMETRY('alert/info[0]/area[0]/geocode[0]', 'SAME') },
  { file: 'nws/NWS_FireWeatherWatchCancel.xml', what: 'an NWS Cancel, SAME geocodes only', as: NO_KNOWN_GEOMETRY('alert/info[0]/area[0]/geocode[0]', 'SAME') },
  { file: 'google-cap-library/testdata/wcatwc-warning.cap', what: 'a tsunami warning, UGC geocodes only', as: NO_KNOWN_GEOMETRY('alert/info[0]/area[0]/geocode[0]', 'UGC') },
  // Invalid CAP 1.2: the element at fault is named.
  { file: 'google-cap-library/testdata/invalid.cap', what: 'no <scope>', as: { status: 422, code: 'cap/invalid', pointer: 'alert/scope', detail: /^required element <scope> is missing from <alert>$/ } },
  { file: 'google-cap-library/testdata/canada_errors.cap', what: 'an Update with empty <references>', as: { status: 422, code: 'cap/invalid', pointer: 'alert/references', detail: /^an Update must name the message\(s\) it refers to/ } },
  // CAP 1.1 documents: not CAP 1.2.
  ...['earthquake.cap', 'earthquake_signed.cap', 'weather.cap', 'noaa_errors.cap', 'no_optional_fields.cap'].map((f) => ({ file: `google-cap-library/testdata/${f}`, what: 'CAP 1.1', as: CAP_1_1 })),
  { file: 'google-cap-library/validator-examples/KAR0-0306112239-SW.cap', what: 'CAP 1.1', as: CAP_1_1 },
  // Not CAP documents at all: index feeds and envelopes around CAP, refused as such.
  ...['amber.atom', 'canada_signed.atom', 'earthquake_index.atom', 'empty_weather_index.atom', 'invalid_element.atom', 'no_entries.atom', 'no_id.atom', 'no_link.atom', 'no_title.atom', 'weather.atom', 'weather_index.atom', 'weather_invalid.atom'].map(
    (f) => ({ file: `google-cap-library/testdata/${f}`, what: 'an Atom feed', as: WRAPPER('feed') }),
  ),
  { file: 'google-cap-library/validator-examples/earthquake.atom', what: 'an Atom entry', as: WRAPPER('feed') },
  ...['google-cap-library/testdata/ny_index.rss', 'google-cap-library/testdata/invalid.rss', 'google-cap-library/validator-examples/amber.rss'].map((file) => ({ file, what: 'an RSS feed', as: WRAPPER('rss') })),
  ...['google-cap-library/testdata/bushfire_valid.edxlde', 'google-cap-library/testdata/bushfire_invalid.edxlde', 'google-cap-library/validator-examples/bushfire.edxlde'].map((file) => ({ file, what: 'an EDXL-DE envelope', as: WRAPPER('EDXLDistribution') })),
];

describe('the shared CAP samples', () => {
  const team = useTeamPlatform('IT');

  const post = async (body: Buffer) => {
    const r = await fetch(`${team.platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/cap+xml', ...team.operator.headers }, body });
    return { status: r.status, body: (await r.json()) as any };
  };

  const expectOutcome = (r: { status: number; body: any }, outcome: Outcome | 'alert') => {
    if (outcome === 'alert') {
      expect(r.status).toBe(201);
      expect(r.body.alert.targeting.counts.total).toBeGreaterThan(0);
      return;
    }
    expect({ status: r.status, code: r.body.code, pointer: r.body.pointer }).toEqual({ status: outcome.status, code: outcome.code, pointer: outcome.pointer });
    if (outcome.detail) expect(r.body.detail).toMatch(outcome.detail);
  };

  it.each(SAMPLES.map((s) => [s.file, s.what, s] as const))('answers %s (%s) as expected', async (_file, _what, sample) => {
    const fresh = freshCapSample(capSampleBytes(sample.file));
    expectOutcome(await post(fresh), sample.as);
    if (sample.movedToCatania) expectOutcome(await post(movedToCatania(fresh)), sample.movedToCatania);
  });

  it('never makes an alert without cells out of any sample', async () => {
    const { rows } = await team.db.query(`SELECT id, targeting FROM alerts WHERE msg_type <> 'Cancel'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !(r.targeting?.counts?.total > 0))).toEqual([]);
  });

  describe('the XXE payloads', () => {
    let server: Server;
    const requests: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        res.end('<!ENTITY leak "LEAKED">');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it.each([['google-cap-library/testdata/xee.cap'], ['google-cap-library/testdata/xee.atom']])('refuses %s with a 400 before fetching or expanding any entity', async (file) => {
      // Its external DTD and entities pointed at a server the spec runs.
      const port = (server.address() as AddressInfo).port;
      const body = Buffer.from(capSampleBytes(file).toString('latin1').replace(/http:\/\/(localhost:8080|googleusercontent\.com)/g, `http://127.0.0.1:${port}`), 'latin1');
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'cap/doctype-forbidden' });
      expect(JSON.stringify(r.body)).not.toMatch(/LEAKED|root:/);
      expect(requests).toEqual([]);
    });
  });
});
