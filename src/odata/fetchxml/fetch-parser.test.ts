import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { parseFetchXml } from './fetch-parser.js';
import { maxFetchXmlDepth, maxFetchXmlLength } from './xml-elements.js';

function refusal(text: string): DomainError {
  try {
    parseFetchXml(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('parseFetchXml', () => {
  it('reads the fetch attributes, the entity, its attributes, orders, filters and links', () => {
    const query = parseFetchXml(`<?xml version="1.0"?>
      <fetch version='1.0' mapping='logical' count='3' page='2' distinct='true' returntotalrecordcount='true'
             paging-cookie='&lt;cookie page=&quot;1&quot;&gt;&lt;/cookie&gt;'>
        <entity name='account'>
          <attribute name='name' />
          <order attribute='name' descending='true' />
          <filter type='or'>
            <condition attribute='name' operator='in'><value>A &amp; B</value><value>&#67;</value></condition>
            <filter><condition attribute='revenue' operator='gt' value='10' /></filter>
          </filter>
          <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'>
            <attribute name='fullname' />
          </link-entity>
        </entity>
      </fetch>`);
    expect(query).toMatchObject({
      entityName: 'account',
      count: 3,
      page: 2,
      distinct: true,
      aggregate: false,
      returnTotalRecordCount: true,
      pagingCookie: '<cookie page="1"></cookie>',
    });
    expect(query.entity.attributes).toEqual([{ name: 'name' }]);
    expect(query.entity.allAttributes).toBe(false);
    expect(query.entity.orders).toEqual([{ attribute: 'name', descending: true }]);
    expect(query.entity.filters).toEqual([
      {
        kind: 'filter',
        type: 'or',
        items: [
          { kind: 'condition', attribute: 'name', operator: 'in', values: ['A & B', 'C'] },
          {
            kind: 'filter',
            type: 'and',
            items: [{ kind: 'condition', attribute: 'revenue', operator: 'gt', values: ['10'] }],
          },
        ],
      },
    ]);
    expect(query.entity.links).toEqual([
      {
        name: 'contact',
        from: 'contactid',
        to: 'primarycontactid',
        linkType: 'outer',
        alias: 'pc',
        entity: {
          allAttributes: false,
          attributes: [{ name: 'fullname' }],
          orders: [],
          filters: [],
          links: [],
        },
      },
    ]);
  });

  it('returns every column of an entity that names none, and none of a link-entity that names none', () => {
    const query = parseFetchXml(
      `<fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid' /></entity></fetch>`,
    );
    expect(query.entity.allAttributes).toBe(true);
    expect(query.entity.links[0]!.entity.allAttributes).toBe(false);
    expect(query.entity.links[0]!.linkType).toBe('inner');
  });

  it('keeps the aggregate options of an aggregate query for the aggregation engine', () => {
    const query = parseFetchXml(`<fetch aggregate='true'><entity name='salesorder'>
      <attribute name='totalamount' aggregate='sum' alias='total' />
      <attribute name='createdon' groupby='true' dategrouping='month' alias='month' />
      <attribute name='customerid' aggregate='countcolumn' distinct='true' alias='customers' />
      <order alias='total' descending='true' />
    </entity></fetch>`);
    expect(query.aggregate).toBe(true);
    expect(query.entity.attributes).toEqual([
      { name: 'totalamount', aggregate: 'sum', alias: 'total' },
      { name: 'createdon', groupby: true, dategrouping: 'month', alias: 'month' },
      { name: 'customerid', aggregate: 'countcolumn', distinct: true, alias: 'customers' },
    ]);
    expect(query.entity.orders).toEqual([{ alias: 'total', descending: true }]);
  });

  it.each([
    ['', '0x80040203', 'empty'],
    ['<fetch>', '0x80040203', 'not well-formed'],
    ['<fetch><entity name="a"></fetch>', '0x80040203', 'not well-formed'],
    ['<!DOCTYPE fetch><fetch />', '0x80040203', 'DOCTYPE'],
    [
      '<fetch><entity name="a"><filter><condition attribute="n" operator="eq" value="&x;" /></filter></entity></fetch>',
      '0x80040203',
      '&x;',
    ],
    ['<fetch a="&#0;"><entity name="a" /></fetch>', '0x80040203', '&#0;'],
    ['<query />', '0x8004111c', 'root element'],
    ['<fetch />', '0x80041123', 'exactly one <entity>'],
    ['<fetch><entity /></fetch>', '0x80041123', "'name'"],
    ['<fetch><entity name="a b" /></fetch>', '0x8004111c', 'not a valid logical name'],
    ['<fetch><entity name="a"><bogus /></entity></fetch>', '0x8004111c', '<bogus>'],
    ['<fetch><entity name="a" colour="red" /></fetch>', '0x8004111c', "'colour'"],
    ['<fetch top="0"><entity name="a" /></fetch>', '0x80041127', "'top'"],
    ['<fetch top="5001"><entity name="a" /></fetch>', '0x80041127', '5000'],
    ['<fetch top="2" count="2"><entity name="a" /></fetch>', '0x80040203', "'top'"],
    ['<fetch distinct="yes"><entity name="a" /></fetch>', '0x8004111c', "'distinct'"],
    ['<fetch><entity name="a"><filter type="xor" /></entity></fetch>', '0x80041122', 'xor'],
    [
      '<fetch><entity name="a"><filter><condition attribute="n" /></filter></entity></fetch>',
      '0x80041106',
      "'operator'",
    ],
    [
      '<fetch><entity name="a"><link-entity name="b" from="x" to="y" link-type="any" /></entity></fetch>',
      '0x80041117',
      'any',
    ],
    ['<fetch><entity name="a"><attribute name="n" alias="1x" /></entity></fetch>', '0x80041109', '1x'],
  ])('refuses %s with %s', (text, code, words) => {
    const error = refusal(text);
    expect(error.status).toBe(400);
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
  });

  it('refuses FetchXML longer than the limit, or nested deeper than the limit, before parsing it', () => {
    const long = `<fetch><entity name="a">${' '.repeat(maxFetchXmlLength)}</entity></fetch>`;
    expect(refusal(long).message).toContain(`${maxFetchXmlLength} characters`);
    const deep = `<fetch><entity name="a">${'<filter>'.repeat(maxFetchXmlDepth)}${'</filter>'.repeat(maxFetchXmlDepth)}</entity></fetch>`;
    expect(refusal(deep).message).toContain('levels deep');
  });

  it('refuses more conditions than the limit', () => {
    const conditions = '<condition attribute="n" operator="null" />'.repeat(501);
    expect(refusal(`<fetch><entity name="a"><filter>${conditions}</filter></entity></fetch>`).message).toContain(
      'more than 500 conditions',
    );
  });
});
