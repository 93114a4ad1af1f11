// The fast target: this Linux host, as root, everything inside network
// namespaces the run creates. Commands run through execa with an argv, never a
// shell string; `netns` runs them under nsenter, which (unlike `ip netns exec`)
// keeps the host's /sys and so bpffs visible.
import { execa } from 'execa';
import { COMMAND_FAILED, displayCommand, nsenterPrefix } from '../lib/command-line.ts';
import { LabError } from '../lib/errors.ts';
import type { BackgroundProcess, ExecOptions, ExecResult, Target } from '../lib/types.ts';

const DEFAULT_TIMEOUT_MS = 30_000;


export function createLocalTarget(repoDir: string): Target {
  return {
    name: 'local',
    repoDir,
    async exec(argv, options: ExecOptions = {}): Promise<ExecResult> {
      const full = [...nsenterPrefix(options.netns), ...argv];
      const command = displayCommand(options.netns ? argv : full) + (options.netns ? `   (in netns ${options.netns})` : '');
      const result = await execa(full[0]!, full.slice(1), {
        cwd: options.cwd ?? repoDir,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        reject: false,
        ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
        env: { LC_ALL: 'C' },
      });
      if (result.code === 'ENOENT' || (result.failed && result.exitCode === undefined && !result.timedOut)) {
        throw new LabError(COMMAND_FAILED.notInstalled(full[0]!), {
          command,
          hint: { en: 'Run `npm run lab -- provision` to install the lab tools.', ko: '`npm run lab -- provision`으로 실습 도구를 설치하세요.' },
        });
      }
      if (result.timedOut) {
        throw new LabError(COMMAND_FAILED.timedOut((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000), { command, stderr: String(result.stderr) });
      }
      const out: ExecResult = { command, exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
      if (out.exitCode !== 0 && !options.allowFailure) {
        throw new LabError(COMMAND_FAILED.exitCode(out.exitCode), { command, exitCode: out.exitCode, stderr: out.stderr });
      }
      return out;
    },
    async spawn(argv, options = {}): Promise<BackgroundProcess> {
      const full = [...nsenterPrefix(options.netns), ...argv];
      // nsenter without --fork execs the command, so the child pid is the program itself.
      const child = execa(full[0]!, full.slice(1), { cwd: options.cwd ?? repoDir, reject: false, stdin: 'ignore', env: { LC_ALL: 'C' } });
      const command = displayCommand(argv);
      const exited = child.then((r) => ({ command, exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) }));
      return {
        pid: child.pid,
        signal: async (name) => {
          child.kill(name);
        },
        exited,
      };
    },
    async close() {},
  };
}
