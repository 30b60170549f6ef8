/**
 * Money follows its record's currency (reference 4.8): a record gets the organization's base currency
 * when none is given, copies the currency's exchange rate, rounds each money column to its precision
 * (PrecisionSource 0 own, 1 organization pricing precision, 2 currency precision) and keeps every
 * `_base` twin equal to the value divided by the exchange rate, at precision 4.
 */
import { Decimal, roundTo } from '../../domain/decimal.js';
import { recordDoesNotExist } from '../../domain/errors.js';
import type { MoneyColumn } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import type { ExecutionContext } from '../execution-context.js';
import type { WriteOperation, WriteStep } from '../write-step.js';

async function currencyOf(context: ExecutionContext, operation: WriteOperation, organization: Row) {
  const { table, target, preImage } = operation;
  const hasCurrency = table.columns.some((column) => column.name === 'transactioncurrencyid');
  if (!hasCurrency) return undefined;
  if (operation.message === 'Create' && (target.transactioncurrencyid ?? null) === null) {
    target.transactioncurrencyid = organization.basecurrencyid ?? null;
  }
  const currencyId = (target.transactioncurrencyid ?? preImage?.transactioncurrencyid ?? null) as string | null;
  if (!currencyId) return undefined;
  const currency = await context.services.referenceData.currency(context.trx, currencyId);
  if (!currency) throw recordDoesNotExist('transactioncurrency', currencyId);
  return currency;
}

function precisionOf(column: MoneyColumn, organization: Row, currency: Row | undefined): number {
  switch (column.precisionSource) {
    case 0:
      return column.precision;
    case 1:
      return Number(organization.pricingdecimalprecision ?? 2);
    case 2:
      return Number(currency?.currencyprecision ?? organization.currencydecimalprecision ?? 2);
  }
}

export const currencyAndMoneyStep: WriteStep = {
  name: 'currency and money precision',
  stage: 'preOperation',
  messages: ['Create', 'Update'],
  async run(context, operation) {
    const { table, target, preImage } = operation;
    const moneyColumns = table.columns.filter((column): column is MoneyColumn => column.type === 'money');
    if (moneyColumns.length === 0) return;
    const organization = await context.services.referenceData.organization(context.trx);
    const currency = await currencyOf(context, operation, organization);
    const currencyChanged =
      target.transactioncurrencyid !== undefined && target.transactioncurrencyid !== preImage?.transactioncurrencyid;
    if (currency && (currencyChanged || operation.message === 'Create'))
      target.exchangerate = currency.exchangerate ?? null;
    const rate = (target.exchangerate ?? preImage?.exchangerate ?? null) as Decimal | null;

    for (const column of moneyColumns) {
      if (column.baseOf) continue;
      const value = target[column.name];
      if (value instanceof Decimal) target[column.name] = roundTo(value, precisionOf(column, organization, currency));
    }
    for (const column of moneyColumns) {
      if (!column.baseOf) continue;
      const sourceChanged = target[column.baseOf] !== undefined || currencyChanged;
      if (!sourceChanged) continue;
      const value = (target[column.baseOf] ?? preImage?.[column.baseOf] ?? null) as Decimal | null;
      target[column.name] = value === null ? null : roundTo(rate && !rate.isZero() ? value.div(rate) : value, 4);
    }
  },
};
