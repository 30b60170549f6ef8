/**
 * First start on an empty database (PRODUCT.md, "The contract"): the organization `Orderline` with its
 * root business unit and USD base currency, the predefined roles, and the System Administrator
 * `admin` with a Sales Premium license, and the system views (./system-views.ts), which later starts add
 * to a database that lacks some. Runs in one transaction; on PostgreSQL an advisory lock keeps
 * two processes starting together from provisioning twice.
 */
import { randomUUID } from 'node:crypto';
import { Decimal } from '../domain/decimal.js';
import type { Row } from '../domain/record.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import { createRecord } from '../pipeline/record-writer.js';
import { openUnitOfWork } from '../pipeline/unit-of-work.js';
import {
  CONFIGURED_ADMIN_TOKEN,
  capTokenLifetimes,
  GENERATED_ADMIN_TOKEN,
  issueToken,
  registerAdminToken,
} from '../security/access-tokens.js';
import { generatePassword, setPassword } from '../security/passwords.js';
import type { Principal } from '../security/principal.js';
import { combinedAccess, ROLE_NAMES } from '../security/role-privileges.js';
import { ADVISORY_LOCK, takeTurnsInTransaction } from '../storage/advisory-locks.js';
import { findOrganizationId } from '../storage/repositories/organization-store.js';
import { businessUnitOfUser, grantRole, userIdOfDomainName } from '../storage/repositories/user-store.js';
import { ensureSystemViews } from './system-views.js';

/** What provisioning needs of the configuration. */
export interface ProvisioningSettings {
  /** ORDERLINE_ADMIN_TOKEN, when set. */
  readonly adminToken?: string | undefined;
  /** ORDERLINE_ADMIN_PASSWORD, when set: the administrator's password at first start. */
  readonly adminPassword?: string | undefined;
  readonly tokenMaxLifetimeDays: number;
}

export interface ProvisioningResult {
  readonly provisioned: boolean;
  readonly adminUserId: string;
  /** A token generated for the administrator, to be shown once; absent when none was generated. */
  readonly generatedAdminToken?: string;
  /** A password generated for `admin` at first start, to be shown once; absent when configured or not new. */
  readonly generatedAdminPassword?: string;
}

export function systemPrincipal(userId: string, businessUnitId: string): Principal {
  const { access, holds } = combinedAccess(['System Administrator']);
  return {
    userId,
    businessUnitId,
    fullName: 'System Administrator',
    isIntegrationUser: false,
    salesLicense: 3,
    roleIds: [],
    access,
    holds,
  };
}

export async function createAsSystem(context: ExecutionContext, table: string, attributes: Row): Promise<string> {
  const metadata = context.services.metadata.table(table)!;
  const result = await createRecord(context, metadata, { attributes, bindings: [] }, { asSystem: true });
  return result.id;
}

export async function provision(
  services: PipelineServices,
  settings: ProvisioningSettings,
): Promise<ProvisioningResult> {
  const { adminToken, tokenMaxLifetimeDays } = settings;
  return services.store.transaction(async (trx) => {
    await takeTurnsInTransaction(services.store.dialect, trx, ADVISORY_LOCK.provisioning);
    const existing = await findOrganizationId(trx);
    if (existing) {
      const now = services.clock.now();
      await capTokenLifetimes(trx, now, tokenMaxLifetimeDays);
      const adminUserId = (await userIdOfDomainName(trx, 'admin')) ?? '';
      if (adminToken && adminUserId) await registerAdminToken(trx, adminUserId, adminToken, now, tokenMaxLifetimeDays);
      // A database made before the system views existed (or whose views were deleted) gains them now.
      if (adminUserId) {
        const businessUnitId = await businessUnitOfUser(trx, adminUserId);
        await ensureSystemViews(openUnitOfWork(services, trx, { user: systemPrincipal(adminUserId, businessUnitId) }));
      }
      return { provisioned: false, adminUserId };
    }

    const adminUserId = randomUUID();
    const businessUnitId = randomUUID();
    const context = openUnitOfWork(services, trx, { user: systemPrincipal(adminUserId, businessUnitId) });
    await createAsSystem(context, 'businessunit', { businessunitid: businessUnitId, name: 'Orderline' });
    const currencyId = await createAsSystem(context, 'transactioncurrency', {
      isocurrencycode: 'USD',
      currencyname: 'US Dollar',
      currencysymbol: '$',
      currencyprecision: 2,
      exchangerate: new Decimal(1),
      currencytype: 0,
    });
    await createAsSystem(context, 'organization', {
      name: 'Orderline',
      basecurrencyid: currencyId,
      basecurrencyprecision: 2,
      basecurrencysymbol: '$',
      pricingdecimalprecision: 2,
      currencydecimalprecision: 2,
      discountcalculationmethod: 0,
      oobpricecalculationenabled: true,
      issopintegrationenabled: false,
      orderprefix: 'ORD',
      quoteprefix: 'QUO',
      invoiceprefix: 'INV',
    });
    const roleIds = new Map<string, string>();
    for (const name of ROLE_NAMES)
      roleIds.set(name, await createAsSystem(context, 'role', { name, businessunitid: businessUnitId }));
    await createAsSystem(context, 'systemuser', {
      systemuserid: adminUserId,
      domainname: 'admin',
      firstname: 'System',
      lastname: 'Administrator',
      businessunitid: businessUnitId,
      ol_saleslicense: 3,
      accessmode: 1,
    });
    await grantRole(trx, adminUserId, roleIds.get('System Administrator')!);
    await ensureSystemViews(context);
    const issued = await issueToken(
      trx,
      adminUserId,
      services.clock.now(),
      { days: tokenMaxLifetimeDays, maxDays: tokenMaxLifetimeDays },
      {
        ...(adminToken ? { token: adminToken } : {}),
        description: adminToken ? CONFIGURED_ADMIN_TOKEN : GENERATED_ADMIN_TOKEN,
      },
    );
    // Only at first start: afterwards the password is the administrator's, changed with ol_SetPassword.
    const adminPassword = settings.adminPassword ?? generatePassword();
    await setPassword(trx, adminUserId, adminPassword, services.clock.now());
    return {
      provisioned: true,
      adminUserId,
      ...(adminToken ? {} : { generatedAdminToken: issued.token }),
      ...(settings.adminPassword ? {} : { generatedAdminPassword: adminPassword }),
    };
  });
}
