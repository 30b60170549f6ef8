/**
 * Adding or changing a product line, in a dialog: an existing product of the catalog or a write-in
 * product, its quantity and a manual discount. A refusal from the server stays in the dialog, beside
 * what the user typed.
 */
import { Field, Input, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../api/describe-error';
import { formatted, lookupColumn, type Row } from '../data/row';
import { FormDialog } from '../dialogs/form-dialog';
import { ProductState } from '../entities/state-names';
import { moneyText } from '../forms/form-values';
import { ProductOptions, useCatalogProducts } from './catalog-products';
import { type LineInput, lineProblems } from './line-requests';
import { defaultUnitOf } from './product-choice';

export interface LineEditorDialogProps {
  /** The line being changed; absent when adding one. */
  readonly line?: Row;
  readonly onCancel: () => void;
  readonly onSave: (input: LineInput) => Promise<void>;
}

function initialInput(line: Row | undefined): LineInput {
  const text = (column: string) =>
    line?.[column] === null || line?.[column] === undefined ? '' : String(line[column]);
  const money = (column: string) => moneyText(text(column), line?.[`${column}_Formatted`]);
  return {
    writeIn: line?.isproductoverridden === true,
    productId: text(lookupColumn('productid')),
    unitId: undefined,
    description: text('productdescription'),
    pricePerUnit: money('priceperunit'),
    quantity: line ? text('quantity') : '1',
    // Amounts arrive as exact text ("0.00") or whole numbers (0): no discount either way.
    manualDiscount: line && Number(line.manualdiscountamount ?? 0) !== 0 ? money('manualdiscountamount') : '',
  };
}

export function LineEditorDialog({ line, onCancel, onSave }: LineEditorDialogProps) {
  const adding = line === undefined;
  const [input, setInput] = useState<LineInput>(() => initialInput(line));
  const [problems, setProblems] = useState<Record<string, string>>({});
  // Only Active products can go on a line.
  const products = useCatalogProducts('line-products', `statecode eq ${ProductState.Active}`);
  const change = (next: Partial<LineInput>) => setInput((current) => ({ ...current, ...next }));

  async function save() {
    const found = lineProblems(input);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await onSave({ ...input, unitId: defaultUnitOf(products.data?.value, input.productId) });
  }

  const problem = (key: string) =>
    problems[key] ? { validationMessage: problems[key], validationState: 'error' as const } : {};
  const title = adding ? 'Add product' : `Edit ${formatted(line, 'productname') || 'product line'}`;
  return (
    <FormDialog title={title} submitLabel={adding ? 'Add' : 'Save line'} onSubmit={save} onCancel={onCancel}>
      {adding ? (
        <Field label="Select product">
          <RadioGroup
            layout="horizontal"
            value={input.writeIn ? 'writeIn' : 'existing'}
            onChange={(_event, data) => change({ writeIn: data.value === 'writeIn' })}
          >
            <Radio value="existing" label="Existing product" />
            <Radio value="writeIn" label="Write-in product" />
          </RadioGroup>
        </Field>
      ) : null}
      {input.writeIn ? (
        <>
          <Field label="Product name" required {...problem('description')}>
            <Input value={input.description} onChange={(_event, data) => change({ description: data.value })} />
          </Field>
          <Field label="Price Per Unit" {...problem('pricePerUnit')}>
            <Input
              inputMode="decimal"
              value={input.pricePerUnit}
              onChange={(_event, data) => change({ pricePerUnit: data.value })}
            />
          </Field>
        </>
      ) : (
        <Field
          label="Product"
          required
          {...problem('product')}
          hint={products.error ? `Products could not be loaded: ${describeError(products.error)}` : undefined}
        >
          <Select
            value={input.productId}
            disabled={!adding}
            onChange={(_event, data) => change({ productId: data.value })}
          >
            {adding ? (
              <ProductOptions products={products} />
            ) : (
              <option value={input.productId}>{formatted(line, lookupColumn('productid'))}</option>
            )}
          </Select>
        </Field>
      )}
      <Field label="Quantity" required {...problem('quantity')}>
        <Input
          inputMode="decimal"
          value={input.quantity}
          onChange={(_event, data) => change({ quantity: data.value })}
        />
      </Field>
      <Field label="Manual Discount" {...problem('manualDiscount')}>
        <Input
          inputMode="decimal"
          value={input.manualDiscount}
          onChange={(_event, data) => change({ manualDiscount: data.value })}
        />
      </Field>
    </FormDialog>
  );
}
