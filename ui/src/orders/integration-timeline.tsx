/**
 * The order's integration timeline (PRODUCT.md C5): submitted, each delivery attempt and its answer,
 * the acknowledgement, each update from the back office, oldest first. Read from `ol_timelineentries`
 * when the server has it; on a server without it (404), the panel is not shown.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { isMissingFeature } from '../api/describe-error';
import { formatted, numberValue, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import type { PanelProps } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { useSession } from '../session/session-context';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  entry: {
    display: 'grid',
    gridTemplateColumns: 'minmax(150px, auto) 1fr',
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 720px)': { gridTemplateColumns: '1fr' },
  },
  when: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  kind: { fontWeight: tokens.fontWeightSemibold },
  detail: { color: tokens.colorNeutralForeground2 },
});

function details(entry: Row): string {
  const parts: string[] = [];
  const status = numberValue(entry, 'ol_httpstatus');
  const latency = numberValue(entry, 'ol_latencyms');
  if (status !== undefined) parts.push(`HTTP ${status}`);
  if (latency !== undefined) parts.push(`${latency} ms`);
  return parts.join(' · ');
}

export function IntegrationTimeline({ recordId: orderId, refreshKey }: PanelProps) {
  const styles = useStyles();
  const { client } = useSession();
  const timeline = useQuery(`timeline|${orderId}|${refreshKey}`, () =>
    client.retrieveMultiple({
      collection: 'ol_timelineentries',
      select: ['ol_kind', 'ol_summary', 'ol_httpstatus', 'ol_latencyms', 'createdon'],
      filter: `_ol_salesorderid_value eq ${orderId}`,
      orderBy: ['createdon asc', 'ol_sequence asc'],
      includeAnnotations: '*',
    }),
  );
  if (timeline.error && isMissingFeature(timeline.error)) return null;
  if (!timeline.data && !timeline.error) return null;
  const entries = timeline.data?.value ?? [];
  return (
    <section aria-labelledby="timeline-heading" className={styles.section}>
      <h2 id="timeline-heading" className={styles.title}>
        Integration timeline
      </h2>
      {timeline.error ? <LoadError error={timeline.error} retry={() => void timeline.reload()} /> : null}
      {timeline.data && entries.length === 0 ? <Text>Nothing has been sent to the back office yet.</Text> : null}
      {entries.length > 0 ? (
        <ol className={styles.list} aria-label="Integration timeline">
          {entries.map((entry, index) => {
            const more = details(entry);
            return (
              <li key={String(entry.ol_timelineentryid ?? index)} className={styles.entry}>
                <span className={styles.when}>{formatted(entry, 'createdon')}</span>
                <span>
                  <span className={styles.kind}>{formatted(entry, 'ol_kind')}</span>
                  {entry.ol_summary ? `: ${formatted(entry, 'ol_summary')}` : ''}
                  {more ? <span className={styles.detail}> ({more})</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
