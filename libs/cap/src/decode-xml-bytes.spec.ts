import { CapError } from './cap-error';
import { decodeXmlBytes } from './decode-xml-bytes';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const declared = (encoding: string, body: number[]): Uint8Array =>
  new Uint8Array([...ascii(`<?xml version="1.0" encoding="${encoding}"?><a>`), ...body, ...ascii('</a>')]);

function capErrorOf(run: () => unknown): CapError {
  try {
    run();
  } catch (error) {
    if (error instanceof CapError) return error;
    throw error;
  }
  throw new Error('expected a CapError, but nothing was thrown');
}

describe('decodeXmlBytes', () => {
  it('reads UTF-8 without a declaration, and drops a UTF-8 byte order mark', () => {
    expect(decodeXmlBytes(new Uint8Array([...ascii('<a>'), 0xc3, 0xa8, ...ascii('</a>')]))).toBe('<a>è</a>');
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...ascii('<a/>')]))).toBe('<a/>');
  });

  it('reads UTF-16 in either byte order from its byte order mark', () => {
    const utf16le = Buffer.from('<a>Ü</a>', 'utf16le');
    expect(decodeXmlBytes(new Uint8Array([0xff, 0xfe, ...utf16le]))).toBe('<a>Ü</a>');
    const utf16be = Buffer.from(utf16le).swap16();
    expect(decodeXmlBytes(new Uint8Array([0xfe, 0xff, ...utf16be]))).toBe('<a>Ü</a>');
  });

  it('reads ISO-8859-1 as ISO-8859-1, not windows-1252', () => {
    expect(decodeXmlBytes(declared('ISO-8859-1', [0xe1, 0x80]))).toContain('<a>á\u0080</a>');
  });

  it('reads windows-1252 through its own table', () => {
    expect(decodeXmlBytes(declared('windows-1252', [0x80]))).toContain('<a>€</a>');
  });

  it.each([
    ['bytes that are not UTF-8', new Uint8Array([...ascii('<a>'), 0xc3, 0x28, ...ascii('</a>')]), /not valid utf-8/],
    ['a non-ASCII byte in a US-ASCII document', declared('US-ASCII', [0xe9]), /byte 0xe9 at offset \d+ is not US-ASCII/],
    ['an encoding Node cannot decode', declared('x-klingon', [0x41]), /unsupported encoding 'x-klingon'/],
  ])('refuses %s', (_what, bytes, message) => {
    const error = capErrorOf(() => decodeXmlBytes(bytes));
    expect(error).toMatchObject({ code: 'cap/not-xml', pointer: '' });
    expect(error.message).toMatch(message);
  });
});
