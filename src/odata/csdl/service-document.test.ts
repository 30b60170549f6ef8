import { describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import { writeJson } from '../json/json-writer.js';
import { serviceDocument } from './service-document.js';

const metadata = createSalesMetadata();
const root = 'https://orderline.example/api/data/v9.2/';

describe('service document', () => {
  it('lists each of the 32 entity sets once, as an EntitySet whose url is its name', () => {
    const document = serviceDocument(metadata, root);
    expect(document.value).toHaveLength(32);
    expect(new Set(document.value.map((entry) => entry.name))).toEqual(
      new Set(metadata.tables.map((table) => table.entitySetName)),
    );
    for (const entry of document.value) expect(entry).toEqual({ name: entry.name, kind: 'EntitySet', url: entry.name });
    expect(document.value).toContainEqual({ name: 'salesorders', kind: 'EntitySet', url: 'salesorders' });
    expect(document.value).toContainEqual({
      name: 'transactioncurrencies',
      kind: 'EntitySet',
      url: 'transactioncurrencies',
    });
  });

  it("points @odata.context at the service root's $metadata", () => {
    expect(serviceDocument(metadata, root)['@odata.context']).toBe('https://orderline.example/api/data/v9.2/$metadata');
  });

  it('refuses a service root without its trailing slash', () => {
    expect(() => serviceDocument(metadata, 'https://orderline.example/api/data/v9.2')).toThrow(/must end with '\/'/);
  });

  it('goes through the JSON writer with @odata.context first, as Dataverse writes it', () => {
    const text = writeJson(serviceDocument(metadata, root));
    expect(text.startsWith('{"@odata.context":"https://orderline.example/api/data/v9.2/$metadata","value":[')).toBe(
      true,
    );
    expect(JSON.parse(text)).toEqual(serviceDocument(metadata, root));
  });
});
