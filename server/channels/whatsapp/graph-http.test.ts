import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from './graph-http';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') return res.end('{"ok":true}');
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial');
      return; // the rest never comes
    }
    // /silent: read the request, never answer
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, timeoutMs = 300) =>
  httpRequest(new URL(`${base}${path}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs });

describe('httpRequest', () => {
  it('returns the answer', async () => {
    expect(await post('/ok')).toEqual({ ok: true, status: 200, text: '{"ok":true}' });
  });

  it('a request that was written and never answered has an unknown outcome', async () => {
    expect(await post('/silent')).toMatchObject({ ok: false, phase: 'unknown', timedOut: true });
  });

  it('an answer cut off midway has an unknown outcome', async () => {
    expect(await post('/cut')).toMatchObject({ ok: false, phase: 'unknown', timedOut: true });
  });

  it('a refused connection never sent anything', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await httpRequest(new URL(`http://127.0.0.1:${port}/`), { method: 'POST', headers: {}, body: '{}', timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, phase: 'connect', timedOut: false });
  });
});
