/**
 * Loads the custom pricing module named by ORDERLINE_PRICING_MODULE once at start: a path to a module
 * whose default export (or any named export) is a `CustomPricingModule`. A path that does not load or
 * exports no such module stops the start, rather than silently pricing nothing.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CustomPricingModule, isCustomPricingModule } from '../../pricing/index.js';

export async function loadCustomPricingModule(path: string): Promise<CustomPricingModule> {
  const loaded = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const candidates = [loaded.default, ...Object.values(loaded)];
  const module = candidates.find(isCustomPricingModule);
  if (!module) {
    throw new Error(
      `ORDERLINE_PRICING_MODULE (${path}) exports no custom pricing module: export an object with a name and calculatePrice().`,
    );
  }
  return module;
}
