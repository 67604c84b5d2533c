import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';

/**
 * Finding a person on the users register (GET /people?q=): by a part of the case number for every
 * reader, by a part of the name only where the reader sees names (docs/people.md), so that the
 * dispensing screen can pick a person and a search tells nobody above whether a name is registered.
 */
const VILLAGE = '640121100200';
const TOWNSHIP = '640121100';
const COUNTY = '640121';

let w: World;
const clients: Record<string, Client> = {};
const as = async (username: string) => (clients[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(clients)) delete clients[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});

async function register(name: string, depot = VILLAGE) {
  const body = { depotId: w.depot(depot).id, name, birthYearMonth: '1994-03', community: '三组', method: 'oral', methodSince: '2026-05-10', consent: true, consentOn: '2026-05-10' };
  const res = await (await as(`${depot}-dispenser`)).post('/api/people', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; caseNumber: string };
}
const found = async (user: string, depot: string, q: string) => {
  const res = await (await as(user)).get(`/api/people?depotId=${w.depot(depot).id}&q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { caseNumber: string }[]).map((r) => r.caseNumber);
};

describe('finding a person on the register (GET /people?q)', () => {
  it('finds by a part of the name at the registering village and the township above, by case number everywhere', async () => {
    const li = await register('李秀英');
    const wang = await register('王芳');
    const town = await register('李梅', TOWNSHIP);
    expect(await found(`${VILLAGE}-dispenser`, VILLAGE, '秀英')).toEqual([li.caseNumber]);
    expect(await found(`${TOWNSHIP}-dispenser`, TOWNSHIP, '李')).toEqual([town.caseNumber, li.caseNumber].sort());
    expect(await found(`${VILLAGE}-dispenser`, VILLAGE, wang.caseNumber.slice(-5))).toEqual([wang.caseNumber]);
    expect(await found(`${COUNTY}-leader`, COUNTY, wang.caseNumber)).toEqual([wang.caseNumber]);
  });

  it('finds nobody by name for a reader who does not see names (the county, the village’s other roles)', async () => {
    await register('李秀英');
    expect(await found(`${COUNTY}-leader`, COUNTY, '李秀英')).toEqual([]);
    expect(await found(`${VILLAGE}-storekeeper`, VILLAGE, '李秀英')).toEqual([]);
    // The village does not see the township's own people by name.
    await register('赵丽', TOWNSHIP);
    expect(await found(`${TOWNSHIP}-dispenser`, TOWNSHIP, '赵丽')).toHaveLength(1);
  });
});
