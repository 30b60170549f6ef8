/**
 * State and status names (`SalesOrderState.Submitted`, `QuoteStatus.ActiveInProgress`), taken from the
 * server's module that derives them from the table metadata, so the UI never retypes a code. That module
 * is pure TypeScript; Vite bundles it and ui/tsconfig.json checks it through this import.
 */
export {
  AccountState,
  InvoiceState,
  InvoiceStatus,
  OpportunityState,
  OpportunityStatus,
  ProductState,
  QuoteState,
  QuoteStatus,
  SalesOrderState,
  SalesOrderStatus,
} from '../../../src/domain/metadata/named-states';
