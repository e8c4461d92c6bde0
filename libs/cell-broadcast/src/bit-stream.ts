import { CellBroadcastError } from './cell-broadcast-error';

// Most significant bit first, as ATIS-0700041 lays out the Warning Area Coordinates and as
// Android's GsmSmsCbMessage.BitStreamReader reads them.
export class BitWriter {
  private readonly octets: number[] = [];
  private used = 8; // bits used in the last octet; 8 means "start a new one"

  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      if (this.used === 8) {
        this.octets.push(0);
        this.used = 0;
      }
      const bit = Math.floor(value / 2 ** i) % 2;
      this.octets[this.octets.length - 1] |= bit << (7 - this.used);
      this.used++;
    }
  }

  // Zero bits up to the next octet boundary.
  align(): void {
    this.used = 8;
  }

  get length(): number {
    return this.octets.length;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.octets);
  }
}

export class BitReader {
  private bit = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly offset = 0,
  ) {}

  read(bits: number): number {
    let value = 0;
    for (let i = 0; i < bits; i++) {
      const octet = this.offset + (this.bit >> 3);
      if (octet >= this.data.length) {
        throw new CellBroadcastError('cell-broadcast/malformed-page', `read past the end of ${this.data.length} octets`);
      }
      value = value * 2 + ((this.data[octet] >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return value;
  }

  // Android's BitStreamReader.skip(): drop what is left of a part-read octet.
  skipToOctet(): void {
    this.bit = Math.ceil(this.bit / 8) * 8;
  }
}
