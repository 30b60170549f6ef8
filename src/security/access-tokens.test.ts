import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { listTokens } from '../storage/repositories/access-token-store.js';
import { openStore, type Store } from '../storage/store.js';
import {
  CONFIGURED_ADMIN_TOKEN,
  capTokenLifetimes,
  checkedLifetimeDays,
  GENERATED_ADMIN_TOKEN,
  generateToken,
  issueToken,
  RevokedAdminToken,
  registerAdminToken,
  revokeToken,
  TOKEN_PREFIX,
  userOfToken,
} from './access-tokens.js';
import { hashSecret } from './secret-digest.js';

const NOW = '2024-05-01T10:00:00Z';
const MAX_DAYS = 90;
const later = (days: number) => new Date(new Date(NOW).getTime() + days * 86_400_000).toISOString();

describe('hashSecret', () => {
  it('is the SHA-256 of the token, in lower-case hex', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashSecret('olt_x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never contains the token and differs for different tokens', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), fc.string({ minLength: 16 }), (a, b) => {
        const hash = hashSecret(a);
        expect(hash).toBe(createHash('sha256').update(a).digest('hex'));
        expect(hash).not.toContain(a);
        if (a !== b) expect(hashSecret(b)).not.toBe(hash);
      }),
    );
  });
});

describe('generateToken', () => {
  it('starts with olt_ and carries 32 random bytes as at least 43 base64url characters', () => {
    const token = generateToken();
    expect(TOKEN_PREFIX).toBe('olt_');
    expect(token).toMatch(/^olt_[A-Za-z0-9_-]{43,}$/);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
  });
});

