import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (channel access tokens, app secrets): AES-256-GCM with a random 12-byte IV per value and its
 * 16-byte authentication tag, in a versioned text format
 *
 *   sealed:v1:<key id>:<iv>:<tag>:<ciphertext>        (base64url parts)
 *
 * The key id (8 hex digits of the key's SHA-256) names which key sealed a value, so a later rotation can keep the
 * old key for opening while sealing with the new one, and a value sealed under another key is refused in words
 * rather than as a failed tag. `context` (the field's name) is bound in as additional data: a sealed token copied
 * into the app-secret field does not open.
 */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRETS_KEY_BYTES = 32;

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function checkKey(key: Buffer) {
  if (key.length !== SECRETS_KEY_BYTES) throw new SealError(`a secrets key has ${SECRETS_KEY_BYTES} bytes, this one ${key.length}`);
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function seal(plaintext: string, key: Buffer, context: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
  return `${PREFIX}${keyId(key)}:${parts.join(':')}`;
}

/** The plaintext of a sealed value; throws SealError when it was sealed under another key, tampered with or cut. */
export function open(sealed: string, key: Buffer, context: string): string {
  checkKey(key);
  if (!isSealed(sealed)) throw new SealError('not a sealed value');
  const [kid, iv, tag, ciphertext, ...rest] = sealed.slice(PREFIX.length).split(':');
  if (kid === undefined || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0)
    throw new SealError('a sealed value in an unknown shape');
  if (kid !== keyId(key)) throw new SealError(`sealed under another key (${kid}); this key is ${keyId(key)}`);
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SealError('a sealed value in an unknown shape');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('a sealed value failed its authentication (tampered with, or another context)');
  }
}
