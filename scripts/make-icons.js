#!/usr/bin/env node
// Draws Parity's app and tray icons as PNGs, with nothing but Node: `node scripts/make-icons.js`.
// The output is committed; run it again after changing a shape or a colour here.
//
// assets/icon.png (512 px) is assets/icon.svg drawn larger: electron-builder makes the macOS
// .icns, the Windows .ico and the Linux icons from it. The tray icons are the same mark reduced
// to one colour (a rounded square with three knocked-out sliders), with a badge for the state:
// none when nothing runs, a green dot when all is well, a red diamond when something is wrong
// (a different shape, not only a different colour). Each comes for light and dark panels, at
// 16 and 32 px (`@2x`), and as a macOS template image (black and alpha; the menu bar tints it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

// ---- Shapes as signed distance functions: negative inside, in the icon's own units. ----

const box = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
// A square turned 45°, `r` from its centre to a corner.
const diamond = (cx, cy, r) => (x, y) => (Math.abs(x - cx) + Math.abs(y - cy) - r) / Math.SQRT2;
// A line from (x1, y) to (x2, y) with round caps.
const line = (x1, x2, y0, width) => (x, y) =>
  Math.hypot(x - Math.min(Math.max(x, x1), x2), y - y0) - width / 2;

// ---- A tiny painter: layers of shapes, each painted over or cut out of what is below. ----

function render(size, units, layers) {
  const scale = size / units;
  const pixels = new Float64Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / scale;
      const y = (py + 0.5) / scale;
      const at = (py * size + px) * 4;
      for (const { shape, color, cut } of layers) {
        // Anti-aliasing: how much of this pixel the shape covers, from its distance.
        const coverage = Math.min(Math.max(0.5 - shape(x, y) * scale, 0), 1);
        if (coverage === 0) continue;
        if (cut) {
          for (let c = 0; c < 4; c++) pixels[at + c] *= 1 - coverage;
          continue;
        }
        // Premultiplied "over".
        const [r, g, b] = color;
        const alpha = coverage;
        pixels[at] = r * alpha + pixels[at] * (1 - alpha);
        pixels[at + 1] = g * alpha + pixels[at + 1] * (1 - alpha);
        pixels[at + 2] = b * alpha + pixels[at + 2] * (1 - alpha);
        pixels[at + 3] = alpha + pixels[at + 3] * (1 - alpha);
      }
    }
  }
  // Back to straight alpha, as PNG stores it.
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const alpha = pixels[i * 4 + 3];
    for (let c = 0; c < 3; c++) {
      rgba[i * 4 + c] = alpha > 0 ? Math.round((pixels[i * 4 + c] / alpha) * 255) : 0;
    }
    rgba[i * 4 + 3] = Math.round(alpha * 255);
  }
  return png(size, size, rgba);
}

// ---- PNG: signature, IHDR, one IDAT, IEND; 8-bit RGBA, no filtering. ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- The icons. ----

const hex = (value) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16) / 255);

// assets/icon.svg, shape for shape, in its 64-unit view box.
const APP_ICON = [
  { shape: box(32, 32, 32, 32, 14), color: hex('#2857d6') },
  { shape: line(14, 50, 22, 5), color: hex('#ffffff') },
  { shape: line(14, 50, 32, 5), color: hex('#ffffff') },
  { shape: line(14, 50, 42, 5), color: hex('#ffffff') },
  { shape: circle(24, 22, 5), color: hex('#5fcf8d') },
  { shape: circle(40, 32, 5), color: hex('#5fcf8d') },
  { shape: circle(30, 42, 5), color: hex('#f0b35a') },
];

// Tray glyph colours per panel, and the badge colours that read on each.
const THEMES = {
  light: { glyph: '#202124', healthy: '#188038', problem: '#d93025' },
  dark: { glyph: '#e8eaed', healthy: '#4ade80', problem: '#ff6b5e' },
  Template: { glyph: '#000000', healthy: '#000000', problem: '#000000' },
};

// In a 16-unit box: lines on whole pixels at 16 px, so they stay sharp at 1x.
function trayLayers(state, theme) {
  const colors = THEMES[theme];
  const layers = [
    { shape: box(7.5, 7.5, 6.5, 6.5, 3), color: hex(colors.glyph) },
    ...[4.5, 7.5, 10.5].map((y) => ({ shape: box(7.5, y, 3.5, 0.5, 0.25), cut: true })),
    // The knobs of icon.svg's sliders, so the mark does not read as a "menu" icon.
    ...[
      [5.5, 4.5],
      [9.5, 7.5],
      [7, 10.5],
    ].map(([x, y]) => ({ shape: circle(x, y, 1.5), cut: true })),
  ];
  if (state === 'healthy') {
    layers.push({ shape: circle(12, 12, 4.6), cut: true });
    layers.push({ shape: circle(12, 12, 3.5), color: hex(colors.healthy) });
  }
  if (state === 'problem') {
    layers.push({ shape: diamond(12, 12, 5.6), cut: true });
    layers.push({ shape: diamond(12, 12, 4.2), color: hex(colors.problem) });
  }
  return layers;
}

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${path.slice(ASSETS.length - 'assets'.length)} (${bytes.length} bytes)`);
}

write(join(ASSETS, 'icon.png'), render(512, 64, APP_ICON));
for (const state of ['idle', 'healthy', 'problem']) {
  for (const theme of Object.keys(THEMES)) {
    // Electron takes a name ending in "Template" as a macOS template image.
    const name = theme === 'Template' ? `tray-${state}Template` : `tray-${state}-${theme}`;
    write(join(ASSETS, 'tray', `${name}.png`), render(16, 16, trayLayers(state, theme)));
    write(join(ASSETS, 'tray', `${name}@2x.png`), render(32, 16, trayLayers(state, theme)));
  }
}
