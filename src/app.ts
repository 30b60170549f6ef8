/**
 * The composition root: configuration -> store -> pipeline -> Web API -> HTTP. The one place where
 * concrete adapters are chosen; everything below receives what it needs.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pino from 'pino';
import { appSteps } from './app-steps.js';
import { registerDefaultWebhook } from './bridge/default-connector.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './bridge/dispatch/dispatcher.js';
import { type AppConfig, ConfigurationError } from './config/app-config.js';
import { createSalesMetadata } from './domain/metadata/sales-metadata.js';
import { createServer } from './http/server.js';
import { createServiceProtection } from './http/service-protection/service-protection.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { PACKAGE_ROOT } from './package-root.js';
import { type Clock, type PipelineServices, systemClock } from './pipeline/execution-context.js';
import { loadCustomPricingModule } from './pipeline/pricing/index.js';
import { createReferenceData } from './pipeline/reference-data.js';
import { type ProvisioningResult, provision, systemPrincipal } from './provisioning/first-start.js';
import { createAuthenticationThrottle } from './security/authentication-throttle.js';
import { createOpenIdConnect, type OpenIdConnect } from './security/oidc.js';
import { createPrincipalLoader } from './security/principal-loader.js';
import { databaseReachable } from './storage/reachability.js';
import { createRecordRepository } from './storage/record-repository.js';
import { businessUnitOfUser } from './storage/repositories/user-store.js';
import { openStore, type Store } from './storage/store.js';
import { handleBatch } from './webapi/batch-handler.js';
import { createWebApi, type WebApiServices } from './webapi/handle-request.js';
import { retrieveMetadataChangesFunction } from './webapi/metadata/retrieve-metadata-changes.js';
import { accessTokenOperationsWith } from './webapi/operations/access-token-operations.js';
import { allowedMessagesFunction } from './webapi/operations/allowed-messages-operation.js';
import { connectorOperations } from './webapi/operations/connector-operations.js';
import { retrieveTotalRecordCountFunction, whoAmIFunction } from './webapi/operations/core-operations.js';
import { integrationStatusFunction } from './webapi/operations/integration-status-operation.js';
import { createOperationRegistry } from './webapi/operations/operation-registry.js';
import { setPasswordAction } from './webapi/operations/password-operations.js';
import { pricingOperationsWith } from './webapi/operations/pricing-operations.js';
import { reconciliationReportFunction } from './webapi/operations/reconciliation-operation.js';
import { salesOperations } from './webapi/operations/sales-operations.js';

/** The web UI bundle built by `npm run build:ui` (ui/vite.config.ts writes it there). */
const UI_BUNDLE = join(PACKAGE_ROOT, 'dist', 'ui');

/** Tables whose writes change who may do what: principals are reloaded after them. */
const SECURITY_TABLES = new Set(['systemuser', 'role', 'systemuserroles', 'businessunit']);

export interface App {
  readonly server: FastifyInstance;
  readonly store: Store;
  readonly services: WebApiServices;
  readonly provisioning: ProvisioningResult;
  readonly logger: pino.Logger;
  readonly metrics: Metrics;
  /** Delivers the outbox; running unless the configuration turned it off. */
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: pino.Logger;
  clock?: Clock;
  /** Tuning of the in-process dispatcher (tests shorten its poll and backoff). */
  dispatcher?: DispatcherOptions;
}

