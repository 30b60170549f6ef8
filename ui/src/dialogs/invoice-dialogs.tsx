/**
 * Invoice Paid and Cancel Invoice ask first, as Sales does: Paid takes its status reason (Complete or
 * Partial, from the server's metadata); Cancel says what it does. Both are SetState PATCHes; a paid or
 * canceled invoice is read-only until it is reactivated.
 */
import { Field, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { setState } from '../commands/sales-actions';
import type { CommandDialogProps } from '../entities/entity-definition';
import { InvoiceState, InvoiceStatus } from '../entities/state-names';
import { FormDialog } from './form-dialog';
import { statusReasons } from './status-reasons';

export function InvoicePaidDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id } = context;
  const reasons = statusReasons('invoice', InvoiceState.Paid);
  const [reason, setReason] = useState(String(reasons[0]!.value));

  async function markPaid() {
    await setState(client, 'invoices', id, InvoiceState.Paid, Number(reason));
    onDone({ message: 'The invoice is paid.' });
  }

  return (
    <FormDialog
      title="Mark this invoice as paid?"
      submitLabel="Mark as Paid"
      onSubmit={markPaid}
      onCancel={onCancel}
      describedBy="invoice-paid-effect"
    >
      <Text id="invoice-paid-effect" as="p">
        A paid invoice is read-only: its products, prices and totals no longer change unless it is reactivated.
      </Text>
      <Field label="Status Reason">
        <Select value={reason} onChange={(_event, data) => setReason(data.value)}>
          {reasons.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
    </FormDialog>
  );
}

export function CancelInvoiceDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id } = context;

  async function cancelInvoice() {
    await setState(client, 'invoices', id, InvoiceState.Canceled, InvoiceStatus.Canceled);
    onDone({ message: 'The invoice is canceled.' });
  }

  return (
    <FormDialog
      title="Cancel this invoice?"
      submitLabel="Cancel Invoice"
      onSubmit={cancelInvoice}
      onCancel={onCancel}
      describedBy="cancel-invoice-effect"
    >
      <Text id="cancel-invoice-effect" as="p">
        A canceled invoice is no longer owed and is read-only unless it is reactivated.
      </Text>
    </FormDialog>
  );
}
