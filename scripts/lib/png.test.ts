import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brandIcon } from './brand-icon';
import { crc32, encodeIco, encodePng } from './png';

/** The pixels back out of a PNG this encoder wrote (one IDAT, filter 0 on every row). */
function decode(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Record<string, Buffer> = {};
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks[type] = data;
    at += 12 + length;
  }
  const width = chunks.IHDR!.readUInt32BE(0);
  const raw = inflateSync(chunks.IDAT!);
  const pixel = (x: number, y: number) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)];
  return { width, height: chunks.IHDR!.readUInt32BE(4), pixel, ended: 'IEND' in chunks };
}

describe('the icon encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes a PNG that decodes to the brand mark: transparent corners, brand square, white glyph', () => {
    const image = decode(encodePng(brandIcon(64)));
    expect([image.width, image.height, image.ended]).toEqual([64, 64, true]);
    expect(image.pixel(0, 0)[3]).toBe(0);
    expect(image.pixel(32, 4)).toEqual([0x17, 0x76, 0x64, 255]);
    expect(image.pixel(20, 32)).toEqual([255, 255, 255, 255]); // on the N's left stroke
  });

  it('fills the whole square for maskable and Apple icons', () => {
    expect(decode(encodePng(brandIcon(32, { fullBleed: true }))).pixel(0, 0)).toEqual([0x17, 0x76, 0x64, 255]);
  });

  it('packs PNGs into an .ico with their sizes and offsets', () => {
    const pngs = [16, 32].map((size) => ({ size, png: encodePng(brandIcon(size)) }));
    const ico = encodeIco(pngs);
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 2]);
    expect(ico.readUInt8(6 + 16)).toBe(32);
    const offset = ico.readUInt32LE(6 + 16 + 12);
    expect(ico.subarray(offset, offset + pngs[1]!.png.length)).toEqual(pngs[1]!.png);
  });
});
