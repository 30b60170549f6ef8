import { describe, expect, it } from 'vitest';
import { metadataId, nameBasedUuid } from './metadata-id.js';

describe('metadata ids', () => {
  it('are RFC 9562 version 5 UUIDs (the DNS namespace example gives the published id)', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('are the same for the same name on every call, and differ between names', () => {
    expect(metadataId('entity:salesorder')).toBe(metadataId('entity:salesorder'));
    expect(metadataId('entity:salesorder')).not.toBe(metadataId('entity:quote'));
    expect(metadataId('entity:salesorder')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
