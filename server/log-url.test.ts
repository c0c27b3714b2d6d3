import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { maskLinkTokens, scrubLogFields, urlForLog } from './log-url';
import { LOGGER_OPTIONS } from './logger';

const TOKEN = 'Qm9vbXNoYWthbGFrYS1ib29tc2hha2FsYWthLWJvb20';

describe('urlForLog', () => {
  it('keeps origin and path, drops query string and fragment, masks link tokens', () => {
    expect(urlForLog('http://app.example/inbox?view=mine&q=lina#top')).toBe('http://app.example/inbox');
    expect(urlForLog(`/api/auth/signin?callbackUrl=%2Finvite%2F${TOKEN}`)).toBe('/api/auth/signin');
    expect(urlForLog(`https://app.example/invite/${TOKEN}`)).toBe('https://app.example/invite/[token]');
    expect(urlForLog(`/reset-password/${TOKEN}?x=1`)).toBe('/reset-password/[token]');
    expect(urlForLog('http://localhost:3000')).toBe('http://localhost:3000');
  });

  it('masks tokens quoted in free text', () => {
    expect(maskLinkTokens(`fetch failed for http://h/invite/${TOKEN} (timeout)`)).toBe('fetch failed for http://h/invite/[token] (timeout)');
  });
});

describe('scrubLogFields', () => {
  it('cleans URL-named fields and strings at any depth, errors included, without changing its input', () => {
    const input = {
      url: `http://h/accept?token=${TOKEN}`,
      metadata: { client: true, href: `/x?callbackUrl=${TOKEN}`, error: new Error(`GET http://h/reset-password/${TOKEN}?a=b failed`) },
      list: [`see /invite/${TOKEN}`],
      count: 3,
    };
    const scrubbed = scrubLogFields(input);
    expect(JSON.stringify(scrubbed)).not.toContain(TOKEN);
    expect(JSON.stringify(scrubbed)).not.toContain('?');
    expect(scrubbed).toMatchObject({ url: 'http://h/accept', metadata: { href: '/x', error: { message: 'GET http://h/reset-password/[token] failed' } }, count: 3 });
    expect(input.url).toContain(TOKEN);
  });
});

describe('the logger', () => {
  it('never writes a query string or a link token, whatever a caller logs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({ ...LOGGER_OPTIONS, level: 'info' }, sink);
    log.info({ url: `/invite/${TOKEN}?utm=mail` }, 'page');
    log.error({ code: 'CLIENT_FETCH_ERROR', metadata: { url: `http://h/api/auth/session?callbackUrl=/reset-password/${TOKEN}` } }, 'next-auth error');
    log.warn({ err: new Error(`redirect to /invite/${TOKEN} refused`) }, 'oops');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toMatch(/\?(utm|callbackUrl)/);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ url: '/invite/[token]', msg: 'page' });
  });
});
