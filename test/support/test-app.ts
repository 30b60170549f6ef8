/**
 * A real Orderline server on loopback for one suite: its own database, its own port, a known
 * administrator token, and small helpers to call the Web API with `fetch` the way a client would.
 */
import { type App, type AppOptions, createApp } from '../../src/app.js';
import { type AppConfig, configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { createTestDatabase, type StoreKind, type TestDatabase } from './test-stores.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestServer {
  readonly kind: StoreKind;
  readonly app: App;
  /** ORDERLINE_DB of this server: its SQLite file or PostgreSQL URL (for running the CLI on it). */
  readonly location: string;
  /** `http://127.0.0.1:<port>/` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>/api/data/v9.2/` */
  readonly serviceRoot: string;
  /** Calls the Web API (a path relative to the service root) as the administrator unless `token` is given. */
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiInit {
  readonly method?: string;
  readonly body?: unknown;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: any;
}

export interface TestServerOptions {
  /** Configuration beyond the test defaults (a webhook URL, the dispatcher off). */
  readonly config?: Partial<AppConfig>;
  readonly app?: AppOptions;
  /** The database to serve (a SQLite file on a small filesystem, say); a fresh one of `kind` when absent. */
  readonly database?: TestDatabase;
}

/**
 * Suites drive the administrator far harder than Dataverse's service protection allows (thousands of
 * requests a minute), and send bad tokens on purpose from one address: test servers run without service
 * protection and without the failed-authentication throttle unless a suite configures them.
 */
const WITHOUT_SERVICE_PROTECTION: Partial<AppConfig> = {
  limitRequests: 0,
  limitExecutionMs: 0,
  limitConcurrent: 0,
  authFailureLimit: 0,
};

export async function startTestServer(kind: StoreKind, options: TestServerOptions = {}): Promise<TestServer> {
  const database: TestDatabase = options.database ?? (await createTestDatabase(kind, { schema: 'migrated' }));
  const app = await createApp(
    configWith({
      database: database.location,
      adminToken: ADMIN_TOKEN,
      logLevel: 'silent',
      ...WITHOUT_SERVICE_PROTECTION,
      ...options.config,
    }),
    {
      logger: createLogger('silent'),
      ...options.app,
    },
  );
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}/`;
  const serviceRoot = `${baseUrl}api/data/v9.2/`;
  return {
    kind,
    app,
    location: database.location,
    baseUrl,
    serviceRoot,
    async api(path, init = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      const token = init.token === undefined ? ADMIN_TOKEN : init.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${serviceRoot}${path}`, { method: init.method ?? 'GET', headers, body });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
