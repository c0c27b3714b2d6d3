import { spawn, type ChildProcess } from 'node:child_process';
import { secretsKey } from '../../server/secrets/key';

/**
 * The app on the bench database for `npm run bench -- --start-app`: the process at once (so the runner can stop it
 * whatever happens next), and when it answers its health check.
 */
export function spawnApp(base: string, url: URL): { app: ChildProcess; healthy: Promise<void> } {
  const port = new URL(base).port || '3300';
  // Its own process group, so stopping it reaches tsx's child too (killing npx alone left the server running).
  const app = spawn('node_modules/.bin/tsx', ['server/index.ts'], {
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: port,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || 'bench-secret-bench-secret',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RUN_WORKERS: 'false',
      // Without workers the app must be given its sealing key: the one this runner opens secrets with (SECRETS_KEY,
      // else DATA_DIR/secrets-key), so both read the bench numbers' sealed secrets alike.
      SECRETS_KEY: process.env.SECRETS_KEY || secretsKey().toString('base64'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { app, healthy: healthy(base, app) };
}

async function healthy(base: string, app: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (app.exitCode !== null) throw new Error('the app exited during start');
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the app did not become healthy in 120 s');
}
