import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { openStore, type Store } from '../storage/store.js';
import { generateToken, hashToken, issueToken, revokeToken, TOKEN_PREFIX, userOfToken } from './access-tokens.js';

const NOW = '2024-05-01T10:00:00Z';
const later = (days: number) => new Date(new Date(NOW).getTime() + days * 86_400_000).toISOString();

describe('hashToken', () => {
  it('is the SHA-256 of the token, in lower-case hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('olt_x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never contains the token and differs for different tokens', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), fc.string({ minLength: 16 }), (a, b) => {
        const hash = hashToken(a);
        expect(hash).toBe(createHash('sha256').update(a).digest('hex'));
        expect(hash).not.toContain(a);
        if (a !== b) expect(hashToken(b)).not.toBe(hash);
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
    const issued = await issueToken(store.db, userId, NOW, 30, { description: 'test' });
    expect(issued.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(issued.expiresOn).toBe('2024-05-31T10:00:00Z');
    expect(await userOfToken(store.db, issued.token, NOW)).toBe(userId);
    expect(await userOfToken(store.db, issued.token, later(29))).toBe(userId);
  });

  it('stores only the hash of the token, never the token', async () => {
    const issued = await issueToken(store.db, userId, NOW, 1);
    const rows = await store.db.selectFrom('ol_accesstoken').selectAll().execute();
    const row = rows.find((candidate) => candidate.tokenhash === hashToken(issued.token));
    expect(row).toBeDefined();
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(JSON.stringify(rows)).not.toContain(issued.token.slice(TOKEN_PREFIX.length));
  });

  it('refuses an expired token (at and after its expiry)', async () => {
    const issued = await issueToken(store.db, userId, NOW, 1);
    expect(await userOfToken(store.db, issued.token, later(0.99))).toBe(userId);
    expect(await userOfToken(store.db, issued.token, issued.expiresOn)).toBeUndefined();
    expect(await userOfToken(store.db, issued.token, later(2))).toBeUndefined();
  });

  it('refuses a revoked token, and revokes only once', async () => {
    const issued = await issueToken(store.db, userId, NOW, 30);
    const other = await issueToken(store.db, userId, NOW, 30);
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
    const first = await issueToken(store.db, userId, NOW, 30, { token });
    expect(first.token).toBe(token);
    const otherUser = randomUUID();
    await issueToken(store.db, otherUser, NOW, 30, { token });
    expect(await userOfToken(store.db, token, NOW)).toBe(userId);
  });

  it('keeps the tokens of different users apart', async () => {
    const otherUser = randomUUID();
    const mine = await issueToken(store.db, userId, NOW, 30);
    const theirs = await issueToken(store.db, otherUser, NOW, 30);
    expect(await userOfToken(store.db, mine.token, NOW)).toBe(userId);
    expect(await userOfToken(store.db, theirs.token, NOW)).toBe(otherUser);
  });
});
