/**
 * Submit Order asks first and says what happens next: the order goes to the back office, it is locked
 * here from then on, and whether a back office is connected to receive it (the server's integration
 * status, so an order is never submitted into silence without the user knowing).
 */
import { Spinner, Text } from '@fluentui/react-components';
import { useQuery } from '../data/use-query';
import type { CommandDialogProps } from '../entities/entity-definition';
import { loadIntegrationStatus, NO_CONNECTOR_WARNING } from '../settings/integration-status';
import { FormDialog } from './form-dialog';

export function SubmitOrderDialog({ context, onDone, onCancel }: CommandDialogProps) {
  const { client, id } = context;
  const status = useQuery(`integration-status|submit|${id}`, () => loadIntegrationStatus(client));

  async function submit() {
    await client.callAction({
      collection: 'salesorders',
      key: id,
      actionName: 'Microsoft.Dynamics.CRM.ol_SubmitSalesOrder',
      action: {},
    });
    onDone({ message: 'The order was submitted to the back office.' });
  }

  return (
    <FormDialog
      title="Submit this order?"
      submitLabel="Submit Order"
      onSubmit={submit}
      onCancel={onCancel}
      describedBy="submit-order-next"
    >
      <Text id="submit-order-next" as="p">
        The order goes to the back-office order processing system, which confirms it, ships it and invoices it. From
        then on it is read-only here: only the back office changes it.
      </Text>
      {status.data ? (
        <Text as="p" weight="semibold">
          {status.data.waitingForConnector
            ? NO_CONNECTOR_WARNING
            : 'A back office is connected: it receives the order within moments.'}
        </Text>
      ) : status.error ? null : (
        <Spinner size="tiny" label="Checking the back-office connection…" />
      )}
    </FormDialog>
  );
}
