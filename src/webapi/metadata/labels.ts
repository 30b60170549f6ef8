/**
 * Dataverse's `Label` complex type: every localized text of the metadata (display names, descriptions,
 * option labels) as `{ LocalizedLabels: [...], UserLocalizedLabel }`. Orderline speaks English only, so a
 * label has one `LocalizedLabel`, in language 1033, which is also the user's.
 */
import { metadataId } from './metadata-id.js';

/** English (United States), the base language of an Orderline organization. */
export const LANGUAGE_CODE = 1033;

export interface LocalizedLabel {
  readonly Label: string;
  readonly LanguageCode: number;
  readonly IsManaged: boolean;
  readonly MetadataId: string;
  readonly HasChanged: null;
}

export interface Label {
  readonly LocalizedLabels: readonly LocalizedLabel[];
  readonly UserLocalizedLabel: LocalizedLabel | null;
}

/**
 * The label of `text`, owned by the component named `owner` (its id is derived from it, so the same
 * label keeps its id). `managed` is true for the labels of Dataverse's own tables and columns.
 */
export function label(text: string, owner: string, managed: boolean): Label {
  const localized: LocalizedLabel = {
    Label: text,
    LanguageCode: LANGUAGE_CODE,
    IsManaged: managed,
    MetadataId: metadataId(`label:${owner}`),
    HasChanged: null,
  };
  return { LocalizedLabels: [localized], UserLocalizedLabel: localized };
}

/** A label with no text, as Dataverse writes an empty description. */
export const emptyLabel: Label = { LocalizedLabels: [], UserLocalizedLabel: null };
