/**
 * Hostile FetchXML: random and malformed XML, DTDs and entity expansion (billion laughs, external
 * entities), thousands of conditions, link-entities nested deep, unknown tables, columns, operators,
 * elements and attributes. Every one is answered 200 or 4xx in Dataverse's error shape, never a 5xx,
 * within a bound, and changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import {
  API,
  assertProperty,
  expectDataverseError,
  expectHandled,
  type HostileServer,
  percentEncode,
  startHostileServer,
} from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 180_000;
const QUERY_BOUND_MS = 5_000;

const wrap = (body: string, fetchAttributes = '') =>
  `<fetch${fetchAttributes}><entity name='account'><attribute name='name' />${body}</entity></fetch>`;

const columns = [
  'name',
  'revenue',
  'createdon',
  'ownerid',
  'statecode',
  'accountid',
  'primarycontactid',
  'nosuchcolumn',
  'NAME',
  '',
];
const operators = [
  'eq',
  'ne',
  'neq',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  'not-like',
  'begins-with',
  'not-begin-with',
  'ends-with',
  'not-end-with',
  'in',
  'not-in',
  'between',
  'not-between',
  'null',
  'not-null',
  'on',
  'on-or-before',
  'on-or-after',
  'today',
  'this-week',
  'last-x-days',
  'next-x-years',
  'olderthan-x-months',
  'eq-userid',
  'ne-businessid',
  'under',
  'above',
  'eq-or-under',
  'in-fiscal-year',
  'contain-values',
  'bogus',
  '',
  'EQ',
];
const values = [
  '',
  'x',
  '0',
  '-1',
  '1.5',
  '99999999999999999999',
  '2024-02-30',
  '2024-05-01',
  '2024-05-01T10:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  "it's",
  '%',
  '_',
  '[a-z]',
  '&amp;',
  '&lt;&gt;',
  'null',
  'true',
  '\u00e9\u4e2d',
];

const condition = fc
  .record({
    attribute: fc.constantFrom(...columns),
    operator: fc.constantFrom(...operators),
    inline: fc.option(fc.constantFrom(...values), { nil: undefined }),
    children: fc.array(fc.constantFrom(...values), { maxLength: 3 }),
    entityname: fc.option(fc.constantFrom('a', 'b', 'zz'), { nil: undefined }),
  })
  .map(({ attribute, operator, inline, children, entityname }) => {
    const attributes = [`attribute='${attribute}'`, `operator='${operator}'`];
    if (inline !== undefined) attributes.push(`value='${inline.replace(/'/g, '&apos;')}'`);
    if (entityname !== undefined) attributes.push(`entityname='${entityname}'`);
    const inner = children.map((value) => `<value>${value}</value>`).join('');
    return inner ? `<condition ${attributes.join(' ')}>${inner}</condition>` : `<condition ${attributes.join(' ')} />`;
  });

const filter: fc.Arbitrary<string> = fc.letrec((tie) => ({
  filter: fc
    .record({
      type: fc.constantFrom('and', 'or', 'AND', 'xor'),
      items: fc.array(
        fc.oneof({ weight: 4, arbitrary: condition }, { weight: 1, arbitrary: tie('filter') as fc.Arbitrary<string> }),
        {
          maxLength: 4,
        },
      ),
    })
    .map(({ type, items }) => `<filter type='${type}'>${items.join('')}</filter>`),
})).filter as fc.Arbitrary<string>;

const link = fc
  .record({
    name: fc.constantFrom('contact', 'systemuser', 'account', 'nosuchtable'),
    from: fc.constantFrom('contactid', 'systemuserid', 'accountid', 'parentcustomerid', 'name'),
    to: fc.constantFrom('primarycontactid', 'ownerid', 'accountid', 'name'),
    linkType: fc.constantFrom('inner', 'outer', 'any', 'exists', 'bogus'),
    alias: fc.constantFrom('a', 'b', 'a b', '1x'),
    body: fc.option(filter, { nil: '' }),
  })
  .map(
    ({ name, from, to, linkType, alias, body }) =>
      `<link-entity name='${name}' from='${from}' to='${to}' link-type='${linkType}' alias='${alias}'><attribute name='${from}' />${body}</link-entity>`,
  );

/** A link-entity, sometimes with another inside it (its filter may name the inner one's alias). */
const links = fc
  .tuple(link, fc.option(link, { nil: undefined }))
  .map(([outer, inner]) => (inner ? `${outer.slice(0, -'</link-entity>'.length)}${inner}</link-entity>` : outer));

