/**
 * FetchXML text to a plain element tree, refusing what a query language has no use for and an attacker
 * would: a DTD (`<!DOCTYPE`), entity declarations and references other than XML's five and numeric
 * characters (so no billion laughs and no external entity), input longer than `maxFetchXmlLength`, and
 * elements nested deeper than `maxFetchXmlDepth`. Every refusal is a 400 naming the problem.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fetchError } from './fetch-errors.js';

/** Longest FetchXML accepted, in characters: twice Dataverse's 32 KB URL, for `$batch` bodies. */
export const maxFetchXmlLength = 65_536;
/** Deepest element nesting accepted (filters in filters, link-entities in link-entities). */
export const maxFetchXmlDepth = 32;

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Text directly inside the element, trimmed. */
  readonly text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  // Entities are decoded below, only XML's predefined ones: the parser never expands a declared one.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  allowBooleanAttributes: false,
  commentPropName: false,
});

export function readXmlElement(text: string): XmlElement {
  if (text.trim() === '') throw fetchError('invalidXml', 'The FetchXML query is empty.');
  if (text.length > maxFetchXmlLength) {
    throw fetchError(
      'invalidXml',
      `The FetchXML query is longer than the limit of ${maxFetchXmlLength} characters; split it into smaller queries.`,
    );
  }
  if (/<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(text)) {
    throw fetchError(
      'invalidXml',
      'FetchXML must not contain a document type declaration (<!DOCTYPE>) or entity declarations: Orderline does not process DTDs.',
    );
  }
  checkDepth(text);
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw fetchError('invalidXml', `The FetchXML is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  const nodes = parser.parse(text) as unknown[];
  const roots = nodes.map(toElement).filter((node): node is XmlElement => node !== undefined);
  if (roots.length !== 1) throw fetchError('invalidXml', 'The FetchXML must have exactly one root element, <fetch>.');
  return roots[0]!;
}

/**
 * Element depth counted on the raw text before any parser recursion: `<x` opens, `</` and `/>` close;
 * comments, CDATA and processing instructions are skipped.
 */
function checkDepth(text: string): void {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '<') {
      const next = text[index + 1];
      if (next === '/') depth -= 1;
      else if (next !== '!' && next !== '?') {
        depth += 1;
        if (depth > maxFetchXmlDepth) {
          throw fetchError(
            'invalidXml',
            `The FetchXML nests elements more than ${maxFetchXmlDepth} levels deep; Orderline allows at most ${maxFetchXmlDepth}.`,
          );
        }
      }
    } else if (char === '/' && text[index + 1] === '>') depth -= 1;
  }
}

type ParsedNode = Record<string, unknown>;

function toElement(node: unknown): XmlElement | undefined {
  const entry = node as ParsedNode;
  const name = Object.keys(entry).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?')) return undefined;
  const rawAttributes = (entry[':@'] ?? {}) as Record<string, unknown>;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttributes)) attributes[key] = decodeEntities(String(value));
  const content = (entry[name] ?? []) as unknown[];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of content) {
    const childEntry = child as ParsedNode;
    if ('#text' in childEntry) text += decodeEntities(String(childEntry['#text']));
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attributes, children, text: text.trim() };
}

const predefined: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five predefined entities and numeric character references; any other reference is refused. */
export function decodeEntities(value: string): string {
  return value.replace(/&([^;&\s]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw fetchError('invalidXml', `The FetchXML has a bare '&'; write &amp; instead.`);
    const known = predefined[body];
    if (known !== undefined) return known;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
    }
    throw fetchError(
      'invalidXml',
      `The FetchXML refers to the entity '&${body};'; only &amp; &lt; &gt; &quot; &apos; and character references are allowed.`,
    );
  });
}
