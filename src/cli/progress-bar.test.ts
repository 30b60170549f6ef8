import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

function stream(isTTY: boolean): { output: () => string; stream: NodeJS.WriteStream } {
  const sink = new PassThrough();
  let written = '';
  sink.on('data', (chunk) => {
    written += String(chunk);
  });
  Object.assign(sink, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { output: () => written, stream: sink as unknown as NodeJS.WriteStream };
}

describe('the progress bar', () => {
  it('draws on a terminal', () => {
    const terminal = stream(true);
    const bar = progressBar(terminal.stream, 'Importing products');
    bar.update(50, 100);
    bar.update(100, 100);
    bar.stop();
    expect(terminal.output()).toContain('Importing products');
    expect(terminal.output()).toContain('100/100 rows');
  });

  it('writes nothing to a file or a pipe', () => {
    const pipe = stream(false);
    const bar = progressBar(pipe.stream, 'Importing products');
    bar.update(1, 2);
    bar.stop();
    expect(pipe.output()).toBe('');
  });
});
