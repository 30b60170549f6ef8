/**
 * Cancel Order asks first, with the reason: the status reasons of the Canceled state (read from the
 * server's metadata, not listed here) and a description kept on the order close activity, as Sales'
 * Cancel Order dialog does (CancelSalesOrder with OrderClose and Status).
 */
import { Field, Select, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { CommandDialogProps } from '../entities/entity-definition';
import { SalesOrderState } from '../entities/state-names';
import { FormDialog } from './form-dialog';
import { statusReasons } from './status-reasons';

export function CancelOrderDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id } = context;
  const reasons = statusReasons('salesorder', SalesOrderState.Canceled);
  const [reason, setReason] = useState(String(reasons[0]!.value));
  const [description, setDescription] = useState('');

  async function cancelOrder() {
    await client.callAction({
      actionName: 'CancelSalesOrder',
      action: {
        OrderClose: {
          subject: 'Order canceled',
          ...(description.trim() ? { description: description.trim() } : {}),
          'salesorderid@odata.bind': `/salesorders(${id})`,
        },
        Status: Number(reason),
      },
    });
    onDone({ message: 'The order is canceled.' });
  }

  return (
    <FormDialog
      title="Cancel this order?"
      submitLabel="Cancel Order"
      onSubmit={cancelOrder}
      onCancel={onCancel}
      describedBy="cancel-order-effect"
    >
      <Text id="cancel-order-effect" as="p">
        A canceled order cannot be edited, submitted or invoiced again.
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
      <Field label="Description">
        <Textarea value={description} maxLength={2000} onChange={(_event, data) => setDescription(data.value)} />
      </Field>
    </FormDialog>
  );
}
