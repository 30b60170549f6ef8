/** Every table the UI shows, by its path segment, in the order of the navigation. */
import { accounts } from './accounts';
import type { EntityDefinition } from './entity-definition';
import { invoices } from './invoices';
import { opportunities } from './opportunities';
import { orders } from './orders';
import { priceLists } from './price-lists';
import { products } from './products';
import { quotes } from './quotes';

export const NAVIGATION_GROUPS: readonly { readonly title: string; readonly entities: readonly EntityDefinition[] }[] =
  [
    { title: 'Sales', entities: [opportunities, quotes, orders, invoices] },
    { title: 'Customers', entities: [accounts] },
    { title: 'Catalog', entities: [products, priceLists] },
  ];

const BY_AREA = new Map(NAVIGATION_GROUPS.flatMap((group) => group.entities).map((entity) => [entity.area, entity]));

export function entityForArea(area: string): EntityDefinition | undefined {
  return BY_AREA.get(area);
}
