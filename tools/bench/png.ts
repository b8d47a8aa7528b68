/**
 * A small raster canvas, a 5×7 bitmap font and a PNG encoder (zlib from
 * `node:zlib`, CRC-32 computed here): enough to draw the benchmark chart with no
 * native or third-party dependency.
 */
import { deflateSync } from "node:zlib";

/** An RGB colour. */
export type Rgb = readonly [number, number, number];

/** Glyphs of the 5×7 font: 7 rows, 5 bits each (bit 4 = leftmost). Lower case is drawn as upper case. */
const FONT: Record<string, readonly number[]> = {
  "0": [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
  "1": [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
  "2": [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
  "3": [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
  "4": [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02],
  "5": [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
  "6": [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e],
  "7": [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
  "8": [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e],
  "9": [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
  A: [0x0e, 0x11, 0x11, 0x11, 0x1f, 0x11, 0x11],
  B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
  C: [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
  D: [0x1c, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1c],
  E: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
  F: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
  G: [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f],
  H: [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  I: [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
  J: [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
  K: [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
  L: [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
  M: [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
  N: [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
  O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  P: [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
  Q: [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d],
  R: [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
  S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
  T: [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
  U: [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  V: [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
  W: [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a],
  X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
  Y: [0x11, 0x11, 0x11, 0x0a, 0x04, 0x04, 0x04],
  Z: [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
  ".": [0, 0, 0, 0, 0, 0x0c, 0x0c],
  ",": [0, 0, 0, 0, 0x0c, 0x04, 0x08],
  "-": [0, 0, 0, 0x1f, 0, 0, 0],
  ":": [0, 0x0c, 0x0c, 0, 0x0c, 0x0c, 0],
  "/": [0, 0x01, 0x02, 0x04, 0x08, 0x10, 0],
  "(": [0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02],
  ")": [0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08],
  "=": [0, 0, 0x1f, 0, 0x1f, 0, 0],
  "+": [0, 0x04, 0x04, 0x1f, 0x04, 0x04, 0],
  "%": [0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03],
  " ": [0, 0, 0, 0, 0, 0, 0],
};

/** An RGB pixel buffer with a few drawing primitives. */
export class Canvas {
  /** RGB bytes, row by row. */
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.pixels.set(background, i * 3);
  }

  /** Set one pixel (ignored outside the canvas). */
  set(x: number, y: number, c: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels.set(c, (y * this.width + x) * 3);
  }

  /** A filled rectangle. */
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j, c);
  }

  /** A line `thickness` pixels wide; `dash` = [on, off] lengths in pixels for a dashed line. */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1, dash?: readonly [number, number]): void {
    const len = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(1, Math.ceil(len * 2));
    const r = (thickness - 1) / 2;
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      if (dash && (t * len) % (dash[0] + dash[1]) >= dash[0]) continue;
      const x = x0 + (x1 - x0) * t;
      const y = y0 + (y1 - y0) * t;
      for (let dy = -Math.floor(r); dy <= Math.ceil(r); dy++) for (let dx = -Math.floor(r); dx <= Math.ceil(r); dx++) this.set(x + dx, y + dy, c);
    }
  }

  /** Width in pixels of `text` drawn at `scale`. */
  static textWidth(text: string, scale = 1): number {
    return text.length * 6 * scale;
  }

  /** Draw `text` with its top-left corner at (x, y). Unknown characters are drawn as blanks. */
  text(x: number, y: number, text: string, c: Rgb, scale = 1): void {
    let cx = x;
    for (const ch of text) {
      const glyph = FONT[ch] ?? FONT[ch.toUpperCase()] ?? FONT[" "]!;
      for (let row = 0; row < 7; row++) {
        for (let col = 0; col < 5; col++) {
          if (glyph[row]! & (0x10 >> col)) this.rect(cx + col * scale, y + row * scale, scale, scale, c);
        }
      }
      cx += 6 * scale;
    }
  }

  /** Encode as a PNG (8-bit RGB, no interlace). */
  toPng(): Buffer {
    const raw = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (this.width * 3 + 1)] = 0; // filter: none
      Buffer.from(this.pixels.buffer, this.pixels.byteOffset + y * this.width * 3, this.width * 3).copy(raw, y * (this.width * 3 + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // colour type: RGB
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(raw, { level: 9 })),
      chunk("IEND", Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as PNG uses it). */
export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td), 0);
  return Buffer.concat([len, td, crc]);
}

/** One line of a chart. */
export interface Series {
  readonly label: string;
  readonly color: Rgb;
  /** Points (x, y); y `undefined` = not measured (the line is broken there). */
  readonly points: readonly { readonly x: number; readonly y: number | undefined }[];
  readonly dashed?: boolean;
}

/** A log-log line chart of `series`, with decade grid lines, axis labels and a legend. */
export function lineChart(options: { title: string; xLabel: string; yLabel: string; series: readonly Series[]; width?: number; height?: number }): Buffer {
  const W = options.width ?? 1000;
  const H = options.height ?? 560;
  const c = new Canvas(W, H);
  const ink: Rgb = [30, 30, 30];
  const grid: Rgb = [225, 225, 225];
  const left = 90;
  const right = W - 300;
  const top = 70;
  const bottom = H - 70;
  const xs = options.series.flatMap((s) => s.points.map((p) => p.x));
  const ys = options.series.flatMap((s) => s.points.map((p) => p.y)).filter((y): y is number => y !== undefined && y > 0);
  const lx0 = Math.floor(Math.log10(Math.min(...xs)) * 2) / 2;
  const lx1 = Math.ceil(Math.log10(Math.max(...xs)) * 2) / 2;
  const ly0 = Math.floor(Math.log10(Math.min(...ys)));
  const ly1 = Math.ceil(Math.log10(Math.max(...ys)));
  const px = (x: number) => left + ((Math.log10(x) - lx0) / (lx1 - lx0)) * (right - left);
  const py = (y: number) => bottom - ((Math.log10(y) - ly0) / (ly1 - ly0 || 1)) * (bottom - top);
  // Grid: decades and 2x, 5x on y; the measured x values on x.
  for (let d = ly0; d <= ly1; d++) {
    for (const m of [1, 2, 5]) {
      const y = m * 10 ** d;
      if (Math.log10(y) > ly1) continue;
      c.line(left, py(y), right, py(y), grid);
      const label = y >= 1 ? String(y) : y.toFixed(-d);
      c.text(left - 8 - Canvas.textWidth(label, 2), py(y) - 7, label, ink, 2);
    }
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    c.line(px(x), top, px(x), bottom, grid);
    const label = String(x);
    c.text(px(x) - Canvas.textWidth(label, 2) / 2, bottom + 10, label, ink, 2);
  }
  c.line(left, top, left, bottom, ink, 2);
  c.line(left, bottom, right, bottom, ink, 2);
  c.text(left, 12, options.title, ink, 2);
  c.text((left + right) / 2 - Canvas.textWidth(options.xLabel, 2) / 2, bottom + 38, options.xLabel, ink, 2);
  c.text(8, top - 26, options.yLabel, ink, 2);
  options.series.forEach((s, i) => {
    let prev: { x: number; y: number } | undefined;
    for (const p of s.points) {
      if (p.y === undefined || p.y <= 0) {
        prev = undefined;
        continue;
      }
      const cur = { x: px(p.x), y: py(p.y) };
      if (prev) c.line(prev.x, prev.y, cur.x, cur.y, s.color, 3, s.dashed ? [8, 6] : undefined);
      c.rect(cur.x - 4, cur.y - 4, 9, 9, s.color);
      prev = cur;
    }
    const ly = top + 10 + i * 56;
    c.line(right + 20, ly + 6, right + 56, ly + 6, s.color, 3, s.dashed ? [8, 6] : undefined);
    const words = s.label.split(" ");
    let lineText = "";
    let row = 0;
    for (const w of words) {
      if (Canvas.textWidth(`${lineText} ${w}`.trim(), 2) > W - right - 70) {
        c.text(right + 64, ly + row * 16, lineText, ink, 2);
        lineText = w;
        row++;
      } else lineText = `${lineText} ${w}`.trim();
    }
    c.text(right + 64, ly + row * 16, lineText, ink, 2);
  });
  return c.toPng();
}
