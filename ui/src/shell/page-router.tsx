/** The page for the current path, inside the shell. Each record gets a fresh page (keyed by its path). */

import { ConnectorsPage } from '../admin/connectors-page';
import { IntegrationPage } from '../admin/integration-page';
import { SalesSettingsPage } from '../admin/sales-settings-page';
import { UsersPage } from '../admin/users-page';
import { entityForArea } from '../entities/all-entities';
import { RecordFormPage } from '../forms/record-form-page';
import { EntityListPage } from '../lists/entity-list-page';
import { useLocationPath } from '../routing/location';
import { parseRoute } from '../routing/routes';
import { AccessTokensPage } from '../session/access-tokens-page';
import { AppSettingsPage } from '../settings/app-settings-page';
import { AppShell } from './app-shell';
import { NotFoundPage } from './not-found-page';

export function PageRouter() {
  const path = useLocationPath();
  const route = parseRoute(path);
  switch (route.kind) {
    case 'home': {
      const orders = entityForArea('orders')!;
      return (
        <AppShell currentArea="orders">
          <EntityListPage key={path} entity={orders} search="" />
        </AppShell>
      );
    }
    case 'settings':
      return (
        <AppShell currentArea="settings">
          <AppSettingsPage />
        </AppShell>
      );
    case 'tokens':
      return (
        <AppShell currentArea="tokens">
          <AccessTokensPage />
        </AppShell>
      );
    case 'connectors':
      return (
        <AppShell currentArea="connectors">
          <ConnectorsPage />
        </AppShell>
      );
    case 'integration':
      return (
        <AppShell currentArea="integration">
          <IntegrationPage />
        </AppShell>
      );
    case 'users':
      return (
        <AppShell currentArea="users">
          <UsersPage />
        </AppShell>
      );
    case 'salesSettings':
      return (
        <AppShell currentArea="sales-settings">
          <SalesSettingsPage />
        </AppShell>
      );
    case 'list':
    case 'new':
    case 'record': {
      const entity = entityForArea(route.area);
      if (!entity) break;
      return (
        <AppShell currentArea={entity.area}>
          {route.kind === 'list' ? (
            <EntityListPage key={path} entity={entity} search={route.search} />
          ) : (
            <RecordFormPage key={path} entity={entity} id={route.kind === 'record' ? route.id : undefined} />
          )}
        </AppShell>
      );
    }
    case 'notFound':
      break;
  }
  return (
    <AppShell>
      <NotFoundPage />
    </AppShell>
  );
}
