/**
 * Row types of Orderline's own tables, which no metadata describes: they are created by
 * migrations/internal-migrations.ts (and the service protection usage table by its repository), so
 * their types are written here, beside nothing else.
 */
import type { StoredBigInt, StoredDateTime, StoredId, StoredText } from './stored-values.js';

/** Bearer tokens, stored as SHA-256 hashes (repositories/access-token-store.ts). */
export interface AccessTokenRow {
  tokenid: StoredId;
  systemuserid: StoredId;
  tokenhash: StoredText;
  description: StoredText | null;
  createdon: StoredDateTime;
  expireson: StoredDateTime;
  revokedon: StoredDateTime | null;
}

/** A user's password, as an Argon2id PHC string (src/security/passwords.ts). */
export interface UserPasswordRow {
  systemuserid: StoredId;
  passwordhash: StoredText;
  changedon: StoredDateTime;
}

/** A signed-in browser session, stored by the SHA-256 of its id (src/security/sessions.ts). */
export interface SessionRow {
  sessionid: StoredId;
  sessionhash: StoredText;
  systemuserid: StoredId;
  createdon: StoredDateTime;
  lastseenon: StoredDateTime;
  expireson: StoredDateTime;
  revokedon: StoredDateTime | null;
}

/** The version counter and, on SQLite, the quote, order and invoice number counters. */
export interface CounterRow {
  name: StoredText;
  value: StoredBigInt;
}

/** A removed row, for change tracking (change-tracking/tombstones.ts). */
export interface ChangeTombstoneRow {
  tombstoneid: StoredId;
  tablename: StoredText;
  objectid: StoredId;
  ownerid: StoredId | null;
  reason: StoredText;
  versionnumber: StoredBigInt;
  removedon: StoredDateTime;
  /** PostgreSQL only: the removing transaction's id (change-watermark.ts). */
  ol_xid?: unknown;
}

/** Kysely's migration bookkeeping, under Orderline's names (store.ts). */
export interface MigrationRow {
  name: string;
  timestamp: string;
}

export interface MigrationLockRow {
  id: string;
  is_locked: number | bigint;
}

/** PostgreSQL only: service protection usage pooled by every process (repositories/service-limit-usage.ts). */
export interface ServiceLimitUsageRow {
  userid: string;
  bucketstart: StoredBigInt;
  requests: StoredBigInt;
  executionms: number;
}

export interface InternalTables {
  ol_accesstoken: AccessTokenRow;
  ol_counter: CounterRow;
  ol_changetombstone: ChangeTombstoneRow;
  ol_migration: MigrationRow;
  ol_migration_lock: MigrationLockRow;
  ol_servicelimit_usage: ServiceLimitUsageRow;
  ol_userpassword: UserPasswordRow;
  ol_session: SessionRow;
}
