/**
 * Administration > Back office (issue #14): the integration status, the connectors (add a webhook,
 * activate, deactivate), recent deliveries and the reconciliation report. Every part is a Web API read
 * or write; whatever the server refuses the caller is shown as its refusal, section by section, so the
 * page never re-encodes who may do what.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
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
import { AddConnectorForm } from './connectors-add-form';
import { Refusal } from './connectors-refusal';
import {
  addWebhookConnector,
  type Connector,
  listConnectors,
  listRecentDeliveries,
  loadReconciliationReport,
  type NewWebhookConnector,
  RECENT_DELIVERIES,
  setConnectorActive,
} from './connectors-requests';

/** The report's default cut-off, as `orderline` and the function use. */
const UNACKNOWLEDGED_MINUTES = 60;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1100px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  url: { overflowWrap: 'anywhere' },
});

function statusSentence(status: IntegrationStatus): string {
  if (!status.integrationEnabled) {
    return 'The back office order processing integration is off: orders are not handed to a back office.';
  }
  if (status.waitingForConnector) return 'The integration is on, and no back office is connected.';
  const active = status.activeConnectors;
  return `The integration is on, with ${active} back-office connector${active === 1 ? '' : 's'} active.`;
}

function ConnectorsTable({
  connectors,
  onToggle,
}: {
  connectors: Connector[];
  onToggle: (connector: Connector) => void;
}) {
  const styles = useStyles();
  if (connectors.length === 0) return <Text>No connector yet.</Text>;
  return (
    <Table aria-label="Connectors">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Kind</TableHeaderCell>
          <TableHeaderCell>URL</TableHeaderCell>
          <TableHeaderCell>State</TableHeaderCell>
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {connectors.map((connector) => (
          <TableRow key={connector.id}>
            <TableCell>{connector.name}</TableCell>
            <TableCell>{connector.kind}</TableCell>
            <TableCell className={styles.url}>{connector.url}</TableCell>
            <TableCell>
              {connector.active ? 'Active' : 'Inactive'}
              {connector.disabledReason ? ` (${connector.disabledReason})` : ''}
            </TableCell>
            <TableCell>
              <Button
                size="small"
                aria-label={`${connector.active ? 'Deactivate' : 'Activate'} ${connector.name}`}
                onClick={() => onToggle(connector)}
              >
                {connector.active ? 'Deactivate' : 'Activate'}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
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

  const reloadAll = () => Promise.all([status.reload(), connectors.reload(), deliveries.reload(), report.reload()]);

  async function add(connector: NewWebhookConnector) {
    setError(undefined);
    setNotice(undefined);
    try {
      await addWebhookConnector(client, connector);
      setNotice(`The webhook connector ${connector.name} was added.`);
      await reloadAll();
    } catch (failure) {
      setError(describeError(failure));
      throw failure;
    }
  }

  async function toggle(connector: Connector) {
    setError(undefined);
    setNotice(undefined);
    try {
      await setConnectorActive(client, connector.id, !connector.active);
      setNotice(
        `${connector.name} is ${connector.active ? 'inactive: its events wait until it is activated' : 'active'}.`,
      );
      await reloadAll();
    } catch (failure) {
      setError(describeError(failure));
    }
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
            <ConnectorsTable connectors={connectors.data} onToggle={(connector) => void toggle(connector)} />
            <AddConnectorForm onAdd={add} />
          </>
        ) : null}
      </section>

      <section className={styles.section} aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className={styles.sectionTitle}>
          Recent deliveries
        </h2>
        <Text>The last {RECENT_DELIVERIES} deliveries, newest first.</Text>
        {deliveries.error && !deliveries.data ? <Refusal what="the deliveries" failure={deliveries.error} /> : null}
        {deliveries.data ? <DeliveriesTable deliveries={deliveries.data} connectors={connectors.data ?? []} /> : null}
      </section>

      <section className={styles.section} aria-labelledby="report-heading">
        <h2 id="report-heading" className={styles.sectionTitle}>
          Reconciliation report
        </h2>
        {report.error && !report.data ? <Refusal what="the reconciliation report" failure={report.error} /> : null}
        {report.data ? <ReconciliationSections report={report.data} /> : null}
      </section>
    </div>
  );
}
