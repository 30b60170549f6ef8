/**
 * Orderline's configuration, read once at start from the environment (PRODUCT.md, "The contract") and
 * passed down explicitly; nothing deeper reads `process.env`.
 */
import { z } from 'zod';
import { publicUrlSchema, trustedProxiesSchema } from './public-url.js';

/**
 * The default maximum lifetime of a token, in days: the default lifetime of a Microsoft Entra refresh
 * token, the longest-lived credential a Dataverse client holds.
 */
const DEFAULT_TOKEN_MAX_LIFETIME_DAYS = 90;
/** Failed authentications per source before it waits: Microsoft Entra smart lockout's default threshold. */
const DEFAULT_AUTH_FAILURE_LIMIT = 10;
/** The window of those failures, in seconds: Entra smart lockout's default lockout duration. */
const DEFAULT_AUTH_FAILURE_WINDOW_SECONDS = 60;

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(5555),
  host: z.string().min(1).default('0.0.0.0'),
  /** `ORDERLINE_PUBLIC_URL`: the base of every absolute URL in responses (see ./public-url.ts). */
  publicUrl: publicUrlSchema.optional(),
  /** `ORDERLINE_TRUSTED_PROXIES`: the only peers whose `X-Forwarded-Proto` / `X-Forwarded-Host` count. */
  trustedProxies: trustedProxiesSchema.default([]),
  /** A SQLite file path, or a `postgres://` URL. */
  database: z.string().min(1).default('./.orderline/orderline.db'),
  adminToken: z.string().min(16, 'ORDERLINE_ADMIN_TOKEN must be at least 16 characters').optional(),
  /** `ORDERLINE_ADMIN_PASSWORD`: the password `admin` gets at first start; absent, one is generated and printed once. */
  adminPassword: z.string().min(8, 'ORDERLINE_ADMIN_PASSWORD must be at least 8 characters').max(256).optional(),
  /** Minutes without a request after which a browser session ends (src/security/sessions.ts). */
  sessionIdleMinutes: z.coerce.number().int().min(1).max(43_200).default(120),
  /** Hours after sign-in after which a browser session ends, however active. */
  sessionMaxHours: z.coerce.number().int().min(1).max(8_760).default(12),
  /** OpenID Connect sign-in (src/security/oidc.ts): the issuer URL, and this server's client at it. */
  oidcIssuer: z.url({ protocol: /^https?$/, error: 'ORDERLINE_OIDC_ISSUER must be an http(s) URL' }).optional(),
  oidcClientId: z.string().min(1).optional(),
  oidcClientSecret: z.string().min(1).optional(),
  /** The name on the sign-in page's button ("Sign in with …"); the issuer's host by default. */
  oidcName: z.string().min(1).max(100).optional(),
  /** No token lives longer; ol_CreateAccessToken and `orderline token` refuse more (src/security/access-tokens.ts). */
  tokenMaxLifetimeDays: z.coerce.number().int().min(1).max(3_650).default(DEFAULT_TOKEN_MAX_LIFETIME_DAYS),
  /** Failed authentications one source (IP address) may make per window before it is refused; 0 turns it off. */
  authFailureLimit: z.coerce.number().int().min(0).default(DEFAULT_AUTH_FAILURE_LIMIT),
  /** The sliding window of the limit above, in seconds. */
  authFailureWindowSeconds: z.coerce.number().int().min(1).max(86_400).default(DEFAULT_AUTH_FAILURE_WINDOW_SECONDS),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** SQLite commits: `normal` survives any process crash, `full` also power loss (slower). */
  sqliteSynchronous: z.enum(['normal', 'full']).default('normal'),
  /** Connections per process to PostgreSQL. */
  poolSize: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * PostgreSQL: the longest one statement may run, in milliseconds (0 or `off`: no limit). A statement
   * that runs longer is cancelled and answered 503 `SQL timeout expired`, so a few costly queries cannot
   * hold every pooled connection.
   */
  statementTimeoutMs: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Path to a custom pricing module, used while `organization.oobpricecalculationenabled` is off. */
  pricingModule: z.string().min(1).optional(),
  /** With `webhookSecret`, registers the default webhook connector at start (PRODUCT.md, "The contract"). */
  webhookUrl: z.url({ protocol: /^https?$/, error: 'ORDERLINE_WEBHOOK_URL must be an http(s) URL' }).optional(),
  /** `whsec_` followed by base64; several separated by spaces while a key is rotated. */
  webhookSecret: z.string().min(1).optional(),
  /** Run the dispatcher inside `serve` (the default); `off` when dedicated `orderline dispatch` processes do. */
  dispatcher: z.enum(['on', 'off']).default('on'),
  /** Claim loops per dispatcher process. */
  dispatchWorkers: z.coerce.number().int().min(1).max(64).default(2),
  /** Deliveries claimed (and sent in parallel) per round. */
  dispatchBatchSize: z.coerce.number().int().min(1).max(5_000).default(256),
  /** Idle wait between looks at the outbox (a commit in the same process wakes it at once). */
  dispatchPollMs: z.coerce.number().int().min(5).max(60_000).default(250),
  /**
   * Added to the connector timeout to make a claim's lease. After a dispatcher dies, its claimed
   * events go out again once their lease ends: shorter means faster recovery, but must stay longer than
   * a pause of a live dispatcher (GC, a slow disk), or two could send the same event at once.
   */
  dispatchLeaseMarginMs: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  // Service protection per user (reference 7.6), Dataverse's limits by default; 0 turns one off.
  /** Requests per user per window. */
  limitRequests: z.coerce.number().int().min(0).default(6_000),
  /** Combined execution time per user per window, in milliseconds. */
  limitExecutionMs: z.coerce.number().int().min(0).default(1_200_000),
  /** The sliding window of both limits above. */
  limitWindowSeconds: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Requests of one user served at once, per process. */
  limitConcurrent: z.coerce.number().int().min(0).default(52),
  /** How often processes sharing PostgreSQL pool their counts: the most a limit can be overshot by. */
  limitSyncMs: z.coerce.number().int().min(10).max(60_000).default(1_000),
});

