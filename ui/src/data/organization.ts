/** The organization row: its name and the order processing integration switch (PRODUCT.md C4). */
import type { Client } from '../api/client';

export interface Organization {
  readonly id: string;
  readonly name: string;
  /** `organization.issopintegrationenabled`. */
  readonly integrationEnabled: boolean;
}

export async function loadOrganization(client: Client): Promise<Organization> {
  const result = await client.retrieveMultiple({
    collection: 'organizations',
    select: ['name', 'issopintegrationenabled'],
    top: 1,
  });
  const row = result.value[0];
  if (!row) throw new Error('The server has no organization row.');
  return {
    id: String(row.organizationid),
    name: String(row.name ?? ''),
    integrationEnabled: row.issopintegrationenabled === true,
  };
}

export async function setIntegrationEnabled(client: Client, organizationId: string, enabled: boolean): Promise<void> {
  await client.update({
    collection: 'organizations',
    key: organizationId,
    data: { issopintegrationenabled: enabled },
  });
}
