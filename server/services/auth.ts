import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { parseCredentials, type TSignInError } from '@/server/domain/credentials';
import { hashPassword, verifyPassword } from './passwords';

export type TSignedInUser = { id: string; email: string; name: string };

// Verifying against a real hash when the email is unknown keeps the response time the same either way,
// so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyCredentials(
  db: TDbOrTx,
  input: unknown,
): Promise<{ ok: true; user: TSignedInUser } | { ok: false; error: TSignInError }> {
  const parsed = parseCredentials(input);
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.value;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!user) {
    dummyHash ??= hashPassword('nafidha-timing-equaliser');
    await verifyPassword(await dummyHash, password);
    return { ok: false, error: 'INVALID_CREDENTIALS' };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, error: 'INVALID_CREDENTIALS' };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
