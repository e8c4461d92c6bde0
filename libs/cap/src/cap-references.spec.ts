import { CapError } from './cap-error';
import { formatCapReferences, parseCapReferences } from './cap-references';

describe('parseCapReferences', () => {
  it('reads whitespace-separated sender,identifier,sent triples in order', () => {
    const text = ' cap@ec.gc.ca,2.49.0.1.124.a3f342a4.2012,2012-05-02T21:45:05-00:00\n\tcap@ec.gc.ca,2.49.0.1.124.60f31a3a.2012,2012-05-02T21:55:21-00:00 ';
    expect(parseCapReferences(text)).toEqual([
      { sender: 'cap@ec.gc.ca', identifier: '2.49.0.1.124.a3f342a4.2012', sent: '2012-05-02T21:45:05-00:00' },
      { sender: 'cap@ec.gc.ca', identifier: '2.49.0.1.124.60f31a3a.2012', sent: '2012-05-02T21:55:21-00:00' },
    ]);
  });

  it('reads an empty listing as no references', () => {
    expect(parseCapReferences('  ')).toEqual([]);
  });

  it.each([
    ['a,b', /reference 'a,b' is not of the form sender,identifier,sent/],
    ['a,b,c,d', /is not of the form sender,identifier,sent/],
    ['a,b,2026-03-01T10:00:00', /reference 1: sent '2026-03-01T10:00:00' is not a CAP dateTime/],
    ['a,b,2026-03-01T10:00:00+01:00 ,b,2026-03-01T10:00:00+01:00', /reference 2: sender is empty/],
    ['a,b&c,2026-03-01T10:00:00+01:00', /reference 1: identifier 'b&c' contains '&'/],
  ])("refuses '%s' at alert/references", (text, message) => {
    let error: unknown;
    try {
      parseCapReferences(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CapError);
    expect(error).toMatchObject({ code: 'cap/invalid', pointer: 'alert/references' });
    expect((error as CapError).message).toMatch(message);
  });
});

describe('formatCapReferences', () => {
  it('writes what parseCapReferences reads', () => {
    const text = 'trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00 PAAQ,PAAQ-1-lqw6d6,2011-09-02T10:55:55-00:00';
    expect(formatCapReferences(parseCapReferences(text))).toBe(text);
  });
});
