import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { element, escapeAttribute } from './xml.js';

describe('XML writing', () => {
  it('escapes the markup characters of attribute values', () => {
    expect(escapeAttribute(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });

  it('writes tab, newline and carriage return as character references so parsers do not flatten them', () => {
    expect(escapeAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('keeps characters beyond ASCII as they are, astral ones included', () => {
    expect(escapeAttribute('Café 😀')).toBe('Café 😀');
  });

  it.each([
    ['NUL', '\u0000'],
    ['a C0 control', '\u0007'],
    ['a lone surrogate', '\uD800'],
    ['U+FFFF', '\uFFFF'],
  ])('refuses %s, which XML cannot carry even escaped', (_, char) => {
    expect(() => escapeAttribute(`a${char}b`)).toThrow(/cannot be written in an XML attribute/);
  });

  it('closes an element without children on itself and leaves out undefined attributes', () => {
    expect(
      element('Property', [
        ['Name', 'x'],
        ['Nullable', undefined],
      ]),
    ).toBe('<Property Name="x"/>');
  });

  it('writes children between the tags, and the result is well-formed whatever the attribute values', () => {
    const xml = element('Record', [['Term', `<&"'>`]], [element('PropertyValue', [['Property', 'a\nb']])]);
    expect(xml).toBe('<Record Term="&lt;&amp;&quot;&apos;&gt;"><PropertyValue Property="a&#10;b"/></Record>');
    expect(XMLValidator.validate(xml)).toBe(true);
  });
});
