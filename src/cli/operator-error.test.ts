import { describe, expect, it } from 'vitest';
import { describeFailure, OperatorError } from './operator-error.js';

const operatorMistake = (error: Error) => error instanceof OperatorError;

describe('what a failed command prints', () => {
  it('prints only the message of a mistake the operator can fix', () => {
    expect(describeFailure(new OperatorError('--status must be one of pending'), operatorMistake)).toBe(
      '--status must be one of pending',
    );
  });

  it('prints the stack, the driver fields and the cause of any other failure', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "pg_type"'), {
      code: '23505',
      detail: 'Key (typname)=(organization) already exists.',
      where: undefined,
    });
    const failure = new Error('start failed', { cause: driverError });
    const text = describeFailure(failure, operatorMistake);
    expect(text).toMatch(/^Error: start failed\n\s+at /);
    expect(text).toContain('caused by: Error: duplicate key value violates unique constraint "pg_type"');
    expect(text).toContain('code: 23505');
    expect(text).toContain('detail: Key (typname)=(organization) already exists.');
    expect(text).not.toContain('where:');
  });

  it('prints what was thrown when it is not an Error', () => {
    expect(describeFailure('plain text', operatorMistake)).toBe('plain text');
  });
});
