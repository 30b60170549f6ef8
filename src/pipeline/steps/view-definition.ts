/**
 * A view (savedquery, userquery) is written only when it can be run: it names a served table, and its
 * FetchXML is a well-formed `<fetch>` over that table's `<entity>`, as Dataverse validates a view on
 * save. What the query asks of the table (its columns, operators, links) is checked when it runs, by
 * FetchXML execution, with the caller's privileges of that moment. No DTD is accepted: a view's XML is
 * never given a chance to declare entities.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalidArgument } from '../../domain/errors.js';
import type { WriteStep } from '../write-step.js';

/**
 * Only the root and the entity are read here; the entity's content stays text (`stopNodes`), so however
 * deep a stored view's filters nest, checking it never recurses through them.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  processEntities: false,
  stopNodes: ['fetch.entity'],
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

type Element = Record<string, unknown>;

function entityOf(fetchXml: string, logicalName: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(fetchXml)) throw invalidArgument('The FetchXML of a view may not declare a DTD.');
  const validation = XMLValidator.validate(fetchXml);
  if (validation !== true) {
    throw invalidArgument(`The FetchXML of the view is not well-formed XML: ${validation.err.msg}`);
  }
  const document = parser.parse(fetchXml) as Element;
  const roots = Object.keys(document).filter((name) => name !== '?xml');
  const fetches = (document.fetch as Element[] | undefined) ?? [];
  if (roots.length !== 1 || fetches.length !== 1) {
    throw invalidArgument('The FetchXML of a view has one root element, <fetch>.');
  }
  const entities = (fetches[0]!.entity as Element[] | undefined) ?? [];
  if (entities.length !== 1) throw invalidArgument('The FetchXML of a view has exactly one <entity> in <fetch>.');
  const name = entities[0]!['@_name'];
  if (name !== logicalName) {
    throw invalidArgument(
      `The FetchXML of the view queries '${String(name ?? '')}', but the view returns ${logicalName} (returnedtypecode).`,
    );
  }
}

export const viewDefinitionStep: WriteStep = {
  name: 'views: a served table and well-formed FetchXML over it',
  stage: 'preValidation',
  tables: ['savedquery', 'userquery'],
  messages: ['Create', 'Update'],
  run(context, { target, preImage }) {
    if (!('fetchxml' in target) && !('returnedtypecode' in target)) return;
    const logicalName = target.returnedtypecode ?? preImage?.returnedtypecode;
    // A missing table or FetchXML is the required-column check's to refuse.
    if (typeof logicalName !== 'string') return;
    if (!context.services.metadata.table(logicalName)) {
      throw invalidArgument(`The view returns '${logicalName}', which is not a table Orderline serves.`);
    }
    const fetchXml = target.fetchxml ?? preImage?.fetchxml;
    if (typeof fetchXml === 'string') entityOf(fetchXml, logicalName);
  },
};
