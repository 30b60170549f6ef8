/**
 * The organization's sales settings that Orderline honours (docs/ui.md): pricing (precision, system
 * pricing, discount method, price lists, product state), numbering (prefixes, suffix length) and the base
 * currency, read and written through `organizations(<id>)` as any Web API client would. Ranges and
 * choices come from the table metadata the server also serves; whether the caller may change them is
 * `ol_RetrieveAllowedMessages`' answer, and every value is checked by the server when saved.
 */
import type { ColumnMetadata, OptionMetadata } from '../../../src/domain/metadata/table-metadata';
import { organization } from '../../../src/domain/metadata/tables/organization';
import { type Client, FORMATTED } from '../api/client';
import { loadAllowedMessages } from '../commands/allowed-messages';

export type SettingKind = 'boolean' | 'integer' | 'choice' | 'text';

export interface SettingDefinition {
  readonly column: string;
  /** The words of Sales' System Settings, where it has the setting. */
  readonly label: string;
  readonly hint: string;
  readonly kind: SettingKind;
  readonly group: 'Pricing' | 'Numbering';
}

export const SALES_SETTINGS: readonly SettingDefinition[] = [
  {
    column: 'pricingdecimalprecision',
    label: 'Pricing decimal precision',
    hint: 'Decimal places of prices on price lists and lines.',
    kind: 'integer',
    group: 'Pricing',
  },
  {
    column: 'oobpricecalculationenabled',
    label: 'Use system pricing calculation',
    hint: 'Off: a custom pricing module prices opportunities, quotes, orders and invoices.',
    kind: 'boolean',
    group: 'Pricing',
  },
  {
    column: 'discountcalculationmethod',
    label: 'Discount calculation method',
    hint: 'Whether a volume discount applies to the line item or to each unit.',
    kind: 'choice',
    group: 'Pricing',
  },
  {
    column: 'ispricelistmandatory',
    label: 'A price list is required to add products',
    hint: 'Off: products can be added to records without a price list.',
    kind: 'boolean',
    group: 'Pricing',
  },
  {
    column: 'createproductswithoutparentinactivestate',
    label: 'Create products in active state',
    hint: 'On: new products outside a family start Active instead of Draft.',
    kind: 'boolean',
    group: 'Pricing',
  },
  {
    column: 'quoteprefix',
    label: 'Quote prefix',
    hint: 'Begins every new quote number.',
    kind: 'text',
    group: 'Numbering',
  },
  {
    column: 'orderprefix',
    label: 'Order prefix',
    hint: 'Begins every new order number.',
    kind: 'text',
    group: 'Numbering',
  },
  {
    column: 'invoiceprefix',
    label: 'Invoice prefix',
    hint: 'Begins every new invoice number.',
    kind: 'text',
    group: 'Numbering',
  },
  {
    column: 'uniquespecifierlength',
    label: 'Unique string length',
    hint: 'Random characters at the end of each number.',
    kind: 'integer',
    group: 'Numbering',
  },
];

function columnOf(name: string): ColumnMetadata {
  return organization.columns.find((column) => column.name === name)!;
}

/** A choice setting's options, from the table metadata. */
export function optionsOf(name: string): readonly OptionMetadata[] {
  const column = columnOf(name);
  return column.type === 'picklist' ? column.options : [];
}

/** What the metadata says of a number or text, to tell the user before they type (the server still checks). */
export function limitsOf(name: string): string {
  const column = columnOf(name);
  if (column.type === 'integer') return `From ${column.min} to ${column.max}.`;
  if (column.type === 'string') return `At most ${column.maxLength} characters.`;
  return '';
}

/** A setting's value as the form holds it: text for inputs, 'true'/'false' for switches. */
export type SettingValues = Readonly<Record<string, string>>;

export interface SalesSettings {
  readonly organizationId: string;
  readonly values: SettingValues;
  readonly baseCurrency: string;
  /** Whether the caller may change them, and why not, in the server's words. */
  readonly canUpdate: boolean;
  readonly whyReadOnly: string | undefined;
}

export async function loadSalesSettings(client: Client): Promise<SalesSettings> {
  const result = await client.retrieveMultiple<Record<string, unknown>>({
    collection: 'organizations',
    select: ['organizationid', '_basecurrencyid_value', ...SALES_SETTINGS.map((setting) => setting.column)],
    top: 1,
    includeAnnotations: FORMATTED,
  });
  const row = result.value[0];
  if (!row) throw new Error('The server has no organization row.');
  const organizationId = String(row.organizationid);
  const allowed = await loadAllowedMessages(client, 'organization', organizationId);
  const values = Object.fromEntries(
    SALES_SETTINGS.map((setting) => {
      const value = row[setting.column];
      return [setting.column, value === null || value === undefined ? '' : String(value)];
    }),
  );
  return {
    organizationId,
    values,
    baseCurrency: String(row[`_basecurrencyid_value@${FORMATTED}`] ?? ''),
    canUpdate: allowed.has('Update'),
    whyReadOnly: allowed.reason('Update'),
  };
}

/**
 * The JSON value sent for a setting. A number typed as digits is sent as a number; anything else is
 * sent as typed, so the server's refusal (not a guess here) says what is wrong with it.
 */
function wireValue(setting: SettingDefinition, text: string): unknown {
  if (setting.kind === 'boolean') return text === 'true';
  if (setting.kind === 'integer' || setting.kind === 'choice') return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
  return text;
}

/** PATCHes the settings that changed; nothing is sent when nothing changed. */
export async function saveSalesSettings(
  client: Client,
  organizationId: string,
  before: SettingValues,
  after: SettingValues,
): Promise<number> {
  const changed = SALES_SETTINGS.filter((setting) => before[setting.column] !== after[setting.column]);
  if (changed.length === 0) return 0;
  await client.update({
    collection: 'organizations',
    key: organizationId,
    data: Object.fromEntries(
      changed.map((setting) => [setting.column, wireValue(setting, after[setting.column] ?? '')]),
    ),
  });
  return changed.length;
}

/** The setting a refusal is about: the server names the column it refused, in quotes. */
export function settingRefused(message: string): string | undefined {
  return SALES_SETTINGS.find((setting) => message.includes(`'${setting.column}'`))?.column;
}
