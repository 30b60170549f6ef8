/**
 * The `Prefer` header (reference 7.1): return=representation, odata.include-annotations,
 * odata.maxpagesize, odata.track-changes, odata.continue-on-error. Unknown preferences are ignored, as
 * HTTP says they must be.
 */
export interface Preferences {
  readonly returnRepresentation: boolean;
  /** Annotation patterns asked for: `*`, `OData.Community.Display.V1.FormattedValue`, `Microsoft.Dynamics.CRM.*`. */
  readonly includeAnnotations: readonly string[];
  readonly maxPageSize?: number;
  readonly trackChanges: boolean;
  readonly continueOnError: boolean;
}

/**
 * Splits the header at the commas between preferences, not at those inside a quoted value:
 * `odata.include-annotations="A,B"` (RFC 7240) is how dynamics-web-api sends a list of annotations.
 */
function splitPreferences(header: string): string[] {
  return header.match(/(?:[^,"]|"[^"]*"?)+/g) ?? [];
}

export function parsePrefer(header: string | undefined): Preferences {
  const result = {
    returnRepresentation: false,
    includeAnnotations: [] as string[],
    maxPageSize: undefined as number | undefined,
    trackChanges: false,
    continueOnError: false,
  };
  for (const part of splitPreferences(header ?? '')) {
    const [rawName, ...rest] = part.split('=');
    const name = rawName!.trim().toLowerCase();
    const value = rest.join('=').trim().replace(/^"|"$/g, '');
    if (name === 'return' && value.toLowerCase() === 'representation') result.returnRepresentation = true;
    else if (name === 'odata.include-annotations')
      result.includeAnnotations = value.split(',').map((item) => item.trim());
    else if (name === 'odata.maxpagesize' && /^\d{1,9}$/.test(value) && Number(value) > 0)
      result.maxPageSize = Number(value);
    else if (name === 'odata.track-changes') result.trackChanges = true;
    else if (name === 'odata.continue-on-error') result.continueOnError = true;
  }
  return result;
}

/** Does the client want annotations of this term (`OData.Community.Display.V1.FormattedValue`)? */
export function wantsAnnotation(preferences: Preferences, term: string): boolean {
  return preferences.includeAnnotations.some((pattern) => {
    if (pattern === '*') return true;
    if (pattern.endsWith('.*')) return term.startsWith(pattern.slice(0, -1));
    return pattern === term;
  });
}
