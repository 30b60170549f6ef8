/**
 * Service protection as configured (`ORDERLINE_LIMIT_*`, Dataverse's limits by default): pooled in the
 * database on PostgreSQL, where several processes serve the same users; in memory on SQLite, where one
 * process does. Undefined when every limit is off, so an unprotected server pays nothing for it.
 */
import type pino from 'pino';
import type { AppConfig } from '../../config/app-config.js';
import type { Store } from '../../storage/store.js';
import type { LimitName, ServiceProtectionLimits } from './limit-refusal.js';
import { postgresSharedUsage } from './postgres-shared-usage.js';
import { createServiceLimiter, type ServiceLimiter } from './service-limiter.js';

export interface ServiceProtectionHooks {
  readonly logger: pino.Logger;
  readonly onThrottled: (limit: LimitName) => void;
}

export function limitsOf(config: AppConfig): ServiceProtectionLimits {
  return {
    requests: config.limitRequests,
    executionMs: config.limitExecutionMs,
    windowSeconds: config.limitWindowSeconds,
    concurrent: config.limitConcurrent,
  };
}

export async function createServiceProtection(
  config: AppConfig,
  store: Store,
  hooks: ServiceProtectionHooks,
): Promise<ServiceLimiter | undefined> {
  const limits = limitsOf(config);
  if (limits.requests === 0 && limits.executionMs === 0 && limits.concurrent === 0) return undefined;
  const pooled = limits.requests > 0 || limits.executionMs > 0;
  return createServiceLimiter(limits, {
    shared: store.specifics.sharedByProcesses && pooled ? await postgresSharedUsage(store.db) : undefined,
    syncMs: config.limitSyncMs,
    onThrottled: hooks.onThrottled,
    onSyncError: (error) =>
      hooks.logger.warn({ err: error }, 'service protection: usage could not be exchanged with the database'),
  });
}
