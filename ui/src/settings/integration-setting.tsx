/**
 * App Settings > General > Back office order processing integration (the seed: "Sélectionnez Gérer,
 * puis réglez le bouton de basculement sur Désactivé"). Manage opens the switch; saving it off PATCHes
 * `organization.issopintegrationenabled`. As in Sales, the switch here only turns it off; a self-hosted
 * Orderline, having no admin center, turns it on from Administration > Integration
 * (ui/src/admin/integration-page.tsx). Beside "On" it says whether a back office is connected (the
 * server's integration status), since "on" with nothing connected means submitted orders wait, locked.
 */
import {
  Button,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Switch,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { type Organization, setIntegrationEnabled } from '../data/organization';
import { FormDialog } from '../dialogs/form-dialog';
import { useSession } from '../session/session-context';
import { type IntegrationStatus, NO_CONNECTOR_WARNING } from './integration-status';

const useStyles = makeStyles({
  card: { maxWidth: '640px' },
});

export const INTEGRATION_TITLE = 'Back office order processing integration';

export interface IntegrationSettingProps {
  readonly organization: Organization;
  /** The server's integration status; undefined while it loads. */
  readonly status: IntegrationStatus | undefined;
  /** Called once the integration is off: the page reloads the organization and the entry goes away. */
  readonly onTurnedOff: () => Promise<void>;
}

/** "On", and whether anything is connected to it. */
function stateText(status: IntegrationStatus | undefined): string {
  if (!status) return 'On';
  if (status.waitingForConnector) return 'On, no back office connected';
  return `On, ${status.activeConnectors} back-office connector${status.activeConnectors === 1 ? '' : 's'} active`;
}

/** What waits, for readers of the outbox (the counts are null for everyone else). */
function waitingText(status: IntegrationStatus): string {
  const parts: string[] = [];
  if (status.eventsWithoutConnector) {
    parts.push(
      `${status.eventsWithoutConnector} change${status.eventsWithoutConnector === 1 ? '' : 's'} to submitted orders wait${status.eventsWithoutConnector === 1 ? 's' : ''} for a connector${status.oldestWaitingOn ? ` (the oldest since ${new Date(status.oldestWaitingOn).toLocaleString()})` : ''}`,
    );
  }
  if (status.deliveriesHeldByInactiveConnectors) {
    parts.push(`${status.deliveriesHeldByInactiveConnectors} held by inactive connectors`);
  }
  return parts.length > 0 ? ` ${parts.join('; ')}.` : '';
}

export function IntegrationSetting({ organization, status, onTurnedOff }: IntegrationSettingProps) {
  const styles = useStyles();
  const [managing, setManaging] = useState(false);
  return (
    <Card className={styles.card} aria-labelledby="integration-title">
      <CardHeader
        header={
          <Text id="integration-title" as="h3" weight="semibold" size={400}>
            {INTEGRATION_TITLE}
          </Text>
        }
        description={<Text>{stateText(status)}</Text>}
      />
      {status?.waitingForConnector ? (
        <MessageBar intent="warning" layout="multiline" aria-label="No back office connected">
          <MessageBarBody>
            <MessageBarTitle>No back office connected</MessageBarTitle> {NO_CONNECTOR_WARNING}
            {waitingText(status)} A connector added later receives them, in order.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <Text as="p">
        Submitted orders are sent to your back-office order processing application and locked here, except for
        integration users. While it is on, orders offer Submit Order instead of Create Invoice.
      </Text>
      <div>
        <Button appearance="primary" onClick={() => setManaging(true)}>
          Manage
        </Button>
      </div>
      {managing ? (
        <ManageDialog organization={organization} onClose={() => setManaging(false)} onTurnedOff={onTurnedOff} />
      ) : null}
    </Card>
  );
}

function ManageDialog({
  organization,
  onClose,
  onTurnedOff,
}: Omit<IntegrationSettingProps, 'status'> & { readonly onClose: () => void }) {
  const { client } = useSession();
  const [enabled, setEnabled] = useState(true);

  async function save() {
    if (enabled) return onClose();
    await setIntegrationEnabled(client, organization.id, false);
    onClose();
    await onTurnedOff();
  }

  return (
    <FormDialog
      title={INTEGRATION_TITLE}
      submitLabel="Save"
      onSubmit={save}
      onCancel={onClose}
      describedBy="integration-switch-help"
    >
      <Switch
        label="Sales order processing integration"
        checked={enabled}
        onChange={(_event, data) => setEnabled(data.checked)}
      />
      <Text id="integration-switch-help">
        Turned off, orders can no longer be submitted to the back office and Create Invoice is available again. Orders
        already submitted stay Submitted and read-only, but no longer belong to the back office: whoever may edit them
        can reopen them to edit, fulfill, cancel or invoice them. It is turned back on from Administration &gt;
        Integration.
      </Text>
    </FormDialog>
  );
}
