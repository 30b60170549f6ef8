/**
 * Writing product lines: an existing product (with its default unit, which pricing needs) or a write-in
 * product with its own price. The server prices the line and moves the record's totals.
 */
import type { Client } from '../api/client';
import { exactDecimal, isDecimalText } from '../api/exact-json';
import type { SalesLinesDefinition } from '../entities/entity-definition';

export interface LineInput {
  readonly writeIn: boolean;
  readonly productId: string;
  readonly unitId: string | undefined;
  readonly description: string;
  readonly pricePerUnit: string;
  readonly quantity: string;
  readonly manualDiscount: string;
}

/** Amounts and quantities go out as JSON numbers written from the typed text, never through a float. */
const amount = (text: string) => (text.trim() === '' ? null : exactDecimal(text));

function editableColumns(input: LineInput): Record<string, unknown> {
  return {
    quantity: exactDecimal(input.quantity),
    manualdiscountamount: amount(input.manualDiscount),
    ...(input.writeIn
      ? { productdescription: input.description.trim(), priceperunit: amount(input.pricePerUnit) }
      : {}),
  };
}

export async function createLine(
  client: Client,
  lines: SalesLinesDefinition,
  parentId: string,
  parentSet: string,
  input: LineInput,
  lineNumber: number,
): Promise<void> {
  const product = input.writeIn
    ? { isproductoverridden: true }
    : {
        isproductoverridden: false,
        'productid@odata.bind': `/products(${input.productId})`,
        ...(input.unitId ? { 'uomid@odata.bind': `/uoms(${input.unitId})` } : {}),
      };
  await client.create({
    collection: lines.set,
    data: {
      [`${lines.parent}@odata.bind`]: `/${parentSet}(${parentId})`,
      lineitemnumber: lineNumber,
      ...product,
      ...editableColumns(input),
    },
  });
}

export async function updateLine(client: Client, lines: SalesLinesDefinition, id: string, input: LineInput) {
  await client.update({ collection: lines.set, key: id, data: editableColumns(input) });
}

export async function removeLine(client: Client, lines: SalesLinesDefinition, id: string) {
  await client.deleteRecord({ collection: lines.set, key: id });
}

/** Problems to fix in the line dialog before it is sent, in words. */
export function lineProblems(input: LineInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.writeIn && !input.description.trim()) problems.description = 'Enter the product’s name.';
  if (!input.writeIn && !input.productId) problems.product = 'Choose a product.';
  if (!isDecimalText(input.quantity)) problems.quantity = 'Enter a quantity, like 2 or 1.5.';
  if (input.writeIn && input.pricePerUnit.trim() && !isDecimalText(input.pricePerUnit))
    problems.pricePerUnit = 'Enter a price, like 19.99.';
  if (input.manualDiscount.trim() && !isDecimalText(input.manualDiscount))
    problems.manualDiscount = 'Enter an amount, like 5 or 12.50.';
  return problems;
}