export type AppConfig = z.infer<typeof configSchema>;

/** A limit as written in the environment: a number, or `off` (the same as 0). */
function limitSetting(value: string | undefined): string | undefined {
  return value?.trim().toLowerCase() === 'off' ? '0' : value || undefined;
}

export function loadConfig(environment: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = configSchema.safeParse({
    port: environment.PORT || undefined,
    host: environment.HOST || undefined,
    publicUrl: environment.ORDERLINE_PUBLIC_URL || undefined,
    trustedProxies: environment.ORDERLINE_TRUSTED_PROXIES || undefined,
    database: environment.ORDERLINE_DB || undefined,
    adminToken: environment.ORDERLINE_ADMIN_TOKEN || undefined,
    tokenMaxLifetimeDays: environment.ORDERLINE_TOKEN_MAX_LIFETIME_DAYS || undefined,
    adminPassword: environment.ORDERLINE_ADMIN_PASSWORD || undefined,
    sessionIdleMinutes: environment.ORDERLINE_SESSION_IDLE_MINUTES || undefined,
    sessionMaxHours: environment.ORDERLINE_SESSION_MAX_HOURS || undefined,
    oidcIssuer: environment.ORDERLINE_OIDC_ISSUER || undefined,
    oidcClientId: environment.ORDERLINE_OIDC_CLIENT_ID || undefined,
    oidcClientSecret: environment.ORDERLINE_OIDC_CLIENT_SECRET || undefined,
    oidcName: environment.ORDERLINE_OIDC_NAME || undefined,
    authFailureLimit: limitSetting(environment.ORDERLINE_AUTH_FAILURE_LIMIT),
    authFailureWindowSeconds: environment.ORDERLINE_AUTH_FAILURE_WINDOW_SECONDS || undefined,
    logLevel: environment.ORDERLINE_LOG_LEVEL || undefined,
    poolSize: environment.ORDERLINE_DB_POOL_SIZE || undefined,
    statementTimeoutMs: limitSetting(environment.ORDERLINE_STATEMENT_TIMEOUT_MS),
    sqliteSynchronous: environment.ORDERLINE_SQLITE_SYNCHRONOUS?.toLowerCase() || undefined,
    pricingModule: environment.ORDERLINE_PRICING_MODULE || undefined,
    webhookUrl: environment.ORDERLINE_WEBHOOK_URL || undefined,
    webhookSecret: environment.ORDERLINE_WEBHOOK_SECRET || undefined,
    dispatcher: environment.ORDERLINE_DISPATCHER?.toLowerCase() || undefined,
    dispatchWorkers: environment.ORDERLINE_DISPATCH_WORKERS || undefined,
    dispatchBatchSize: environment.ORDERLINE_DISPATCH_BATCH_SIZE || undefined,
    dispatchPollMs: environment.ORDERLINE_DISPATCH_POLL_MS || undefined,
    dispatchLeaseMarginMs: environment.ORDERLINE_DISPATCH_LEASE_MARGIN_MS || undefined,
    limitRequests: limitSetting(environment.ORDERLINE_LIMIT_REQUESTS),
    limitExecutionMs: limitSetting(environment.ORDERLINE_LIMIT_EXECUTION_MS),
    limitWindowSeconds: environment.ORDERLINE_LIMIT_WINDOW_SECONDS || undefined,
    limitConcurrent: limitSetting(environment.ORDERLINE_LIMIT_CONCURRENT),
    limitSyncMs: environment.ORDERLINE_LIMIT_SYNC_MS || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigurationError(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** A setting in the environment is not one Orderline can run with; the message names each. */
export class ConfigurationError extends Error {}

/** Configuration for tests and embedding: defaults with overrides. */
export function configWith(overrides: Partial<AppConfig>): AppConfig {
  return { ...loadConfig({}), ...overrides };
}
