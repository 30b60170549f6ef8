/** How a URL or a reference names one row: its GUID, or the values of an alternate key. */
export type EntityKey =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'alternate'; readonly values: Readonly<Record<string, string | number>> };

/** `Id = <guid>`, or `name = value, ...` for an alternate key: how Dataverse names a row in its messages. */
export function describeKey(key: EntityKey | string): string {
  if (typeof key === 'string') return `Id = ${key}`;
  if (key.kind === 'id') return `Id = ${key.id}`;
  return Object.entries(key.values)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');
}
