/**
 * The headers that ask Dataverse to skip custom business logic (Learn, "Bypass custom Dataverse
 * logic"): `MSCRM.BypassCustomPluginExecution: true` needs `prvBypassCustomPlugins`,
 * `MSCRM.BypassBusinessLogicExecution: CustomSync|CustomAsync|CustomSync,CustomAsync` (and its
 * `...StepIds` variant) needs `prvBypassCustomBusinessLogic`; by default only the System Administrator
 * role holds either. Orderline runs no custom plug-ins, so a permitted bypass changes nothing; what
 * matters is that a caller without the privilege is refused, as Dataverse refuses them, instead of
 * believing its request skipped logic. The check reads privileges, not roles, so impersonation
 * intersects it.
 */
import { DomainError, invalidArgument } from '../domain/errors.js';
import type { Caller } from '../security/principal.js';
import type { MiscellaneousPrivilege } from '../security/role-privileges.js';

const BUSINESS_LOGIC_VALUES = new Set(['customsync', 'customasync']);

function missingPrivilege(caller: Caller, privilege: MiscellaneousPrivilege, header: string): DomainError {
  // Dataverse's privilege refusal names the principal and the privilege it lacks (0x80040220, 403).
  return new DomainError(
    'privilegeDenied',
    `Principal user (Id=${caller.user.userId}) is missing ${privilege} privilege, which the ${header} header requires.`,
  );
}

/** Refuses a bypass header the caller may not use, or one whose value Dataverse would not accept. */
export function checkBypassHeaders(headers: Readonly<Record<string, string>>, caller: Caller): void {
  const pluginBypass = headers['mscrm.bypasscustompluginexecution']?.trim().toLowerCase();
  if (pluginBypass !== undefined) {
    if (pluginBypass !== 'true' && pluginBypass !== 'false') {
      throw invalidArgument('MSCRM.BypassCustomPluginExecution takes true or false.');
    }
    if (pluginBypass === 'true' && !caller.user.holds('prvBypassCustomPlugins')) {
      throw missingPrivilege(caller, 'prvBypassCustomPlugins', 'MSCRM.BypassCustomPluginExecution');
    }
  }
  const logicBypass = headers['mscrm.bypassbusinesslogicexecution'];
  if (logicBypass !== undefined) {
    const values = logicBypass.split(',').map((value) => value.trim().toLowerCase());
    if (values.some((value) => !BUSINESS_LOGIC_VALUES.has(value))) {
      throw invalidArgument(
        'MSCRM.BypassBusinessLogicExecution takes CustomSync, CustomAsync or CustomSync,CustomAsync.',
      );
    }
    if (!caller.user.holds('prvBypassCustomBusinessLogic')) {
      throw missingPrivilege(caller, 'prvBypassCustomBusinessLogic', 'MSCRM.BypassBusinessLogicExecution');
    }
  }
  const stepBypass = headers['mscrm.bypassbusinesslogicexecutionstepids'];
  if (stepBypass !== undefined && stepBypass.trim() !== '' && !caller.user.holds('prvBypassCustomBusinessLogic')) {
    throw missingPrivilege(caller, 'prvBypassCustomBusinessLogic', 'MSCRM.BypassBusinessLogicExecutionStepIds');
  }
}
