import { describe, it, expect } from 'vitest';
import { createBurstDetector } from '../../web/src/features/receiving/wedge-burst.ts';

/** Types `text` one character every `gap` ms from `start`, then Enter `enterAfter` ms after the last. */
function type(detector: ReturnType<typeof createBurstDetector>, text: string, start: number, gap: number, enterAfter = gap) {
  let at = start;
  const starts: boolean[] = [];
  for (const c of text) {
    starts.push(detector.char(c, at));
    at += gap;
  }
  return { burst: detector.enter(at - gap + enterAfter), starts };
}

describe('createBurstDetector', () => {
  it('takes fast keys ending in Enter for a scan: a batch label typed 5 ms apart', () => {
    expect(type(createBurstDetector(), 'FP1:B:42', 1000, 5).burst).toBe('FP1:B:42');
  });

  it('keeps GS separators and every other character of a GS1 string', () => {
    const raw = ']d2010690123456789217280115\u001d10LOT-7';
    expect(type(createBurstDetector(), raw, 0, 3).burst).toBe(raw);
  });

  it('does not take a person typing a quantity and pressing Enter (120 ms between keys)', () => {
    expect(type(createBurstDetector(), '47', 0, 120).burst).toBeNull();
    expect(type(createBurstDetector(), '1200', 0, 90).burst).toBeNull();
  });

  it('does not take a short fast run: two keys rolled over and Enter is not a code', () => {
    expect(type(createBurstDetector(), '12', 0, 10).burst).toBeNull();
  });

  it('does not take a burst whose Enter comes after a pause: the person pressed Enter', () => {
    expect(type(createBurstDetector(), 'FP1:B:42', 0, 5, 400).burst).toBeNull();
  });

  it('starts the run afresh after a pause: a typed 4 then a scan is the scan alone, and says where the run began', () => {
    const detector = createBurstDetector();
    expect(detector.char('4', 0)).toBe(true);
    const { burst, starts } = type(detector, 'FP1:B:9', 400, 4);
    expect(burst).toBe('FP1:B:9');
    expect(starts).toEqual([true, false, false, false, false, false, false]);
  });

  it('counts a gap of exactly 50 ms as fast and 51 ms as a pause', () => {
    expect(type(createBurstDetector(), 'ABCD', 0, 50).burst).toBe('ABCD');
    expect(type(createBurstDetector(), 'ABCD', 0, 51).burst).toBeNull();
  });

  it('ends the run at Enter, burst or not: the next keys start a new one', () => {
    const detector = createBurstDetector();
    type(detector, 'FP1:B:1', 0, 5);
    expect(detector.char('X', 40)).toBe(true);
    expect(detector.enter(45)).toBeNull();
  });

  it('takes its gap and length from the options', () => {
    expect(type(createBurstDetector({ maxGapMs: 20, minLength: 8 }), 'FP1:B:1', 0, 5).burst).toBeNull();
    expect(type(createBurstDetector({ maxGapMs: 20, minLength: 8 }), 'FP1:B:12', 0, 25).burst).toBeNull();
    expect(type(createBurstDetector({ maxGapMs: 20, minLength: 8 }), 'FP1:B:12', 0, 15).burst).toBe('FP1:B:12');
  });
});
