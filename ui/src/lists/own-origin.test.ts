import { describe, expect, it } from 'vitest';
import { onOwnOrigin } from './own-origin';

describe('a server link followed by the UI', () => {
  it('keeps its path and query on the page origin', () => {
    expect(
      onOwnOrigin('http://127.0.0.1:5555/api/data/v9.2/accounts?$skiptoken=abc%20d', 'http://localhost:5555'),
    ).toBe('http://localhost:5555/api/data/v9.2/accounts?$skiptoken=abc%20d');
  });

  it('never leaves the page origin, whatever host the link names', () => {
    expect(onOwnOrigin('https://evil.example/api/data/v9.2/accounts', 'https://sales.example.com')).toBe(
      'https://sales.example.com/api/data/v9.2/accounts',
    );
  });
});
