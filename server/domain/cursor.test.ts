import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';

const ZTuple = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

describe('keyset cursors', () => {
  it('round-trips', () => {
    const value = ['2026-11-21T09:00:00.000Z', '0f8fad5b-d9cb-469f-a165-70867728950e'] as const;
    expect(decodeCursor(encodeCursor(value), ZTuple)).toEqual(value);
  });

  it.each(['', 'not base64 !!', encodeCursor(['yesterday', 'x']), Buffer.from('{"a":1}').toString('base64url'), 'A'.repeat(500)])(
    'decodes the malformed cursor %j to null',
    (cursor) => {
      expect(decodeCursor(cursor, ZTuple)).toBeNull();
    },
  );
});
