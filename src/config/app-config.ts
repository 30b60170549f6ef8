/**
 * Orderline's configuration, read once at start from the environment (PRODUCT.md, "The contract") and
 * passed down explicitly; nothing deeper reads `process.env`.
 */
import { z } from 'zod';

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(5555),
  host: z.string().min(1).default('0.0.0.0'),
  /** A SQLite file path, or a `postgres://` URL. */
  database: z.string().min(1).default('./.orderline/orderline.db'),
  adminToken: z.string().min(16, 'ORDERLINE_ADMIN_TOKEN must be at least 16 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** SQLite commits: `normal` survives any process crash, `full` also power loss (slower). */
  sqliteSynchronous: z.enum(['normal', 'full']).default('normal'),
  /** Connections per process to PostgreSQL. */
  poolSize: z.coerce.number().int().min(1).max(200).default(10),
  /** Path to a custom pricing module, used while `organization.oobpricecalculationenabled` is off. */
  pricingModule: z.string().min(1).optional(),
});

export type AppConfig = z.infer<typeof configSchema>;

export function loadConfig(environment: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = configSchema.safeParse({
    port: environment.PORT || undefined,
    host: environment.HOST || undefined,
    database: environment.ORDERLINE_DB || undefined,
    adminToken: environment.ORDERLINE_ADMIN_TOKEN || undefined,
    logLevel: environment.ORDERLINE_LOG_LEVEL || undefined,
    poolSize: environment.ORDERLINE_DB_POOL_SIZE || undefined,
    sqliteSynchronous: environment.ORDERLINE_SQLITE_SYNCHRONOUS?.toLowerCase() || undefined,
    pricingModule: environment.ORDERLINE_PRICING_MODULE || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/** Configuration for tests and embedding: defaults with overrides. */
export function configWith(overrides: Partial<AppConfig>): AppConfig {
  return { ...loadConfig({}), ...overrides };
}
