import { asQuery, call, client } from '../../api.ts';

/** The calls of the yearly assessment (server/routes/assessment.ts), carried by the assessment chunk. */
const id = (n: number) => ({ id: String(n) });

export type AssessedTier = 'city' | 'county' | 'township' | 'village';
export const TIERS: readonly AssessedTier[] = ['city', 'county', 'township', 'village'];

export type Round = Awaited<ReturnType<typeof getRound>>;
export type Ranking = Awaited<ReturnType<typeof getRanking>>;
export type Sheet = Awaited<ReturnType<typeof getSheet>>;
export type SheetItem = Sheet['items'][number];
export type Rubric = Awaited<ReturnType<typeof listRubrics>>['items'][number];

export const listRubrics = () => call(client['assessment-rubrics'].$get());
export const listRounds = () => call(client['assessment-rounds'].$get());
export const openRound = (input: { year: number; rubricVersion: number; scopeDepotId?: number }) => call(client['assessment-rounds'].$post({ json: input }));
export const getRound = (roundId: number) => call(client['assessment-rounds'][':id'].$get({ param: id(roundId) }));
export const computeRound = (roundId: number) => call(client['assessment-rounds'][':id'].compute.$post({ param: id(roundId) }));
export const finaliseRound = (roundId: number) => call(client['assessment-rounds'][':id'].finalise.$post({ param: id(roundId) }));
export const getRanking = (roundId: number, tier: AssessedTier) => call(client['assessment-rounds'][':id'].ranking.$get({ param: id(roundId), query: asQuery({ tier }) }));
export const getSheet = (roundId: number, depotId: number) => call(client['assessment-rounds'][':id'].depots[':depotId'].$get({ param: { id: String(roundId), depotId: String(depotId) } }));
export const scoreItem = (roundId: number, input: { depotId: number; itemKey: string; score: number; note: string | null }) =>
  call(client['assessment-rounds'][':id'].scores.$post({ param: id(roundId), json: input }));
export const formUrl = (roundId: number, depotId: number, format: 'html' | 'xlsx', lang: string) => `/api/assessment-rounds/${roundId}/depots/${depotId}/form?format=${format}&lang=${lang}`;
