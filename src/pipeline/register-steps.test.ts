import { describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../domain/metadata/sales-metadata.js';
import { checkStepTables, registerSteps } from './register-steps.js';
import type { WriteStep } from './write-step.js';

const metadata = createSalesMetadata();

const auditReadOnly = (tables?: readonly string[]): WriteStep => ({
  name: 'audit rows are read-only',
  stage: 'preValidation',
  messages: ['Create'],
  ...(tables ? { tables } : {}),
  run() {},
});

describe('write steps at start', () => {
  it('a step whose tables the metadata has, or that runs on every table, passes', () => {
    expect(() => checkStepTables(metadata, [auditReadOnly(['audit']), auditReadOnly()])).not.toThrow();
  });

  it('a step naming a table the metadata does not have fails the start, naming the step and the table', () => {
    expect(() => registerSteps(metadata, [auditReadOnly(['audit', 'salesorderdetial'])])).toThrow(
      "Write steps name tables the metadata does not have: 'audit rows are read-only' names table 'salesorderdetial'",
    );
  });
});
