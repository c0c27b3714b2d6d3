/**
 * A process of light listening clients for the realtime load (./realtime-load.ts): spreading the sockets over
 * processes lets the generator use the machine's other core instead of lagging behind the events it times.
 * Arrival times are absolute (timeOrigin + now), so the parent can compare them with its webhook answers.
 * Speaks JSON lines: its configuration on stdin first, then `reset` and `stop`; answers `ready` and `summary`.
 */
import { createInterface } from 'node:readline';
import type { TRealtimeEvent } from '../../server/realtime/events';
import { openLightClient } from './realtime-clients';

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const { base, cookies } = JSON.parse((await lines.next()).value as string) as { base: string; cookies: string[] };
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
const calls = new Map<string, number>();
const arrivals = new Map<number, { count: number; last: number }>();
const onEvent = (event: TRealtimeEvent) => {
  if (event.type !== 'message.created') return;
  const at = performance.timeOrigin + performance.now();
  const seen = arrivals.get(event.messageId) ?? { count: 0, last: 0 };
  seen.count += 1;
  seen.last = Math.max(seen.last, at);
  arrivals.set(event.messageId, seen);
};
const clients: { stop: () => void }[] = [];
for (const cookie of cookies) clients.push(await openLightClient(base, cookie, calls, onEvent));
say({ type: 'ready' });
for await (const line of { [Symbol.asyncIterator]: () => lines }) {
  if (line === 'reset') {
    calls.clear();
    arrivals.clear();
  }
  if (line === 'stop') {
    for (const c of clients) c.stop();
    say({ type: 'summary', arrivals: [...arrivals], calls: [...calls] });
    process.exit(0);
  }
}
