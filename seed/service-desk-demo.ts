import type { Deps } from '../server/deps.ts';
import type { Actor } from '../server/auth/scope.ts';
import { receiveRequest, replyToRequest, resolveRequest } from '../server/services/service-desk.ts';

const DAY = 86_400_000;

/**
 * A few service requests, made through the service as a desk would have made them days apart:
 * at the township, a complaint closed last week with the requester satisfied, a question by
 * phone two days ago still unanswered (past its 24 hours: it shows on the leader's dashboard), and
 * a supply request from the village today; at the county, the township's request for supplies.
 */
export function seedServiceDeskDemo(deps: Deps, people: { township: Actor; townshipPlanner: Actor; county: Actor }, villageId: number) {
  const now = deps.clock.now().getTime();
  const on = (daysAgo: number) => ({ ...deps, clock: { now: () => new Date(now - daysAgo * DAY) } });
  const township = people.township.depotId;

  const complaint = receiveRequest(on(6), people.township, {
    depotId: township,
    kind: 'complaint',
    channel: 'distribution_point',
    requester: { kind: 'public', name: '马桂芳', phone: '13909510000' },
    subject: '发放点开放时间不固定',
    text: '两次到王太村发放点都没有人，希望公布固定的发放时间。',
  });
  replyToRequest(on(6), people.township, complaint.id, { text: '已联系村发放员，核实情况后电话答复。' });
  resolveRequest(on(4), people.township, complaint.id, { resolution: '发放点每周二、五上午开放，已在村委会公示，并告知本人。', satisfaction: 'satisfied' });

  receiveRequest(on(2), people.township, {
    depotId: township,
    kind: 'question',
    channel: 'phone',
    requester: { kind: 'public', name: null },
    subject: '咨询紧急避孕药的领取',
    text: '来电询问在哪里可以免费领取紧急避孕药，需要带什么证件。',
  });

  receiveRequest(deps, people.townshipPlanner, {
    depotId: township,
    kind: 'supplies',
    channel: 'depot_below',
    requester: { kind: 'depot', depotId: villageId },
    subject: '申请补充避孕套',
    text: '本月发放量较大，药具柜避孕套仅余两盒，请尽快补充。',
  });

  receiveRequest(on(1), people.county, {
    depotId: people.county.depotId,
    kind: 'supplies',
    channel: 'depot_below',
    requester: { kind: 'depot', depotId: township },
    subject: '临时调拨口服避孕药',
    text: '新婚人数增加，短效口服避孕药预计下月不足，申请临时调拨。',
  });
}

