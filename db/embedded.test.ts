import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { letPostgresThrough, unreachableByOthers } from './embedded';

const base = mkdtempSync(path.join(tmpdir(), 'nafidha-reach-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('unreachableByOthers (the embedded PostgreSQL as root runs as another user)', () => {
  it('names the first directory above a path that other users cannot pass through', () => {
    const closed = path.join(base, 'closed');
    mkdirSync(path.join(closed, 'inner'), { recursive: true, mode: 0o700 });
    expect(unreachableByOthers(path.join(closed, 'inner', 'initdb'))).toBe(path.join(closed, 'inner'));
  });

  it('finds nothing when every directory above lets others through', () => {
    const open = path.join(base, 'open');
    mkdirSync(open, { mode: 0o755 });
    // mkdtemp makes the base 0700 itself: open it, as a checkout's parents normally are.
    chmodSync(base, 0o755);
    chmodSync(open, 0o755);
    expect(unreachableByOthers(path.join(open, 'initdb'))).toBeNull();
  });
});

describe('letPostgresThrough (started as root from a private directory, as with mktemp -d)', () => {
  it('gives others the pass-through bit on exactly the directories in the way, and nothing more', () => {
    const home = path.join(base, 'home');
    const data = path.join(home, 'checkout', '.data');
    mkdirSync(data, { recursive: true, mode: 0o700 });
    chmodSync(base, 0o755);
    letPostgresThrough(data, pino({ level: 'silent' }));
    const mode = (dir: string) => statSync(dir).mode & 0o777;
    // Only root starts PostgreSQL as another user; anyone else leaves every directory as it was.
    const expected = process.getuid?.() === 0 ? 0o701 : 0o700;
    expect([mode(home), mode(path.join(home, 'checkout')), mode(data)]).toEqual([expected, expected, expected]);
    if (process.getuid?.() === 0) expect(unreachableByOthers(path.join(data, 'postgres'))).toBeNull();
  });
});
