import { describe, expect, it } from 'vitest';
import { inStepOrder } from './step-order.js';
import type { Stage, WriteStep } from './write-step.js';

const step = (name: string, stage: Stage, orderedAs?: string): WriteStep => ({
  name,
  stage,
  messages: ['Create'],
  ...(orderedAs ? { orderedAs } : {}),
  run() {},
});

const order = { preValidation: ['check'], preOperation: ['first', 'second'], postOperation: ['audit'] };

describe('inStepOrder', () => {
  it('orders the steps by stage, then by their row in the table, whatever the registration order', () => {
    const steps = [step('audit', 'postOperation'), step('second', 'preOperation'), step('check', 'preValidation')];
    const ordered = inStepOrder([...steps, step('first', 'preOperation')], order);
    expect(ordered.map((each) => each.name)).toEqual(['check', 'first', 'second', 'audit']);
  });

  it('keeps registration order between steps that share a row', () => {
    const one = step('first', 'preOperation');
    const other = step('first', 'preOperation');
    const ordered = inStepOrder([step('second', 'preOperation'), one, other], order);
    expect(ordered[0]).toBe(one);
    expect(ordered[1]).toBe(other);
  });

  it('places a step whose name varies by the name it is ordered as', () => {
    const ordered = inStepOrder([step('second', 'preOperation'), step('first (v2)', 'preOperation', 'first')], order);
    expect(ordered.map((each) => each.name)).toEqual(['first (v2)', 'second']);
  });

  it('refuses a step the table does not list, naming it', () => {
    expect(() => inStepOrder([step('new rule', 'preOperation')], order)).toThrow(
      "Write steps missing from the step order table (src/pipeline/step-order.ts): 'new rule' (preOperation)",
    );
  });

  it('refuses a step listed under another stage', () => {
    expect(() => inStepOrder([step('audit', 'preValidation')], order)).toThrow("'audit' (preValidation)");
  });
});
