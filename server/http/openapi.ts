import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { ProblemSchema } from '../schemas/api.ts';
import { validationError } from './problem.ts';
import type { AppEnv } from './auth.ts';

/** A sub-app whose validation failures become 422 problem+json with field errors. */
export const router = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The refusals every authenticated route can give. */
export const problems = {
  400: problem('Malformed request'),
  401: problem('Not logged in'),
  403: problem('Outside your depot scope or role'),
  404: problem('Unknown id'),
  409: problem('Conflicts with the current state'),
  422: problem('Invalid input, with field errors'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
