import { describe, expect, it } from 'vitest';
import { type Preferences, parsePrefer, wantsAnnotation } from './prefer.js';

const FORMATTED = 'OData.Community.Display.V1.FormattedValue';
const LOOKUP_NAME = 'Microsoft.Dynamics.CRM.lookuplogicalname';

const none: Preferences = {
  returnRepresentation: false,
  includeAnnotations: [],
  maxPageSize: undefined,
  trackChanges: false,
  continueOnError: false,
};

describe('parsePrefer', () => {
  it.each([undefined, '', ' ', ','])('asks for nothing when the header is %j', (header) => {
    expect(parsePrefer(header)).toEqual(none);
  });

  it.each<[string, Partial<Preferences>]>([
    ['return=representation', { returnRepresentation: true }],
    ['RETURN=Representation', { returnRepresentation: true }],
    ['return="representation"', { returnRepresentation: true }],
    ['return=minimal', {}],
    ['odata.maxpagesize=50', { maxPageSize: 50 }],
    ['odata.maxpagesize="50"', { maxPageSize: 50 }],
    ['odata.track-changes', { trackChanges: true }],
    ['odata.continue-on-error', { continueOnError: true }],
    [`odata.include-annotations="${FORMATTED}"`, { includeAnnotations: [FORMATTED] }],
    ['odata.include-annotations=*', { includeAnnotations: ['*'] }],
    ['odata.include-annotations="*"', { includeAnnotations: ['*'] }],
  ])('reads %j', (header, expected) => {
    expect(parsePrefer(header)).toEqual({ ...none, ...expected });
  });

  it('reads several preferences in one header, in any order and spacing', () => {
    expect(
      parsePrefer(
        `odata.maxpagesize=10 ,return=representation,  odata.include-annotations="${FORMATTED}",odata.track-changes`,
      ),
    ).toEqual({
      ...none,
      returnRepresentation: true,
      maxPageSize: 10,
      trackChanges: true,
      includeAnnotations: [FORMATTED],
    });
  });

  it('reads a quoted list of annotations, whose commas do not separate preferences', () => {
    const preferences = parsePrefer(`odata.include-annotations="${FORMATTED},${LOOKUP_NAME}",return=representation`);
    expect(preferences.includeAnnotations).toEqual([FORMATTED, LOOKUP_NAME]);
    expect(preferences.returnRepresentation).toBe(true);
  });

  it.each([
    'odata.maxpagesize=0',
    'odata.maxpagesize=-5',
    'odata.maxpagesize=abc',
    'odata.maxpagesize=1.5',
    'odata.maxpagesize=1e3',
    'odata.maxpagesize=1234567890',
    'odata.maxpagesize=',
  ])('ignores the unusable page size in %j', (header) => {
    expect(parsePrefer(header).maxPageSize).toBeUndefined();
  });

  it.each([
    'respond-async',
    'wait=10',
    'handling=strict',
    'garbage',
    '=,=,==',
    '"',
    'return',
    'return=',
    ';;;',
    'odata.maxpagesize',
  ])('ignores the unknown or malformed preference %j', (header) => {
    expect(parsePrefer(header)).toEqual(none);
  });

  it('keeps the preferences it knows beside garbage', () => {
    expect(parsePrefer('garbage, return=representation, x=y=z')).toEqual({ ...none, returnRepresentation: true });
  });
});

describe('wantsAnnotation', () => {
  const wants = (header: string, term: string) => wantsAnnotation(parsePrefer(header), term);

  it('wants nothing when no annotations were asked for', () => {
    expect(wantsAnnotation(none, FORMATTED)).toBe(false);
  });

  it.each([FORMATTED, LOOKUP_NAME, 'Microsoft.Dynamics.CRM.associatednavigationproperty'])('* wants %s', (term) => {
    expect(wants('odata.include-annotations="*"', term)).toBe(true);
  });

  it.each<[string, boolean]>([
    [FORMATTED, true],
    [LOOKUP_NAME, false],
    ['OData.Community.Display.V1', false],
    [`${FORMATTED}X`, false],
  ])(`an exact term wants %s: %s`, (term, expected) => {
    expect(wants(`odata.include-annotations="${FORMATTED}"`, term)).toBe(expected);
  });

  it.each<[string, boolean]>([
    [LOOKUP_NAME, true],
    ['Microsoft.Dynamics.CRM.associatednavigationproperty', true],
    [FORMATTED, false],
    ['Microsoft.Dynamics.CRMX.lookuplogicalname', false],
  ])('prefix.* wants %s: %s', (term, expected) => {
    expect(wants('odata.include-annotations="Microsoft.Dynamics.CRM.*"', term)).toBe(expected);
  });

  it('wants the union of the patterns of a list', () => {
    const header = `odata.include-annotations="${FORMATTED},Microsoft.Dynamics.CRM.*"`;
    expect(wants(header, FORMATTED)).toBe(true);
    expect(wants(header, LOOKUP_NAME)).toBe(true);
    expect(wants(header, 'Microsoft.PowerApps.CDS.HelpLink')).toBe(false);
  });
});