describe('issueToken, userOfToken and revokeToken against a SQLite store', () => {
  let folder: string;
  let store: Store;
  const userId = randomUUID();

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'orderline-tokens-'));
    store = await openStore(join(folder, 'tokens.db'), createSalesMetadata());
  });

  afterAll(async () => {
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('issues a token that identifies its user until it expires', async () => {
    const issued = await issueToken(store.db, userId, NOW, { days: 30, maxDays: MAX_DAYS }, { description: 'test' });
    expect(issued.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(issued.expiresOn).toBe('2024-05-31T10:00:00Z');
    expect(await userOfToken(store.db, issued.token, NOW)).toBe(userId);
    expect(await userOfToken(store.db, issued.token, later(29))).toBe(userId);
  });

  it('stores only the hash of the token, never the token', async () => {
    const issued = await issueToken(store.db, userId, NOW, { days: 1, maxDays: MAX_DAYS });
    const rows = await store.db.selectFrom('ol_accesstoken').selectAll().execute();
    const row = rows.find((candidate) => candidate.tokenhash === hashSecret(issued.token));
    expect(row).toBeDefined();
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(JSON.stringify(rows)).not.toContain(issued.token.slice(TOKEN_PREFIX.length));
  });

  it('refuses an expired token (at and after its expiry)', async () => {
    const issued = await issueToken(store.db, userId, NOW, { days: 1, maxDays: MAX_DAYS });
    expect(await userOfToken(store.db, issued.token, later(0.99))).toBe(userId);
    expect(await userOfToken(store.db, issued.token, issued.expiresOn)).toBeUndefined();
    expect(await userOfToken(store.db, issued.token, later(2))).toBeUndefined();
  });

  it('refuses a revoked token, and revokes only once', async () => {
    const issued = await issueToken(store.db, userId, NOW, { days: 30, maxDays: MAX_DAYS });
    const other = await issueToken(store.db, userId, NOW, { days: 30, maxDays: MAX_DAYS });
    expect(await revokeToken(store.db, issued.token, later(1))).toBe(true);
    expect(await userOfToken(store.db, issued.token, later(1))).toBeUndefined();
    expect(await revokeToken(store.db, issued.token, later(2))).toBe(false);
    expect(await userOfToken(store.db, other.token, later(1))).toBe(userId);
  });

  it('refuses a token it never issued, and cannot revoke it', async () => {
    expect(await userOfToken(store.db, generateToken(), NOW)).toBeUndefined();
    expect(await userOfToken(store.db, '', NOW)).toBeUndefined();
    expect(await revokeToken(store.db, generateToken(), NOW)).toBe(false);
  });

  it('accepts a given token text (ORDERLINE_ADMIN_TOKEN), and issuing it again keeps the first', async () => {
    const token = `${TOKEN_PREFIX}given-admin-token`;
    const first = await issueToken(store.db, userId, NOW, { days: 30, maxDays: MAX_DAYS }, { token });
    expect(first.token).toBe(token);
    const otherUser = randomUUID();
    await issueToken(store.db, otherUser, NOW, { days: 30, maxDays: MAX_DAYS }, { token });
    expect(await userOfToken(store.db, token, NOW)).toBe(userId);
  });

  it('keeps the tokens of different users apart', async () => {
    const otherUser = randomUUID();
    const mine = await issueToken(store.db, userId, NOW, { days: 30, maxDays: MAX_DAYS });
    const theirs = await issueToken(store.db, otherUser, NOW, { days: 30, maxDays: MAX_DAYS });
    expect(await userOfToken(store.db, mine.token, NOW)).toBe(userId);
    expect(await userOfToken(store.db, theirs.token, NOW)).toBe(otherUser);
  });

  it('refuses to issue a token that would outlive the maximum lifetime, and stores nothing', async () => {
    const before = (await listTokens(store.db, { userId })).length;
    await expect(issueToken(store.db, userId, NOW, { days: MAX_DAYS + 1, maxDays: MAX_DAYS })).rejects.toThrow(
      /from 1 to 90/,
    );
    expect((await listTokens(store.db, { userId })).length).toBe(before);
    const longest = await issueToken(store.db, userId, NOW, { days: MAX_DAYS, maxDays: MAX_DAYS });
    expect(longest.expiresOn).toBe('2024-07-30T10:00:00Z');
  });

  it('cuts back at start the tokens issued under a longer maximum, and leaves shorter ones alone', async () => {
    const owner = randomUUID();
    const tenYears = await issueToken(store.db, owner, NOW, { days: 3650, maxDays: 3650 });
    const short = await issueToken(store.db, owner, NOW, { days: 10, maxDays: MAX_DAYS });
    expect(await capTokenLifetimes(store.db, NOW, MAX_DAYS)).toBe(1);
    const expiries = new Map((await listTokens(store.db, { userId: owner })).map((t) => [t.expiresOn, t]));
    expect([...expiries.keys()].sort()).toEqual(['2024-05-11T10:00:00Z', '2024-07-30T10:00:00Z']);
    expect(await userOfToken(store.db, tenYears.token, later(MAX_DAYS + 1))).toBeUndefined();
    expect(await userOfToken(store.db, short.token, later(9))).toBe(owner);
  });

  it('renews ORDERLINE_ADMIN_TOKEN at each start, and a new value revokes the administrator token it replaces', async () => {
    const admin = randomUUID();
    const generated = await issueToken(
      store.db,
      admin,
      NOW,
      { days: MAX_DAYS, maxDays: MAX_DAYS },
      { description: GENERATED_ADMIN_TOKEN },
    );
    const personal = await issueToken(store.db, admin, NOW, { days: 30, maxDays: MAX_DAYS }, { description: 'laptop' });
    const first = 'first-admin-token-0123456789';
    await registerAdminToken(store.db, admin, first, NOW, MAX_DAYS);
    expect(await userOfToken(store.db, generated.token, NOW)).toBeUndefined();
    await registerAdminToken(store.db, admin, first, later(60), MAX_DAYS);
    expect(await userOfToken(store.db, first, later(MAX_DAYS + 30))).toBe(admin);

    const second = 'second-admin-token-0123456789';
    await registerAdminToken(store.db, admin, second, later(61), MAX_DAYS);
    expect(await userOfToken(store.db, first, later(61))).toBeUndefined();
    expect(await userOfToken(store.db, second, later(61))).toBe(admin);
    expect(await userOfToken(store.db, personal.token, later(29))).toBe(admin);

    // A revoked value stays revoked: configuring it again is refused, and changes nothing.
    await expect(registerAdminToken(store.db, admin, first, later(62), MAX_DAYS)).rejects.toThrow(RevokedAdminToken);
    expect(await userOfToken(store.db, first, later(62))).toBeUndefined();
    expect(await userOfToken(store.db, second, later(62))).toBe(admin);
    const described = (await listTokens(store.db, { userId: admin })).filter(
      (token) => token.description === CONFIGURED_ADMIN_TOKEN,
    );
    expect(described.map((token) => token.revokedOn !== null).sort()).toEqual([false, true]);
  });
});

describe('checkedLifetimeDays', () => {
  it('defaults to 30 days, or the maximum when that is shorter', () => {
    expect(checkedLifetimeDays(undefined, 90)).toBe(30);
    expect(checkedLifetimeDays(undefined, 7)).toBe(7);
  });

  it('accepts every whole number of days from 1 to the maximum, and refuses anything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: -10, max: 4000 }), (max, days) => {
        if (days >= 1 && days <= max) expect(checkedLifetimeDays(days, max)).toBe(days);
        else expect(() => checkedLifetimeDays(days, max)).toThrow(/whole number of days/);
      }),
    );
    expect(() => checkedLifetimeDays(1.5, 90)).toThrow(/whole number of days/);
  });
});
