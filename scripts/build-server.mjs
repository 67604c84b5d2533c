// Compiles the server (server/, db/, labels/, seed/) to JavaScript in dist/server, so that
// production runs it with plain `node` and no TypeScript loader. Plain JavaScript itself: it must
// run where tsx is not installed (`npm ci --omit=dev`).
//
//   node scripts/build-server.mjs             build (tsconfig.build.json's files, each transpiled by TypeScript, then the assets)
//   node scripts/build-server.mjs --if-stale  build only when a source is newer than the last build
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const OUT = 'dist/server';
const SOURCES = ['server', 'db', 'labels', 'seed', 'tsconfig.json', 'tsconfig.build.json'];
/** Files the compiled code reads next to itself through import.meta.url. */
const ASSETS = ['db/migrations', 'labels/fonts'];
/** Written last, so that an interrupted build counts as stale. */
const STAMP = join(OUT, '.built');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((t, name) => Math.max(t, newest(join(path, name))), s.mtimeMs);
}

function isFresh() {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newest));
}

function loadTypeScript() {
  try {
    return createRequire(import.meta.url)('typescript');
  } catch {
    return undefined;
  }
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && isFresh()) process.exit(0);

const ts = loadTypeScript();
if (!ts) {
  // A production install (`npm ci --omit=dev`) has no compiler: the CLIs run what was built before it.
  if (ifStale && existsSync(join(OUT, 'server/index.js'))) {
    console.error(`warning: ${OUT} is older than the sources; run \`npm run build\` where the dev dependencies are installed.`);
    process.exit(0);
  }
  console.error(`TypeScript is not installed (a production install?): run \`npm ci && npm run build\` first.`);
  process.exit(1);
}

const started = performance.now();
// From empty, so that no file of a deleted source survives.
rmSync(OUT, { recursive: true, force: true });
// File by file (the sources are isolated modules, and `npm run typecheck` is the type check): the
// same JavaScript as `tsc -p tsconfig.build.json` in a third of its time, which every test run that
// starts the server waits for. ES modules, as NodeNext makes of them under package.json's "type"
// (Bundler resolution only to satisfy the options check: transpiling resolves no import).
const config = ts.getParsedCommandLineOfConfigFile('tsconfig.build.json', {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
const compilerOptions = { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
let failed = false;
for (const file of config.fileNames) {
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file, reportDiagnostics: true });
  for (const d of diagnostics ?? []) {
    failed = true;
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    console.error(`${file}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  const target = join(OUT, relative(config.options.rootDir, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, outputText);
}
if (failed) process.exit(1);
for (const dir of ASSETS) {
  cpSync(dir, join(OUT, dir), { recursive: true });
}
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
console.log(`build:server: ${OUT} (${Math.round(performance.now() - started)} ms)`);
