import { spawn } from 'node:child_process';

/** A process the scale-out test started, in a process group of its own so that stop() reaches its children too. */
export type TProcess = {
  name: string;
  pid: number;
  /** The last lines it wrote (stdout and stderr), for failure messages. */
  output: () => string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  hasExited: () => boolean;
  /** Resolves when a line matching `pattern` has been written (or rejects if the process exits first). */
  waitForLine: (pattern: RegExp, timeoutMs: number) => Promise<void>;
  /**
   * SIGTERM to the whole group (as a container runtime or systemd stops a service: `npm run` and `sh` do not pass
   * the signal on), SIGKILL to whatever is left after `graceMs`. Resolves once every process of the group is gone.
   */
  stop: (graceMs?: number) => Promise<void>;
};

export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): TProcess {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  let exited = false;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      for (const watcher of watchers) watcher(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exitedPromise = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const output = () => lines.slice(-40).join('\n');
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };

  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };

  return {
    name,
    pid: child.pid!,
    output,
    exited: exitedPromise,
    hasExited: () => exited,
    waitForLine: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (lines.some((line) => pattern.test(line))) return resolve();
        const timer = setTimeout(
          () => done(new Error(`${name}: no line matching ${pattern} within ${timeoutMs} ms\n${output()}`)),
          timeoutMs,
        );
        const watcher = (line: string) => pattern.test(line) && done();
        const done = (error?: Error) => {
          clearTimeout(timer);
          watchers.delete(watcher);
          if (error) reject(error);
          else resolve();
        };
        watchers.add(watcher);
        void exitedPromise.then((code) => done(new Error(`${name} exited (${code}) before writing ${pattern}\n${output()}`)));
      }),
    stop: async (graceMs = 10_000) => {
      signalGroup('SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      if (groupAlive()) signalGroup('SIGKILL');
      await exitedPromise;
    },
  };
}

/** Polls an app instance's /api/health until it answers 200; fails at once if the process exits first. */
export async function waitForHealthy(proc: TProcess, baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.hasExited()) throw new Error(`${proc.name} exited during start\n${proc.output()}`);
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    // Wait for the process to exit or a short beat, whichever is first, before asking again.
    await Promise.race([proc.exited, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  throw new Error(`${proc.name} was not healthy within ${timeoutMs} ms\n${proc.output()}`);
}
