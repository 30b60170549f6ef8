/**
 * Catalog rules of the contract: a unit group created with `baseuomname` gets its base unit; products
 * start in Draft unless the organization creates them active; only Active products go on lines.
 */

import { Decimal } from '../../domain/decimal.js';
import { invalidArgument } from '../../domain/errors.js';
import { ProductState, ProductStatus } from '../../domain/metadata/named-states.js';
import { createRecord } from '../record-writer.js';
import type { WriteStep } from '../write-step.js';

export const baseUnitStep: WriteStep = {
  name: 'base unit of a unit group',
  stage: 'postOperation',
  tables: ['uomschedule'],
  messages: ['Create'],
  async run(context, { id, target }) {
    const uom = context.services.metadata.table('uom')!;
    const name = String(target.baseuomname);
    await createRecord(
      context,
      uom,
      { attributes: { name, uomscheduleid: id, quantity: new Decimal(1), isschedulebaseuom: true }, bindings: [] },
      { asSystem: true },
    );
  },
};

export const productInitialStateStep: WriteStep = {
  name: 'product initial state',
  stage: 'preValidation',
  tables: ['product'],
  messages: ['Create'],
  async run(context, { target }) {
    const organization = await context.services.referenceData.organization(context.trx);
    if (organization.createproductswithoutparentinactivestate === true && !target.parentproductid) {
      target.statecode = ProductState.Active;
      target.statuscode = ProductStatus.Active;
    }
  },
};

const LINE_TABLES = ['opportunityproduct', 'quotedetail', 'salesorderdetail', 'invoicedetail'];

export const activeProductOnLinesStep: WriteStep = {
  name: 'only active products on lines',
  stage: 'preValidation',
  tables: LINE_TABLES,
  messages: ['Create', 'Update'],
  async run(context, { target }) {
    if (typeof target.productid !== 'string') return;
    const products = context.services.metadata.table('product')!;
    const product = await context.services.records.find(context.trx, products, target.productid);
    if (product && product.statecode !== ProductState.Active) {
      throw invalidArgument(
        `The product ${String(product.name)} is not active (it is ${product.statecode === ProductState.Draft ? 'Draft' : 'not published'}); only Active products can be added to a line.`,
      );
    }
  },
};
