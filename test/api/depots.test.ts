import { describe, it, expect, beforeAll } from 'vitest';
import { makeWorld, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch } from '../helpers/factories.ts';

let w: World;
let county: Client;
let township: Client;
beforeAll(async () => {
  w = await makeWorld();
  county = await loginAs(w, '640121-planner');
  township = await loginAs(w, '640121100-planner');
});

describe('the depot tree (S0:444: upper levels see the levels below)', () => {
  it('shows a depot with its ancestors up to the user’s own depot only', async () => {
    const res = await county.get(`/api/depots/${w.depot('640121100200').id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: '640121100200', tier: 'village', parentName: '杨和镇', childCount: 0 });
    expect(res.body.ancestors.map((a: any) => a.code)).toEqual(['640121', '640121100']);
  });

  it('lists direct children with their child counts, for lazy expansion', async () => {
    const res = await county.get(`/api/depots/${w.depot('640121').id}/children`);
    expect(res.body.items.map((d: any) => [d.code, d.childCount])).toEqual([
      ['640121100', 1],
      ['640121101', 0],
    ]);
  });

  it('searches by name and by code prefix within the user’s subtree, and by tier', async () => {
    expect((await county.get('/api/depots?q=王太')).body.items.map((d: any) => d.code)).toEqual(['640121100200']);
    expect((await county.get('/api/depots?q=6401211')).body.total).toBe(3);
    expect((await county.get('/api/depots?tier=township')).body.items.map((d: any) => d.code)).toEqual(['640121100', '640121101']);
    expect((await township.get('/api/depots?q=李俊')).body.total).toBe(0);
  });

  it('refuses a township reading its sibling or its county (403 out_of_scope)', async () => {
    for (const code of ['640121101', '640121', '64']) {
      const res = await township.get(`/api/depots/${w.depot(code).id}`);
      expect(res.status, code).toBe(403);
      expect(res.body.code).toBe('out_of_scope');
    }
  });

  it('answers unknown depots with 404 depot_not_found and non-numeric ids with 422', async () => {
    expect((await county.get('/api/depots/99999')).body.code).toBe('depot_not_found');
    const bad = await county.get('/api/depots/abc');
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('validation_failed');
  });
});

describe('the catalogue', () => {
  it('lists the 16 products of the national free catalogue with Chinese and English names', async () => {
    const res = await township.get('/api/products');
    expect(res.body.items).toHaveLength(16);
    expect(res.body.items.map((p: any) => p.dosageForm)).toEqual(expect.arrayContaining(['oral_tablet', 'injection', 'suppository', 'film', 'gel', 'iud', 'condom', 'implant']));
    expect(res.body.items[0]).toMatchObject({ code: 'KJ-0101', nameZh: expect.stringContaining('复方炔诺酮片'), nameEn: expect.stringContaining('Norethisterone') });
  });

  it('pages and filters batches, soonest expiry first; unknown batch 404 batch_not_found', async () => {
    const a = buildBatch(w, { lot: 'CAT-A', expiresOn: '2029-01-31' });
    buildBatch(w, { lot: 'CAT-B', expiresOn: '2027-01-31' });
    buildBatch(w, { lot: 'CAT-C', expiresOn: '2028-01-31', productCode: 'KJ-0701' });
    const page = await township.get(`/api/batches?productId=${a.productId}&q=CAT&pageSize=1&page=2`);
    expect(page.body.total).toBe(2);
    expect(page.body.items.map((b: any) => b.lot)).toEqual(['CAT-A']);
    expect((await township.get(`/api/batches/${a.id}`)).body.product.code).toBe('KJ-0101');
    expect((await township.get('/api/batches/424242')).body.code).toBe('batch_not_found');
  });
});
