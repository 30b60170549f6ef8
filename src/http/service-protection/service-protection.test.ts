import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.js';
import { DATAVERSE_LIMITS } from './limit-refusal.js';
import { limitsOf } from './service-protection.js';

describe('service protection settings', () => {
  it("are Dataverse's limits when the environment says nothing", () => {
    expect(limitsOf(loadConfig({}))).toEqual(DATAVERSE_LIMITS);
  });

  it('are read from ORDERLINE_LIMIT_*, where 0 or off turns a limit off', () => {
    const config = loadConfig({
      ORDERLINE_LIMIT_REQUESTS: '20',
      ORDERLINE_LIMIT_EXECUTION_MS: 'OFF',
      ORDERLINE_LIMIT_WINDOW_SECONDS: '10',
      ORDERLINE_LIMIT_CONCURRENT: '0',
      ORDERLINE_LIMIT_SYNC_MS: '250',
    });
    expect(limitsOf(config)).toEqual({ requests: 20, executionMs: 0, windowSeconds: 10, concurrent: 0 });
    expect(config.limitSyncMs).toBe(250);
  });

  it('refuse a window that is not a whole number of seconds, or a negative limit', () => {
    expect(() => loadConfig({ ORDERLINE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/limitWindowSeconds/);
    expect(() => loadConfig({ ORDERLINE_LIMIT_REQUESTS: '-1' })).toThrow(/limitRequests/);
    expect(() => loadConfig({ ORDERLINE_LIMIT_CONCURRENT: 'many' })).toThrow(/limitConcurrent/);
  });
});
