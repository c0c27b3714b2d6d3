import { createHash, randomBytes } from 'node:crypto';

/**
 * A link's secret: 32 random bytes in the URL, and only their SHA-256 in the database, so a database dump opens no
 * pending invite or reset. A plain hash suffices (no salt, no slow hash): the token is random, not a password.
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

