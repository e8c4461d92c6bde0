import L from 'leaflet';

// GET /api/v1/alerts/{id}/cells: parallel integer columns, one entry per targeted cell.
export interface AlertCells {
  count: number;
  lon: number[];
  lat: number[];
  radiusM: number[];
  state: number[];
  states: Array<'queued' | 'on-air' | 'failed' | 'killed'>;
}

export const CELL_COLOURS: Record<AlertCells['states'][number], string> = {
  queued: '#8a5a00',
  'on-air': '#1a7f37',
  failed: '#b3121f',
  killed: '#5b6475',
};
// Which state a bin of several cells shows: the one needing attention first.
const PRIORITY: Record<AlertCells['states'][number], number> = { failed: 4, queued: 3, 'on-air': 2, killed: 1 };
// Below this many pixels of coverage radius, cells are aggregated into BIN × BIN pixel squares.
const BIN = 3;

// Every targeted cell on one canvas, redrawn from typed arrays when the view settles: a national
// alert's ~200,000 cells are one pass over the arrays, never 200,000 Leaflet layers. At low zoom
// the cells falling in one 3-pixel square are drawn as one square in the most urgent state among
// them (failed, queued, on air, killed); once a cell's coverage radius spans more than that, each
// cell is a disc of its coverage radius.
export class CellCanvasLayer extends L.Layer {
  private canvas!: HTMLCanvasElement;
  private mx = new Float64Array(0);
  private my = new Float64Array(0);
  private cells: AlertCells | null = null;
  private typicalRadiusM = 1000;

  constructor(private readonly onPaint: (cells: number) => void) {
    super();
  }

  setCells(cells: AlertCells): void {
    this.cells = cells;
    // Web Mercator in [0, 1] once per answer; a redraw only scales and shifts.
    this.mx = new Float64Array(cells.count);
    this.my = new Float64Array(cells.count);
    for (let i = 0; i < cells.count; i++) {
      this.mx[i] = (cells.lon[i] / 1e4 + 180) / 360;
      const s = Math.sin((cells.lat[i] / 1e4) * (Math.PI / 180));
      this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    // The median coverage radius of a sample decides between squares and discs.
    const step = Math.max(1, Math.floor(cells.count / 1001));
    const sample = cells.radiusM.filter((_, i) => i % step === 0).sort((a, b) => a - b);
    this.typicalRadiusM = sample[sample.length >> 1] ?? 1000;
    if (this._map) this.redraw();
  }

  // The cells' extent, to fit the map to them.
  bounds(): L.LatLngBounds | null {
    const c = this.cells;
    if (!c || c.count === 0) return null;
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (let i = 0; i < c.count; i++) {
      w = Math.min(w, c.lon[i]); e = Math.max(e, c.lon[i]);
      s = Math.min(s, c.lat[i]); n = Math.max(n, c.lat[i]);
    }
    return L.latLngBounds([s / 1e4, w / 1e4], [n / 1e4, e / 1e4]);
  }

  onAdd(map: L.Map): this {
    this.canvas = L.DomUtil.create('canvas', 'cell-canvas leaflet-zoom-hide') as HTMLCanvasElement;
    this.canvas.setAttribute('aria-hidden', 'true');
    map.getPanes().overlayPane.appendChild(this.canvas);
    map.on('moveend zoomend resize', this.redraw, this);
    this.redraw();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off('moveend zoomend resize', this.redraw, this);
    this.canvas.remove();
    return this;
  }

  redraw(): void {
    const map = this._map;
    if (!map) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = size.x * ratio;
    this.canvas.height = size.y * ratio;
    this.canvas.style.width = `${size.x}px`;
    this.canvas.style.height = `${size.y}px`;
    L.DomUtil.setPosition(this.canvas, map.containerPointToLayerPoint([0, 0]));
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    const c = this.cells;
    if (!c) return;
    const zoom = map.getZoom();
    const scale = 256 * 2 ** zoom;
    const origin = map.project(map.containerPointToLatLng([0, 0]), zoom);
    const lat = map.getCenter().lat;
    // Metres per pixel at this zoom and latitude.
    const metresPerPixel = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / scale;
    if (this.typicalRadiusM / metresPerPixel < BIN) this.drawBins(ctx, c, scale, origin, size);
    else this.drawDiscs(ctx, c, scale, origin, size, metresPerPixel);
    this.onPaint(c.count);
  }

  private drawBins(ctx: CanvasRenderingContext2D, c: AlertCells, scale: number, origin: L.Point, size: L.Point): void {
    const cols = Math.ceil(size.x / BIN);
    const rows = Math.ceil(size.y / BIN);
    const bins = new Uint8Array(cols * rows);
    const priorities = c.states.map((s) => PRIORITY[s]);
    for (let i = 0; i < c.count; i++) {
      const x = this.mx[i] * scale - origin.x;
      const y = this.my[i] * scale - origin.y;
      if (x < 0 || y < 0 || x >= size.x || y >= size.y) continue;
      const b = ((y / BIN) | 0) * cols + ((x / BIN) | 0);
      const p = priorities[c.state[i]];
      if (p > bins[b]) bins[b] = p;
    }
    const byPriority = new Map(c.states.map((s) => [PRIORITY[s], CELL_COLOURS[s]]));
    for (const [p, colour] of byPriority) {
      ctx.fillStyle = colour;
      for (let b = 0; b < bins.length; b++) if (bins[b] === p) ctx.fillRect((b % cols) * BIN, ((b / cols) | 0) * BIN, BIN, BIN);
    }
  }

  private drawDiscs(ctx: CanvasRenderingContext2D, c: AlertCells, scale: number, origin: L.Point, size: L.Point, metresPerPixel: number): void {
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    for (let s = 0; s < c.states.length; s++) {
      ctx.fillStyle = ctx.strokeStyle = CELL_COLOURS[c.states[s]];
      ctx.beginPath();
      for (let i = 0; i < c.count; i++) {
        if (c.state[i] !== s) continue;
        const r = c.radiusM[i] / metresPerPixel;
        const x = this.mx[i] * scale - origin.x;
        const y = this.my[i] * scale - origin.y;
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) continue;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
}
