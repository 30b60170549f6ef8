/** How a URL or a reference names one row: its GUID, or the values of an alternate key. */
export type EntityKey =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'alternate'; readonly values: Readonly<Record<string, string | number>> };
