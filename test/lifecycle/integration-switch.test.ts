/**
 * The order processing integration switch (PRODUCT.md C4, the seed's "Licences et rôles requis"):
 * `organization.issopintegrationenabled` is turned on or off only by a System Customizer or System
 * Administrator holding a Sales Enterprise or Sales Premium license; anyone else gets a 403 in the
 * Dataverse error shape and the organization row stays exactly as it was. The effective user decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Api,
  as,
  createUser,
  expectOk,
  expectRefused,
  organizationId,
  type RoleName,
  read,
  setIntegration,
} from './support.js';

const LICENSES = { none: 0, 'Sales Professional': 1, 'Sales Enterprise': 2, 'Sales Premium': 3 } as const;
type License = keyof typeof LICENSES;

const CASES: readonly (readonly [RoleName, License, boolean])[] = [
  ['System Administrator', 'Sales Premium', true],
  ['System Administrator', 'Sales Enterprise', true],
  ['System Customizer', 'Sales Premium', true],
  ['System Customizer', 'Sales Enterprise', true],
  ['System Customizer', 'Sales Professional', false],
  ['System Customizer', 'none', false],
  ['System Administrator', 'Sales Professional', false],
  ['System Administrator', 'none', false],
  ['Sales Manager', 'Sales Premium', false],
  ['Salesperson', 'Sales Premium', false],
  ['Delegate', 'Sales Premium', false],
];

for (const kind of TEST_STORES) {
  describe(`the order processing integration switch on ${kind}`, () => {
    let server: TestServer;
    let orgId: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      orgId = await organizationId(server);
    });
    afterAll(async () => {
      await server?.close();
    });

    const toggle = (api: Api, enabled: boolean) =>
      api(`organizations(${orgId})`, { method: 'PATCH', body: { issopintegrationenabled: enabled } });

    it.each(
      CASES.map(
        ([role, license, allowed]) =>
          [
            `a ${role} with ${license === 'none' ? 'no license' : `a ${license} license`} ${allowed ? 'can' : 'cannot'} turn it on and off`,
            role,
            license,
            allowed,
          ] as const,
      ),
    )('%s', async (_rule, role, license, allowed) => {
      const user = await createUser(server, { roles: [role], license: LICENSES[license] });
      const api = as(server, user);
      for (const enabled of [true, false]) {
        await setIntegration(server, !enabled);
        const before = await read(as(server), `organizations(${orgId})`);
        const response = await toggle(api, enabled);
        const after = await read(as(server), `organizations(${orgId})`);
        if (allowed) {
          expectOk(response);
          expect(after.issopintegrationenabled).toBe(enabled);
        } else {
          expectRefused(response, 403);
          expect(after).toEqual(before);
        }
      }
    });

    it('names what is missing in the refusal', async () => {
      const user = await createUser(server, { roles: ['System Customizer'], license: 1 });
      await setIntegration(server, false);
      const refused = await toggle(as(server, user), true);
      expectRefused(refused, 403, /Sales Enterprise or Sales Premium license/);
      expect(refused.json.error.code).toBe('0x80040220');
    });

    it('is decided by the effective user: impersonating an unlicensed customizer is refused, a licensed one accepted', async () => {
      const unlicensed = await createUser(server, { roles: ['System Customizer'], license: 0 });
      const licensed = await createUser(server, { roles: ['System Customizer'], license: 2 });
      await setIntegration(server, false);
      const admin = as(server);
      expectRefused(
        await admin(`organizations(${orgId})`, {
          method: 'PATCH',
          headers: { mscrmcallerid: unlicensed.id },
          body: { issopintegrationenabled: true },
        }),
        403,
      );
      expectOk(
        await admin(`organizations(${orgId})`, {
          method: 'PATCH',
          headers: { mscrmcallerid: licensed.id },
          body: { issopintegrationenabled: true },
        }),
      );
      expect(
        (await read(admin, `organizations(${orgId})?$select=issopintegrationenabled`)).issopintegrationenabled,
      ).toBe(true);
    });

    it('does not guard the other settings, nor writing the value the switch already has', async () => {
      const user = await createUser(server, { roles: ['System Customizer'], license: 0 });
      await setIntegration(server, true);
      const api = as(server, user);
      expectOk(await api(`organizations(${orgId})`, { method: 'PATCH', body: { quoteprefix: 'QTE' } }));
      expectOk(await toggle(api, true));
      expectRefused(await toggle(api, false), 403);
    });
  });
}
