import { asQuery, call, client } from '../../api.ts';

/** The calls of reports submitted level by level (server/routes/report-submissions.ts), carried by the reports chunk. */
export type ReportStatus = Awaited<ReturnType<typeof reportStatus>>;
export type OwnReport = ReportStatus['own'][number];
export type BelowReport = ReportStatus['below'][number];
export type SubmissionKind = OwnReport['kind'];
export type SubmissionPeriod = OwnReport['period'];

export const reportStatus = (depotId: number, year: number) => call(client.depots[':depotId']['report-status'].$get({ param: { depotId: String(depotId) }, query: asQuery({ year }) }));
export const submitReport = (depotId: number, kind: SubmissionKind, year: number, period: SubmissionPeriod) => call(client['report-submissions'].$post({ json: { depotId, kind, year, period } }));
export const acceptReport = (id: number) => call(client['report-submissions'][':id'].accept.$post({ param: { id: String(id) } }));
export const returnReport = (id: number, reason: string) => call(client['report-submissions'][':id'].return.$post({ param: { id: String(id) }, json: { reason } }));
export type Submission = Awaited<ReturnType<typeof getSubmission>>;
export type Snapshot = Submission['snapshot'];
export type FigureChange = NonNullable<Submission['diff']>[number];
export const getSubmission = (id: number) => call(client['report-submissions'][':id'].$get({ param: { id: String(id) } }));
export const preparedReport = (depotId: number, kind: SubmissionKind, year: number, period: SubmissionPeriod) =>
  call(client.depots[':depotId']['prepared-report'].$get({ param: { depotId: String(depotId) }, query: asQuery({ kind, year, period }) }));
