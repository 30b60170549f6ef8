/**
 * App Settings > General > Back office order processing integration (the seed: "Sélectionnez Gérer,
 * puis réglez le bouton de basculement sur Désactivé"). Manage opens the switch; saving it off PATCHes
 * `organization.issopintegrationenabled`. Turning it on is an API call, as in Sales, so the switch here
 * only turns it off.
 */
import { Button, Card, CardHeader, makeStyles, Switch, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { type Organization, setIntegrationEnabled } from '../data/organization';
import { FormDialog } from '../dialogs/form-dialog';
import { useSession } from '../session/session-context';

const useStyles = makeStyles({
  card: { maxWidth: '640px' },
});

export const INTEGRATION_TITLE = 'Back office order processing integration';

export interface IntegrationSettingProps {
  readonly organization: Organization;
  /** Called once the integration is off: the page reloads the organization and the entry goes away. */
  readonly onTurnedOff: () => Promise<void>;
}

export function IntegrationSetting({ organization, onTurnedOff }: IntegrationSettingProps) {
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
        description={<Text>On</Text>}
      />
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
}: IntegrationSettingProps & { readonly onClose: () => void }) {
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
        Turned off, orders can no longer be submitted to the back office, submitted orders are no longer locked against
        edits from their owners, and Create Invoice is available again. Turning it back on is done through the Web API
        (organization.issopintegrationenabled).
      </Text>
    </FormDialog>
  );
}
