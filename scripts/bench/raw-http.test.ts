import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawHttpConnection } from './raw-http';

let server: Server;
let base: string;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${req.headers['x-test']} ${body}`);
      const answer = 'ok';
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the load generator’s raw HTTP connection', () => {
  it('sends requests one after another on one connection and answers their status', async () => {
    const connection = await RawHttpConnection.open(base);
    expect(await connection.post('/a', 'first', { 'x-test': '1' })).toBe(200);
    expect(await connection.post('/missing', 'second', { 'x-test': '2' })).toBe(404);
    expect(received.slice(-2)).toEqual(['POST /a 1 first', 'POST /missing 2 second']);
    connection.close();
  });

  it('opens the connection again when the server closed it while idle', async () => {
    const connection = await RawHttpConnection.open(base);
    expect(await connection.post('/before', 'x', {})).toBe(200);
    server.closeAllConnections();
    // The next request must not hang on the closed socket.
    await expect.poll(() => connection.post('/after', 'y', {})).toBe(200);
    expect(received.at(-1)).toBe('POST /after undefined y');
    connection.close();
  });
});
