// Pointers name the element at fault: 'alert/info[0]/area[1]/polygon[0]'. Elements the schema
// lets repeat always carry their zero-based index among same-named siblings; the others carry
// one only when they are the second or later copy (which is itself the fault).
const REPEATABLE = new Set([
  'code', 'info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode',
]);

export function pointerSegment(localName: string, index: number): string {
  return REPEATABLE.has(localName) || index > 0 ? `${localName}[${index}]` : localName;
}

export function childPointer(parent: string, localName: string, index = 0): string {
  const segment = pointerSegment(localName, index);
  return parent === '' ? segment : `${parent}/${segment}`;
}
