/**
 * Every sign-in attempt leaves an `audit` row (issue #14), success or failure, never the password:
 * Dataverse's operation 4 (Access) with action 64 (User Access via Web) for a success, Orderline's
 * action 100000000 (Failed Sign-in) for a failure, on the user who signed in or was named. A name that
 * matches no user leaves a row without a record, with the name in `changedata`, so guessing shows.
 */
import { randomUUID } from 'node:crypto';
import { writeJson } from '../odata/json/json-writer.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { Principal } from './principal.js';
import { combinedAccess } from './role-privileges.js';

export const ACCESS_OPERATION = 4;
export const USER_ACCESS_VIA_WEB = 64;
export const FAILED_SIGN_IN = 100_000_000;

export interface SignInAttempt {
  /** The user signing in, when the name (or the OpenID Connect subject) is one. */
  readonly userId?: string;
  readonly userName: string;
  readonly succeeded: boolean;
  /** `password` or `openid-connect`. */
  readonly method: string;
  /** Why a failure failed, in words for an administrator reading the audit. */
  readonly reason?: string;
  readonly sourceAddress: string;
}

/** The writer of the row: nobody's privileges are used, but the unit of work wants a caller. */
function auditWriter(userId: string | undefined): Principal {
  const { access, holds } = combinedAccess([]);
  return {
    userId: userId ?? '',
    businessUnitId: '',
    fullName: '',
    isIntegrationUser: false,
    salesLicense: 0,
    roleIds: [],
    access,
    holds,
  };
}

export async function auditSignIn(services: PipelineServices, attempt: SignInAttempt): Promise<void> {
  const userId = attempt.userId ?? null;
  await inUnitOfWork(services, { user: auditWriter(attempt.userId) }, async (context) => {
    await context.unitOfWork.systemWrite.insert([
      {
        table: services.metadata.table('audit')!,
        build: () => ({
          auditid: randomUUID(),
          createdby: userId,
          modifiedby: userId,
          userid: userId,
          operation: ACCESS_OPERATION,
          action: attempt.succeeded ? USER_ACCESS_VIA_WEB : FAILED_SIGN_IN,
          objecttypecode: 'systemuser',
          objectid: userId,
          objectidtype: userId === null ? null : 'systemuser',
          changedata: writeJson({
            userName: attempt.userName,
            method: attempt.method,
            sourceAddress: attempt.sourceAddress,
            ...(attempt.reason === undefined ? {} : { reason: attempt.reason }),
          }),
          transactionid: randomUUID(),
        }),
      },
    ]);
  });
}
