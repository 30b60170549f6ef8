import { Text } from '@fluentui/react-components';
import { AppLink } from '../routing/app-link';
import { PageHeading } from './page-heading';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" />
      <Text as="p">
        Nothing is at this address. Go to the <AppLink to="/orders">orders</AppLink> or pick an area in the site map.
      </Text>
    </>
  );
}
