/**
 * Create Invoice asks first: ConvertSalesOrderToInvoice copies the order into a new invoice and moves the
 * order to Invoiced, which is final (docs/lifecycle.md). The invoice opens next.
 */
import { Text } from '@fluentui/react-components';
import { createFrom } from '../commands/sales-actions';
import type { CommandDialogProps } from '../entities/entity-definition';
import { FormDialog } from './form-dialog';

export function CreateInvoiceDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id } = context;

  async function createInvoice() {
    const navigateTo = await createFrom(
      client,
      'ConvertSalesOrderToInvoice',
      { SalesOrderId: id, ColumnSet: { AllColumns: true } },
      { area: 'invoices', id: 'invoiceid' },
    );
    onDone({ navigateTo, message: 'The invoice was created from the order.' });
  }

  return (
    <FormDialog
      title="Create an invoice from this order?"
      submitLabel="Create Invoice"
      onSubmit={createInvoice}
      onCancel={onCancel}
      describedBy="create-invoice-effect"
    >
      <Text id="create-invoice-effect" as="p">
        A new invoice is made from the order and its products, and opens next. The order becomes Invoiced: it can no
        longer be edited, reopened, fulfilled or canceled.
      </Text>
    </FormDialog>
  );
}
