import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapAlert } from './cap-alert';
import { CapError } from './cap-error';
import { parseCapAlert } from './parse-cap-alert';

const TESTDATA = join(__dirname, '..', 'testdata');
const bytes = (file: string): Uint8Array => new Uint8Array(readFileSync(join(TESTDATA, file)));
const parseFile = (file: string): CapAlert => parseCapAlert(bytes(file));

function capErrorOf(run: () => unknown): CapError {
  try {
    run();
  } catch (error) {
    if (error instanceof CapError) return error;
    throw error;
  }
  throw new Error('expected a CapError, but nothing was thrown');
}

// A small valid alert; each rule below breaks exactly one thing in it.
const VALID = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>FARO-TEST-1</identifier>
  <sender>test@faro.example</sender>
  <sent>2026-03-01T10:00:00+01:00</sent>
  <status>Test</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Geo</category>
    <event>Earthquake</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>2026-03-01T16:00:00+01:00</expires>
    <resource>
      <resourceDesc>Shake map</resourceDesc>
      <mimeType>image/png</mimeType>
      <size>1024</size>
    </resource>
    <area>
      <areaDesc>Catania</areaDesc>
      <polygon>37.6,14.9 37.6,15.2 37.4,15.2 37.4,14.9 37.6,14.9</polygon>
      <circle>37.5,15.05 10</circle>
      <geocode>
        <valueName>ISTAT</valueName>
        <value>087015</value>
      </geocode>
    </area>
  </info>
