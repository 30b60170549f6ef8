/** The resource paths each handler takes, narrowed from what `parseResourcePath` distinguishes. */
import type { ResourcePath } from '../odata/uri/resource-path.js';

export type PathOf<Kind extends ResourcePath['kind']> = Extract<ResourcePath, { kind: Kind }>;

/** `<set>(<key>)/<navigation>/$ref`, or `.../<navigation>(<related key>)/$ref`. */
export type ReferencePath = PathOf<'navigation'> & { readonly ref: NonNullable<PathOf<'navigation'>['ref']> };

/** `WhoAmI()`, or `<set>(<key>)/Microsoft.Dynamics.CRM.<name>`. */
export type OperationPath = PathOf<'operation' | 'boundOperation'>;

export function isReference(path: PathOf<'navigation'>): path is ReferencePath {
  return path.ref !== undefined;
}
