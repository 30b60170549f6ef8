import type { AppConfig } from '../src/config/app-config.js';

/**
 * Benchmarks drive one user at thousands of requests a second, far past Dataverse's service protection
 * (6,000 requests per 5 minutes): they measure the server, so the limits are off.
 */
export const UNTHROTTLED: Partial<AppConfig> = { limitRequests: 0, limitExecutionMs: 0, limitConcurrent: 0 };
