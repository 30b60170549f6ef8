import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackOfficeState } from './back-office-state.js';

const submitted = (id: string, orderId: string) => ({ id, type: 'salesorder.submitted', orderId });

describe('the back office state', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('takes an order on once per event id, with its own numbers', () => {
    const state = openBackOfficeState();
    const job = state.takeOn(submitted('e1', 'o1'), '{}');
    expect(job).toMatchObject({
      orderId: 'o1',
      orderNumber: 'ERP-000001',
      invoiceNumber: 'ERP-INV-000001',
      nextStep: 0,
    });
    expect(state.hasHandled('e1')).toBe(true);
    expect(state.takeOn(submitted('e1', 'o1'), '{}')).toBeUndefined();
    expect(state.takeOn(submitted('e2', 'o2'), '{}')?.orderNumber).toBe('ERP-000002');
  });

  it('does not take an order on twice, even from another event', () => {
    const state = openBackOfficeState();
    state.takeOn(submitted('e1', 'o1'), '{}');
    expect(state.takeOn(submitted('e9', 'o1'), '{}')).toBeUndefined();
    expect(state.hasHandled('e9')).toBe(true);
  });

  it('issues revisions that only go up, even when the clock goes back', () => {
    let clock = 1_000;
    const state = openBackOfficeState({ now: () => clock });
    const first = Number(state.nextRevision());
    clock = 500;
    const second = Number(state.nextRevision());
    clock = 5_000;
    const third = Number(state.nextRevision());
    expect(first).toBe(1_000);
    expect(second).toBe(1_001);
    expect(third).toBe(5_000);
  });

  it('keeps events, progress and revisions in its file across a restart', () => {
    const folder = mkdtempSync(join(tmpdir(), 'backoffice-state-'));
    folders.push(folder);
    const path = join(folder, 'state.db');
    const before = openBackOfficeState({ path, now: () => 2_000 });
    before.takeOn(submitted('e1', 'o1'), '{"salesorder":{}}');
    before.advance('o1', 3);
    before.nextRevision();
    before.close();

    const after = openBackOfficeState({ path, now: () => 1_000 });
    expect(after.hasHandled('e1')).toBe(true);
    expect(after.unfinishedJobs()).toMatchObject([{ orderId: 'o1', nextStep: 3, status: 'running' }]);
    expect(after.nextRevision()).toBe('2001');
    after.close();
  });
});
