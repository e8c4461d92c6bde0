import { parseCapAlert } from './parse-cap-alert';
import { restampCapAlert } from './restamp-cap-alert';
import { serializeCapAlert } from './serialize-cap-alert';

const DOC = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>DEMO-1</identifier><sender>demo@faro.test</sender><sent>2026-11-25T05:00:00+01:00</sent>
  <status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>
  <info><category>Geo</category><event>Terremoto</event><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>
    <onset>2026-11-25T04:58:00+01:00</onset><expires>2026-11-25T07:00:00+01:00</expires>
    <area><areaDesc>Catania</areaDesc><circle>37.5,15.08 5</circle></area></info>
</alert>`;

describe('restampCapAlert', () => {
  const now = new Date('2026-12-06T10:15:30.250Z');

  it('gives a fresh identifier and sent time, and moves onset and expires by the same amount', () => {
    const stamped = restampCapAlert(parseCapAlert(Buffer.from(DOC)), now);
    expect(stamped.identifier).toBe('DEMO-1-20261206T101530');
    expect(stamped.sent).toBe('2026-12-06T10:15:30+00:00');
    expect(stamped.infos[0].onset).toBe('2026-12-06T10:13:30+00:00');
    expect(stamped.infos[0].expires).toBe('2026-12-06T12:15:30+00:00');
    expect(stamped.infos[0].effective).toBeUndefined();
  });

  it('serialises to a document the parser accepts again', () => {
    const xml = serializeCapAlert(restampCapAlert(parseCapAlert(Buffer.from(DOC)), now));
    const again = parseCapAlert(Buffer.from(xml));
    expect(again.identifier).toBe('DEMO-1-20261206T101530');
    expect(again.infos[0].areas[0].circles[0]).toEqual({ lat: 37.5, lon: 15.08, radiusKm: 5 });
  });
});
