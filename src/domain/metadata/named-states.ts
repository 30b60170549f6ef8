/**
 * The state and status names of every table with a state model, derived once from the declarations in
 * `tables/` (rules in state-names.ts): `SalesOrderState.Submitted === 1`,
 * `SalesOrderStatus.InProgress === 3`, `QuoteStatus.Revised === 7`. The server and the Sales Hub UI both
 * import them from here, so a code is written in one place: its table's file.
 */
import { stateNames, statusNames } from './state-names.js';
import { account } from './tables/account.js';
import { closeActivityStates } from './tables/close-activity-columns.js';
import { contact } from './tables/contact.js';
import { discounttype } from './tables/discounttype.js';
import { invoice } from './tables/invoice.js';
import { ol_connector } from './tables/ol-connector.js';
import { opportunity } from './tables/opportunity.js';
import { pricelevel } from './tables/pricelevel.js';
import { product } from './tables/product.js';
import { quote } from './tables/quote.js';
import { salesorder } from './tables/salesorder.js';
import { transactioncurrency } from './tables/transactioncurrency.js';
import { uomschedule } from './tables/uomschedule.js';

export const OpportunityState = stateNames(opportunity);
export const OpportunityStatus = statusNames(opportunity);

export const QuoteState = stateNames(quote);
export const QuoteStatus = statusNames(quote);

export const SalesOrderState = stateNames(salesorder);
export const SalesOrderStatus = statusNames(salesorder);

export const InvoiceState = stateNames(invoice);
export const InvoiceStatus = statusNames(invoice);

export const ProductState = stateNames(product);
export const ProductStatus = statusNames(product);

/** The three close activities (quoteclose, orderclose, opportunityclose) share one state model. */
const closeActivity = { logicalName: 'close activity', states: closeActivityStates };
export const CloseActivityState = stateNames(closeActivity);
export const CloseActivityStatus = statusNames(closeActivity);

// Tables whose rows are simply Active or Inactive.
export const AccountState = stateNames(account);
export const AccountStatus = statusNames(account);
export const ContactState = stateNames(contact);
export const ContactStatus = statusNames(contact);
export const TransactionCurrencyState = stateNames(transactioncurrency);
export const TransactionCurrencyStatus = statusNames(transactioncurrency);
export const UoMScheduleState = stateNames(uomschedule);
export const UoMScheduleStatus = statusNames(uomschedule);
export const PriceLevelState = stateNames(pricelevel);
export const PriceLevelStatus = statusNames(pricelevel);
export const DiscountTypeState = stateNames(discounttype);
export const DiscountTypeStatus = statusNames(discounttype);
export const ConnectorState = stateNames(ol_connector);
export const ConnectorStatus = statusNames(ol_connector);
