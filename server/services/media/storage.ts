import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * The one place media bytes are kept. Local files under DATA_DIR/media by default (one machine, the one-command
 * start); any S3-compatible store when S3_BUCKET is set (clusters). Callers never see which: they put bytes and get
 * back a key, and read, stat or delete by that key. Keys are ours (workspace/yyyy-mm/uuid), never a customer's file
 * name, so nothing a customer sends can choose a path. The configured one: mediaStorage() in ./storage-select.ts.
 */
export type TMediaStorage = {
  /** Stores the bytes under a new key; `size` is required for a stream (object stores need the length up front). */
  put(input: TMediaPut): Promise<{ key: string; size: number }>;
  /** The bytes of a key, all of them or an inclusive byte range (already checked against stat's size). */
  get(key: string, range?: TByteRange): Promise<{ body: Readable; size: number }>;
  /** The stored size, or null when the key is not there. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
};

export type TMediaPut = {
  workspaceId: string;
  body: Buffer | Readable;
  size?: number;
  contentType: string;
};

/** Inclusive, like HTTP's Range: bytes=start-end. */
export type TByteRange = { start: number; end: number };

/**
 * Why storage failed, for the caller to turn into a message failure with a reason (media `storage_failed`) or a
 * 404/503 when serving. `full`: no space or quota; `unreachable`: the disk or store did not answer or refused us;
 * `not_found`: no such key.
 */
export const STORAGE_FAILURES = ['full', 'unreachable', 'not_found'] as const;
export type TStorageFailure = (typeof STORAGE_FAILURES)[number];

export class MediaStorageError extends Error {
  constructor(
    readonly failure: TStorageFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaStorageError';
  }
}

export const isStorageError = (error: unknown): error is MediaStorageError => error instanceof MediaStorageError;

/** A new key for a workspace's file: grouped by workspace and month so a workspace's files can be found and removed. */
export function newMediaKey(workspaceId: string, now = new Date()): string {
  if (!/^[0-9a-f-]{36}$/i.test(workspaceId)) throw new Error('newMediaKey: a workspace id is a uuid');
  return `${workspaceId}/${now.toISOString().slice(0, 7)}/${randomUUID()}`;
}

/** A key we made (see newMediaKey): anything else (a traversal, an absolute path) is refused before it reaches a disk. */
export const isMediaKey = (key: string): boolean => /^[0-9a-f-]{36}\/\d{4}-\d{2}\/[0-9a-f-]{36}$/i.test(key);
