export type CapErrorCode = 'cap/not-xml' | 'cap/doctype-forbidden' | 'cap/not-cap' | 'cap/invalid';

export class CapError extends Error {
  constructor(
    readonly code: CapErrorCode,
    message: string,
    // The element at fault, e.g. 'alert/info[2]/area[1]/polygon[0]'; '' when the fault
    // lies before any element (bad bytes, a DOCTYPE, broken markup the reader cannot place).
    readonly pointer: string,
  ) {
    super(message);
    this.name = 'CapError';
  }
}
