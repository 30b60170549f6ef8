/**
 * The composition root: configuration -> store -> pipeline -> Web API -> HTTP. The one place where
 * concrete adapters are chosen; everything below receives what it needs.
 */
import type { FastifyInstance } from 'fastify';
import type pino from 'pino';
import type { AppConfig } from './config/app-config.js';
import { createSalesMetadata } from './domain/metadata/sales-metadata.js';
import { createServer } from './http/server.js';
import { createLogger } from './observability/logger.js';
import { type Clock, type PipelineServices, systemClock } from './pipeline/execution-context.js';
import { lifecycleOperations, lifecycleSteps } from './pipeline/lifecycle/index.js';
import { loadCustomPricingModule, pricingOperationsWith, pricingStepsWith } from './pipeline/pricing/index.js';
import { createReferenceData } from './pipeline/reference-data.js';
import { coreWriteSteps } from './pipeline/steps/core-steps.js';
import { type ProvisioningResult, provision } from './provisioning/first-start.js';
import { createPrincipalLoader } from './security/principal-loader.js';
import { createRecordRepository } from './storage/record-repository.js';
import { openStore, type Store } from './storage/store.js';
import { handleBatch } from './webapi/batch-handler.js';
import { createAccessToken, whoAmI } from './webapi/core-operations.js';
import { entityDefinitions } from './webapi/entity-definitions.js';
import { createWebApi, type WebApiServices } from './webapi/handle-request.js';
import { createOperationRegistry } from './webapi/operation-registry.js';

/** Tables whose writes change who may do what: principals are reloaded after them. */
const SECURITY_TABLES = new Set(['systemuser', 'role', 'systemuserroles', 'businessunit']);

export interface App {
  readonly server: FastifyInstance;
  readonly store: Store;
  readonly services: WebApiServices;
  readonly provisioning: ProvisioningResult;
  readonly logger: pino.Logger;
  close(): Promise<void>;
}

export async function createApp(
  config: AppConfig,
  options: { logger?: pino.Logger; clock?: Clock } = {},
): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metadata = createSalesMetadata();
  const store = await openStore(config.database, metadata, {
    poolSize: config.poolSize,
    sqliteSynchronous: config.sqliteSynchronous,
  });
  const records = createRecordRepository(store.dialect, metadata.tables);
  const referenceData = createReferenceData(metadata, records, store.db);
  const principals = createPrincipalLoader();
  // The custom pricing module is loaded once, at start (PRODUCT.md C2, reference 5.8).
  const customPricing = config.pricingModule ? await loadCustomPricingModule(config.pricingModule) : undefined;
  const pipeline: PipelineServices = {
    metadata,
    store,
    records,
    referenceData,
    clock: options.clock ?? systemClock,
    steps: [...coreWriteSteps, ...lifecycleSteps, ...pricingStepsWith(customPricing)],
    onCommitted(tables) {
      referenceData.invalidate(tables);
      if ([...tables].some((table) => SECURITY_TABLES.has(table))) principals.invalidate();
    },
  };
  const services: WebApiServices = {
    ...pipeline,
    operations: createOperationRegistry([
      whoAmI,
      createAccessToken,
      entityDefinitions,
      ...lifecycleOperations,
      ...pricingOperationsWith(customPricing),
    ]),
  };
  const provisioning = await provision(pipeline, config.adminToken);
  const api = createWebApi(services, (webApi, request, caller) => handleBatch(services, webApi, request, caller));
  const server = createServer({
    services,
    api,
    principals,
    logger,
    ready: async () => {
      await store.db.selectFrom('organization').select('organizationid').limit(1).execute();
      return true;
    },
  });
  return {
    server,
    store,
    services,
    provisioning,
    logger,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
