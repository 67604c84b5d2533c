import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { EducationCreateSchema, TrainingCreateSchema } from '../../../../server/schemas/training.ts';
import { EDUCATION_TOPICS, TRAINING_TOPICS } from '../../../../server/domain/training.ts';

/** Trainings, public education, the cadence and new staff waiting for training (server/routes/training.ts), carried by the chunk. */
export type TrainingList = Awaited<ReturnType<typeof listTrainings>>;
export type Training = TrainingList['items'][number];
export type EducationList = Awaited<ReturnType<typeof listEducation>>;
export type Cadence = Awaited<ReturnType<typeof cadence>>;
export type TrainingCreate = z.input<typeof TrainingCreateSchema>;
export type EducationCreate = z.input<typeof EducationCreateSchema>;
export type Scope = 'own' | 'subtree';

export { EDUCATION_TOPICS, TRAINING_TOPICS };

export const listTrainings = (depotId: number, scope: Scope) => call(client.trainings.$get({ query: asQuery({ depotId, scope }) }));
export const recordTraining = (input: TrainingCreate) => call(client.trainings.$post({ json: input }));
export const listEducation = (depotId: number, scope: Scope) => call(client['education-sessions'].$get({ query: asQuery({ depotId, scope }) }));
export const recordEducation = (input: EducationCreate) => call(client['education-sessions'].$post({ json: input }));
export const cadence = (depotId: number, scope: Scope, overdueOnly: boolean) =>
  call(client['training-cadence'].$get({ query: asQuery({ depotId, scope, overdueOnly: overdueOnly ? ('true' as const) : ('false' as const) }) }));
export const pendingUsers = (depotId: number) => call(client['training-requirements'].$get({ query: asQuery({ depotId }) }));
export const waive = (userId: number, reason: string) => call(client['training-requirements'][':userId'].waiver.$post({ param: { userId: String(userId) }, json: { reason } }));
/** The users an attendee may be: those of the organiser's depot and below (GET /users reads the subtree). */
export const candidates = (depotId: number, q: string) => call(client.users.$get({ query: asQuery({ depotId, q: q || undefined, pageSize: 50 }) }));