const fetchAttributes = fc.constantFrom(
  '',
  " top='3'",
  " count='2' page='2'",
  " count='0'",
  " top='5001'",
  " top='2' count='2'",
  " distinct='true'",
  " distinct='maybe'",
  " aggregate='true'",
  " returntotalrecordcount='true'",
  " page='-1'",
  " paging-cookie='&lt;cookie page=&quot;1&quot;&gt;&lt;/cookie&gt;' page='2' count='1'",
  " bogus='1'",
);

const structured = fc
  .record({
    attributes: fetchAttributes,
    filters: fc.array(filter, { maxLength: 2 }),
    links: fc.array(links, { maxLength: 2 }),
    order: fc.option(
      fc.record({ attribute: fc.constantFrom(...columns), descending: fc.constantFrom('true', 'false', 'yes') }),
      { nil: undefined },
    ),
  })
  .map(({ attributes, filters, links: joined, order }) =>
    wrap(
      `${joined.join('')}${filters.join('')}${order ? `<order attribute='${order.attribute}' descending='${order.descending}' />` : ''}`,
      attributes,
    ),
  );

/** Structured queries cut, spliced and garbled: malformed XML of every kind. */
const mangled = fc
  .tuple(structured, fc.nat(), fc.nat(), fc.string({ maxLength: 12 }))
  .map(([text, at, length, insert]) => {
    const start = at % (text.length + 1);
    return `${text.slice(0, start)}${insert}${text.slice(start + (length % 20))}`;
  });

