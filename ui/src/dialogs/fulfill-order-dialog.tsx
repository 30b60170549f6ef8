/**
 * Fulfill Order asks first, as Sales' Fulfill Order dialog does: the status reason (Complete or
 * Partial, from the server's metadata) and a description kept on the order close activity
 * (FulfillSalesOrder with OrderClose and Status). A fulfilled order is never reactivated.
 */
import { Field, Select, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { CommandDialogProps } from '../entities/entity-definition';
import { SalesOrderState } from '../entities/state-names';
import { FormDialog } from './form-dialog';
import { statusReasons } from './status-reasons';

export function FulfillOrderDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id } = context;
  const reasons = statusReasons('salesorder', SalesOrderState.Fulfilled);
  const [reason, setReason] = useState(String(reasons[0]!.value));
  const [description, setDescription] = useState('');

  async function fulfill() {
    await client.callAction({
      actionName: 'FulfillSalesOrder',
      action: {
        OrderClose: {
          subject: 'Order fulfilled',
          ...(description.trim() ? { description: description.trim() } : {}),
          'salesorderid@odata.bind': `/salesorders(${id})`,
        },
        Status: Number(reason),
      },
    });
    onDone({ message: 'The order is fulfilled.' });
  }

  return (
    <FormDialog
      title="Fulfill this order?"
      submitLabel="Fulfill Order"
      onSubmit={fulfill}
      onCancel={onCancel}
      describedBy="fulfill-order-effect"
    >
      <Text id="fulfill-order-effect" as="p">
        The order is marked as delivered and becomes read-only; it cannot be reopened.
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
