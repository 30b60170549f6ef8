/**
 * A backup or restore refused for a reason the operator can fix from the message alone (the target
 * exists, a tool is missing, the manifest does not match): the CLI prints the message and nothing else.
 */
export class BackupRefusal extends Error {}
