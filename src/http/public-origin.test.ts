import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { publicBaseResolver } from './public-origin.js';

/** A request as Node hands it over: only the socket's addresses and the headers matter here. */
function requestFrom(
  remoteAddress: string,
  headers: Record<string, string>,
  local: { address: string; port: number; encrypted?: boolean } = { address: '192.0.2.10', port: 5555 },
): IncomingMessage {
  return {
    headers,
    socket: { remoteAddress, localAddress: local.address, localPort: local.port, encrypted: local.encrypted },
  } as unknown as IncomingMessage;
}

const HOSTILE = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

describe('the base of absolute URLs', () => {
  it('is the configured public URL, whatever the request says', () => {
    const baseOf = publicBaseResolver({ publicUrl: 'https://orders.example.com/crm', trustedProxies: ['10.0.0.5'] });
    expect(baseOf(requestFrom('10.0.0.5', HOSTILE))).toBe('https://orders.example.com/crm');
  });

  it('without one, is the local address the request arrived on, never Host', () => {
    const baseOf = publicBaseResolver({ trustedProxies: [] });
    expect(baseOf(requestFrom('203.0.113.7', HOSTILE))).toBe('http://192.0.2.10:5555');
    expect(baseOf(requestFrom('::1', HOSTILE, { address: '::1', port: 5555 }))).toBe('http://[::1]:5555');
    expect(baseOf(requestFrom('::ffff:127.0.0.1', HOSTILE, { address: '::ffff:127.0.0.1', port: 80 }))).toBe(
      'http://127.0.0.1',
    );
    expect(baseOf(requestFrom('203.0.113.7', {}, { address: '192.0.2.10', port: 443, encrypted: true }))).toBe(
      'https://192.0.2.10',
    );
  });

  it('honours X-Forwarded-Proto and X-Forwarded-Host from a trusted proxy only', () => {
    const baseOf = publicBaseResolver({ trustedProxies: ['10.0.0.0/8', 'fd00::/8'] });
    const forwarded = { host: 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' };
    expect(baseOf(requestFrom('10.1.2.3', forwarded))).toBe('https://shop.example');
    expect(baseOf(requestFrom('::ffff:10.1.2.3', forwarded))).toBe('https://shop.example');
    expect(baseOf(requestFrom('fd00::1', forwarded))).toBe('https://shop.example');
    expect(baseOf(requestFrom('11.1.2.3', forwarded))).toBe('http://192.0.2.10:5555');
  });

  it('takes the value the trusted proxy appended, and ignores malformed ones', () => {
    const baseOf = publicBaseResolver({ trustedProxies: ['10.0.0.5'] });
    const appended = { 'x-forwarded-proto': 'http, https', 'x-forwarded-host': 'evil.example, shop.example:8443' };
    expect(baseOf(requestFrom('10.0.0.5', appended))).toBe('https://shop.example:8443');
    for (const host of ['evil.example/path', 'user@evil.example', 'shop.example:99999', 'evil.example\\x', '']) {
      expect(baseOf(requestFrom('10.0.0.5', { 'x-forwarded-host': host }))).toBe('http://192.0.2.10:5555');
    }
    expect(baseOf(requestFrom('10.0.0.5', { 'x-forwarded-proto': 'javascript' }))).toBe('http://192.0.2.10:5555');
  });
});
