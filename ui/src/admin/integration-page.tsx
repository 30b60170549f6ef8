/**
 * Administration > Integration (issue #14): turning the back office order processing integration on
 * and off (`organization.issopintegrationenabled`, the PATCH App Settings' Manage makes). A self-hosted
 * Orderline has no Power Platform admin center, so this is where it is turned on. The page shows what
 * the server says: whether it is on, how many connectors are active, what waits for one, and whether
 * the user may change it (the server's own refusal, read-only otherwise). Turning it on with no active
 * connector asks first, since submitted orders would then wait, locked, for a back office.
 */
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Text,
  Toolbar,
  ToolbarButton,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../api/describe-error';
import { loadOrganization, setIntegrationEnabled } from '../data/organization';
import { useQuery } from '../data/use-query';
import { AppLink } from '../routing/app-link';
import { useSession } from '../session/session-context';
import { type IntegrationStatus, loadIntegrationStatus, NO_CONNECTOR_WARNING } from '../settings/integration-status';
import { PageHeading } from '../shell/page-heading';
import { IntegrationSwitchDialog } from './integration-switch-dialog';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '900px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  toolbar: { padding: 0 },
  facts: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What the server counted; the counts of waiting work are null for users who may not read the outbox. */
function Facts({ status }: { status: IntegrationStatus }) {
  const styles = useStyles();
  const facts = [
    status.integrationEnabled ? 'On.' : 'Off.',
    `${plural(status.activeConnectors, 'back-office connector', 'back-office connectors')} active.`,
  ];
  if (status.eventsWithoutConnector !== null) {
    facts.push(
      `${plural(status.eventsWithoutConnector, 'change to submitted orders waits', 'changes to submitted orders wait')} for a connector${status.oldestWaitingOn ? ` (the oldest since ${new Date(status.oldestWaitingOn).toLocaleString()})` : ''}.`,
    );
  }
  if (status.deliveriesHeldByInactiveConnectors !== null) {
    facts.push(
      `${plural(status.deliveriesHeldByInactiveConnectors, 'delivery is', 'deliveries are')} held by inactive connectors.`,
    );
  }
  return (
    <ul className={styles.facts} aria-label="Integration status">
      {facts.map((fact) => (
        <li key={fact}>
          <Text>{fact}</Text>
        </li>
      ))}
    </ul>
  );
}

export function IntegrationPage() {
  const styles = useStyles();
  const { client } = useSession();
  const organization = useQuery('organization', () => loadOrganization(client));
  const status = useQuery('integration-status', () => loadIntegrationStatus(client));
  const [switching, setSwitching] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const current = status.data;
  const failure = organization.error ?? status.error;

  async function save(enabled: boolean) {
    await setIntegrationEnabled(client, organization.data!.id, enabled);
    setSwitching(false);
    await Promise.all([organization.reload(), status.reload()]);
    setNotice(
      enabled
        ? 'The back office order processing integration is on: orders offer Submit Order instead of Create Invoice.'
        : 'The back office order processing integration is off: orders offer Create Invoice again.',
    );
  }

  return (
    <div className={styles.page}>
      <PageHeading title="Order processing integration" />
      <Text as="p">
        While the integration is on, orders offer Submit Order instead of Create Invoice; a submitted order is sent to
        your back-office order processing application through its connectors (Administration &gt;{' '}
        <AppLink to="/connectors">Back office</AppLink>) and locked here, except for integration users.
      </Text>
      {failure && !current ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>The integration status could not be loaded. {describeError(failure)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!current && !failure ? <Spinner size="small" label="Loading the integration status…" /> : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {current ? (
        <section className={styles.section} aria-labelledby="integration-status-heading">
          <h2 id="integration-status-heading" className={styles.sectionTitle}>
            Status
          </h2>
          <Facts status={current} />
          {current.waitingForConnector ? (
            <MessageBar intent="warning" layout="multiline" aria-label="No back office connected">
              <MessageBarBody>
                <MessageBarTitle>No back office connected</MessageBarTitle> {NO_CONNECTOR_WARNING}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {current.switchRefusal === null ? (
            // A toolbar, as on the Users page: the page is shown again to assistive technologies when the
            // dialog closes only if the focus returns to a control Fluent's focus manager knows.
            <Toolbar aria-label="Integration commands" className={styles.toolbar}>
              <ToolbarButton appearance="primary" disabled={!organization.data} onClick={() => setSwitching(true)}>
                {current.integrationEnabled ? 'Turn off' : 'Turn on'}
              </ToolbarButton>
            </Toolbar>
          ) : (
            <MessageBar intent="info" layout="multiline" aria-label="Read only">
              <MessageBarBody>
                You can see the integration but not turn it on or off. The server's reason: {current.switchRefusal} Ask
                a System Administrator if it should change.
              </MessageBarBody>
            </MessageBar>
          )}
        </section>
      ) : null}
      {switching && current ? (
        <IntegrationSwitchDialog
          turningOn={!current.integrationEnabled}
          activeConnectors={current.activeConnectors}
          onConfirm={() => save(!current.integrationEnabled)}
          onCancel={() => setSwitching(false)}
        />
      ) : null}
    </div>
  );
}
