import { describe, expect, it } from 'vitest';
import {
  type DeltaToken,
  decodeDeltaToken,
  decodePageCookie,
  encodeDeltaToken,
  encodePageCookie,
  isPageCookie,
  type TokenCheck,
} from './change-token.js';

const ORGANIZATION = '6f1c1a52-6d7e-4a55-9a9b-0d3e1f3a2b10';
const NOW = 1_780_000_000;
const check: TokenCheck = {
  set: 'salesorders',
  kind: 'xid',
  isWatermark: (text) => /^\d+:\d+:$/.test(text),
  organizationId: ORGANIZATION,
  now: NOW,
  expiryDays: 7,
};
const token: DeltaToken = { set: 'salesorders', kind: 'xid', watermark: '48213:48215:', issuedAt: NOW - 60 };

describe('change tracking tokens', () => {
  it('read back what they were written with, as URL-safe opaque text', () => {
    const text = encodeDeltaToken(token, ORGANIZATION);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeDeltaToken(text, check)).toEqual(token);
  });

  it('tell a page cookie from an ordinary paging cookie and from a delta token', () => {
    const cookie = encodePageCookie(
      { ...token, mode: 'delta', phase: 'removals', after: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      ORGANIZATION,
    );
    expect(isPageCookie(cookie)).toBe(true);
    expect(isPageCookie(Buffer.from(JSON.stringify({ offset: 5000 })).toString('base64url'))).toBe(false);
    expect(isPageCookie(encodeDeltaToken(token, ORGANIZATION))).toBe(false);
    expect(decodePageCookie(cookie, check)).toMatchObject({
      mode: 'delta',
      phase: 'removals',
      watermark: '48213:48215:',
    });
  });

  it('expire after the organization setting, counted from their issue time', () => {
    const old = encodeDeltaToken({ ...token, issuedAt: NOW - 7 * 86_400 - 1 }, ORGANIZATION);
    expect(() => decodeDeltaToken(old, check)).toThrow(/has expired: changes are tracked for 7 day\(s\)/);
    expect(decodeDeltaToken(old, { ...check, expiryDays: 8 }).watermark).toBe('48213:48215:');
    // A setting of 0 still gives a day, or every token would expire as it is issued.
    const hourOld = encodeDeltaToken({ ...token, issuedAt: NOW - 3600 }, ORGANIZATION);
    expect(decodeDeltaToken(hourOld, { ...check, expiryDays: 0 }).issuedAt).toBe(NOW - 3600);
  });

  it.each<[string, (text: string) => string, RegExp]>([
    ['cut short', (text) => text.slice(0, -3), /not valid/],
    [
      'another organization',
      () => encodeDeltaToken(token, '00000000-0000-0000-0000-000000000000'),
      /another organization/,
    ],
    [
      'another entity set',
      () => encodeDeltaToken({ ...token, set: 'invoices' }, ORGANIZATION),
      /of invoices, not of salesorders/,
    ],
    ['another store', () => encodeDeltaToken({ ...token, kind: 'version' }, ORGANIZATION), /runs on PostgreSQL/],
    ['not base64url', () => 'a+b/c=', /not a change tracking token/],
    [
      'a page cookie',
      () => encodePageCookie({ ...token, mode: 'initial', phase: 'rows', after: '' }, ORGANIZATION),
      /not a change tracking token/,
    ],
  ])('refuse a token from %s with a 400', (_, make, message) => {
    const text = make(encodeDeltaToken(token, ORGANIZATION));
    let error: unknown;
    try {
      decodeDeltaToken(text, check);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ status: 400, message: expect.stringMatching(message) });
  });
});
