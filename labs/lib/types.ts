// The shape of a lab. A lab is declared once, in labs/catalog/<name>.ts, and
// everything else reads that declaration: the runner runs its steps, the site's
// LabCard lists its checks, the compatibility page shows its kernel and modes,
// and the tests run it for real.

import type { Locale, Message, Text } from './locale.ts';

export type XdpMode = 'native' | 'generic';
export type TargetName = 'local' | 'vagrant';

/** A check is declared statically so the site can show it without running anything. */
export interface CheckDeclaration<C extends string = string> {
  /** Stable id, used in --json output and in tests: lowercase words joined by dashes. */
  id: C;
  /** What the check proves, in each language, as a full sentence. */
  text: Text;
}

/** One observation for one declared check, recorded while the lab runs. */
export interface CheckResult<C extends string = string> {
  id: C;
  /** False only when the check ran and saw the wrong thing; a skipped check is not a failure. */
  ok: boolean;
  expected: string;
  observed: string;
  /** Set when the check did not run because this kernel lacks what it needs: the probed reason. */
  skip?: string;
  /** An exercise's unit check: the frame that got the wrong treatment, in words (and as hex with --verbose). */
  frame?: string;
  hex?: string;
}

/** A lab's (or exercise's) outcome: skip means nothing failed and something could not run on this kernel. */
export type RunStatus = 'pass' | 'fail' | 'skip';

export interface ExecOptions {
  /** Run inside this network namespace (by its name under /run/netns). */
  netns?: string;
  /** Working directory inside the target. */
  cwd?: string;
  /** Milliseconds before the command is killed; the default is 30 s. */
  timeoutMs?: number;
  /** When true a non-zero exit is returned instead of thrown. */
  allowFailure?: boolean;
  /** Text fed to the command's standard input. */
  input?: string;
}

export interface ExecResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A long-running process in the target (the Go loader, a packet sink). */
export interface BackgroundProcess {
  /** The process id inside the target, recorded so `npm run lab -- clean` can stop it after a crash. */
  pid: number | undefined;
  /** Send a signal to the process itself (not to a wrapper such as `ip netns exec`). */
  signal(name: 'SIGTERM' | 'SIGINT' | 'SIGKILL'): Promise<void>;
  /** Resolves when it exits; never rejects. */
  exited: Promise<ExecResult>;
}

/**
 * Where a lab runs. The local target runs commands on this Linux host as root;
 * the Vagrant target runs the same argv inside a VM. A lab only ever talks to
 * this interface, so it never knows which one it has.
 */
export interface Target {
  readonly name: TargetName;
  /** Absolute path, inside the target, of this repository's root (bpf/ and labs/ live below it). */
  readonly repoDir: string;
  /** Run one command, argv style; no shell is involved. Throws LabError on failure unless allowFailure. */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Start a command that keeps running until signalled. */
  spawn(argv: readonly string[], options?: Omit<ExecOptions, 'timeoutMs' | 'input' | 'allowFailure'>): Promise<BackgroundProcess>;
  /** Release connections the target holds (an SSH master, say). Idempotent. */
  close(): Promise<void>;
}

/**
 * What a lab's steps get: a target to act on, its own resources, and a way to
 * record checks. S and C are the lab's step and check ids (see defineLab), so a
 * misspelt id is a type error; helpers that record nothing take plain LabContext.
 */
export interface LabContext<S extends string = string, C extends string = string> {
  readonly target: Target;
  /** The language of this run's output (--lang): observations in prose are written in it (labs/lib/observed.ts). */
  readonly locale: Locale;
  /** Unique to this run: 4 hex digits. Namespaces and pins carry it. */
  readonly runId: string;
  /** A scratch directory inside the target for this run's build output; removed at cleanup. */
  readonly workDir: string;
  /** Create a network namespace for this run; it is deleted at cleanup. Returns its name. */
  netns(role: string): Promise<string>;
  /**
   * Register a cleanup action; actions run in reverse order of registration.
   * The label says what it undoes, as a verb phrase ("detach xdp_drop from veth0"),
   * for the line printed if it fails.
   */
  defer(label: Text, action: () => Promise<void>): void;
  /** Record the observation for a declared check. */
  record(result: Omit<CheckResult<C>, 'ok'> & { ok?: boolean }): void;
  /** Print a line of detail under the current step (shown in human output only), in the run's locale if given in each. */
  note(message: Message): void;
  /**
   * This kernel lacks something (a helper, a map type, BPF trampolines), as a
   * probe found: record the given checks as skipped with the reason. Without
   * `checks`, every check not yet recorded is skipped and the lab ends here
   * (cleanup still runs); with them, the lab goes on with its other checks.
   */
  skip(reason: Text): never;
  skip(reason: Text, checks: readonly C[]): void;
  /** Run one declared step, with progress; its id must be one of the lab's steps. */
  step<T>(id: S, body: () => Promise<T>): Promise<T>;
}

/** A step is declared statically (for the site and for progress) and run from the lab's run(). */
export interface StepDeclaration<S extends string = string> {
  id: S;
  /** What the step does, shown as progress. */
  title: Text;
}

export interface LabDeclaration<S extends string = string, C extends string = string> {
  /** The lab's name on the command line: `npm run lab <name>`. */
  name: string;
  title: Text;
  /** What the learner should take away, one or two sentences. */
  summary: Text;
  /** The page that explains it, as a Starlight slug ('first-program', 'reference/xdp-action'). */
  page: string;
  /** Files compiled or run by the lab, relative to the repository root. */
  sources: string[];
  /** The network the lab builds, drawn in ASCII (shown on the page and by --keep). */
  topology: string;
  /** Oldest kernel the lab is meant to work on, and why. */
  minKernel: { version: string; why: Text };
  modes: XdpMode[];
  targets: TargetName[];
  /** Commands the lab needs inside the target (checked before it starts). */
  tools: string[];
  /** Rough wall time for a workshop attendee, in minutes, reading included. */
  minutes: number;
  checks: readonly CheckDeclaration<C>[];
  steps: readonly StepDeclaration<S>[];
  /**
   * Does the lab: builds its network, attaches, sends traffic, records one
   * observation per check. Cleanup is registered with ctx.defer as resources
   * are created; the runner always runs it.
   */
  run(ctx: LabContext<S, C>): Promise<void>;
}

/**
 * Declare a lab. The ids of its steps and checks become types, so that
 * ctx.step('bulid') or expectEqual(ctx, 'atached', …) in its run() fails
 * `astro check` instead of a run as root.
 */
export function defineLab<const S extends string, const C extends string>(lab: LabDeclaration<S, C>): LabDeclaration<S, C> {
  return lab;
}
