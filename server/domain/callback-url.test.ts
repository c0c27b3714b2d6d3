import { describe, expect, it } from 'vitest';
import { sameOriginCallbackUrl } from './callback-url';

const ORIGIN = 'http://127.0.0.1:3000';

describe('sameOriginCallbackUrl', () => {
  it.each([
    ['/', 'http://127.0.0.1:3000/'],
    ['/login', 'http://127.0.0.1:3000/login'],
    ['/inbox?view=mine&c=abc#m-1', 'http://127.0.0.1:3000/inbox?view=mine&c=abc#m-1'],
    ['/inbox/../login', 'http://127.0.0.1:3000/login'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/'],
    ['http://127.0.0.1:3000/inbox', 'http://127.0.0.1:3000/inbox'],
    ['HTTP://127.0.0.1:3000/inbox', 'http://127.0.0.1:3000/inbox'],
    ['/%2F%2Fevil.example', 'http://127.0.0.1:3000/%2F%2Fevil.example'],
  ])('keeps %j on this origin as %j', (value, expected) => {
    expect(sameOriginCallbackUrl(value, ORIGIN)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'https://evil.example/',
    'http://evil.example/inbox',
    'https://127.0.0.1:3000/inbox', // another scheme is another origin
    'http://127.0.0.1:3001/inbox', // another port too
    'http://127.0.0.1:3000@evil.example/',
    'http://user:pass@127.0.0.1:3000/',
    '//evil.example',
    '//evil.example/inbox',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/inbox\u0000',
    'inbox',
    'evil.example',
    '',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (value) => {
    expect(sameOriginCallbackUrl(value, ORIGIN)).toBeNull();
  });

  it.each([undefined, null, 42, ['/inbox'], { url: '/inbox' }])('refuses a non-string %j', (value) => {
    expect(sameOriginCallbackUrl(value, ORIGIN)).toBeNull();
  });

  it('refuses everything when its own origin is not a URL', () => {
    expect(sameOriginCallbackUrl('/inbox', 'not an origin')).toBeNull();
  });

  it('follows the origin it is given: https behind a proxy', () => {
    expect(sameOriginCallbackUrl('https://inbox.example.com/inbox', 'https://inbox.example.com')).toBe('https://inbox.example.com/inbox');
    expect(sameOriginCallbackUrl('http://inbox.example.com/inbox', 'https://inbox.example.com')).toBeNull();
  });
});
