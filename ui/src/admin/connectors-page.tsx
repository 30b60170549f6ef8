/**
 * Administration > Back office (issue #14): the integration status, the connectors (add a webhook or an
 * AMQP connector, send a test event, rotate a webhook's secret, activate, deactivate), recent
 * deliveries and the reconciliation report with its dead letters to replay. Every part is a Web API
 * read or write; whatever the server refuses the caller is shown as its refusal, section by section, so
 * the page never re-encodes who may do what.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../api/describe-error';
import { useQuery } from '../data/use-query';
import { useSession } from '../session/session-context';
import { type IntegrationStatus, loadIntegrationStatus, NO_CONNECTOR_WARNING } from '../settings/integration-status';
import { PageHeading } from '../shell/page-heading';
import { DeliveriesTable, ReconciliationSections } from './connectors-activity';
import { AddAmqpConnectorForm } from './connectors-add-amqp-form';
import { AddConnectorForm } from './connectors-add-form';
import { Refusal } from './connectors-refusal';
import {
  addAmqpConnector,
  addWebhookConnector,
  type Connector,
  listConnectors,
  listRecentDeliveries,
  loadReconciliationReport,
  type NewAmqpConnector,
  type NewWebhookConnector,
  RECENT_DELIVERIES,
  replayDeadLetters,
  sendTestEvent,
  setConnectorActive,
  setWebhookSecret,
} from './connectors-requests';
import { RotateSecretDialog } from './connectors-rotate-dialog';
import { ConnectorsTable } from './connectors-table';

/** The report's default cut-off, as `orderline` and the function use. */
const UNACKNOWLEDGED_MINUTES = 60;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1100px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

function statusSentence(status: IntegrationStatus): string {
  if (!status.integrationEnabled) {
    return 'The back office order processing integration is off: orders are not handed to a back office.';
  }
  if (status.waitingForConnector) return 'The integration is on, and no back office is connected.';
  const active = status.activeConnectors;
  return `The integration is on, with ${active} back-office connector${active === 1 ? '' : 's'} active.`;
}

