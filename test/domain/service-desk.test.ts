import { describe, it, expect } from 'vitest';
import { dueTimes, isOverdue, isReplyOverdue, isResolveOverdue, onTime } from '../../server/domain/service-desk.ts';
import { defaultConfig } from '../../server/config.ts';

const rule = defaultConfig.serviceDesk;

describe('service desk due times (限期办结)', () => {
  it('a complaint received at 10:00 Ningxia time is due a reply 24 hours later and a resolution 15 days later', () => {
    expect(dueTimes(new Date('2026-11-20T02:00:00Z'), 'complaint', rule)).toEqual({ replyDueAt: '2026-11-21T02:00:00.000Z', resolveDueAt: '2026-12-05T02:00:00.000Z' });
  });

  it('each kind has its own resolution time; the reply time is the same for all', () => {
    const at = new Date('2026-11-30T16:30:00Z');
    expect(dueTimes(at, 'question', rule).resolveDueAt).toBe('2026-12-03T16:30:00.000Z');
    expect(dueTimes(at, 'supplies', rule).resolveDueAt).toBe('2026-12-07T16:30:00.000Z');
    expect(dueTimes(at, 'other', rule).resolveDueAt).toBe('2026-12-07T16:30:00.000Z');
    expect(new Set((['supplies', 'question', 'complaint', 'other'] as const).map((k) => dueTimes(at, k, rule).replyDueAt))).toEqual(new Set(['2026-12-01T16:30:00.000Z']));
  });

  it('follows the configuration: a 4-hour reply and a 1-day resolution', () => {
    expect(dueTimes(new Date('2026-02-28T20:00:00Z'), 'complaint', { replyHours: 4, resolveDays: { ...rule.resolveDays, complaint: 1 } })).toEqual({ replyDueAt: '2026-03-01T00:00:00.000Z', resolveDueAt: '2026-03-01T20:00:00.000Z' });
  });

  const open = { ...dueTimes(new Date('2026-11-20T02:00:00Z'), 'question', rule), repliedAt: null, resolvedAt: null };

  it('is not overdue at the due time itself, and is one millisecond after', () => {
    expect(isReplyOverdue(open, new Date('2026-11-21T02:00:00.000Z'))).toBe(false);
    expect(isReplyOverdue(open, new Date('2026-11-21T02:00:00.001Z'))).toBe(true);
    expect(isResolveOverdue(open, new Date('2026-11-23T02:00:00.000Z'))).toBe(false);
    expect(isResolveOverdue(open, new Date('2026-11-23T02:00:00.001Z'))).toBe(true);
  });

  it('a reply stops the reply clock, not the resolution clock; a resolution stops both', () => {
    const late = new Date('2026-11-25T00:00:00Z');
    const replied = { ...open, repliedAt: '2026-11-20T05:00:00Z' };
    expect([isReplyOverdue(replied, late), isResolveOverdue(replied, late), isOverdue(replied, late)]).toEqual([false, true, true]);
    const resolved = { ...open, resolvedAt: '2026-11-24T00:00:00Z' };
    expect([isReplyOverdue(resolved, late), isResolveOverdue(resolved, late), isOverdue(resolved, late)]).toEqual([false, false, false]);
  });

  it('on time means done by the due time, inclusive; not done is neither', () => {
    expect(onTime('2026-11-21T02:00:00.000Z', open.replyDueAt)).toBe(true);
    expect(onTime('2026-11-21T02:00:01.000Z', open.replyDueAt)).toBe(false);
    expect(onTime(null, open.replyDueAt)).toBeNull();
  });
});
