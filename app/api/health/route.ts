import { database } from '@/db/client';
import { migrationState } from '@/db/migrate';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: 200 only when the database answers and every committed migration is applied. */
export async function GET() {
  try {
    const migrations = await migrationState(database().sql);
    const ok = migrations.upToDate;
    return Response.json({ status: ok ? 'ok' : 'migrations_pending', database: 'up', migrations }, { status: ok ? 200 : 503 });
  } catch {
    return Response.json({ status: 'unavailable', database: 'down' }, { status: 503 });
  }
}
