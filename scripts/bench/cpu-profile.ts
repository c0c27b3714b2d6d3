/**
 * A CPU profile of this process while `work` runs (V8's sampling profiler through node:inspector), summed by where the
 * time is spent: which package or source file, and which functions. It answers "where do the milliseconds of one
 * request go" in figures, without a browser's DevTools. Time waiting on PostgreSQL is not CPU here and shows as idle.
 */
import { Session } from 'node:inspector/promises';

type TNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type TProfile = { nodes: TNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
export type TProfileRow = { name: string; ms: number; share: number };
export type TProfileSummary = { wallMs: number; busyMs: number; byPlace: TProfileRow[]; byFunction: TProfileRow[] };

export async function profileCpu(work: () => Promise<void>, sampleIntervalMicros = 100): Promise<TProfileSummary> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: sampleIntervalMicros });
  await session.post('Profiler.start');
  let stopped: { profile: TProfile };
  try {
    await work();
  } finally {
    stopped = (await session.post('Profiler.stop')) as unknown as { profile: TProfile };
    session.disconnect();
  }
  return summarize(stopped.profile);
}

/** Where a frame's code lives: a package by name, our own file by path, or one of V8's pseudo-frames. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/((?:server|db|scripts|components|app)\/.*)$/.exec(url);
  return own ? own[1]! : url;
}

function summarize(profile: TProfile): TProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let idle = 0;
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += micros;
      continue;
    }
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const wall = profile.endTime - profile.startTime;
  const busy = wall - idle;
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: busy > 0 ? micros / busy : 0 }));
  return { wallMs: wall / 1000, busyMs: busy / 1000, byPlace: rows(places), byFunction: rows(functions) };
}