/** The OpenID Connect provider, when ORDERLINE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are all set. */
function openIdConnectOf(config: AppConfig): OpenIdConnect | undefined {
  const { oidcIssuer, oidcClientId, oidcClientSecret } = config;
  if (!oidcIssuer && !oidcClientId && !oidcClientSecret) return undefined;
  if (!oidcIssuer || !oidcClientId || !oidcClientSecret) {
    throw new ConfigurationError(
      'OpenID Connect needs ORDERLINE_OIDC_ISSUER, ORDERLINE_OIDC_CLIENT_ID and ORDERLINE_OIDC_CLIENT_SECRET together.',
    );
  }
  return createOpenIdConnect({
    issuer: oidcIssuer,
    clientId: oidcClientId,
    clientSecret: oidcClientSecret,
    name: config.oidcName ?? new URL(oidcIssuer).host,
  });
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metadata = createSalesMetadata();
  const store = await openStore(config.database, metadata, {
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    sqliteSynchronous: config.sqliteSynchronous,
  });
  const records = createRecordRepository(store.dialect, metadata.tables);
  const referenceData = createReferenceData(metadata, records, store.db);
  const principals = createPrincipalLoader();
  const metrics = createMetrics(store);
  // Created before the pipeline so commits can wake it; started once the app is provisioned.
  let dispatcher: Dispatcher | undefined;
  // The custom pricing module is loaded once, at start (PRODUCT.md C2, reference 5.8).
  const customPricing = config.pricingModule ? await loadCustomPricingModule(config.pricingModule) : undefined;
  const pipeline: PipelineServices = {
    metadata,
    store,
    records,
    referenceData,
    clock: options.clock ?? systemClock,
    steps: appSteps(metadata, {
      customPricing,
      onInboundIgnored(table, id, reason) {
        metrics.inboundIgnored.inc({ table });
        logger.info({ table, id, reason }, 'inbound write ignored');
      },
    }),
    telemetry: {
      stepRan: (stage, step, table, seconds) => metrics.observeStep(stage, step, table, seconds),
      priced: (calculation, seconds) => metrics.pricingDuration.observe({ calculation }, seconds),
    },
    onCommitted(tables) {
      referenceData.invalidate(tables);
      if ([...tables].some((table) => SECURITY_TABLES.has(table))) principals.invalidate();
      if (tables.has('ol_delivery') || tables.has('ol_connector')) dispatcher?.wake();
    },
  };
  const services: WebApiServices = {
    ...pipeline,
    operations: createOperationRegistry([
      whoAmIFunction,
      retrieveTotalRecordCountFunction,
      ...accessTokenOperationsWith(config.tokenMaxLifetimeDays),
      retrieveMetadataChangesFunction,
      setPasswordAction,
      ...salesOperations,
      ...pricingOperationsWith(customPricing),
      reconciliationReportFunction,
      integrationStatusFunction,
      allowedMessagesFunction,
      ...connectorOperations,
    ]),
  };
  const provisioning = await provision(pipeline, config);
  if (config.webhookUrl) {
    const adminBusinessUnit = await businessUnitOfUser(store.db, provisioning.adminUserId);
    await registerDefaultWebhook(
      pipeline,
      { user: systemPrincipal(provisioning.adminUserId, adminBusinessUnit) },
      config.webhookUrl,
      config.webhookSecret,
    );
  }
  const delivery = createDispatcher(
    {
      store,
      metadata,
      records,
      clock: pipeline.clock,
      logger,
      metrics: {
        attempt(connector, outcome, latencyMs) {
          metrics.deliveryAttempts.inc({ connector, outcome });
          metrics.deliveryLatency.observe({ connector }, latencyMs / 1000);
        },
      },
    },
    {
      workers: config.dispatchWorkers,
      batchSize: config.dispatchBatchSize,
      pollMs: config.dispatchPollMs,
      leaseMarginMs: config.dispatchLeaseMarginMs,
      ...options.dispatcher,
    },
  );
  dispatcher = delivery;
  if (config.dispatcher === 'on') delivery.start();
  const api = createWebApi(services, handleBatch);
  const serviceProtection = await createServiceProtection(config, store, {
    logger,
    onThrottled: (limit) => metrics.throttled.inc({ limit }),
  });
  const openIdConnect = openIdConnectOf(config);
  const server = createServer({
    services,
    api,
    principals,
    logger,
    ui: { root: UI_BUNDLE },
    metrics: metrics.registry,
    httpDuration: metrics.httpDuration,
    storageFailures: metrics.storageFailures,
    serviceProtection,
    publicOrigin: { publicUrl: config.publicUrl, trustedProxies: config.trustedProxies },
    sessions: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    ...(openIdConnect ? { openIdConnect } : {}),
    authenticationThrottle: createAuthenticationThrottle({
      limit: config.authFailureLimit,
      windowSeconds: config.authFailureWindowSeconds,
    }),
    ready: () => databaseReachable(store),
  });
  return {
    server,
    store,
    services,
    provisioning,
    logger,
    metrics,
    dispatcher: delivery,
    async close() {
      await delivery.stop();
      await server.close();
      await serviceProtection?.close();
      await store.close();
    },
  };
}
