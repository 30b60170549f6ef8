import { describe, expect, it } from 'vitest';
import { enumLiteralsAsStrings } from './enum-literals.js';

describe('enum literals in metadata filters', () => {
  it("read Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist' as the member name", () => {
    expect(enumLiteralsAsStrings("AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'")).toBe(
      "AttributeType eq 'Picklist'",
    );
  });

  it('leave string literals that merely contain the text alone', () => {
    const text = "LogicalName eq 'Microsoft.Dynamics.CRM.AttributeTypeCode''Picklist''' or IsCustomEntity eq true";
    expect(enumLiteralsAsStrings(text)).toBe(text);
  });

  it('take combined members of a flags enum', () => {
    expect(enumLiteralsAsStrings("OwnershipType eq Microsoft.Dynamics.CRM.OwnershipTypes'UserOwned'")).toBe(
      "OwnershipType eq 'UserOwned'",
    );
  });

  it.each([
    ["AttributeType eq Microsoft.Dynamics.CRM.NoSuchType'Picklist'", /NoSuchType' is not a metadata enum type/],
    ["AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Pickles'", /'Pickles' is not a member/],
  ])('refuse %s', (text, message) => {
    expect(() => enumLiteralsAsStrings(text)).toThrow(message);
  });
});
