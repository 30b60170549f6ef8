/** Every table Orderline serves (PRODUCT.md C1), and the one N:N relationship between them. */
import type { ManyToManyRelationship } from '../metadata-registry.js';
import type { TableMetadata } from '../table-metadata.js';
import { account } from './account.js';
import { audit } from './audit.js';
import { businessunit } from './businessunit.js';
import { contact } from './contact.js';
import { discount } from './discount.js';
import { discounttype } from './discounttype.js';
import { invoice } from './invoice.js';
import { invoicedetail } from './invoicedetail.js';
import { ol_connector } from './ol-connector.js';
import { ol_delivery } from './ol-delivery.js';
import { ol_outboxevent } from './ol-outboxevent.js';
import { ol_timelineentry } from './ol-timelineentry.js';
import { opportunity } from './opportunity.js';
import { opportunityclose } from './opportunityclose.js';
import { opportunityproduct } from './opportunityproduct.js';
import { orderclose } from './orderclose.js';
import { organization } from './organization.js';
import { pricelevel } from './pricelevel.js';
import { product } from './product.js';
import { productpricelevel } from './productpricelevel.js';
import { quote } from './quote.js';
import { quoteclose } from './quoteclose.js';
import { quotedetail } from './quotedetail.js';
import { role } from './role.js';
import { salesorder } from './salesorder.js';
import { salesorderdetail } from './salesorderdetail.js';
import { savedquery } from './savedquery.js';
import { systemuser } from './systemuser.js';
import { transactioncurrency } from './transactioncurrency.js';
import { uom } from './uom.js';
import { uomschedule } from './uomschedule.js';
import { userquery } from './userquery.js';

export const allTables: readonly TableMetadata[] = [
  organization,
  systemuser,
  role,
  businessunit,
  account,
  contact,
  transactioncurrency,
  uomschedule,
  uom,
  product,
  pricelevel,
  productpricelevel,
  discounttype,
  discount,
  opportunity,
  opportunityproduct,
  quote,
  quotedetail,
  salesorder,
  salesorderdetail,
  invoice,
  invoicedetail,
  quoteclose,
  orderclose,
  opportunityclose,
  audit,
  ol_connector,
  ol_outboxevent,
  ol_delivery,
  ol_timelineentry,
  savedquery,
  userquery,
];

export const manyToManyRelationships: readonly ManyToManyRelationship[] = [
  {
    name: 'systemuserroles_association',
    intersectTable: 'systemuserroles',
    table1: 'systemuser',
    column1: 'systemuserid',
    table2: 'role',
    column2: 'roleid',
  },
];
