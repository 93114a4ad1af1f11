// The shape of an exercise. An exercise is declared once, in
// labs/exercises/<id>.ts: the runner's `check`, the exercise page's card, the
// exercises page, the compatibility page and the tests all read it.
//
// The learner writes only the BPF program (bpf/exercises/<id>.c); the checks
// below judge what that program does to packets: first on crafted frames
// through BPF_PROG_TEST_RUN (the unit stage), then on real traffic in the
// exercise's own namespaces (the live stage).
import type { FrameSpec } from '../lib/frames.ts';
import type { CheckDeclaration, LabContext, StepDeclaration } from '../lib/types.ts';
import type { Text } from '../lib/locale.ts';

export type XdpAction = 'XDP_ABORTED' | 'XDP_DROP' | 'XDP_PASS' | 'XDP_TX' | 'XDP_REDIRECT';

/** One crafted frame and what the program must do with it. */
export interface UnitCase {
  frame: FrameSpec;
  /** Keep only the first `cut` bytes: a truncated frame the program must not read past. */
  cut?: number;
  /** Make the frame malformed on purpose (a wrong version nibble, say), with a few words for the learner. */
  edit?: { describe: Text; apply(frame: Uint8Array): void };
  /** The xdp_md the program sees; the unit stage's own namespace has only lo (ifindex 1). */
  ingressIfindex?: number;
  rxQueue?: number;
  verdict: XdpAction;
  /**
   * The bytes the program must leave: 'unchanged', another frame (an echo
   * reply, say: checksums are computed the same way), or a function of the input.
   * Left out, the output is not checked.
   */
  output?: 'unchanged' | FrameSpec | ((input: Uint8Array) => Uint8Array);
}

/** A map entry written before the frames run, as user space would (`bpftool map update`). */
export interface MapWrite {
  map: string;
  key: number[];
  value: number[];
}

/** What a map must hold after the unit stage's frames ran. */
export interface MapExpectation {
  map: string;
  /**
   * The keys looked at, with a name for each and what it must hold (per-CPU
   * values are added up). A key not in the map reads as 0, as an array's
   * untouched slot does; 'absent' says the key must not be in the map at all
   * (a hash map the program must not add to).
   */
  entries: { key: number[]; name: string; value: number | 'absent' }[];
  /** How to read a value: a little-endian unsigned number of this many bytes at this offset (default 8 at 0). */
  read?: { offset: number; bytes: 4 | 8 };
}

export type UnitCheck = CheckDeclaration & ({ kind: 'frames'; cases: UnitCase[] } | { kind: 'map'; expect: MapExpectation });

export interface LiveStage {
  steps: StepDeclaration[];
  checks: CheckDeclaration[];
  /** Files the live stage needs besides the learner's program (a traffic tool, say). */
  tools: string[];
  /**
   * Real traffic through the exercise's own namespaces. `object` is the
   * learner's compiled program and `program` its function name; record one
   * observation per declared check, as a lab does.
   */
  run(ctx: LabContext, program: { object: string; name: string }): Promise<void>;
}

export interface ExerciseDeclaration {
  /** Its name on the command line, and of bpf/exercises/<id>.c and bpf/solutions/<id>.c. */
  id: string;
  title: Text;
  /** What the learner builds, in two or three sentences. */
  task: Text;
  /** What it teaches, one line, for the exercises page. */
  teaches: Text;
  /** Its own page (a Starlight slug) and the page of the book it follows. */
  page: string;
  follows: string;
  /** The function the learner writes, with SEC("xdp") above it: the checks run this one. */
  program: string;
  /** Oldest kernel the exercise is meant to work on, and why. */
  minKernel: { version: string; why: Text };
  minutes: number;
  /** A ladder: each hint says more than the one before; the last nearly gives it away. */
  hints: Text[];
  /** Written into maps before the frames run (a blocklist, a backend table). */
  setup?: MapWrite[];
  unit: UnitCheck[];
  live?: LiveStage;
  /** Probed before anything runs: a reason when this kernel lacks what the exercise needs. */
  probe?(ctx: LabContext): Promise<Text | undefined>;
}
