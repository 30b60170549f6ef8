/**
 * Lock Pricing keeps the prices per unit of an order or invoice; Use Current Pricing unlocks it and
 * re-prices the lines from the catalog (LockSalesOrderPricing / UnlockSalesOrderPricing, and the
 * invoice variants). Offered only while the record may be edited.
 */
import type { CommandDefinition } from '../entities/entity-definition';

export function priceLockCommands(table: 'SalesOrder' | 'Invoice', idParameter: string): CommandDefinition[] {
  const locked = (record: Readonly<Record<string, unknown>>) => record.ispricelocked === true;
  return [
    {
      label: 'Lock Pricing',
      visible: (context) => context.entity.editable(context) && !locked(context.record),
      async run({ client, id }) {
        await client.callAction({ actionName: `Lock${table}Pricing`, action: { [idParameter]: id } });
        return { message: 'Prices are locked: catalog changes no longer reprice these lines.' };
      },
    },
    {
      label: 'Use Current Pricing',
      visible: (context) => context.entity.editable(context) && locked(context.record),
      async run({ client, id }) {
        await client.callAction({ actionName: `Unlock${table}Pricing`, action: { [idParameter]: id } });
        return { message: 'Prices are unlocked and recalculated from the price list.' };
      },
    },
  ];
}
