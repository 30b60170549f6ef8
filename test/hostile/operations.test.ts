/**
 * PRODUCT.md C1 and C3: every action and function the server registers, called with random and
 * hostile parameters (wrong types, unknown rows, broken entity parameters, unknown names), gets a 2xx
 * or a 4xx in Dataverse's error shape, never a 5xx, and a refused call changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { OperationDefinition, OperationParameter } from '../../src/webapi/operations/operation-registry.js';
import { TEST_STORES } from '../support/test-stores.js';
import { nastyNumber, nastyText } from './support/arbitraries.js';
import {
  API,
  assertProperty,
  type DatabaseWatch,
  expectHandled,
  type HostileServer,
  RUNS,
  startHostileServer,
  watchDatabase,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 240_000;

for (const kind of TEST_STORES) {
  describe(`hostile operation calls on ${kind}`, () => {
    let hostile: HostileServer;
    let database: DatabaseWatch;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
      database = await watchDatabase(hostile);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    /** A value for a parameter: often of its declared type and about a seeded row, often not. */
    function parameterValue(parameter: OperationParameter): fc.Arbitrary<unknown> {
      const { accountId, orderId } = hostile.seeded;
      const ids = fc.oneof(fc.constantFrom(orderId, accountId, `{${orderId}}`), fc.uuid());
      const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyText);
      const entity = fc.record(
        {
          'salesorderid@odata.bind': fc.oneof(
            fc.constant(`/salesorders(${orderId})`),
            ids.map((id) => `/salesorders(${id})`),
            nastyText,
          ),
          'quoteid@odata.bind': ids.map((id) => `/quotes(${id})`),
          'opportunityid@odata.bind': ids.map((id) => `/opportunities(${id})`),
          subject: fc.oneof(nastyText, fc.constant('x'.repeat(5000))),
          description: anything,
          actualend: fc.constantFrom('2024-05-01T10:00:00Z', '2024-02-30', 'now', '9999-12-31T23:59:59Z'),
          '@odata.type': fc.constantFrom('Microsoft.Dynamics.CRM.orderclose', 'Microsoft.Dynamics.CRM.account', 'x'),
          nosuchcolumn: anything,
        },
        { requiredKeys: [] },
      );
      switch (parameter.type) {
        case 'Edm.Guid':
          return fc.oneof({ arbitrary: ids, weight: 3 }, { arbitrary: anything, weight: 1 });
        case 'Edm.Int32':
          return fc.oneof(
            fc.constantFrom(-1, 0, 1, 2, 3, 4, 100001, 2147483648),
            nastyNumber.map((text) => ({ raw: text })),
            anything,
          );
        case 'Edm.String':
          return fc.oneof(nastyText, anything);
        case 'Edm.DateTimeOffset':
          return fc.oneof(
            fc.constantFrom('2024-05-01T10:00:00Z', '2024-02-30T00:00:00Z', '0000-01-01T00:00:00Z', ''),
            anything,
          );
        default:
          return fc.oneof(
            { arbitrary: entity, weight: 3 },
            {
              arbitrary: fc.record(
                {
                  AllColumns: fc.oneof(fc.boolean(), anything),
                  Columns: fc.array(fc.oneof(nastyText, fc.constantFrom('name', 'description'))),
                },
                { requiredKeys: [] },
              ),
              weight: 1,
            },
            { arbitrary: anything, weight: 1 },
          );
      }
    }

    /** JSON text for the parameters; `{ raw }` stands for a number written as it is (1e400, -0). */
    function parametersText(entries: readonly (readonly [string, unknown])[]): string {
      const members = entries.map(([name, value]) => {
        const json =
          typeof value === 'object' && value !== null && 'raw' in value
            ? String((value as { raw: string }).raw).replace(/[mdlL_]$/i, '')
            : JSON.stringify(value);
        return `${JSON.stringify(name)}:${json ?? 'null'}`;
      });
      return `{${members.join(',')}}`;
    }

    function call(operation: OperationDefinition) {
      const named = operation.parameters.map((parameter) =>
        parameterValue(parameter).map((value) => [parameter.name, value] as const),
      );
      const extra = fc.tuple(
        fc.oneof(nastyText, fc.constantFrom('@odata.type', 'Junk')),
        fc.jsonValue({ maxDepth: 1 }),
      );
      return fc
        .tuple(
          fc.subarray(named.length > 0 ? named : [fc.constant(['Junk', 1] as const)]),
          fc.array(extra, { maxLength: 1 }),
        )
        .chain(([chosen, extras]) =>
          fc.tuple(
            chosen.length > 0 ? fc.tuple(...chosen) : fc.constant([] as (readonly [string, unknown])[]),
            fc.constant(extras),
          ),
        );
    }

    it(
      'a random call of any registered action or function gets no 5xx, and a refused call changes nothing',
      async () => {
        const operations = hostile.server.app.services.operations.all();
        const metadata = hostile.server.app.services.metadata;
        const target = fc
          .constantFrom(...operations)
          .chain((operation) =>
            fc.tuple(fc.constant(operation), call(operation), fc.constantFrom('seeded', 'random', 'unbound')),
          );
        await assertProperty(
          fc.asyncProperty(target, async ([operation, [named, extras], binding]) => {
            const body = parametersText([...named, ...extras]);
            let path = operation.name;
            if (operation.boundTo) {
              const table = metadata.table(operation.boundTo)!;
              const id =
                binding === 'seeded' && operation.boundTo === 'salesorder'
                  ? hostile.seeded.orderId
                  : crypto.randomUUID();
              path =
                binding === 'unbound'
                  ? `${table.entitySetName}/Microsoft.Dynamics.CRM.${operation.name}`
                  : `${table.entitySetName}(${id})/Microsoft.Dynamics.CRM.${operation.name}`;
            }
            const response =
              operation.kind === 'action'
                ? await hostile.raw(`${API}${path}`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body,
                  })
                : await hostile.raw(
                    `${API}${path}(${named.map(([name, value]) => `${name}=${encodeURIComponent(JSON.stringify(value) ?? 'null').replace(/%22/g, "'")}`).join(',')})`,
                  );
            const context = `${operation.kind} ${path} ${body.slice(0, 600)}`;
            await database.settle(response.status, context);
            expectHandled(response, context);
          }),
          RUNS * 2,
        );
      },
      PROPERTY_TIMEOUT,
    );
  });
}
