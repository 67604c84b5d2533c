import { describe, it, expect } from 'vitest';
import { APT_PACKAGES, INSTALL_COMMAND, ProvisionError, chromiumPath, headlessShellPath, machineProbes, provisionChromium, type MachineProbes } from '../helpers/chromium.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHELL = '/usr/bin/chromium-headless-shell';
const PATHS = { chromium: CHROMIUM, headlessShell: SHELL };

/** A machine as the test describes it; apt-get install puts Chromium, its headless shell and the font in place, as on Debian. */
function machine(state: { chromium?: boolean; shell?: boolean; font?: boolean; root?: boolean; apt?: boolean; aptFails?: boolean }) {
  const installed = { chromium: state.chromium ?? true, shell: state.shell ?? true, font: state.font ?? true };
  const commands: { command: string; args: string[]; env: Record<string, string> }[] = [];
  const probes: MachineProbes = {
    exists: (path) => (path === CHROMIUM && installed.chromium) || (path === SHELL && installed.shell),
    hasCjkFont: () => installed.font,
    isRoot: () => state.root ?? true,
    hasAptGet: () => state.apt ?? true,
    run: (command, args, env) => {
      commands.push({ command, args, env });
      if (state.aptFails) return false;
      if (args[0] === 'install') installed.chromium = installed.shell = installed.font = true;
      return true;
    },
  };
  return { probes, commands };
}

function refusalOf(run: () => unknown): ProvisionError {
  try {
    run();
  } catch (err) {
    if (err instanceof ProvisionError) return err;
    throw err;
  }
  throw new Error('expected a ProvisionError');
}

describe('provisioning Chromium for the browser tests', () => {
  it('does nothing when Chromium and a CJK font are there', () => {
    const { probes, commands } = machine({});
    expect(provisionChromium(PATHS, probes)).toBe('present');
    expect(commands).toEqual([]);
  });

  it('installs Chromium and the font through apt-get, non-interactively, when Chromium is missing and it runs as root', () => {
    const { probes, commands } = machine({ chromium: false });
    expect(provisionChromium(PATHS, probes)).toBe('installed');
    expect(commands.map((c) => [c.command, ...c.args].join(' '))).toEqual(['apt-get update -q', 'apt-get install -y -q chromium chromium-headless-shell fonts-wqy-microhei']);
    expect(commands.every((c) => c.env.DEBIAN_FRONTEND === 'noninteractive')).toBe(true);
  });

  it('installs the same when only the headless shell is missing (a machine set up for the full browser alone)', () => {
    const { probes, commands } = machine({ shell: false });
    expect(provisionChromium(PATHS, probes)).toBe('installed');
    expect(commands.at(-1)!.args).toEqual(['install', '-y', '-q', ...APT_PACKAGES]);
  });

  it('names the missing headless shell when it cannot install it', () => {
    const { probes, commands } = machine({ shell: false, root: false });
    const refusal = refusalOf(() => provisionChromium(PATHS, probes));
    expect(refusal.message).toContain(`Chromium's headless shell at ${SHELL}`);
    expect(refusal.message).not.toContain(`Chromium at ${CHROMIUM}`);
    expect(commands).toEqual([]);
  });

  it('installs the same when only the CJK font is missing', () => {
    const { probes, commands } = machine({ font: false });
    expect(provisionChromium(PATHS, probes)).toBe('installed');
    expect(commands.at(-1)!.args).toEqual(['install', '-y', '-q', ...APT_PACKAGES]);
  });

  it('stops with one message naming the command when not root, and installs nothing', () => {
    const { probes, commands } = machine({ chromium: false, root: false });
    const refusal = refusalOf(() => provisionChromium(PATHS, probes));
    expect(refusal.message).toContain(`Chromium at ${CHROMIUM}`);
    expect(refusal.message).toContain('only when it runs as root');
    expect(refusal.message).toContain(`  ${INSTALL_COMMAND}\n`);
    expect(INSTALL_COMMAND).toBe('sudo apt-get update && sudo apt-get install -y chromium chromium-headless-shell fonts-wqy-microhei');
    expect(commands).toEqual([]);
  });

  it('stops with the command when there is no apt-get', () => {
    const { probes, commands } = machine({ font: false, apt: false });
    const refusal = refusalOf(() => provisionChromium(PATHS, probes));
    expect(refusal.message).toContain('a CJK font (fonts-wqy-microhei)');
    expect(refusal.message).toContain('apt-get is not on this machine');
    expect(refusal.message).toContain(INSTALL_COMMAND);
    expect(commands).toEqual([]);
  });

  it('stops with the command when apt-get fails, after its first failing step', () => {
    const { probes, commands } = machine({ chromium: false, aptFails: true });
    const refusal = refusalOf(() => provisionChromium(PATHS, probes));
    expect(refusal.message).toContain('apt-get failed');
    expect(refusal.message).toContain(INSTALL_COMMAND);
    expect(commands.map((c) => c.args[0])).toEqual(['update']);
  });

  it('stops when the packages are installed but Chromium is still not where CHROMIUM_PATH says', () => {
    const { probes } = machine({ chromium: false });
    const refusal = refusalOf(() => provisionChromium({ chromium: '/opt/elsewhere/chromium', headlessShell: SHELL }, probes));
    expect(refusal.message).toContain('Chromium at /opt/elsewhere/chromium');
    expect(refusal.message).toContain('did not put them there (check CHROMIUM_PATH and CHROMIUM_HEADLESS_PATH)');
  });

  it('takes the paths from CHROMIUM_PATH and CHROMIUM_HEADLESS_PATH and sees, on this machine, that nothing is there', () => {
    const chromium = chromiumPath({ CHROMIUM_PATH: '/nonexistent/fp-test/chromium' });
    const headlessShell = headlessShellPath({ CHROMIUM_HEADLESS_PATH: '/nonexistent/fp-test/headless-shell' });
    expect([chromium, headlessShell]).toEqual(['/nonexistent/fp-test/chromium', '/nonexistent/fp-test/headless-shell']);
    expect([chromiumPath({}), headlessShellPath({})]).toEqual([CHROMIUM, SHELL]);
    // Not root, so that this test can never install anything on the machine it runs on.
    expect(() => provisionChromium({ chromium, headlessShell }, { ...machineProbes, isRoot: () => false })).toThrow(
      /^The browser tests \(test\/e2e\) need Chromium at \/nonexistent\/fp-test\/chromium and Chromium's headless shell at \/nonexistent\/fp-test\/headless-shell( and a CJK font \(fonts-wqy-microhei\))?, and npm test installs them only when it runs as root\.\n/,
    );
  });
});
