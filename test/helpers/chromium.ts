import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium unless CHROMIUM_PATH names another; `npm test` installs Debian's (test/global-setup.ts) when missing. */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env) => env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's headless shell of the same Chromium (package chromium-headless-shell, built from the
 * same source and version: Blink and V8 without the desktop browser's windows and UI) unless
 * CHROMIUM_HEADLESS_PATH names another. It is the Chromium the browser tests share: it drives the
 * app's pages for about a third less CPU than the full browser in headless mode (a new logged-in
 * page: 0.84 CPU-seconds against 1.22), which is what Playwright itself runs for headless tests.
 * The full browser (CHROMIUM) still drives the journeys that need it: the camera's fake capture
 * device, and the production build's journey.
 */
export const headlessShellPath = (env: NodeJS.ProcessEnv = process.env) => env.CHROMIUM_HEADLESS_PATH ?? '/usr/bin/chromium-headless-shell';

export const CHROMIUM = chromiumPath();
export const CHROMIUM_HEADLESS = headlessShellPath();

/**
 * The features Playwright switches off (playwright-core 1.65, its chromiumSwitches.ts). Chromium
 * obeys only the last --disable-features switch, and ours comes after Playwright's: ours repeats them.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * Every browser test's Chromium switches: headless in a container, no calls home. Without a spare
 * renderer kept warm for the next tab, a journey starts a quarter fewer renderer processes and
 * spends about a tenth less CPU on a machine whose two cores the tests already fill.
 * Chromium 156 (Debian's) also opens, for every window, a renderer with the address bar's
 * suggestion popups (chrome://omnibox-popup.top-chrome, an animated AI-mode one included), which a
 * headless test never shows: those renderers took more CPU than the app's own pages (six logged-in
 * pages: 23 CPU-seconds of Chromium with them, 11 without).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'SpareRendererForSitePerProcess', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'].join(',')}`,
];

/** Chromium and its headless shell, and a CJK font for the zh-CN screens and screenshots (without one the text renders as boxes). */
export const APT_PACKAGES = ['chromium', 'chromium-headless-shell', 'fonts-wqy-microhei'];

/** The executables the browser tests run: the full browser and the headless shell. */
export interface ChromiumPaths {
  chromium: string;
  headlessShell: string;
}

export const INSTALL_COMMAND = `sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES.join(' ')}`;

/** What the decision needs to know of the machine, and its one action; injected so that the unit test can play any machine. */
export interface MachineProbes {
  exists(path: string): boolean;
  hasCjkFont(): boolean;
  isRoot(): boolean;
  hasAptGet(): boolean;
  /** Runs the command with its output shown; true when it exits 0. */
  run(command: string, args: string[], env: Record<string, string>): boolean;
}

/** The browser tests cannot run here and this process cannot fix it: the message says what to run. */
export class ProvisionError extends Error {}

function lacking(paths: ChromiumPaths, probes: MachineProbes): string[] {
  return [
    ...(probes.exists(paths.chromium) ? [] : [`Chromium at ${paths.chromium}`]),
    ...(probes.exists(paths.headlessShell) ? [] : [`Chromium's headless shell at ${paths.headlessShell}`]),
    ...(probes.hasCjkFont() ? [] : ['a CJK font (fonts-wqy-microhei)']),
  ];
}

function refusal(missing: string[], reason: string): ProvisionError {
  return new ProvisionError(
    [
      `The browser tests (test/e2e) need ${missing.join(' and ')}, and ${reason}.`,
      `Install them with:`,
      ``,
      `  ${INSTALL_COMMAND}`,
      ``,
      `then run npm test again (or run the other tests alone: npx vitest run --exclude 'test/e2e/**').`,
    ].join('\n'),
  );
}

/**
 * Makes sure the browser tests have Chromium, its headless shell and a CJK font: when one is
 * missing and this process is root with apt-get, installs them through apt-get (its output
 * shown); otherwise throws one ProvisionError naming the command to run.
 */
export function provisionChromium(paths: ChromiumPaths, probes: MachineProbes): 'present' | 'installed' {
  const missing = lacking(paths, probes);
  if (missing.length === 0) return 'present';
  if (!probes.isRoot()) throw refusal(missing, 'npm test installs them only when it runs as root');
  if (!probes.hasAptGet()) throw refusal(missing, 'apt-get is not on this machine (on another system, install Chromium and set CHROMIUM_PATH and CHROMIUM_HEADLESS_PATH)');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const installed = probes.run('apt-get', ['update', '-q'], env) && probes.run('apt-get', ['install', '-y', '-q', ...APT_PACKAGES], env);
  if (!installed) throw refusal(missing, 'apt-get failed (its output is above)');
  const still = lacking(paths, probes);
  if (still.length > 0) throw refusal(still, 'installing the packages did not put them there (check CHROMIUM_PATH and CHROMIUM_HEADLESS_PATH)');
  return 'installed';
}

export const machineProbes: MachineProbes = {
  exists: existsSync,
  // Either WenQuanYi or Noto Sans CJK renders the zh-CN screens.
  hasCjkFont: () => /wenquanyi|noto sans cjk/i.test(spawnSync('fc-list', { encoding: 'utf8' }).stdout ?? ''),
  isRoot: () => process.getuid?.() === 0,
  hasAptGet: () => spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
  run: (command, args, env) => {
    console.log(`$ ${[command, ...args].join(' ')}`);
    return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
  },
};
