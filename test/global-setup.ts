import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_HEADLESS, ProvisionError, machineProbes, provisionChromium } from './helpers/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the browser tests share (test/helpers/browser.ts connects to it). */
    chromiumWsEndpoint: string;
    /** A folder for demo databases seeded once per run and seed instant (test/helpers/browser.ts). */
    demoTemplates: string;
  }
}

/** Newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app unless dist/web is newer than every source it is built from (the web app imports the schemas and the scan parser in labels/). */
async function buildWebApp() {
  const index = 'dist/web/index.html';
  const sources = Math.max(newest('web'), newest('server/schemas'), newest('labels'), statSync('vite.config.ts').mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

/** Compiles the server to dist/server unless it is newer than its sources (scripts/build-server.mjs), in its own process. */
function buildServer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scripts/build-server.mjs failed:\n${output}`))));
  });
}

/** The folders whose tests start the compiled server or its commands as processes (test/helpers/http.ts). */
const STARTING_PROCESSES = ['reliability', 'db', 'e2e'].map((folder) => join('test', folder) + sep);

/**
 * Compiles the server when a test of the run starts it as a process. For a run with browser
 * tests (test/e2e) also: installs Chromium when missing (or stops the run with the command to
 * run), builds the web app once (FP_NO_WEB_BUILD=1 takes dist/web as it is), and starts one
 * Chromium (its headless shell) that the browser tests share. A run of other tests does none of this.
 */
export default async function setup(project: TestProject) {
  const paths = project.vitest.state.getPaths().map((p) => relative(project.config.root, p));
  const server = paths.some((p) => STARTING_PROCESSES.some((folder) => p.startsWith(folder))) ? buildServer() : Promise.resolve();
  const e2e = join('test', 'e2e') + sep;
  if (!paths.some((p) => p.startsWith(e2e))) return void (await server);
  try {
    provisionChromium({ chromium: CHROMIUM, headlessShell: CHROMIUM_HEADLESS }, machineProbes);
  } catch (err) {
    if (!(err instanceof ProvisionError)) throw err;
    // One message instead of a stack trace in every browser test file.
    console.error(`\n${err.message}\n`);
    process.exit(1);
  }
  // The two builds side by side: TypeScript's transpiler and Vite each keep one core busy.
  await Promise.all([server, process.env.FP_NO_WEB_BUILD ? undefined : buildWebApp()]);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launchServer({ executablePath: CHROMIUM_HEADLESS, headless: true, args: CHROMIUM_ARGS });
  const templates = mkdtempSync(join(tmpdir(), 'fp-demo-templates-'));
  project.provide('chromiumWsEndpoint', browser.wsEndpoint());
  project.provide('demoTemplates', templates);
  return async () => {
    await browser.close();
    rmSync(templates, { recursive: true, force: true });
  };
}
