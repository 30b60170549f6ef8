/**
 * Who may turn the order processing integration on or off (`organization.issopintegrationenabled`,
 * PRODUCT.md C4, the seed's "Licences et rôles requis"): a System Customizer or System Administrator
 * who also holds a Sales Enterprise or Sales Premium license (`systemuser.ol_saleslicense` 2 or 3).
 */

export const INTEGRATION_SWITCH_COLUMN = 'issopintegrationenabled';

export const integrationSwitchRule = {
  /** Held by the System Customizer and System Administrator roles (src/security/role-privileges.ts). */
  privilege: 'ol_prvSwitchOrderIntegration',
  /** `ol_saleslicense`: 2 Sales Enterprise, 3 Sales Premium. */
  licenses: [2, 3],
} as const;

const LICENSE_LABELS: Readonly<Record<number, string>> = {
  0: 'None',
  1: 'Sales Professional',
  2: 'Sales Enterprise',
  3: 'Sales Premium',
};

export interface SwitchHolder {
  holds(privilege: typeof integrationSwitchRule.privilege): boolean;
  readonly salesLicense: number;
}

/** Nothing when the user may change the switch, else why not. */
export function switchRefusal(user: SwitchHolder): string | undefined {
  const hasRole = user.holds(integrationSwitchRule.privilege);
  const hasLicense = (integrationSwitchRule.licenses as readonly number[]).includes(user.salesLicense);
  if (hasRole && hasLicense) return undefined;
  const missing: string[] = [];
  if (!hasRole) missing.push('the System Customizer or System Administrator role');
  if (!hasLicense) {
    missing.push(
      `a Sales Enterprise or Sales Premium license (ol_saleslicense 2 or 3; this user has ${LICENSE_LABELS[user.salesLicense] ?? user.salesLicense})`,
    );
  }
  return `Turning the order processing integration (organization.issopintegrationenabled) on or off requires ${missing.join(' and ')}.`;
}
