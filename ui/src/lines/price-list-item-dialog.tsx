/** Adding a product to a price list, or changing its amount; a refusal stays in the dialog. */
import { Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { formatted, lookupColumn, type Row } from '../data/row';
import { FormDialog } from '../dialogs/form-dialog';
import { moneyText } from '../forms/form-values';
import { ProductOptions, useCatalogProducts } from './catalog-products';
import { defaultUnitOf } from './product-choice';

export interface PriceListItemDialogProps {
  readonly item?: Row;
  readonly onCancel: () => void;
  readonly onSave: (
    item: Row | undefined,
    productId: string,
    unitId: string | undefined,
    amount: string,
  ) => Promise<void>;
}

export function PriceListItemDialog({ item, onCancel, onSave }: PriceListItemDialogProps) {
  const [productId, setProductId] = useState('');
  const [amount, setAmount] = useState(item ? moneyText(String(item.amount ?? ''), item.amount_Formatted) : '');
  const [problem, setProblem] = useState<string | undefined>();
  const products = useCatalogProducts('pricelist-products');

  async function save() {
    if (!item && !productId) return setProblem('Choose a product.');
    if (!/^\d+(\.\d+)?$/.test(amount.trim())) return setProblem('Enter an amount, like 649 or 89.99.');
    setProblem(undefined);
    await onSave(item, productId, defaultUnitOf(products.data?.value, productId), amount.trim());
  }

  return (
    <FormDialog
      title={item ? `Edit ${formatted(item, lookupColumn('productid'))}` : 'Add price list item'}
      submitLabel={item ? 'Save item' : 'Add'}
      onSubmit={save}
      onCancel={onCancel}
    >
      {item ? null : (
        <Field label="Product" required>
          <Select value={productId} onChange={(_event, data) => setProductId(data.value)}>
            <ProductOptions products={products} />
          </Select>
        </Field>
      )}
      <Field label="Amount" required validationMessage={problem} validationState={problem ? 'error' : 'none'}>
        <Input inputMode="decimal" value={amount} onChange={(_event, data) => setAmount(data.value)} />
      </Field>
    </FormDialog>
  );
}
