import { describe, expect, it } from 'vitest';
import { requestLabel } from './request-label.js';

const known = new Set(['salesorders', 'WhoAmI', 'ol_SubmitSalesOrder']);

describe('the resource label of a request', () => {
  it.each([
    ['/api/data/v9.2/salesorders?$top=5', 'salesorders'],
    ['/api/data/v9.2/salesorders(7d3f)/order_details', 'salesorders'],
    ['/api/data/v9.2/WhoAmI()', 'WhoAmI'],
    ['/api/data/v9.2/$batch', '$batch'],
    ['/api/data/v9.2/$metadata', '$metadata'],
    ['/api/data/v9.2/', 'service document'],
    ['/api/data/v9.2/no-such-thing-%ff', 'other'],
    ['/health', 'health'],
    ['/metrics', 'metrics'],
    ['/orders/7d3f', 'ui'],
  ])('%s is %s', (url, label) => {
    expect(requestLabel(url, known)).toBe(label);
  });
});