export function ConnectorsPage() {
  const styles = useStyles();
  const { client } = useSession();
  const status = useQuery('integration-status', () => loadIntegrationStatus(client));
  const connectors = useQuery('connectors', () => listConnectors(client));
  const deliveries = useQuery('deliveries', () => listRecentDeliveries(client));
  const report = useQuery('reconciliation', () => loadReconciliationReport(client, UNACKNOWLEDGED_MINUTES));
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [rotating, setRotating] = useState<Connector | undefined>();
  const [replaying, setReplaying] = useState(false);

  const reloadAll = () => Promise.all([status.reload(), connectors.reload(), deliveries.reload(), report.reload()]);

  /**
   * Runs one change, then shows its notice and reloads the page's parts; a refusal is shown and rethrown.
   * Resolves once the reload is in, unless `untilSaved`: then as soon as the server holds the change.
   */
  async function change(run: () => Promise<string>, { untilSaved = false } = {}): Promise<void> {
    setError(undefined);
    setNotice(undefined);
    let said: string;
    try {
      said = await run();
    } catch (failure) {
      setError(describeError(failure));
      throw failure;
    }
    setNotice(said);
    const reloaded = reloadAll();
    if (!untilSaved) await reloaded;
  }
  // Buttons whose refusal the page shows at the top: nothing else waits for them.
  const quietly = (run: () => Promise<string>) => void change(run).catch(() => undefined);

  // An add form clears its secret as soon as the server holds it, not once the slowest part of the page
  // (the reconciliation report) has reloaded: the new connector's row must never sit beside its secret.
  const add = (connector: NewWebhookConnector) =>
    change(
      async () => {
        await addWebhookConnector(client, connector);
        return `The webhook connector ${connector.name} was added.`;
      },
      { untilSaved: true },
    );

  const addAmqp = (connector: NewAmqpConnector) =>
    change(
      async () => {
        await addAmqpConnector(client, connector);
        return `The AMQP connector ${connector.name} was added.`;
      },
      { untilSaved: true },
    );

  const toggle = (connector: Connector) =>
    quietly(async () => {
      await setConnectorActive(client, connector.id, !connector.active);
      return `${connector.name} is ${connector.active ? 'inactive: its events wait until it is activated' : 'active'}.`;
    });

  const sendTest = (connector: Connector) =>
    quietly(async () => {
      const sent = await sendTestEvent(client, connector.id);
      return `A test event (id ${sent.eventId}) is on its way to ${connector.name}: Recent deliveries shows how it went.`;
    });

  async function replay(deliveryId?: string) {
    setReplaying(true);
    try {
      await change(async () => {
        const count = await replayDeadLetters(client, deliveryId);
        return count === 1
          ? 'One dead letter was queued again: it is sent at once, with its original event id.'
          : `${count} dead letters were queued again: each is sent at once, with its original event id.`;
      });
    } catch {
      // Shown at the top of the page.
    } finally {
      setReplaying(false);
    }
  }

  async function saveSecret(connector: Connector, secrets: string) {
    // Refused secrets stay in the dialog, in the server's words (FormDialog); saved ones close it.
    await setWebhookSecret(client, connector.id, secrets);
    setRotating(undefined);
    setError(undefined);
    setNotice(
      secrets.includes(' ')
        ? `The secrets of ${connector.name} were saved: requests are signed with both until the next rotation.`
        : `The new secret of ${connector.name} was saved: requests are signed with it from the next delivery on.`,
    );
  }

  return (
    <div className={styles.page}>
      <PageHeading title="Back office" />
      {status.data ? <Text>{statusSentence(status.data)}</Text> : null}
      {status.error && !status.data ? <Refusal what="the integration status" failure={status.error} /> : null}
      {status.data?.waitingForConnector ? (
        <MessageBar intent="warning" layout="multiline" aria-label="No back office connected">
          <MessageBarBody>
            <MessageBarTitle>No back office connected</MessageBarTitle> {NO_CONNECTOR_WARNING}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}

      <section className={styles.section} aria-labelledby="connectors-heading">
        <h2 id="connectors-heading" className={styles.sectionTitle}>
          Connectors
        </h2>
        {connectors.error && !connectors.data ? <Refusal what="the connectors" failure={connectors.error} /> : null}
        {connectors.loading && !connectors.data && !connectors.error ? (
          <Spinner size="small" label="Loading connectors…" />
        ) : null}
        {connectors.data ? (
          <>
            <ConnectorsTable
              connectors={connectors.data}
              onToggle={toggle}
              onSendTestEvent={sendTest}
              onRotateSecret={setRotating}
            />
            <AddConnectorForm onAdd={add} />
            <AddAmqpConnectorForm onAdd={addAmqp} />
          </>
        ) : null}
      </section>

      <section className={styles.section} aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className={styles.sectionTitle}>
          Recent deliveries
        </h2>
        <Text>The last {RECENT_DELIVERIES} deliveries, newest first.</Text>
        <div>
          <Button onClick={() => void reloadAll()}>Refresh</Button>
        </div>
        {deliveries.error && !deliveries.data ? <Refusal what="the deliveries" failure={deliveries.error} /> : null}
        {deliveries.data ? <DeliveriesTable deliveries={deliveries.data} connectors={connectors.data ?? []} /> : null}
      </section>

      <section className={styles.section} aria-labelledby="report-heading">
        <h2 id="report-heading" className={styles.sectionTitle}>
          Reconciliation report
        </h2>
        {report.error && !report.data ? <Refusal what="the reconciliation report" failure={report.error} /> : null}
        {report.data ? (
          <ReconciliationSections report={report.data} onReplay={(id) => void replay(id)} replaying={replaying} />
        ) : null}
      </section>
      {rotating ? (
        <RotateSecretDialog
          connector={rotating}
          onSave={(secrets) => saveSecret(rotating, secrets)}
          onCancel={() => setRotating(undefined)}
        />
      ) : null}
    </div>
  );
}
