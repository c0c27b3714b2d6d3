import { connect, type Socket } from 'node:net';

/**
 * A minimal HTTP/1.1 client on one kept-alive socket: write a request, read back one response (status line,
 * headers, a Content-Length body). The webhook load generator shares two cores with the app it measures, so it
 * must cost as little as it can: this is about a third of Node's http client and a tenth of fetch per request,
 * the way wrk is written in C. It speaks only what the app answers (Content-Length bodies, no chunking).
 */
export class RawHttpConnection {
  private socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | null = null;

  private constructor(
    socket: Socket,
    private readonly url: URL,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  static async open(base: string): Promise<RawHttpConnection> {
    const url = new URL(base);
    return new RawHttpConnection(await RawHttpConnection.connect(url), url);
  }

  private static connect(url: URL): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port || 80), url.hostname, () => resolve(socket));
      socket.once('error', reject);
    });
  }

  private attach(socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  /**
   * POSTs `body` to `path` and answers the response's status code once the whole response has arrived. A connection
   * the server closed while idle (its keep-alive timeout) is opened again first, as any keep-alive client does.
   */
  async post(path: string, body: string, headers: Record<string, string>): Promise<number> {
    if (this.waiting) throw new Error('one request at a time per connection');
    if (this.socket.destroyed || !this.socket.writable) {
      this.buffer = Buffer.alloc(0);
      this.socket = await RawHttpConnection.connect(this.url);
      this.attach(this.socket);
    }
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.url.host}\r\nconnection: keep-alive\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`${head}\r\n${body}`);
    });
  }

  close() {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private receive(chunk: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
    if (!Number.isFinite(length)) return this.fail(new Error(`response without Content-Length: ${head.split('\r\n')[0]}`));
    if (this.buffer.length < end + 4 + length) return;
    this.buffer = this.buffer.subarray(end + 4 + length);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve(status);
  }

  private fail(error: Error) {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}
