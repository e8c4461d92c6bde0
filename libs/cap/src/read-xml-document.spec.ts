import * as http from 'node:http';
import * as https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CapError } from './cap-error';
import { parseCapAlert } from './parse-cap-alert';
import { readXmlDocument } from './read-xml-document';

const TESTDATA = join(__dirname, '..', 'testdata');
const text = (file: string): string => readFileSync(join(TESTDATA, file), 'utf8');

function capErrorOf(run: () => unknown): CapError {
  try {
    run();
  } catch (error) {
    if (error instanceof CapError) return error;
    throw error;
  }
  throw new Error('expected a CapError, but nothing was thrown');
}

const CAP = 'urn:oasis:names:tc:emergency:cap:1.2';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<alert xmlns="${CAP}"><identifier>&lol9;</identifier></alert>`;

describe('readXmlDocument', () => {
  describe('DOCTYPE and entities', () => {
    it.each([
      ['google-cap-library/testdata/xee.cap'],
      ['google-cap-library/testdata/xee.atom'],
    ])('refuses the XXE sample %s before parsing it', (file) => {
      const error = capErrorOf(() => parseCapAlert(text(file)));
      expect(error).toMatchObject({ code: 'cap/doctype-forbidden', pointer: '' });
      expect(error.message).toBe(
        'markup declaration <!DOCTYPE at line 3, column 1: CAP documents must not carry a DOCTYPE, DTD or entity declarations',
      );
    });

    it('makes no network request while refusing the XXE sample', () => {
      const spies = [jest.spyOn(http, 'request'), jest.spyOn(http, 'get'), jest.spyOn(https, 'request'), jest.spyOn(https, 'get')];
      const fetchSpy = jest.spyOn(globalThis, 'fetch');
      try {
        expect(() => parseCapAlert(text('google-cap-library/testdata/xee.cap'))).toThrow(CapError);
        for (const spy of [...spies, fetchSpy]) expect(spy).not.toHaveBeenCalled();
      } finally {
        for (const spy of [...spies, fetchSpy]) spy.mockRestore();
      }
    });

    it('refuses the billion laughs without expanding a single entity', () => {
      expect(capErrorOf(() => readXmlDocument(BILLION_LAUGHS))).toMatchObject({ code: 'cap/doctype-forbidden', pointer: '' });
    });

    it.each([
      ['an external entity', `<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="${CAP}">&xxe;</alert>`, 'DOCTYPE'],
      ['an external DTD', `<!DOCTYPE alert SYSTEM "http://localhost:8080/evil.dtd"><alert xmlns="${CAP}"/>`, 'DOCTYPE'],
      ['a lowercase doctype', `<!doctype alert><alert xmlns="${CAP}"/>`, 'doctype'],
      ['an entity declaration inside the root', `<alert xmlns="${CAP}"><!ENTITY x "y"></alert>`, 'ENTITY'],
      ['a DOCTYPE after the root element opens', `<alert xmlns="${CAP}"><!DOCTYPE alert></alert>`, 'DOCTYPE'],
      ['a DTD conditional section', `<alert xmlns="${CAP}"><![IGNORE[ x ]]></alert>`, '['],
      ['a DOCTYPE placed after an attribute holding "-->"', `<!-- a --><alert xmlns="${CAP}" note='-->'><!DOCTYPE x [<!ENTITY e "e">]></alert>`, 'DOCTYPE'],
    ])('refuses %s', (_what, xml, declaration) => {
      const error = capErrorOf(() => readXmlDocument(xml));
      expect(error).toMatchObject({ code: 'cap/doctype-forbidden', pointer: '' });
      expect(error.message).toContain(`<!${declaration}`);
    });

    it('accepts text that only looks like a DOCTYPE inside a comment, a processing instruction or CDATA', () => {
      const root = readXmlDocument(`<!-- <!DOCTYPE x> --><?pi <!DOCTYPE y>?><alert xmlns="${CAP}"><![CDATA[<!DOCTYPE z [<!ENTITY e "e">]>]]></alert>`);
      expect(root.text).toBe('<!DOCTYPE z [<!ENTITY e "e">]>');
    });

    it('decodes the five predefined entities and character references', () => {
      const root = readXmlDocument(`<alert xmlns="${CAP}">&lt;&gt;&amp;&quot;&apos; &#233;&#xE8;&#x1F30B;</alert>`);
      expect(root.text).toBe(`<>&"' éè🌋`);
    });

    it('leaves CDATA content undecoded', () => {
      expect(readXmlDocument(`<alert xmlns="${CAP}"><![CDATA[&amp; &xxe;]]></alert>`).text).toBe('&amp; &xxe;');
    });

    it.each([
      ['&xxe;', /undeclared entity &xxe;/],
      ['&nbsp;', /undeclared entity &nbsp;/],
      ['&#0;', /character reference &#0; names a character XML does not allow/],
      ['&#xD800;', /character reference &#xD800;/],
      ['&#x110000;', /character reference &#x110000;/],
      ['&#1;', /character reference &#1;/],
    ])('refuses the reference %s and points at its element', (reference, message) => {
      const error = capErrorOf(() => readXmlDocument(`<alert xmlns="${CAP}"><info><headline>a${reference}b</headline></info></alert>`));
      expect(error).toMatchObject({ code: 'cap/not-xml', pointer: 'alert/info[0]/headline' });
      expect(error.message).toMatch(message);
    });

    it('refuses the XXE sample even with its DOCTYPE cut out: the entities stay undeclared', () => {
      const xml = text('google-cap-library/testdata/xee.cap').replace(/<!DOCTYPE[\s\S]*?\]>/, '');
      const error = capErrorOf(() => parseCapAlert(xml));
      expect(error).toMatchObject({ code: 'cap/not-xml', pointer: 'alert/info[0]/senderName', message: expect.stringContaining('&xxe;') });
      const withoutReferences = xml.replace(/&xxe;/g, '');
      expect(capErrorOf(() => parseCapAlert(withoutReferences))).toMatchObject({ code: 'cap/invalid', pointer: 'alert/x' });
    });
  });

  describe('well-formedness', () => {
    it.each([
      ['an empty document', '', /no root element/],
      ['plain text', 'hello', /text outside the root element at line 1, column 1/],
      ['mismatched tags', `<alert xmlns="${CAP}"><a></b></alert>`, /not well-formed/],
      ['an unclosed root', `<alert xmlns="${CAP}">`, /not well-formed/],
      ['two root elements', `<alert xmlns="${CAP}"/><alert xmlns="${CAP}"/>`, /a second root element at line 1, column 54/],
      ['text after a self-closing root', `<alert xmlns="${CAP}"/>junk`, /text outside the root element at line 1, column 54/],
      ['a stray ampersand', `<alert xmlns="${CAP}">a & b</alert>`, /not well-formed|'&' that does not start a reference/],
      ["'<' inside an attribute value", `<alert xmlns="${CAP}" note="a<b"/>`, /'<' inside an attribute value/],
      ['a control character', `<alert xmlns="${CAP}">\u0001</alert>`, /U\+0001 at line 1, column 53 is not allowed in XML/],
      ['an unterminated comment', `<alert xmlns="${CAP}"><!-- </alert>`, /unterminated comment/],
      ['a name with two colons', `<a:b:c xmlns:a="${CAP}"/>`, /not a namespace-well-formed name/],
      ['nesting deeper than the parser allows', `<alert xmlns="${CAP}">${'<a>'.repeat(200)}${'</a>'.repeat(200)}</alert>`, /not well-formed/],
    ])('refuses %s', (_what, xml, message) => {
      const error = capErrorOf(() => readXmlDocument(xml));
      expect(error).toMatchObject({ code: 'cap/not-xml', pointer: '' });
      expect(error.message).toMatch(message);
    });

    it.each([
      ['an undeclared element prefix', '<cap:alert/>', 'alert', /undeclared namespace prefix 'cap'/],
      ['an undeclared attribute prefix', `<alert xmlns="${CAP}" x:note="1"/>`, 'alert', /undeclared namespace prefix 'x'/],
      ['an empty prefixed namespace', `<alert xmlns="${CAP}"><info xmlns:p=""/></alert>`, 'alert/info[0]', /illegal namespace declaration/],
    ])('refuses %s, pointing at the element', (_what, xml, pointer, message) => {
      const error = capErrorOf(() => readXmlDocument(xml));
      expect(error).toMatchObject({ code: 'cap/not-xml', pointer });
      expect(error.message).toMatch(message);
    });
  });

  describe('the element tree', () => {
    it('resolves prefixes and default namespaces, and numbers repeated elements', () => {
      const root = readXmlDocument(
        `<c:alert xmlns:c="${CAP}"><c:info/><c:info><area xmlns="${CAP}"/><area xmlns=""/></c:info></c:alert>`,
      );
      expect(root).toMatchObject({ namespace: CAP, localName: 'alert', pointer: 'alert' });
      const info = root.children[1];
      expect(info.pointer).toBe('alert/info[1]');
      expect(info.children.map((c) => [c.namespace, c.pointer])).toEqual([
        [CAP, 'alert/info[1]/area[0]'],
        [undefined, 'alert/info[1]/area[1]'],
      ]);
    });

    it('turns CRLF into LF but keeps a CR written as &#13;', () => {
      expect(readXmlDocument(`<alert xmlns="${CAP}">a\r\nb\rc&#13;d</alert>`).text).toBe('a\nb\nc\rd');
    });

    it('ignores a byte order mark at the start of a string', () => {
      expect(readXmlDocument(`\uFEFF<alert xmlns="${CAP}">x</alert>`).text).toBe('x');
    });
  });
});
