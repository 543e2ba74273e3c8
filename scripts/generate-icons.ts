// `npx tsx scripts/generate-icons.ts`: draws the installable web app's icons (app/routes/manifest.ts) and writes
// them to public/icons/ — a phone keypad, white on the app's indigo. No network, no image library: the pixels are
// computed here and written with a tiny PNG encoder (node:zlib for the compression). The PNGs are committed;
// scripts/generate-icons.test.ts fails when they no longer match this drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** Radix indigo-9, the app's accent colour (app/root.tsx: accentColor="indigo"). */
export const ICON_BACKGROUND = [0x3e, 0x63, 0xdd] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** The icons the manifest and app/root.tsx name: file name -> size in pixels. */
export const ICONS = {
  'icon-192.png': 192,
  'icon-512.png': 512,
  'apple-touch-icon.png': 180,
} as const;

export const ICONS_FOLDER = path.resolve(import.meta.dirname, '../public/icons');

// ---------------------------------------------------------------------------------------------------------------
// PNG encoding (RGBA, 8 bits per channel, no filtering)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG file of `width` x `height` pixels, `rgba` holding 4 bytes per pixel, rows top to bottom. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('rgba must hold 4 bytes per pixel');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering (each row says "none")
  header[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter type "none"
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

/**
 * The keypad: twelve round keys in four rows of three (the bottom row's outer keys left out, as on a phone: *, 0, #
 * reduced to the 0), inside the middle 60% of the square, so the icon survives a "maskable" crop to a circle. The
 * background fills the whole square (no transparency: iOS would draw it black).
 */
function keyCentres(size: number): { x: number; y: number; r: number }[] {
  const pitch = size * 0.15;
  const radius = size * 0.055;
  const keys: { x: number; y: number; r: number }[] = [];
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 3; column++) {
      if (row === 3 && column !== 1) continue;
      keys.push({ x: size / 2 + (column - 1) * pitch, y: size / 2 + (row - 1.5) * pitch, r: radius });
    }
  }
  return keys;
}

/** RGBA pixels of the icon at `size`, anti-aliased by 4 x 4 supersampling. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const keys = keyCentres(size);
  const SAMPLES = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = x + (sx + 0.5) / SAMPLES;
          const py = y + (sy + 0.5) / SAMPLES;
          if (keys.some((key) => (px - key.x) ** 2 + (py - key.y) ** 2 <= key.r ** 2)) covered++;
        }
      }
      const alpha = covered / (SAMPLES * SAMPLES);
      const offset = (y * size + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = Math.round(ICON_BACKGROUND[channel]! * (1 - alpha) + WHITE[channel]! * alpha);
      }
      pixels[offset + 3] = 0xff;
    }
  }
  return pixels;
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, drawIcon(size));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  mkdirSync(ICONS_FOLDER, { recursive: true });
  for (const [file, size] of Object.entries(ICONS)) {
    const target = path.join(ICONS_FOLDER, file);
    writeFileSync(target, iconPng(size));
    console.log(`wrote ${path.relative(process.cwd(), target)} (${size} x ${size})`);
  }
}
