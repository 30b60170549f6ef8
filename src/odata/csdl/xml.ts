/**
 * The little XML writing the CSDL needs: elements with attributes, written compactly on one line as
 * Dataverse serves `$metadata`. Element names are constants of this folder; attribute values come from
 * table metadata and operation descriptions, so they are the only thing escaped.
 */

/** Attributes in the order they are written; `undefined` leaves one out, so optional ones read inline. */
export type XmlAttributes = readonly (readonly [name: string, value: string | undefined])[];

/**
 * Characters XML 1.0 cannot carry at all, even as character references (C0 controls other than tab, CR
 * and LF, lone surrogates, U+FFFE and U+FFFF). Escaping cannot save them, so writing one is an error.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser normalises raw tab, CR and LF in attribute values to spaces; references keep them.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function escapeAttribute(value: string): string {
  const invalid = NOT_XML_CHAR.exec(value);
  if (invalid) {
    const code = invalid[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`U+${code} cannot be written in an XML attribute value (${JSON.stringify(value)})`);
  }
  return value.replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char]!);
}

/** `<name a="1"/>`, or `<name a="1">children</name>` when it has children. */
export function element(name: string, attributes: XmlAttributes = [], children: readonly string[] = []): string {
  let open = `<${name}`;
  for (const [attribute, value] of attributes) {
    if (value !== undefined) open += ` ${attribute}="${escapeAttribute(value)}"`;
  }
  return children.length === 0 ? `${open}/>` : `${open}>${children.join('')}</${name}>`;
}
