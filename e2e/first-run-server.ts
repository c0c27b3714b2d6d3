import { spawn, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { e2eServerUrl } from './database-url';

/**
 * An app server of the first-run spec's own: the shared e2e server has users (the demo), and the set-up only exists
 * on a database without any. A fresh database, no demo, its own port; the setup code is read from its output, as an
 * operator reads it from the log.
 */
export type TFirstRunServer = { url: string; setupCode: string; output: () => string; stop: () => Promise<void> };

export async function startFirstRunServer(port: number): Promise<TFirstRunServer> {
  const name = `nafidha_e2e_setup_${port}`;
  const admin = postgres(e2eServerUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const databaseUrl = new URL(e2eServerUrl());
  databaseUrl.pathname = `/${name}`;

  // node itself (tsx as a loader), not npx: SIGTERM then reaches the server, which shuts down cleanly.
  const { NEXTAUTH_URL: _unused, ...inherited } = process.env; // redirects follow the host the browser used
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...inherited,
      DATABASE_URL: databaseUrl.toString(),
      PORT: String(port),
      SEED_DEMO: 'false',
      CUSTOMER_SIMULATOR: 'off',
      NEXTAUTH_SECRET: 'e2e-first-run-secret-not-for-production',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const setupCode = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup code printed within 90 s:\n${output}`)), 90_000);
    const read = (data: Buffer) => {
      output += data.toString();
      const match = /Setup code: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the first-run server exited (${code}):\n${output}`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    setupCode,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      const cleanup = postgres(e2eServerUrl(), { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
