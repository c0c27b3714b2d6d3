import path from 'node:path';
import { env, type TEnv } from '@/server/env';
import type { TMediaStorage } from './storage';
import { LocalMediaStorage } from './storage-local';
import { S3MediaStorage } from './storage-s3';

let selected: TMediaStorage | undefined;

/** The configured storage (S3 when S3_BUCKET is set, else local files), made once per process. */
export function mediaStorage(config: TEnv = env()): TMediaStorage {
  if (selected) return selected;
  selected = storageFor(config);
  return selected;
}

export function storageFor(config: TEnv): TMediaStorage {
  if (config.S3_BUCKET) {
    return new S3MediaStorage(config);
  }
  return new LocalMediaStorage(path.resolve(config.DATA_DIR, 'media'));
}

/** Tests swap the storage (a temporary directory, or one that fails) and put it back. */
export function setMediaStorageForTests(storage: TMediaStorage | undefined): void {
  selected = storage;
}
