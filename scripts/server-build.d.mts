/** Builds dist/server from src/ (only what changed since the last build); throws on a type error. */
export function buildServer(): void;
/** Why dist/server does not hold the current sources of `root` (this checkout), or undefined when it does. */
export function serverBuildStaleness(root?: string): string | undefined;
