/**
 * App Settings. Under General, the Back office order processing integration entry appears only while
 * the integration is on, and only to users allowed to change it (the seed's note: "Le paramètre ne
 * sera pas visible dans la page Paramètres de l'application si l'intégration est désactivée"). Who may
 * change it is the server's answer (`SwitchRefusal` of its integration status), not a rule kept here.
 */
import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { loadOrganization } from '../data/organization';
import { useQuery } from '../data/use-query';
import { LoadError } from '../feedback/load-error';
import { MessageList } from '../feedback/message-list';
import { useMessages } from '../feedback/use-messages';
import { useSession } from '../session/session-context';
import { PageHeading } from '../shell/page-heading';
import { IntegrationSetting } from './integration-setting';
import { loadIntegrationStatus } from './integration-status';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '900px' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export function AppSettingsPage() {
  const styles = useStyles();
  const { client } = useSession();
  const messages = useMessages();
  const organization = useQuery('organization', () => loadOrganization(client));
  const status = useQuery('integration-status', () => loadIntegrationStatus(client));
  const showIntegration = organization.data?.integrationEnabled === true && status.data?.switchRefusal === null;
  // Both answers are in (a status the server refused counts as "may not change it"): nothing flickers.
  const settled = organization.data !== undefined && (status.data !== undefined || status.error !== undefined);

  return (
    <div className={styles.page}>
      <PageHeading title="App Settings" />
      <MessageList messages={messages} />
      {organization.error ? <LoadError error={organization.error} retry={() => void organization.reload()} /> : null}
      <section aria-labelledby="general-heading" className={styles.section}>
        <h2 id="general-heading" className={styles.sectionTitle}>
          General
        </h2>
        {!settled && !organization.error ? <Spinner size="small" label="Loading settings…" /> : null}
        {organization.data && showIntegration ? (
          <IntegrationSetting
            organization={organization.data}
            status={status.data}
            onTurnedOff={async () => {
              await Promise.all([organization.reload(), status.reload()]);
              messages.success(
                'The back office order processing integration is off. Orders offer Create Invoice again.',
              );
            }}
          />
        ) : null}
        {settled && !showIntegration ? (
          <Text as="p">
            There are no general settings for you to manage. The back office order processing integration appears here
            while it is on, for users with the System Customizer or System Administrator role and a Sales Enterprise or
            Sales Premium license.
          </Text>
        ) : null}
      </section>
    </div>
  );
}
