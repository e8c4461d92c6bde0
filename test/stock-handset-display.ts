import { utils } from 'node-pdu';

// What a stock handset shows for a CBS message's pages, decoded with node-pdu's GSM 7-bit and
// UCS-2 decoders: an implementation independent of libs/cell-broadcast, so the two cannot share
// a mistake. Like Android (GsmSmsCbMessage), each page's 82 octets are decoded on their own: 93
// septets, or for DCS 0x11 a 2-octet language then UTF-16BE. `raw` keeps the padding, `shown`
// drops each page's trailing CRs as the handset does.
export function stockHandsetDisplay(dcs: number, pages: Buffer[]): { raw: string[]; shown: string } {
  const raw = pages.map((page) => {
    const content = page.subarray(6, 88).toString('hex').toUpperCase();
    if (dcs === 0x11) return utils.Helper.decode16Bit(content.slice(4));
    if ((dcs & 0xf0) === 0x00 || dcs === 0x20 || dcs === 0x24) return utils.Helper.decode7Bit(content, 93);
    throw new Error(`a stock handset shows no text for DCS 0x${dcs.toString(16)}`);
  });
  return { raw, shown: raw.map((p) => p.replace(/\r+$/, '')).join('') };
}
