/** Adding a product to a price list, or changing its amount; a refusal stays in the dialog. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Select,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/describe-error';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import { useSession } from '../session/session-context';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

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
  const styles = useStyles();
  const { client } = useSession();
  const [productId, setProductId] = useState('');
  const [amount, setAmount] = useState(item ? String(item.amount ?? '') : '');
  const [problem, setProblem] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const products = useQuery('pricelist-products', () =>
    client.retrieveMultiple({
      collection: 'products',
      select: ['productid', 'name', 'productnumber', lookupColumn('defaultuomid')],
      orderBy: ['name asc'],
      top: 500,
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!item && !productId) return setProblem('Choose a product.');
    if (!/^\d+(\.\d+)?$/.test(amount.trim())) return setProblem('Enter an amount, like 649 or 89.99.');
    setProblem(undefined);
    const unit = products.data?.value.find((row) => row.productid === productId)?.[lookupColumn('defaultuomid')];
    try {
      await onSave(item, productId, typeof unit === 'string' ? unit : undefined, amount.trim());
    } catch (error) {
      setFailure(describeError(error));
    }
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>
              {item ? `Edit ${formatted(item, lookupColumn('productid'))}` : 'Add price list item'}
            </DialogTitle>
            <DialogContent className={styles.content}>
              {failure ? (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              ) : null}
              {item ? null : (
                <Field label="Product" required>
                  <Select value={productId} onChange={(_event, data) => setProductId(data.value)}>
                    <option value="">{products.loading ? 'Loading products…' : 'Choose a product'}</option>
                    {products.data?.value.map((row) => (
                      <option key={String(row.productid)} value={String(row.productid)}>
                        {`${String(row.name)} (${String(row.productnumber ?? '')})`}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <Field label="Amount" required validationMessage={problem} validationState={problem ? 'error' : 'none'}>
                <Input inputMode="decimal" value={amount} onChange={(_event, data) => setAmount(data.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary">
                {item ? 'Save item' : 'Add'}
              </Button>
              <Button onClick={onCancel}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
