import type { Logger } from './http/logging.ts';
import type { Deps } from './deps.ts';
import { sweepClimate } from './services/climate.ts';
import { flagExpiredEverywhere } from './services/expiry.ts';
import { erasePersonalDataUnder } from './services/people.ts';
import { flagOverdueRequests } from './services/service-desk.ts';

interface Job {
  name: string;
  everyMinutes: (deps: Deps) => number;
  run: (deps: Deps) => unknown;
}

/** What the server does by itself: on start, then every few minutes. */
const JOBS: Job[] = [
  { name: 'climate sweep (missing logs)', everyMinutes: (deps) => deps.config.climate.sweepMinutes, run: (deps) => sweepClimate(deps) },
  // Daily in effect: hourly, so that a new day is seen within the hour; a depot is flagged again only when what it holds changed.
  { name: 'expiry sweep (expired stock in the qualified zone)', everyMinutes: () => 60, run: (deps) => flagExpiredEverywhere(deps) },
  // Closed people's records past the retention period lose their personal fields (docs/people.md); hourly, like the expiry sweep.
  { name: 'people erasure (closed records past retention)', everyMinutes: () => 60, run: (deps) => erasePersonalDataUnder(deps, '/', null, null) },
  // Service requests past their reply or resolution time go to the depot's leader, once each; every 15 minutes, as a reply is due within hours.
  { name: 'service desk (overdue requests)', everyMinutes: () => 15, run: (deps) => flagOverdueRequests(deps) },
];

/** Starts the background jobs; returns a function that stops them. A failing run is logged, never fatal. */
export function startJobs(deps: Deps, logger: Logger): () => void {
  const timers = JOBS.map((job) => {
    const runSafely = () => {
      try {
        job.run(deps);
      } catch (err) {
        logger.error({ err, job: job.name }, 'background job failed');
      }
    };
    runSafely();
    const timer = setInterval(runSafely, job.everyMinutes(deps) * 60_000);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
