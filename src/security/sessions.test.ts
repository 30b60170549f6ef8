/**
 * Browser sessions on a real SQLite file: a session ends when idle longer than the idle timeout, at
 * its absolute expiry however active, and when closed; only the SHA-256 of its id is stored.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { revokeSessionsOfUser } from '../storage/repositories/credential-store.js';
import { openStore, type Store } from '../storage/store.js';
import { ARGON2ID_PARAMETERS, hashPassword, passwordMatches, setPassword } from './passwords.js';
import { closeSession, openSession, userOfSession } from './sessions.js';

const SETTINGS = { idleMinutes: 30, maxHours: 2 };
const USER = '11111111-1111-4111-8111-111111111111';
const at = (minutes: number) =>
  `${new Date(Date.parse('2026-01-05T09:00:00Z') + minutes * 60_000).toISOString().slice(0, 19)}Z`;

describe('sessions and passwords', () => {
  let folder: string;
  let store: Store;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'orderline-sessions-'));
    store = await openStore(join(folder, 'sessions.db'), createSalesMetadata());
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores only the SHA-256 of the session id', async () => {
    const { sessionId } = await openSession(store.db, USER, at(0), SETTINGS);
    const rows = await store.db.selectFrom('ol_session').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(sessionId);
    expect(rows.map((row) => row.sessionhash)).toContain(createHash('sha256').update(sessionId).digest('hex'));
  });

  it('ends after the idle timeout, and each use within it pushes the end back', async () => {
    const { sessionId } = await openSession(store.db, USER, at(0), SETTINGS);
    expect(await userOfSession(store.db, sessionId, at(29), SETTINGS)).toBe(USER);
    expect(await userOfSession(store.db, sessionId, at(58), SETTINGS)).toBe(USER);
    expect(await userOfSession(store.db, sessionId, at(58 + 30), SETTINGS)).toBeUndefined();
  });

  it('ends at its absolute expiry however active', async () => {
    const { sessionId, expiresOn } = await openSession(store.db, USER, at(0), SETTINGS);
    expect(expiresOn).toBe(at(120));
    for (let minute = 20; minute < 120; minute += 20) {
      expect(await userOfSession(store.db, sessionId, at(minute), SETTINGS)).toBe(USER);
    }
    expect(await userOfSession(store.db, sessionId, at(120), SETTINGS)).toBeUndefined();
  });

  it('ends when closed, or when every session of the user is revoked', async () => {
    const closed = await openSession(store.db, USER, at(0), SETTINGS);
    expect(await closeSession(store.db, closed.sessionId, at(1))).toBe(true);
    expect(await userOfSession(store.db, closed.sessionId, at(2), SETTINGS)).toBeUndefined();
    const revoked = await openSession(store.db, USER, at(0), SETTINGS);
    await revokeSessionsOfUser(store.db, USER, at(1));
    expect(await userOfSession(store.db, revoked.sessionId, at(2), SETTINGS)).toBeUndefined();
    expect(await userOfSession(store.db, 'never-issued', at(2), SETTINGS)).toBeUndefined();
  });

  it('hashes passwords with Argon2id at OWASP’s parameters, and checks them', async () => {
    const hash = await hashPassword('a long enough password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(ARGON2ID_PARAMETERS).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await setPassword(store.db, USER, 'a long enough password', at(0));
    expect(await passwordMatches(store.db, USER, 'a long enough password')).toBe(true);
    expect(await passwordMatches(store.db, USER, 'a long enough passworD')).toBe(false);
    expect(await passwordMatches(store.db, undefined, 'a long enough password')).toBe(false);
    await expect(setPassword(store.db, USER, 'short', at(0))).rejects.toThrow(/from 8 to 256 characters/);
  });
});
