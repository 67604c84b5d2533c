import type { Db } from '../client.ts';

/**
 * Bulk writes for bench/people.ts only: a county's register of people, their histories and
 * follow-ups, written straight with prepared statements in one transaction (the services would
 * take minutes for a million follow-ups; what is measured is reading and dispensing over them).
 */
export interface BenchPerson {
  depotId: number;
  caseNumber: string;
  method: string;
  methodSince: string;
  status: 'using' | 'stopped' | 'moved_away';
  statusOn: string;
  dispenserId: number;
  lastFollowUpOn: string | null;
  nextFollowUpOn: string | null;
  followUps: string[];
}

export function insertBenchPeople(db: Db, people: readonly BenchPerson[], actorId: number, at: string) {
  const c = db.$client;
  const register = c.prepare('insert into person_registers (depot_id, opened_at, opened_by, next_seq) values (?, ?, ?, ?) on conflict (depot_id) do update set next_seq = excluded.next_seq');
  const person = c.prepare(
    `insert into people (depot_id, case_number, name, birth_year_month, community, contact, method, method_since, status, status_on, status_reason, consent_on, dispenser_id, registered_by, registered_at, last_follow_up_on, next_follow_up_on)
     values (?, ?, ?, '1990-01', '一组', null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = c.prepare('insert into person_events (person_id, "on", status, method, reason, source, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const followUp = c.prepare(`insert into follow_ups (person_id, depot_id, "on", due_on, method, outcome, recorded_by, recorded_at) values (?, ?, ?, null, ?, 'continuing', ?, ?)`);
  c.transaction(() => {
    const seqs = new Map<number, number>();
    for (const p of people) {
      seqs.set(p.depotId, (seqs.get(p.depotId) ?? 0) + 1);
      const id = Number(
        person.run(p.depotId, p.caseNumber, `使用者${p.caseNumber.slice(-5)}`, p.method, p.methodSince, p.status, p.statusOn, p.status === 'stopped' ? '计划怀孕' : null, p.methodSince, p.dispenserId, actorId, at, p.lastFollowUpOn, p.nextFollowUpOn).lastInsertRowid,
      );
      event.run(id, p.methodSince, 'using', p.method, null, 'register', actorId, at);
      if (p.status !== 'using') event.run(id, p.statusOn, p.status, null, p.status === 'stopped' ? '计划怀孕' : null, 'status_change', actorId, at);
      for (const on of p.followUps) followUp.run(id, p.depotId, on, p.method, actorId, at);
    }
    for (const [depotId, n] of seqs) register.run(depotId, at, actorId, n + 1);
  })();
  c.exec('analyze');
}
