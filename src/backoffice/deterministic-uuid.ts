/**
 * Name-based UUIDs (RFC 9562 version 5): the same name always gives the same id, so the records the back
 * office creates (invoices, invoice lines) have ids it can compute again after a restart or a replay,
 * and an upsert to that id can never create a second copy.
 */
import { createHash } from 'node:crypto';

/** The namespace of the reference back office's names (a fixed random UUID). */
export const BACK_OFFICE_NAMESPACE = 'f26cf5c7-123c-4370-b816-656923a15914';

export function uuidV5(name: string, namespace: string = BACK_OFFICE_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
