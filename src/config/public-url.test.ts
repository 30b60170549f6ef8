import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from './app-config.js';

describe('ORDERLINE_PUBLIC_URL', () => {
  it('is optional: without it, links are built from the listening address', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it.each([
    ['https://orders.example.com', 'https://orders.example.com'],
    ['https://orders.example.com/', 'https://orders.example.com'],
    ['http://10.0.0.5:5555', 'http://10.0.0.5:5555'],
    ['HTTPS://Example.COM:443/crm/', 'https://example.com/crm'],
  ])('%s is the base %s', (value, base) => {
    expect(loadConfig({ ORDERLINE_PUBLIC_URL: value }).publicUrl).toBe(base);
  });

  it.each([
    'orders.example.com',
    '/api',
    'ftp://orders.example.com',
    'javascript:alert(1)',
    'https://orders.example.com/?next=1',
    'https://orders.example.com/#top',
    'https://user:secret@orders.example.com',
  ])('%s is refused at start with a message naming the setting', (value) => {
    expect(() => loadConfig({ ORDERLINE_PUBLIC_URL: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ORDERLINE_PUBLIC_URL: value })).toThrow(/ORDERLINE_PUBLIC_URL/);
  });
});

describe('ORDERLINE_TRUSTED_PROXIES', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
  });

  it('takes addresses and CIDR subnets of both families, separated by commas', () => {
    expect(loadConfig({ ORDERLINE_TRUSTED_PROXIES: ' 10.0.0.5, 192.168.0.0/16,fd00::/8 ,::1' }).trustedProxies).toEqual(
      ['10.0.0.5', '192.168.0.0/16', 'fd00::/8', '::1'],
    );
  });

  it.each(['loopback', '10.0.0.0/33', 'fd00::/129', '10.0.0.1/8/8', 'proxy.internal', '10.0.0/8'])(
    '%s is refused at start',
    (value) => {
      expect(() => loadConfig({ ORDERLINE_TRUSTED_PROXIES: value })).toThrow(/ORDERLINE_TRUSTED_PROXIES/);
    },
  );
});
