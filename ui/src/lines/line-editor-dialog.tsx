/**
 * Adding or changing a product line, in a dialog: an existing product of the catalog or a write-in
 * product, its quantity and a manual discount. A refusal from the server stays in the dialog, beside
 * what the user typed.
 */
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
  Radio,
  RadioGroup,
  Select,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/describe-error';
import { formatted, lookupColumn, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import { ProductState } from '../entities/state-names';
import { useSession } from '../session/session-context';
import { type LineInput, lineProblems } from './line-requests';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface LineEditorDialogProps {
  /** The line being changed; absent when adding one. */
  readonly line?: Row;
  readonly onCancel: () => void;
  readonly onSave: (input: LineInput) => Promise<void>;
}

function initialInput(line: Row | undefined): LineInput {
  const text = (column: string) =>
    line?.[column] === null || line?.[column] === undefined ? '' : String(line[column]);
  return {
    writeIn: line?.isproductoverridden === true,
    productId: text(lookupColumn('productid')),
    unitId: undefined,
    description: text('productdescription'),
    pricePerUnit: text('priceperunit'),
    quantity: line ? text('quantity') : '1',
    manualDiscount: line && line.manualdiscountamount !== 0 ? text('manualdiscountamount') : '',
  };
}

export function LineEditorDialog({ line, onCancel, onSave }: LineEditorDialogProps) {
  const styles = useStyles();
  const { client } = useSession();
  const adding = line === undefined;
  const [input, setInput] = useState<LineInput>(() => initialInput(line));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // Only Active products can go on a line.
  const products = useQuery('line-products', () =>
    client.retrieveMultiple({
      collection: 'products',
      select: ['productid', 'name', 'productnumber', lookupColumn('defaultuomid')],
      filter: `statecode eq ${ProductState.Active}`,
      orderBy: ['name asc'],
      top: 500,
    }),
  );
  const change = (next: Partial<LineInput>) => setInput((current) => ({ ...current, ...next }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = lineProblems(input);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const product = products.data?.value.find((row) => row.productid === input.productId);
      const unit = product?.[lookupColumn('defaultuomid')];
      await onSave({ ...input, unitId: typeof unit === 'string' ? unit : undefined });
    } catch (error) {
      setFailure(describeError(error));
      setBusy(false);
    }
  }

  const problem = (key: string) =>
    problems[key] ? { validationMessage: problems[key], validationState: 'error' as const } : {};
  const title = adding ? 'Add product' : `Edit ${formatted(line, 'productname') || 'product line'}`;
  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {failure ? (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              ) : null}
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
                    <option value="">{products.loading ? 'Loading products…' : 'Choose a product'}</option>
                    {!adding && input.productId ? (
                      <option value={input.productId}>{formatted(line, lookupColumn('productid'))}</option>
                    ) : null}
                    {adding
                      ? products.data?.value.map((row) => (
                          <option key={String(row.productid)} value={String(row.productid)}>
                            {`${String(row.name)} (${String(row.productnumber ?? '')})`}
                          </option>
                        ))
                      : null}
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
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {adding ? 'Add' : 'Save line'}
              </Button>
              <Button onClick={onCancel} disabled={busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
