import { Parser, type Options } from 'csv-parse';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work cut into steps: a generator that yields wherever it may pause and returns its
 * result. Run whole (`finish`) it is an ordinary synchronous call; run by `finishInSlices` it
 * hands the event loop back every few milliseconds, so that a large file never holds the
 * other requests up for longer than that (issue 19, point 4).
 */
export type Steps<T> = Generator<void, T, void>;

/** Milliseconds of work between two turns of the event loop. */
export const SLICE_MS = 10;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function finishInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await nextTurn();
      since = performance.now();
    }
  }
}

/** Characters csv-parse reads between two pauses: a few milliseconds of parsing. */
const CSV_CHUNK = 64 * 1024;

/**
 * csv-parse's streaming parser fed the text a chunk at a time, each chunk cut after a line end
 * (never inside a character), a pause after each: the same records as csv-parse/sync gives.
 * Node's stream parser works synchronously on write() and end(); a refusal is thrown as the
 * error csv-parse/sync would throw.
 */
export function* csvRecords<T = string[]>(text: string, options: Options): Steps<T[]> {
  const parser = new Parser(options);
  parser.on('error', () => {}); // read from `errored` below, synchronously
  const records: T[] = [];
  const drain = () => {
    if (parser.errored) throw parser.errored;
    for (let record = parser.read(); record !== null; record = parser.read()) records.push(record as T);
  };
  for (let from = 0; from < text.length; ) {
    const newline = text.indexOf('\n', from + CSV_CHUNK);
    const to = newline === -1 ? text.length : newline + 1;
    parser.write(text.slice(from, to));
    drain();
    from = to;
    yield;
  }
  parser.end();
  drain();
  return records;
}
