import { describe, expect, it } from 'vitest';
import { uuidV5 } from './deterministic-uuid.js';

describe('name-based ids', () => {
  it('follow RFC 9562 version 5 (the DNS namespace example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('give the same id for the same name, and another for another name', () => {
    expect(uuidV5('invoice/a/ERP-INV-000001')).toBe(uuidV5('invoice/a/ERP-INV-000001'));
    expect(uuidV5('invoice/a/ERP-INV-000001')).not.toBe(uuidV5('invoice/a/ERP-INV-000002'));
  });
});
