import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodePng, ICON_BACKGROUND, ICONS, ICONS_FOLDER, iconPng } from './generate-icons.ts';

/** Width, height, colour type and the unfiltered pixels of a PNG written by encodePng. */
function decode(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  const chunks: { type: string; body: Buffer }[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    chunks.push({
      type: png.toString('ascii', offset + 4, offset + 8),
      body: png.subarray(offset + 8, offset + 8 + length),
    });
    offset += 12 + length;
  }
  expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]!.body;
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    depth: header[8],
    colourType: header[9],
    raw: inflateSync(chunks[1]!.body),
  };
}

describe('the web app icons', () => {
  it('are committed as generated: run `npx tsx scripts/generate-icons.ts` after changing the drawing', () => {
    for (const [file, size] of Object.entries(ICONS)) {
      const committed = readFileSync(path.join(ICONS_FOLDER, file));
      expect(committed.equals(iconPng(size)), file).toBe(true);
      expect(decode(committed)).toMatchObject({ width: size, height: size, depth: 8, colourType: 6 });
    }
  });

  it('are opaque, with the indigo background in the corners (a maskable crop loses nothing)', () => {
    const pixels = drawIcon(192);
    for (const [x, y] of [
      [0, 0],
      [191, 0],
      [0, 191],
      [191, 191],
    ]) {
      const offset = (y! * 192 + x!) * 4;
      expect([...pixels.subarray(offset, offset + 4)]).toEqual([...ICON_BACKGROUND, 255]);
    }
    for (let offset = 3; offset < pixels.length; offset += 4) expect(pixels[offset]).toBe(255);
  });

  it('are encoded as valid PNG rows, each with filter "none"', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128]);
    const { raw, width, height } = decode(encodePng(2, 1, rgba));
    expect({ width, height }).toEqual({ width: 2, height: 1 });
    expect([...raw]).toEqual([0, ...rgba]);
    expect(() => encodePng(2, 2, rgba)).toThrow('4 bytes per pixel');
  });
});