const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]><fetch><entity name='account'><filter><condition attribute='name' operator='eq' value='&lol9;' /></filter></entity></fetch>`;
const externalEntity = `<!DOCTYPE fetch [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><fetch><entity name='account'><filter><condition attribute='name' operator='eq' value='&xxe;' /></filter></entity></fetch>`;
const undeclaredEntity = wrap(`<filter><condition attribute='name' operator='eq' value='&lol9;' /></filter>`);
const tenThousandConditions = wrap(
  `<filter type='or'>${Array.from({ length: 10_000 }, (_, index) => `<condition attribute='name' operator='eq' value='n${index}' />`).join('')}</filter>`,
);
const nestedLinks = (depth: number) =>
  `<fetch><entity name='account'>${"<link-entity name='account' from='accountid' to='accountid'>".repeat(depth)}${'</link-entity>'.repeat(depth)}</entity></fetch>`;
const nestedFilters = (depth: number) =>
  wrap(
    `${"<filter type='or'>".repeat(depth)}<condition attribute='name' operator='eq' value='x' />${'</filter>'.repeat(depth)}`,
  );

for (const kind of TEST_STORES) {
  describe(`hostile FetchXML on ${kind}`, () => {
    let hostile: HostileServer;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    async function send(fetchXml: string, set = 'accounts') {
      const target = `${API}${set}?fetchXml=${percentEncode(fetchXml)}`;
      const started = Date.now();
      const response = await hostile.raw(target);
      expect(Date.now() - started, `answered within ${QUERY_BOUND_MS} ms: ${fetchXml.slice(0, 300)}`).toBeLessThan(
        QUERY_BOUND_MS,
      );
      expectHandled(response, fetchXml.slice(0, 500));
      if (response.status === 200) expect(Array.isArray(response.json?.value)).toBe(true);
      return response;
    }

    /** Through a `$batch` body, where the query is not bounded by the URL length. */
    async function sendInBatch(fetchXml: string) {
      const boundary = 'batch_hostile';
      const body = [
        `--${boundary}`,
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `GET accounts?fetchXml=${percentEncode(fetchXml)} HTTP/1.1`,
        'Accept: application/json',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const started = Date.now();
      const response = await hostile.raw(`${API}$batch`, {
        method: 'POST',
        body,
        headers: { 'content-type': `multipart/mixed; boundary=${boundary}` },
      });
      expect(Date.now() - started).toBeLessThan(QUERY_BOUND_MS);
      expectHandled(response, `$batch with ${fetchXml.slice(0, 200)}`);
      return response;
    }

    it(
      'random structured FetchXML is answered 200 or 4xx in the error shape, never 5xx, and changes nothing',
      async () => {
        const before = await hostile.fingerprint();
        let answered = 0;
        await assertProperty(
          fc.asyncProperty(structured, async (fetchXml) => {
            if ((await send(fetchXml)).status === 200) answered += 1;
          }),
        );
        // The generator reaches the query engine, not only the refusals.
        expect(answered).toBeGreaterThan(0);
        expect(await hostile.fingerprint()).toEqual(before);
      },
      PROPERTY_TIMEOUT,
    );

    it(
      'malformed XML and arbitrary text are 4xx, never 5xx',
      async () => {
        await assertProperty(
          fc.asyncProperty(
            fc.oneof(mangled, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 60 })),
            async (text) => {
              const response = await send(text);
              if (!text.includes('<fetch')) expect(response.status).toBe(400);
            },
          ),
        );
      },
      PROPERTY_TIMEOUT,
    );

    it('a DTD, the billion laughs, an external entity and an undeclared entity are refused with a 400', async () => {
      for (const text of [billionLaughs, externalEntity, undeclaredEntity]) {
        const response = await send(text);
        expect(response.status, text).toBe(400);
        expectDataverseError(response, text);
      }
      const laughs = await send(billionLaughs);
      expect(laughs.json.error.message).toContain('DOCTYPE');
    });

    it('10,000 conditions, deep link-entity and filter nesting are refused with a 400 naming the limit', async () => {
      const flood = await sendInBatch(tenThousandConditions);
      expect(flood.text).toMatch(/HTTP\/1\.1 400/);
      expect(flood.text).toMatch(/longer than the limit|more than 500 conditions/);
      const links = await send(nestedLinks(16));
      expect(links.status).toBe(400);
      expect(links.json.error.message).toContain('15');
      const deep = await send(nestedLinks(40));
      expect(deep.status).toBe(400);
      const filters = await send(nestedFilters(200));
      expect(filters.status).toBe(400);
      expect(filters.json.error.message).toContain('levels deep');
    });

    it('unknown tables, columns, operators, elements and attributes get Dataverse’s query builder codes', async () => {
      const cases: [string, string][] = [
        [`<fetch><entity name='nosuchtable' /></fetch>`, '0x80041102'],
        [wrap(`<filter><condition attribute='nosuch' operator='eq' value='1' /></filter>`), '0x80041103'],
        [wrap(`<filter><condition attribute='name' operator='bogus' value='1' /></filter>`), '0x80041120'],
        [wrap(`<filter type='xor' />`), '0x80041122'],
        [wrap(`<bogus />`), '0x8004111c'],
        [wrap('', " bogus='1'"), '0x8004111c'],
        [wrap(`<link-entity name='contact' from='contactid' to='primarycontactid' link-type='bogus' />`), '0x80041117'],
        [wrap(`<filter><condition attribute='name' operator='eq' value='x' entityname='zz' /></filter>`), '0x8004110a'],
        [wrap('', " top='0'"), '0x80041127'],
        // Aggregate queries: every attribute needs an alias, one role each, known functions and aliases.
        [wrap('', " aggregate='true'"), '0x80041109'],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='revenue' alias='r' aggregate='sum' groupby='true' /></entity></fetch>`,
          '0x80040203',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='revenue' alias='r' aggregate='median' /></entity></fetch>`,
          '0x8004111c',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' /></entity></fetch>`,
          '0x80040203',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='revenue' alias='r' aggregate='sum' /><attribute name='name' alias='r' groupby='true' /></entity></fetch>`,
          '0x80041109',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='revenue' alias='r' aggregate='sum' distinct='true' /></entity></fetch>`,
          '0x80040203',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='p' groupby='true' dategrouping='fiscal-period' /></entity></fetch>`,
          '0x80040203',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='nosuch' alias='x' aggregate='max' /></entity></fetch>`,
          '0x80041103',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' groupby='true' /><order alias='nope' /></entity></fetch>`,
          '0x8004110a',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' groupby='true' /><order attribute='name' /></entity></fetch>`,
          '0x80040203',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='count' /><link-entity name='contact' from='contactid' to='primarycontactid'><attribute name='fullname' alias='f' groupby='true' /><order attribute='fullname' /></link-entity></entity></fetch>`,
          '0x80040203',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='count' /><link-entity name='contact' from='contactid' to='primarycontactid'><attribute name='fullname' alias='n' groupby='true' /></link-entity></entity></fetch>`,
          '0x80041109',
        ],
        [
          `<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='count' /><link-entity name='contact' from='contactid' to='primarycontactid'><all-attributes /></link-entity></entity></fetch>`,
          '0x80040203',
        ],
        [
          wrap(
            `<link-entity name='contact' from='contactid' to='primarycontactid' alias='a'><filter><condition entityname='b' attribute='fullname' operator='null' /></filter><link-entity name='account' from='accountid' to='parentcustomerid' alias='b' /></link-entity>`,
          ),
          '0x80040203',
        ],
      ];
      for (const [text, code] of cases) {
        const response = await send(text);
        expect(response.status, text).toBe(400);
        expect(response.json.error.code, `${text}: ${response.text}`).toBe(code);
      }
    });
  });
}
