import type { MapFacts, Polygon } from '../report-facts';
import type { CellOutcome } from '../cell-outcome';

export interface MapBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

// The subset of PDFKit's drawing API the map uses.
interface Pen {
  moveTo(x: number, y: number): Pen;
  lineTo(x: number, y: number): Pen;
  closePath(): Pen;
  fillColor(c: string, o?: number): Pen;
  strokeColor(c: string, o?: number): Pen;
  lineWidth(w: number): Pen;
  fillAndStroke(fill?: string, stroke?: string, rule?: 'even-odd'): Pen;
  stroke(): Pen;
  rect(x: number, y: number, w: number, h: number): Pen;
  save(): Pen;
  restore(): Pen;
  clip(): Pen;
}

const OUTCOME_COLOUR: Record<CellOutcome, string> = { delivered: '#2e7d32', failed: '#c62828', 'never-reached': '#9e9e9e' };

/**
 * The targeted area drawn from the boundaries and cells Faro ships (no tile server): the
 * jurisdiction as background, each cell's coverage coloured by its outcome, the requested areas
 * outlined. Equirectangular, with longitude scaled by cos(latitude) at the centre, fitted to the
 * areas and cells.
 */
export function drawAreaMap(pen: Pen, box: MapBox, map: Omit<MapFacts, 'cells'> & { cells: Array<MapFacts['cells'][number] & { outcome: CellOutcome }> }): void {
  const focus = [...map.areas, ...map.cells.flatMap((c) => c.coverage)];
  const pts = (focus.length > 0 ? focus : map.context).flatMap((p) => p.flatMap((ring) => ring));
  pen.save().rect(box.x, box.y, box.width, box.height).lineWidth(0.5).strokeColor('#555555').stroke();
  if (pts.length === 0) return void pen.restore();
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of pts) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const padX = Math.max((maxX - minX) * 0.1, 0.01);
  const padY = Math.max((maxY - minY) * 0.1, 0.01);
  [minX, maxX, minY, maxY] = [minX - padX, maxX + padX, minY - padY, maxY + padY];
  const scale = Math.min(box.width / ((maxX - minX) * k), box.height / (maxY - minY));
  const ox = box.x + (box.width - (maxX - minX) * k * scale) / 2;
  const oy = box.y + (box.height - (maxY - minY) * scale) / 2;
  const at = (lon: number, lat: number): [number, number] => [ox + (lon - minX) * k * scale, oy + (maxY - lat) * scale];
  const path = (polygon: Polygon) => {
    for (const ring of polygon) {
      ring.forEach(([lon, lat], i) => (i === 0 ? pen.moveTo(...at(lon, lat)) : pen.lineTo(...at(lon, lat))));
      pen.closePath();
    }
  };
  pen.rect(box.x, box.y, box.width, box.height).clip();
  for (const p of map.context) {
    path(p);
    pen.lineWidth(0.6).fillColor('#eef2f5').strokeColor('#7a8a99').fillAndStroke(undefined, undefined, 'even-odd');
  }
  for (const c of map.cells) {
    const colour = OUTCOME_COLOUR[c.outcome];
    for (const p of c.coverage) {
      path(p);
      pen.lineWidth(0.2).fillColor(colour, 0.25).strokeColor(colour, 0.6).fillAndStroke(undefined, undefined, 'even-odd');
    }
  }
  for (const p of map.areas) {
    path(p);
    pen.lineWidth(1.4).strokeColor('#1565c0').stroke();
  }
  pen.restore();
}
