import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { TEnv } from '@/server/env';
import { isMediaKey, MediaStorageError, newMediaKey, type TByteRange, type TMediaPut, type TMediaStorage } from './storage';

/** Answers that mean the store is out of room (AWS, MinIO, Ceph and R2 each name it their way; 507 is HTTP's). */
const FULL_NAMES = new Set(['QuotaExceeded', 'XMinioStorageFull', 'StorageFull', 'InsufficientStorage', 'EntityTooLarge']);

/** An S3-compatible bucket (S3_* settings, server/env.ts); every node of a cluster reads and writes the same one. */
export class S3MediaStorage implements TMediaStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: TEnv) {
    if (!config.S3_BUCKET) throw new Error('S3MediaStorage needs S3_BUCKET');
    if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY))
      throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all');
    this.bucket = config.S3_BUCKET;
    this.prefix = config.S3_PREFIX ? `${config.S3_PREFIX.replace(/\/+$/, '')}/` : '';
    this.client = new S3Client({
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      // A store that does not answer fails the download (media `storage_failed`) instead of hanging the job.
      requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000 },
      maxAttempts: 3,
      ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } }
        : {}),
    });
  }

  private objectKey(key: string): string {
    if (!isMediaKey(key)) throw new MediaStorageError('not_found', 'not a media key');
    return `${this.prefix}${key}`;
  }

  async put(input: TMediaPut): Promise<{ key: string; size: number }> {
    const size = Buffer.isBuffer(input.body) ? input.body.length : input.size;
    if (size === undefined) throw new Error('S3MediaStorage.put: a stream needs its size');
    const key = newMediaKey(input.workspaceId);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: input.body,
      ContentLength: size,
      ContentType: input.contentType,
    });
    await mapped('put', () => this.client.send(command));
    return { key, size };
  }

  async get(key: string, range?: TByteRange): Promise<{ body: Readable; size: number }> {
    const found = await this.stat(key);
    if (!found) throw new MediaStorageError('not_found', 'no such media');
    const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range });
    const answer = await mapped('get', () => this.client.send(command));
    if (!(answer.Body instanceof Readable)) throw new MediaStorageError('unreachable', 'S3 get returned no stream');
    return { body: answer.Body, size: found.size };
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (statusOf(error) === 404 || nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey') return null;
      throw s3FailureOf(error, 'stat');
    }
  }

  async delete(key: string): Promise<void> {
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    await mapped('delete', () => this.client.send(command));
  }
}

/** Every command's failure mapped the same way. */
async function mapped<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw s3FailureOf(error, operation);
  }
}

const nameOf = (error: unknown): string | undefined => (error as { name?: string } | null)?.name;
const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

/** An SDK or network error → our failure; the message names the operation and the store's code, never a credential. */
export function s3FailureOf(error: unknown, operation: string): MediaStorageError {
  if (error instanceof MediaStorageError) return error;
  const name = nameOf(error) ?? 'unknown';
  const status = statusOf(error);
  if (status === 404 || name === 'NoSuchKey' || name === 'NotFound')
    return new MediaStorageError('not_found', `S3 ${operation}: not found`, { cause: error });
  const full = FULL_NAMES.has(name) || status === 507;
  return new MediaStorageError(full ? 'full' : 'unreachable', `S3 ${operation} failed (${name}${status ? ` ${status}` : ''})`, {
    cause: error,
  });
}
