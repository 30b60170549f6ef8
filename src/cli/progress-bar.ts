/**
 * A progress bar for long operator commands (`orderline import`), drawn by cli-progress on a terminal
 * only: when the stream is a file or a pipe (CI logs, `2> import.log`), redrawn bars would only be
 * noise, so nothing is written and the command's summary line says what happened.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** `done` of `total` units finished; the bar appears on the first call. */
  update(done: number, total: number): void;
  /** Draws the final state and leaves the cursor on a new line. */
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

export function progressBar(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return SILENT;
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`,
      hideCursor: true,
      etaBuffer: 500,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
