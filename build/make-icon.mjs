// Renders build/icon.png (1024×1024, RGBA) from the shapes in build/icon.svg without any image
// library: supersampled coverage per pixel, then a hand-written PNG encoder (zlib + CRC-32).
// electron-builder derives the .icns (macOS) and .ico (Windows) from this PNG.
// Usage: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 4; // per axis: 16 samples per pixel for smooth edges
const OFFSET = 100; // padding around the rounded square, as in Apple's icon grid
const SCALE = (SIZE - 2 * OFFSET) / 64; // the SVG draws in a 64-unit box

function cubic(p0, p1, p2, p3, steps) {
  const points = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([
      u * u * u * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t * t * t * p3[0],
      u * u * u * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return points;
}

// "M32 20c2-6 7-9 12-9-1 6-6 9-12 9z" in absolute coordinates, flattened.
const leaf = [[32, 20], ...cubic([32, 20], [34, 14], [39, 11], [44, 11], 48), ...cubic([44, 11], [43, 17], [38, 20], [32, 20], 48)];

function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x, y) {
  if (x < 0 || y < 0 || x > 64 || y > 64) return false;
  const r = 14;
  const cx = Math.min(Math.max(x, r), 64 - r);
  const cy = Math.min(Math.max(y, r), 64 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const LAYERS = [
  { color: [0x2f, 0x7d, 0x32], hit: inRoundedSquare },
  { color: [0xe5, 0x39, 0x35], hit: (x, y) => (x - 32) ** 2 + (y - 36) ** 2 <= 16 * 16 },
  { color: [0xa5, 0xd6, 0xa7], hit: (x, y) => x >= 31 && x <= 45 && y >= 10 && y <= 21 && inPolygon(x, y, leaf) },
];

function pixel(px, py) {
  const sum = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES - OFFSET) / SCALE;
      const y = (py + (sy + 0.5) / SAMPLES - OFFSET) / SCALE;
      let top = null;
      for (const layer of LAYERS) if (layer.hit(x, y)) top = layer.color;
      if (top) {
        sum[0] += top[0];
        sum[1] += top[1];
        sum[2] += top[2];
        sum[3] += 255;
      }
    }
  }
  const n = SAMPLES * SAMPLES;
  const covered = sum[3] / 255;
  // Colour averaged over covered samples only (straight alpha), coverage as alpha.
  return covered === 0 ? [0, 0, 0, 0] : [sum[0] / covered, sum[1] / covered, sum[2] / covered, sum[3] / n].map(Math.round);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