</alert>`;

function replaced(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return VALID.replace(from, to);
}

describe('parseCapAlert', () => {
  describe('OASIS CAP 1.2 Appendix A examples', () => {
    it('reads A.1, the Homeland Security advisory, with its resource and the default language', () => {
      const alert = parseFile('oasis-cap12-appendix-a/Oasis_HomelandAlert.xml');
      expect(alert).toMatchObject({
        identifier: '43b080713727',
        sender: 'hsas@dhs.gov',
        sent: '2003-04-02T14:39:01-05:00',
        status: 'Actual',
        msgType: 'Alert',
        scope: 'Public',
        codes: [],
        references: [],
        incidents: [],
      });
      expect(alert.infos).toHaveLength(1);
      const [info] = alert.infos;
      expect(info).toMatchObject({
        language: 'en-US',
        categories: ['Security'],
        event: 'Homeland Security Advisory System Update',
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        headline: 'Homeland Security Sets Code ORANGE',
        web: 'http://www.dhs.gov/dhspublic/display?theme=29',
        parameters: [{ valueName: 'HSAS', value: 'ORANGE' }],
        resources: [{ resourceDesc: 'Image file (GIF)', mimeType: 'image/gif', uri: 'http://www.dhs.gov/dhspublic/getAdvisoryImage' }],
        areas: [{ areaDesc: 'U.S. nationwide and interests worldwide', polygons: [], circles: [], geocodes: [] }],
      });
      expect(info.instruction).toMatch(/^A High Condition is declared/);
    });

    it('reads A.2, the thunderstorm warning, field for field', () => {
      expect(parseFile('oasis-cap12-appendix-a/Oasis_ThunderstormWarning.xml')).toEqual({
        identifier: 'KSTO1055887203',
        sender: 'KSTO@NWS.NOAA.GOV',
        sent: '2003-06-17T14:57:00-07:00',
        status: 'Actual',
        msgType: 'Alert',
        scope: 'Public',
        codes: [],
        references: [],
        incidents: [],
        infos: [
          {
            language: 'en-US',
            categories: ['Met'],
            event: 'SEVERE THUNDERSTORM',
            responseTypes: ['Shelter'],
            urgency: 'Immediate',
            severity: 'Severe',
            certainty: 'Observed',
            eventCodes: [{ valueName: 'SAME', value: 'SVR' }],
            expires: '2003-06-17T16:00:00-07:00',
            senderName: 'NATIONAL WEATHER SERVICE SACRAMENTO CA',
            headline: 'SEVERE THUNDERSTORM WARNING',
            description:
              'AT 254 PM PDT...NATIONAL WEATHER SERVICE DOPPLER RADAR INDICATED A SEVERE THUNDERSTORM OVER SOUTH CENTRAL ALPINE COUNTY...OR ABOUT 18 MILES SOUTHEAST OF KIRKWOOD...MOVING SOUTHWEST AT 5 MPH. HAIL...INTENSE RAIN AND STRONG DAMAGING WINDS ARE LIKELY WITH THIS STORM.',
            instruction: 'TAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.',
            contact: 'BARUFFALDI/JUSKIE',
            parameters: [],
            resources: [],
            areas: [
              {
                areaDesc:
                  'EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, EXTREME NORTHEASTERN CALAVERAS COUNTY IN CALIFORNIA, SOUTHWESTERN ALPINE COUNTY IN CALIFORNIA',
                polygons: [
                  [
                    { lat: 38.47, lon: -120.14 },
                    { lat: 38.34, lon: -119.95 },
                    { lat: 38.52, lon: -119.74 },
                    { lat: 38.62, lon: -119.89 },
                    { lat: 38.47, lon: -120.14 },
                  ],
                ],
                circles: [],
                geocodes: [
                  { valueName: 'SAME', value: '006109' },
                  { valueName: 'SAME', value: '006009' },
                  { valueName: 'SAME', value: '006003' },
                ],
              },
            ],
          },
        ],
      });
    });

    it('reads A.3, the earthquake Update, with its reference and circle', () => {
      const alert = parseFile('oasis-cap12-appendix-a/Oasis_EarthquakeReport.xml');
      expect(alert).toMatchObject({ identifier: 'TRI13970876.2', sender: 'trinet@caltech.edu', msgType: 'Update' });
      expect(alert.references).toEqual([
        { sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sent: '2003-06-11T20:30:00-07:00' },
      ]);
      const [info] = alert.infos;
      expect(info.categories).toEqual(['Geo']);
      expect(info.parameters.map((p) => p.valueName)).toEqual(['EventID', 'Version', 'Magnitude', 'Depth', 'Quality']);
      expect(info.parameters[2]).toEqual({ valueName: 'Magnitude', value: '3.4 Ml' });
      expect(info.areas[0].circles).toEqual([{ lat: 32.9525, lon: -115.5527, radiusKm: 0 }]);
      expect(info.areas[0].polygons).toEqual([]);
    });

    it('reads A.4, the AMBER alert, keeping its en-US and es-US infos in order', () => {
      const alert = parseFile('oasis-cap12-appendix-a/Oasis_AmberAlert.xml');
      expect(alert).toMatchObject({ identifier: 'KAR0-0306112239-SW', sender: 'KARO@CLETS.DOJ.CA.GOV', source: 'SW' });
      expect(alert.infos.map((info) => [info.language, info.event])).toEqual([
        ['en-US', 'Child Abduction'],
        ['es-US', 'Abducción de Niño'],
      ]);
      expect(alert.infos[1].senderName).toBe('Departamento de Policía de Los Ángeles - LAPD');
      for (const info of alert.infos) {
        expect(info.eventCodes).toEqual([{ valueName: 'SAME', value: 'CAE' }]);
        expect(info.areas[0].geocodes).toEqual([{ valueName: 'SAME', value: '006037' }]);
      }
    });
  });

  describe('NWS samples', () => {
    it('reads the Flash Flood Warning with its IPAWS code, polygon, SAME and UGC geocodes', () => {
      const alert = parseFile('nws/NWS_FlashFloodWarning.xml');
      expect(alert).toMatchObject({
        identifier: 'urn:oid:2.49.0.1.840.0.b58facdd7ca789cee07387522b92d4814a08ce30.001.1',
        sender: 'w-nws.webmaster@noaa.gov',
        sent: '2026-09-12T09:39:00-04:00',
        msgType: 'Alert',
        source: '211803 v2.3.0',
        codes: ['IPAWSv1.0'],
        references: [],
      });
      const [info] = alert.infos;
      expect(info).toMatchObject({ event: 'Flash Flood Warning', responseTypes: ['Avoid'], effective: '2026-09-12T09:39:00-04:00' });
      expect(info.description).toMatch(/^FFWFFC\n\nThe National Weather Service in Peachtree City has issued a\n/);
      expect(info.description).toMatch(/Vinings and Cascade Heights\.$/);
      expect(info.parameters).toContainEqual({ valueName: 'BLOCKCHANNEL', value: 'CMAS' });
      expect(info.parameters).toContainEqual({ valueName: 'VTEC', value: '/O.NEW.KFFC.FF.W.0073.260912T1339Z-260912T1945Z/' });
      const [area] = info.areas;
      expect(area.polygons[0]).toHaveLength(6);
      expect(area.polygons[0][0]).toEqual({ lat: 33.7, lon: -84.7 });
      expect(area.geocodes.filter((g) => g.valueName === 'UGC').map((g) => g.value)).toEqual(['GAC067', 'GAC089', 'GAC097', 'GAC121']);
    });

    it('reads the Fire Weather Watch Cancel with the alert it cancels', () => {
      const alert = parseFile('nws/NWS_FireWeatherWatchCancel.xml');
      expect(alert.msgType).toBe('Cancel');
      expect(alert.references).toEqual([
        {
          sender: 'w-nws.webmaster@noaa.gov',
          identifier: 'urn:oid:2.49.0.1.840.0.1b30bfeb3d4f67abd849b064811d657a163f2249.001.1',
          sent: '2026-09-11T10:27:00-06:00',
        },
      ]);
      expect(alert.infos[0]).toMatchObject({ event: 'Fire Weather Watch', urgency: 'Past', responseTypes: ['Monitor'] });
      expect(alert.infos[0].areas[0].geocodes).toHaveLength(5);
    });
  });

  describe('google/cap-library samples', () => {
    it('reads the NSW RFS bushfire alert written with a cap: prefix on every element', () => {
      const alert = parseFile('google-cap-library/testdata/australia.cap');
      expect(alert).toMatchObject({ identifier: 'tag:www.rfs.nsw.gov.au2011-10-06:40184', sent: '2011-10-05T23:04:00+10:00' });
      expect(alert.codes).toEqual(['urn:oasis:names:tc:emergency:cap:1.2:profile:CAP-AU:1.0']);
      const last = alert.infos[alert.infos.length - 1];
      expect(last).toMatchObject({ language: 'en-AU', categories: ['Fire', 'Met'], responseTypes: ['Evacuate'] });
      expect(last.description).toContain('ALERT LEVEL: Not Applicable<br />LOCATION');
      expect(last.parameters).toContainEqual({ valueName: 'AllocatedResources', value: '' });
      expect(last.areas[0].circles).toEqual([{ lat: -35.3888, lon: 147.0598, radiusKm: 25 }]);
    });

    it('reads the Environment Canada Update and treats its empty optional elements as absent', () => {
      const alert = parseFile('google-cap-library/testdata/canada.cap');
      expect(alert.msgType).toBe('Update');
      expect(alert.references).toHaveLength(2);
      expect(alert.references[1]).toEqual({ sender: 'cap@ec.gc.ca', identifier: '2.49.0.1.124.60f31a3a.2012', sent: '2012-05-02T21:55:21-00:00' });
      expect(alert.codes).toEqual(['profile:CAP-CP:0.4', 'layer:EC-MSC-SMC:1.0', 'layer:SOREM:1.0']);
      for (const absent of ['restriction', 'addresses', 'note'] as const) expect(alert).not.toHaveProperty(absent);
      expect(alert.incidents).toEqual([]);
      expect(alert.infos[0]).not.toHaveProperty('contact');
      expect(alert.infos[0].language).toBe('en-CA');
    });

    it('reads the signed Environment Canada alert and skips its enveloped xmldsig Signature', () => {
      const alert = parseFile('google-cap-library/testdata/canada_signed.cap');
      expect(alert.identifier).toBe('2.49.0.1.124.f2c83f5f.2013');
      expect(alert.references).toHaveLength(9);
      expect(alert.infos[0].event).toBe('snowfall');
    });

    it('decodes the ISO-8859-1 USGS earthquake alert from its bytes', () => {
      const alert = parseFile('google-cap-library/testdata/earthquake-iso8859-1.cap');
      expect(alert.infos[0].headline).toBe('EQ 4.6 Usulután, Usulután, El Salvador - PRELIMINARY REPORT');
      expect(alert.sent).toBe('2012-10-14T22:53:04+00:00');
      expect(alert.addresses).toBe('0');
    });

    it('reads the WC/ATWC tsunami warning Update with its incident', () => {
      const alert = parseFile('google-cap-library/testdata/wcatwc-warning.cap');
      expect(alert).toMatchObject({ msgType: 'Update', incidents: ['lqw6d6'], codes: ['WEPA41'] });
      expect(alert.references).toEqual([{ sender: 'PAAQ', identifier: 'PAAQ-1-lqw6d6', sent: '2011-09-02T10:55:55-00:00' }]);
      expect(alert.infos[0]).toMatchObject({ event: 'Tsunami Warning', severity: 'Extreme' });
    });

    it('reads the validator copies of A.1 and A.2 as the same alerts as the OASIS files', () => {
      const a1 = parseFile('google-cap-library/validator-examples/43b080713727.cap');
      const a2 = parseFile('google-cap-library/validator-examples/thunderstorm.cap');
      expect(a1.identifier).toBe('43b080713727');
      expect(a1.infos[0].resources).toEqual(parseFile('oasis-cap12-appendix-a/Oasis_HomelandAlert.xml').infos[0].resources);
      const oasisArea = parseFile('oasis-cap12-appendix-a/Oasis_ThunderstormWarning.xml').infos[0].areas[0];
      expect(a2.infos[0].areas[0]).toMatchObject({ polygons: oasisArea.polygons, geocodes: oasisArea.geocodes });
      // The validator copy wraps areaDesc over two lines; the line break is content, so it stays.
      expect(a2.infos[0].areas[0].areaDesc).toBe(oasisArea.areaDesc.replace('NORTHEASTERN ', 'NORTHEASTERN \n'));
    });

    it('refuses invalid.cap at the missing <scope>', () => {
      const error = capErrorOf(() => parseFile('google-cap-library/testdata/invalid.cap'));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/scope' });
      expect(error.message).toBe('required element <scope> is missing from <alert>');
    });

    it('refuses canada_errors.cap, an Update whose <references> is empty', () => {
      const error = capErrorOf(() => parseFile('google-cap-library/testdata/canada_errors.cap'));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/references' });
      expect(error.message).toMatch(/an Update must name the message\(s\) it refers to/);
    });

    it('refuses noaa_errors.cap, once moved to CAP 1.2, at its polygon with stray commas and then at its empty <urgency>', () => {
      const xml = Buffer.from(bytes('google-cap-library/testdata/noaa_errors.cap'))
        .toString('utf8')
        .replace('urn:oasis:names:tc:emergency:cap:1.1', 'urn:oasis:names:tc:emergency:cap:1.2');
      // Syntax (numbers, pairs) is checked while reading, values after: the polygon comes first.
      const polygonError = capErrorOf(() => parseCapAlert(xml));
      expect(polygonError).toMatchObject({ code: 'cap/invalid', pointer: 'alert/info[0]/area[0]/polygon[0]' });
      expect(polygonError.message).toBe("coordinate pair 7 '+40.85,-118.09,' is not of the form lat,lon");

      const urgencyError = capErrorOf(() => parseCapAlert(xml.replace(/-118\.09,/g, '-118.09')));
      expect(urgencyError).toMatchObject({ code: 'cap/invalid', pointer: 'alert/info[0]/urgency' });
      expect(urgencyError.message).toMatch(/^'' is not a CAP 1.2 <urgency>/);
    });

    it.each([
      ['google-cap-library/testdata/earthquake.cap'],
      ['google-cap-library/testdata/earthquake_signed.cap'],
      ['google-cap-library/testdata/weather.cap'],
      ['google-cap-library/testdata/noaa_errors.cap'],
      ['google-cap-library/testdata/no_optional_fields.cap'],
      ['google-cap-library/validator-examples/KAR0-0306112239-SW.cap'],
    ])('refuses the CAP 1.1 alert %s as not CAP 1.2, naming its namespace', (file) => {
      const error = capErrorOf(() => parseFile(file));
      expect(error).toMatchObject({ code: 'cap/not-cap', pointer: 'alert' });
      expect(error.message).toMatch(/CAP 1\.1 namespace 'urn:oasis:names:tc:emergency:cap:1\.1'/);
    });

    it.each([
      ['google-cap-library/testdata/amber.atom', 'feed', "namespace 'http://www.w3.org/2005/Atom'"],
      ['google-cap-library/testdata/canada_signed.atom', 'feed', "namespace 'http://www.w3.org/2005/Atom'"],
      ['google-cap-library/testdata/earthquake_index.atom', 'feed', "namespace 'http://www.w3.org/2005/Atom'"],
      ['google-cap-library/testdata/weather.atom', 'feed', "namespace 'http://www.w3.org/2005/Atom'"],
      ['google-cap-library/validator-examples/earthquake.atom', 'feed', "namespace 'http://www.w3.org/2005/Atom'"],
      ['google-cap-library/testdata/ny_index.rss', 'rss', 'no namespace'],
      ['google-cap-library/validator-examples/amber.rss', 'rss', 'no namespace'],
      ['google-cap-library/testdata/bushfire_valid.edxlde', 'EDXLDistribution', "namespace 'urn:oasis:names:tc:emergency:EDXL:DE:1.0'"],
      ['google-cap-library/validator-examples/bushfire.edxlde', 'EDXLDistribution', "namespace 'urn:oasis:names:tc:emergency:EDXL:DE:1.0'"],
    ])('refuses %s, a <%s> wrapper, as not CAP', (file, root, namespace) => {
      const error = capErrorOf(() => parseFile(file));
      expect(error).toMatchObject({ code: 'cap/not-cap', pointer: root });
      expect(error.message).toContain(`root element <${root}> is in ${namespace}`);
    });
  });

  describe('the multilingual Catania exercise', () => {
    const alert = parseFile('faro/catania-earthquake-multilingual.xml');

    it('keeps one info per language, in document order', () => {
      expect(alert.infos.map((info) => info.language)).toEqual(['it-IT', 'en-US', 'de-DE']);
      expect(alert.infos.map((info) => info.event)).toEqual(['Terremoto', 'Earthquake', 'Erdbeben']);
      expect(alert.infos[2].headline).toBe('Erdbeben der Stärke 5,2 bei Catania');
    });

    it('reads the polygon, circle and geocodes of every language alike', () => {
      for (const info of alert.infos) {
        expect(info.areas[0].polygons).toEqual([
          [
            { lat: 37.62, lon: 14.95 },
            { lat: 37.62, lon: 15.2 },
            { lat: 37.42, lon: 15.2 },
            { lat: 37.42, lon: 14.95 },
            { lat: 37.62, lon: 14.95 },
          ],
        ]);
        expect(info.areas[0].circles).toEqual([{ lat: 37.55, lon: 15.02, radiusKm: 25 }]);
        expect(info.areas[0].geocodes).toEqual([
          { valueName: 'ISTAT', value: '087015' },
          { valueName: 'NUTS3', value: 'ITG17' },
        ]);
      }
    });

    it('decodes the escaped ampersand and splits the quoted incident name', () => {
      expect(alert.status).toBe('Exercise');
      expect(alert.infos[0].contact).toBe('Protezione Civile & Vigili del Fuoco: numero unico di emergenza 112');
      expect(alert.incidents).toEqual(['FARO-IT-EQ-2026-03', 'Etna 2026']);
      expect(alert.infos[0].responseTypes).toEqual(['Avoid', 'Monitor']);
    });
  });

  describe('namespaces', () => {
    it('accepts the CAP 1.2 namespace under any prefix', () => {
      const xml = VALID.replace(/<(\/?)([a-zA-Z]+)/g, '<$1c:$2').replace('<c:alert xmlns=', '<c:alert xmlns:c=');
      expect(parseCapAlert(xml)).toEqual(parseCapAlert(VALID));
    });

    it('accepts a default namespace declared on an inner element', () => {
      const xml = replaced('<info>', '<info xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
      expect(parseCapAlert(xml)).toEqual(parseCapAlert(VALID));
    });

    it('refuses a CAP 1.0 root and names the namespace it found', () => {
      const error = capErrorOf(() => parseCapAlert(VALID.replace('urn:oasis:names:tc:emergency:cap:1.2', 'http://www.incident.com/cap/1.0')));
      expect(error).toMatchObject({ code: 'cap/not-cap', pointer: 'alert' });
      expect(error.message).toContain("CAP 1.0 namespace 'http://www.incident.com/cap/1.0'");
    });

    it('refuses an <alert> in no namespace', () => {
      const error = capErrorOf(() => parseCapAlert(VALID.replace(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', '')));
      expect(error).toMatchObject({ code: 'cap/not-cap', pointer: 'alert' });
      expect(error.message).toContain('root element <alert> is in no namespace');
    });

    it('refuses an unprefixed child under a prefixed root, since it is in no namespace', () => {
      const xml = VALID.replace('<alert xmlns=', '<cap:alert xmlns:cap=').replace('</alert>', '</cap:alert>');
      const error = capErrorOf(() => parseCapAlert(xml));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/identifier' });
      expect(error.message).toContain('<identifier> is in no namespace');
    });

    it('refuses an element from a foreign namespace inside <info>', () => {
      const xml = replaced('<event>Earthquake</event>', '<event>Earthquake</event><x:extra xmlns:x="urn:example">1</x:extra>');
      const error = capErrorOf(() => parseCapAlert(xml));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/info[0]/extra' });
    });
  });

  describe('validation rules', () => {
    it.each([
      ['identifier', '<identifier>FARO-TEST-1</identifier>', 'alert/identifier'],
      ['sender', '<sender>test@faro.example</sender>', 'alert/sender'],
      ['sent', '<sent>2026-03-01T10:00:00+01:00</sent>', 'alert/sent'],
      ['status', '<status>Test</status>', 'alert/status'],
      ['msgType', '<msgType>Alert</msgType>', 'alert/msgType'],
      ['scope', '<scope>Public</scope>', 'alert/scope'],
      ['category', '<category>Geo</category>', 'alert/info[0]/category'],
      ['event', '<event>Earthquake</event>', 'alert/info[0]/event'],
      ['urgency', '<urgency>Immediate</urgency>', 'alert/info[0]/urgency'],
      ['severity', '<severity>Severe</severity>', 'alert/info[0]/severity'],
      ['certainty', '<certainty>Observed</certainty>', 'alert/info[0]/certainty'],
      ['areaDesc', '<areaDesc>Catania</areaDesc>', 'alert/info[0]/area[0]/areaDesc'],
      ['mimeType', '<mimeType>image/png</mimeType>', 'alert/info[0]/resource[0]/mimeType'],
      ['value', '<value>087015</value>', 'alert/info[0]/area[0]/geocode[0]/value'],
    ])('refuses an alert without the required <%s>', (name, element, pointer) => {
      const error = capErrorOf(() => parseCapAlert(replaced(element, '')));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer, message: expect.stringContaining(`required element <${name}> is missing`) });
    });

    it.each([
      ['<status>Test</status>', '<status>Real</status>', 'alert/status'],
      ['<msgType>Alert</msgType>', '<msgType>Notice</msgType>', 'alert/msgType'],
      ['<scope>Public</scope>', '<scope>public</scope>', 'alert/scope'],
      ['<category>Geo</category>', '<category>Geo</category><category>Weather</category>', 'alert/info[0]/category[1]'],
      ['<event>Earthquake</event>', '<event>Earthquake</event><responseType>Run</responseType>', 'alert/info[0]/responseType[0]'],
      ['<urgency>Immediate</urgency>', '<urgency>Now</urgency>', 'alert/info[0]/urgency'],
      ['<severity>Severe</severity>', '<severity>High</severity>', 'alert/info[0]/severity'],
      // 'Very Likely' was deprecated in CAP 1.1 and is gone from the 1.2 schema.
      ['<certainty>Observed</certainty>', '<certainty>Very Likely</certainty>', 'alert/info[0]/certainty'],
    ])('refuses a value outside the enumeration: %s becomes %s', (from, to, pointer) => {
      const error = capErrorOf(() => parseCapAlert(replaced(from, to)));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer, message: expect.stringMatching(/is not a CAP 1\.2 <\w+> \(/) });
    });

    it.each([
      ['2026-03-01T09:00:00Z', /uses 'Z'.*'-00:00' for UTC/],
      ['2026-03-01T09:00:00.5Z', /uses 'Z'/],
      ['2026-03-01T10:00:00.250+01:00', /fractional seconds/],
      ['2026-03-01T10:00:00', /is not a CAP dateTime/],
      ['2026-03-01 10:00:00+01:00', /is not a CAP dateTime/],
      ['2026-13-01T10:00:00+01:00', /month 13/],
      ['2026-02-29T10:00:00+01:00', /day 29, which month 02 does not have/],
      ['2026-03-01T24:00:00+01:00', /not a valid time of day/],
      ['2026-03-01T10:00:00+15:00', /beyond ±14:00/],
    ])('refuses sent %s', (sent, message) => {
      const error = capErrorOf(() => parseCapAlert(replaced('<sent>2026-03-01T10:00:00+01:00</sent>', `<sent>${sent}</sent>`)));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/sent' });
      expect(error.message).toMatch(message);
    });

    it.each([['2026-03-01T09:00:00-00:00'], ['2026-03-01T09:00:00+00:00'], ['2024-02-29T23:59:59+14:00']])('accepts sent %s', (sent) => {
      expect(parseCapAlert(replaced('<sent>2026-03-01T10:00:00+01:00</sent>', `<sent>${sent}</sent>`)).sent).toBe(sent);
    });

    it.each([
      ['<expires>2026-03-01T16:00:00+01:00</expires>', '<expires>2026-03-01T15:00:00Z</expires>', 'alert/info[0]/expires'],
      ['<expires>2026-03-01T16:00:00+01:00</expires>', '<effective>tomorrow</effective>', 'alert/info[0]/effective'],
      ['<expires>2026-03-01T16:00:00+01:00</expires>', '<onset>2026-03-01</onset>', 'alert/info[0]/onset'],
    ])('refuses a bad info time: %s becomes %s', (from, to, pointer) => {
      expect(capErrorOf(() => parseCapAlert(replaced(from, to)))).toMatchObject({ code: 'cap/invalid', pointer });
    });

    it('refuses a Restricted alert without <restriction>, even an empty one', () => {
      const missing = capErrorOf(() => parseCapAlert(replaced('<scope>Public</scope>', '<scope>Restricted</scope>')));
      const empty = capErrorOf(() => parseCapAlert(replaced('<scope>Public</scope>', '<scope>Restricted</scope><restriction/>')));
      for (const error of [missing, empty]) {
        expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/restriction', message: expect.stringContaining('when <scope> is Restricted') });
      }
      const ok = parseCapAlert(replaced('<scope>Public</scope>', '<scope>Restricted</scope><restriction>Civil protection staff</restriction>'));
      expect(ok.restriction).toBe('Civil protection staff');
    });

    it('refuses a Private alert without <addresses>', () => {
      const error = capErrorOf(() => parseCapAlert(replaced('<scope>Public</scope>', '<scope>Private</scope>')));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/addresses', message: expect.stringContaining('when <scope> is Private') });
      const ok = parseCapAlert(replaced('<scope>Public</scope>', '<scope>Private</scope><addresses>ops@faro.example "Sala Operativa"</addresses>'));
      expect(ok.addresses).toBe('ops@faro.example "Sala Operativa"');
    });

    it.each([['Update'], ['Cancel'], ['Ack'], ['Error']])('refuses a %s without <references>', (msgType) => {
      const error = capErrorOf(() => parseCapAlert(replaced('<msgType>Alert</msgType>', `<msgType>${msgType}</msgType>`)));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/references' });
      expect(error.message).toContain(`${msgType} must name the message(s) it refers to`);
    });

    it('accepts a Cancel that references the alert it cancels', () => {
      const xml = replaced('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>').replace(
        '<scope>Public</scope>',
        '<scope>Public</scope>\n  <references>test@faro.example,FARO-TEST-0,2026-03-01T09:00:00+01:00</references>',
      );
      expect(parseCapAlert(xml).references).toEqual([{ sender: 'test@faro.example', identifier: 'FARO-TEST-0', sent: '2026-03-01T09:00:00+01:00' }]);
    });

    it.each([
      ['test@faro.example,FARO-TEST-0', /is not of the form sender,identifier,sent/],
      ['test@faro.example,FARO-TEST-0,2026-03-01T09:00:00Z', /reference 1: sent .* uses 'Z'/],
      ['a,b,2026-03-01T09:00:00+01:00 test@faro.example,,2026-03-01T09:00:00+01:00', /reference 2: identifier is empty/],
    ])('refuses the malformed reference list %s', (references, message) => {
      const xml = replaced('<scope>Public</scope>', `<scope>Public</scope><references>${references}</references>`);
      const error = capErrorOf(() => parseCapAlert(xml));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/references' });
      expect(error.message).toMatch(message);
    });

    it.each([
      ['identifier', '<identifier>FARO-TEST-1</identifier>', '<identifier>FARO TEST 1</identifier>', /contains whitespace/],
      ['identifier', '<identifier>FARO-TEST-1</identifier>', '<identifier>FARO,TEST-1</identifier>', /contains a comma/],
      ['identifier', '<identifier>FARO-TEST-1</identifier>', '<identifier>FARO&lt;1</identifier>', /contains '<'/],
      ['sender', '<sender>test@faro.example</sender>', '<sender>test&amp;co@faro.example</sender>', /contains '&'/],
      ['sender', '<sender>test@faro.example</sender>', '<sender>test@faro.example other</sender>', /contains whitespace/],
      ['sender', '<sender>test@faro.example</sender>', '<sender></sender>', /sender is empty/],
    ])('refuses an %s with a forbidden character: %s', (name, from, to, message) => {
      const error = capErrorOf(() => parseCapAlert(replaced(from, to)));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: `alert/${name}` });
      expect(error.message).toMatch(message);
    });

    describe('polygons', () => {
      const polygon = '<polygon>37.6,14.9 37.6,15.2 37.4,15.2 37.4,14.9 37.6,14.9</polygon>';
      const at = 'alert/info[0]/area[0]/polygon[0]';

      it.each([
        ['37.6,14.9 37.6,15.2 37.6,14.9', /at least 4 coordinate pairs, found 3/],
        ['', /at least 4 coordinate pairs, found 0/],
        ['37.6,14.9 37.6,15.2 37.4,15.2 37.4,14.9 37.6,15.0', /must be closed/],
        ['91,14.9 37.6,15.2 37.4,15.2 37.4,14.9 91,14.9', /latitude 91 is outside \[-90, 90\]/],
        ['37.6,-180.5 37.6,15.2 37.4,15.2 37.4,14.9 37.6,-180.5', /longitude -180.5 is outside \[-180, 180\]/],
        ['37.6,14.9 37.6,abc 37.4,15.2 37.4,14.9 37.6,14.9', /coordinate pair 2 longitude 'abc' is not a decimal number/],
        ['37.6,14.9 37.6,1e1 37.4,15.2 37.4,14.9 37.6,14.9', /'1e1' is not a decimal number/],
        ['37.6,14.9 37.6,NaN 37.4,15.2 37.4,14.9 37.6,14.9', /'NaN' is not a decimal number/],
        ['37.6,14.9 37.6,0x10 37.4,15.2 37.4,14.9 37.6,14.9', /'0x10' is not a decimal number/],
        ['37.6,14.9 37.6, 15.2 37.4,15.2 37.4,14.9 37.6,14.9', /coordinate pair 2 longitude '' is not a decimal number/],
        ['37.6;14.9 37.6,15.2 37.4,15.2 37.4,14.9 37.6,14.9', /coordinate pair 1 '37.6;14.9' is not of the form lat,lon/],
        ['37.6,14.9,0 37.6,15.2 37.4,15.2 37.4,14.9 37.6,14.9', /is not of the form lat,lon/],
      ])('refuses the polygon "%s"', (points, message) => {
        const error = capErrorOf(() => parseCapAlert(replaced(polygon, `<polygon>${points}</polygon>`)));
        expect(error).toMatchObject({ code: 'cap/invalid', pointer: at });
        expect(error.message).toMatch(message);
      });

      it('accepts signs, trailing points and equal-valued closing pairs written differently', () => {
        const alert = parseCapAlert(replaced(polygon, '<polygon>+37.60,14.9 37.6,15.2 37.4,15.2 37.4,14.9 37.6,14.90</polygon>'));
        const points = alert.infos[0].areas[0].polygons[0];
        expect(points[0]).toEqual(points[4]);
      });

      it('points at the polygon at fault in the third info, second area', () => {
        const area = VALID.slice(VALID.indexOf('<area>'), VALID.indexOf('</area>') + '</area>'.length);
        const badArea = area.replace(polygon, `${polygon}<polygon>37.6,14.9 37.6,15.2 37.4,15.2 37.4,14.9</polygon>`);
        const info = VALID.slice(VALID.indexOf('<info>'), VALID.indexOf('</info>') + '</info>'.length);
        const xml = VALID.replace(info, info + info + info.replace(area, area + badArea));
        const error = capErrorOf(() => parseCapAlert(xml));
        expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/info[2]/area[1]/polygon[1]' });
      });
    });

    describe('circles', () => {
      const circle = '<circle>37.5,15.05 10</circle>';
      const at = 'alert/info[0]/area[0]/circle[0]';

      it.each([
        ['37.5,15.05', /is not of the form 'lat,lon radius'/],
        ['37.5,15.05 10 km', /is not of the form 'lat,lon radius'/],
        ['37.5;15.05 10', /circle centre '37.5;15.05' is not of the form lat,lon/],
        ['37.5,15.05 abc', /circle radius 'abc' is not a decimal number/],
        ['37.5,15.05 -1', /radius -1 km is not a distance/],
        ['-90.5,15.05 10', /latitude -90.5 is outside/],
        ['37.5,190 10', /longitude 190 is outside/],
      ])('refuses the circle "%s"', (value, message) => {
        const error = capErrorOf(() => parseCapAlert(replaced(circle, `<circle>${value}</circle>`)));
        expect(error).toMatchObject({ code: 'cap/invalid', pointer: at });
        expect(error.message).toMatch(message);
      });

      it('reads a zero-radius circle, written as in A.3 and by NSW RFS', () => {
        const alert = parseCapAlert(replaced(circle, '<circle>-30.546,151.9576 0.0</circle>'));
        expect(alert.infos[0].areas[0].circles).toEqual([{ lat: -30.546, lon: 151.9576, radiusKm: 0 }]);
      });
    });

    describe('altitude and ceiling', () => {
      const geocodeEnd = '</geocode>';

      it('reads an altitude range in feet', () => {
        const alert = parseCapAlert(replaced(geocodeEnd, `${geocodeEnd}<altitude>0</altitude><ceiling>30000.5</ceiling>`));
        expect(alert.infos[0].areas[0]).toMatchObject({ altitude: 0, ceiling: 30000.5 });
      });

      it.each([
        ['<altitude>high</altitude>', 'alert/info[0]/area[0]/altitude', /altitude 'high' is not a decimal number/],
        ['<ceiling>1000</ceiling>', 'alert/info[0]/area[0]/ceiling', /<ceiling> requires <altitude>/],
        ['<altitude>2000</altitude><ceiling>1000</ceiling>', 'alert/info[0]/area[0]/ceiling', /ceiling 1000 is below altitude 2000/],
        ['<ceiling>1000</ceiling><altitude>0</altitude>', 'alert/info[0]/area[0]/altitude', /out of order: CAP 1.2 puts it before <ceiling>/],
      ])('refuses %s', (elements, pointer, message) => {
        const error = capErrorOf(() => parseCapAlert(replaced(geocodeEnd, `${geocodeEnd}${elements}`)));
        expect(error).toMatchObject({ code: 'cap/invalid', pointer });
        expect(error.message).toMatch(message);
      });
    });

    it.each([
      ['<size>1024</size>', '<size>1 KB</size>', 'alert/info[0]/resource[0]/size', /size '1 KB' is not an integer/],
      ['<size>1024</size>', '<size>-5</size>', 'alert/info[0]/resource[0]/size', /not a whole number of bytes/],
      ['<valueName>ISTAT</valueName>', '<valueName></valueName>', 'alert/info[0]/area[0]/geocode[0]/valueName', /must not be empty/],
      ['<event>Earthquake</event>', '<event>  </event>', 'alert/info[0]/event', /<event> must not be empty/],
      ['<areaDesc>Catania</areaDesc>', '<areaDesc/>', 'alert/info[0]/area[0]/areaDesc', /<areaDesc> must not be empty/],
      ['<category>Geo</category>', '<language>italiano!</language><category>Geo</category>', 'alert/info[0]/language', /is not a language tag/],
    ])('refuses a bad value: %s becomes %s', (from, to, pointer, message) => {
      const error = capErrorOf(() => parseCapAlert(replaced(from, to)));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer });
      expect(error.message).toMatch(message);
    });

    it('reads an absent or empty <language> as en-US', () => {
      expect(parseCapAlert(VALID).infos[0].language).toBe('en-US');
      expect(parseCapAlert(replaced('<category>Geo</category>', '<language/><category>Geo</category>')).infos[0].language).toBe('en-US');
    });

    it('splits <incidents> on whitespace and keeps quoted names whole', () => {
      const alert = parseCapAlert(replaced('<scope>Public</scope>', '<scope>Public</scope><incidents> EQ-1  "Etna 2026"\n EQ-2 </incidents>'));
      expect(alert.incidents).toEqual(['EQ-1', 'Etna 2026', 'EQ-2']);
    });

    it('refuses <incidents> with an unbalanced quote', () => {
      const error = capErrorOf(() => parseCapAlert(replaced('<scope>Public</scope>', '<scope>Public</scope><incidents>EQ-1 "Etna 2026</incidents>')));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/incidents', message: expect.stringContaining('double quote') });
    });
  });

  describe('document structure', () => {
    it.each([
      ['an element out of schema order', '<identifier>FARO-TEST-1</identifier>\n  <sender>test@faro.example</sender>', '<sender>test@faro.example</sender><identifier>FARO-TEST-1</identifier>', 'alert/identifier', /out of order: CAP 1.2 puts it before <sender>/],
      ['a second <sent>', '<sent>2026-03-01T10:00:00+01:00</sent>', '<sent>2026-03-01T10:00:00+01:00</sent><sent>2026-03-01T10:00:00+01:00</sent>', 'alert/sent[1]', /may appear only once/],
      ['an element CAP does not define', '<scope>Public</scope>', '<scope>Public</scope><priority>1</priority>', 'alert/priority', /<priority> is not part of a CAP 1.2 <alert>/],
      ['text between elements', '<info>', '<info>oops', 'alert/info[0]', /<info> holds elements, not text \('oops'\)/],
      ['an element inside a text element', '<event>Earthquake</event>', '<event><b>Earthquake</b></event>', 'alert/info[0]/event/b', /<event> holds text, not elements/],
      ['an <info> after the signature', '<info>', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/><info>', 'alert/info[0]', /out of order: CAP 1.2 puts it before <Signature>/],
    ])('refuses %s', (_what, from, to, pointer, message) => {
      const error = capErrorOf(() => parseCapAlert(replaced(from, to)));
      expect(error).toMatchObject({ code: 'cap/invalid', pointer });
      expect(error.message).toMatch(message);
    });

    it('allows an xmldsig Signature after the last info and leaves it out of the model', () => {
      const signed = replaced('</alert>', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature></alert>');
      expect(parseCapAlert(signed)).toEqual(parseCapAlert(VALID));
    });

    it('keeps CDATA content as written and joins it with the text around it', () => {
      const alert = parseCapAlert(replaced('</expires>', '</expires><headline>Scossa <![CDATA[<forte> & &amp;]]> ora</headline>'));
      expect(alert.infos[0].headline).toBe('Scossa <forte> & &amp; ora');
    });

    it('trims the whitespace around text but keeps the line breaks inside it', () => {
      const alert = parseCapAlert(replaced('</expires>', '</expires><description>\n  Line one\r\nLine two\n</description>'));
      expect(alert.infos[0].description).toBe('Line one\nLine two');
    });
  });
});
