/**
 * The folder holding Orderline's package.json. The server runs from src/ (tests, tsx) or from its build in
 * dist/server/ (bin/orderline.js), one folder deeper, so files that live beside them, such as the web UI
 * bundle in dist/ui/, are found from here rather than from a fixed number of `../`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRootAbove(folder: string): string {
  if (existsSync(join(folder, 'package.json'))) return folder;
  const parent = dirname(folder);
  if (parent === folder) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
  return packageRootAbove(parent);
}

export const PACKAGE_ROOT = packageRootAbove(dirname(fileURLToPath(import.meta.url)));
