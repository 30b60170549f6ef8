/**
 * Who may turn the order processing integration on or off (the seed's "Licences et rôles requis", and
 * PRODUCT.md C4): the System Customizer or System Administrator role, and a Sales Enterprise (2) or
 * Sales Premium (3) license. The server enforces the same rule; the UI only hides what would be refused.
 */
import type { CurrentUser } from './current-user';

const ROLES = new Set(['System Customizer', 'System Administrator']);
const LICENSES = new Set([2, 3]);

export function canManageIntegration(user: CurrentUser): boolean {
  return LICENSES.has(user.license) && user.roles.some((role) => ROLES.has(role));
}
