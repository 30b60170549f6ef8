/**
 * `MetadataId`s as name-based (version 5) UUIDs of what they identify (RFC 9562 §5.5): the same table,
 * column, option set or label has the same id on every start and in every process, so clients that cache
 * definitions by `MetadataId` (Learn: "Cache schema data") never see them change under them.
 */
import { createHash } from 'node:crypto';

/** Orderline's namespace for metadata names; any fixed UUID would do, this one is Orderline's own. */
const ORDERLINE_METADATA_NAMESPACE = '6f0c8c5e-3b1d-4c57-9a43-0d2b51e0a7c1';

/** The version 5 UUID of `name` in `namespace` (RFC 9562 §5.5). */
export function nameBasedUuid(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The `MetadataId` of `name` (such as `attribute:salesorder.totalamount`), in Orderline's namespace. */
export function metadataId(name: string): string {
  return nameBasedUuid(ORDERLINE_METADATA_NAMESPACE, name);
}
