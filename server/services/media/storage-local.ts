import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isMediaKey, MediaStorageError, newMediaKey, type TByteRange, type TMediaPut, type TMediaStorage } from './storage';

/** Disk errors that mean "no room" rather than "broken". */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * Files under one root (DATA_DIR/media). A put writes to a temporary name and renames it into place, so a reader
 * never sees half a file and a crash leaves only a `.part` to clean.
 */
export class LocalMediaStorage implements TMediaStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!isMediaKey(key)) throw new MediaStorageError('not_found', 'not a media key');
    return path.join(this.root, ...key.split('/'));
  }

  async put(input: TMediaPut): Promise<{ key: string; size: number }> {
    const key = newMediaKey(input.workspaceId);
    const target = this.pathOf(key);
    const partial = `${target}.part`;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      const source = Buffer.isBuffer(input.body) ? Readable.from([input.body]) : input.body;
      await pipeline(source, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, target);
      return { key, size: (await stat(target)).size };
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      throw failureOf(error, 'put');
    }
  }

  async get(key: string, range?: TByteRange): Promise<{ body: Readable; size: number }> {
    const file = this.pathOf(key);
    const found = await this.stat(key);
    if (!found) throw new MediaStorageError('not_found', 'no such media');
    const body = createReadStream(file, range ? { start: range.start, end: range.end } : {});
    return { body, size: found.size };
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw failureOf(error, 'stat');
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.pathOf(key), { force: true });
    } catch (error) {
      throw failureOf(error, 'delete');
    }
  }
}

function failureOf(error: unknown, operation: string): MediaStorageError {
  if (error instanceof MediaStorageError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  return new MediaStorageError(FULL_CODES.has(code) ? 'full' : 'unreachable', `local media ${operation} failed (${code})`, {
    cause: error,
  });
}
