import { picklist, readOnly } from '../columns.js';
import { defineTable } from '../define-table.js';
import { salesLineColumns } from './sales-columns.js';

/** Opportunity Product (reference 4.5), a child of its opportunity through `product_opportunities`. */
export const opportunityproduct = defineTable({
  logicalName: 'opportunityproduct',
  entitySetName: 'opportunityproducts',
  schemaName: 'OpportunityProduct',
  displayName: 'Opportunity Product',
  displayCollectionName: 'Opportunity Products',
  primaryName: 'opportunityproductname',
  ownership: 'user',
  privilegeGroup: 'sales',
  parentLookup: 'opportunityid',
  columns: [
    ...salesLineColumns({
      parent: 'opportunityid',
      parentTable: 'opportunity',
      parentLabel: 'Opportunity',
      relationship: 'product_opportunities',
      primaryName: 'opportunityproductname',
      currencyRelationship: 'transactioncurrency_opportunityproduct',
      productRelationship: 'product_opportunities_products',
      uomRelationship: 'unit_of_measurement_opportunity_product',
    }),
    picklist('opportunitystatecode', 'Opportunity Status', { 0: 'Open', 1: 'Won', 2: 'Lost' }, readOnly),
  ],
});
