/**
 * What the back office said about the order: its processing status and its own order number, written
 * back by the bridge (issue #5). A submitted order while no back office is connected says so plainly
 * (issue #14): it is locked and nothing will process it until a connector is added. On a server without those columns yet, the request is refused (400)
 * and the panel is simply not shown; it is a separate request so the order form never depends on it.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { FORMATTED } from '../api/client';
import { isMissingFeature } from '../api/describe-error';
import { formatted } from '../data/row';
import { useQuery } from '../data/use-query';
import type { PanelProps } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { ReadOnlyValue } from '../forms/read-only-value';
import { useSession } from '../session/session-context';
import { loadIntegrationStatus, NO_CONNECTOR_WARNING } from '../settings/integration-status';
import { useTimelineVersion } from './timeline-version';

const SUBMITTED = 1;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
  },
});

export function BackOfficeStatus({ recordId: orderId, refreshKey }: PanelProps) {
  const styles = useStyles();
  const { client } = useSession();
  // Live while the order is open: a new timeline entry means the back office answered.
  const version = useTimelineVersion(orderId);
  const status = useQuery(`backoffice|${orderId}|${refreshKey}|${version}`, () =>
    client.retrieve({
      collection: 'salesorders',
      key: orderId,
      select: ['statecode', 'ol_processingstatus', 'ol_backofficeordernumber'],
      includeAnnotations: FORMATTED,
    }),
  );
  const integration = useQuery(`integration-status|${orderId}|${refreshKey}`, () => loadIntegrationStatus(client));
  const waiting = status.data?.statecode === SUBMITTED && integration.data?.waitingForConnector === true;
  if (status.error && isMissingFeature(status.error)) return null;
  if (!status.data && !status.error) return null;
  return (
    <section aria-labelledby="back-office-heading" className={styles.section}>
      <h2 id="back-office-heading" className={styles.title}>
        Back office
      </h2>
      {waiting ? (
        <MessageBar intent="warning" layout="multiline" aria-label="Waiting for a back office">
          <MessageBarBody>
            <MessageBarTitle>Waiting for a back office</MessageBarTitle> {NO_CONNECTOR_WARNING}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {status.error ? <LoadError error={status.error} retry={() => void status.reload()} /> : null}
      {status.data ? (
        <div className={styles.grid}>
          <ReadOnlyValue
            label="Processing Status"
            value={
              formatted(status.data, 'ol_processingstatus') ||
              (waiting ? 'Not sent: no back office connected' : 'Not sent yet')
            }
          />
          <ReadOnlyValue
            label="Back Office Order Number"
            value={formatted(status.data, 'ol_backofficeordernumber') || 'Not acknowledged yet'}
          />
        </div>
      ) : null}
    </section>
  );
}
