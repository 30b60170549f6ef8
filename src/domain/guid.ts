/** A GUID as Dataverse accepts it: 8-4-4-4-12 hex digits, optionally in braces. */
export const GUID_PATTERN = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The lower-case GUID in `text`, or undefined when it is not one. */
export function parseGuid(text: string): string | undefined {
  return GUID_PATTERN.exec(text.trim())?.[1]?.toLowerCase();
}
