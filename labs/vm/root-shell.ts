// A root shell kept open in the guest for the length of a run. Under an
// emulated CPU each program started costs tens of milliseconds and `sudo`
// alone several hundred, so a command sent as its own SSH session (session,
// login shell, sudo, then the command) costs over half a second. The shell
// here is started once, through the shared SSH connection, with `sudo -n`;
// after that each command costs one fork and its own programs.
//
// Protocol, on the shell's stdin and stdout (byte lengths, C locale):
//   request:  <length>\n<command line>  <length>\n<stdin text>
//   response: <exit code> <stdout length> <stderr length>\n<stdout><stderr>
// The command line is built from argv by shellQuote and run with eval in a
// subshell, exactly as the guest's login shell would run it over plain SSH.
import { execa } from 'execa';
import { shellQuote } from '../lib/command-line.ts';
import type { SshConnection } from './ssh.ts';

const SERVER = `
export LC_ALL=C
# Before Linux 5.11 BPF maps and programs count against RLIMIT_MEMLOCK (64 KiB for
# a login), and libbpf before 1.0 does not lift it: a Debian 11 guest refused every
# load with EPERM. Everything the labs run in the VM inherits this shell's limit.
ulimit -l unlimited 2>/dev/null || true
d=$(mktemp -d /tmp/xdp-labs-shell.XXXXXX) || exit 1
trap 'rm -rf "$d"' EXIT
echo ready
while IFS= read -r n; do
  IFS= read -r -N "$n" cmd
  IFS= read -r m
  if [ "$m" -gt 0 ]; then IFS= read -r -N "$m" input; printf '%s' "$input" > "$d/in"; else : > "$d/in"; fi
  if [ "$m" -gt 0 ]; then ( eval "$cmd" ) < "$d/in" > "$d/out" 2> "$d/err"; else ( eval "$cmd" ) < /dev/null > "$d/out" 2> "$d/err"; fi
  rc=$?
  out=; err=
  IFS= read -r -d '' -N 1073741824 out < "$d/out"
  IFS= read -r -d '' -N 1073741824 err < "$d/err"
  printf '%d %d %d\\n%s%s' "$rc" "\${#out}" "\${#err}" "$out" "$err"
done
`;

export class ShellLost extends Error {
  override name = 'ShellLost';
}

export interface ShellResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RootShell {
  /** True while a command runs: callers that cannot wait use a separate SSH session instead. */
  readonly busy: boolean;
  readonly alive: boolean;
  /** Rejects with ShellLost when the shell dies, or does not answer within deadlineMs (it is then stopped). */
  run(commandLine: string, input: string | undefined, deadlineMs: number): Promise<ShellResult>;
  close(): Promise<void>;
}

/** Starts the shell; resolves undefined when it cannot (no bash, sudo refuses), so the caller keeps using plain sessions. */
export async function openRootShell(ssh: SshConnection, readyTimeoutMs = 30_000): Promise<RootShell | undefined> {
  const remote = `exec sudo -n LC_ALL=C bash -c ${shellQuote(SERVER)}`;
  const child = execa('ssh', [...ssh.args, '-T', ssh.host, remote], {
    detached: true,
    reject: false,
    buffer: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'ignore',
  });
  let pending = Buffer.alloc(0);
  let waiter: { need: () => number | undefined; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  let alive = true;

  const pump = () => {
    if (!waiter) return;
    const size = waiter.need();
    if (size === undefined || pending.length < size) return;
    const chunk = pending.subarray(0, size);
    pending = pending.subarray(size);
    const w = waiter;
    waiter = undefined;
    w.resolve(Buffer.from(chunk));
  };
  child.stdout!.on('data', (data: Buffer) => {
    pending = Buffer.concat([pending, data]);
    pump();
  });
  const died = () => {
    alive = false;
    waiter?.reject(new Error('the root shell in the VM exited'));
    waiter = undefined;
  };
  child.stdout!.on('end', died);
  void child.then(died);

  /** Wait for a byte count, or for a line when the count is unknown until the newline arrives. */
  const readBytes = (size: number) => new Promise<Buffer>((resolve, reject) => ((waiter = { need: () => size, resolve, reject }), pump()));
  const readLine = () =>
    new Promise<string>((resolve, reject) => {
      waiter = { need: () => (pending.indexOf(10) >= 0 ? pending.indexOf(10) + 1 : undefined), resolve: (b) => resolve(b.toString('utf8').trimEnd()), reject };
      pump();
    });

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([readLine().catch(() => ''), new Promise<string>((r) => (readyTimer = setTimeout(r, readyTimeoutMs, '')))]);
  clearTimeout(readyTimer);
  if (ready !== 'ready') {
    child.kill('SIGKILL');
    return undefined;
  }

  let busy = false;
  return {
    get busy() {
      return busy;
    },
    get alive() {
      return alive;
    },
    async run(commandLine, input, deadlineMs) {
      busy = true;
      // The command carries its own time limit (timeout in the guest); this one only catches a shell that hangs.
      const deadline = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
      try {
        const cmd = Buffer.from(commandLine, 'utf8');
        const stdin = Buffer.from(input ?? '', 'utf8');
        child.stdin!.write(Buffer.concat([Buffer.from(`${cmd.length}\n`), cmd, Buffer.from(`${stdin.length}\n`), stdin]));
        const [code, outLength, errLength] = (await readLine()).split(' ').map(Number) as [number, number, number];
        const body = await readBytes(outLength + errLength);
        return { exitCode: code, stdout: body.subarray(0, outLength).toString('utf8'), stderr: body.subarray(outLength).toString('utf8') };
      } catch (error) {
        throw new ShellLost(error instanceof Error ? error.message : String(error));
      } finally {
        clearTimeout(deadline);
        busy = false;
      }
    },
    async close() {
      if (!alive) return;
      child.stdin!.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([child, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (alive) child.kill('SIGKILL');
    },
  };
}
