// The list of labs, in teaching order (the order of the workshop, the sidebar and `npm run lab`):
// the seed's programs, then what a program sees (xdp_md), parsing, maps, the verdicts that send
// (XDP_TX, XDP_REDIRECT, forwarding), what comes after the basics, and tracing and benchmarks last.
// content/docs/labs.mdx explains the order; a new lab goes where its prerequisites are taught.
import type { LabDeclaration } from '../lib/types.ts';
import { xdpPass } from './xdp-pass.ts';
import { xdpDrop } from './xdp-drop.ts';
import { goLoader } from './go-loader.ts';
import { xdpAborted } from './xdp-aborted.ts';
import { xdpTx } from './xdp-tx.ts';
import { xdpRedirect } from './xdp-redirect.ts';
import { xdpForward } from './xdp-forward.ts';
import { xdpFrags } from './xdp-frags.ts';
import { xdpMd } from './xdp-md.ts';
import { xdpCounter } from './xdp-counter.ts';
import { xdpParse } from './xdp-parse.ts';
import { skbEvidence } from './skb-evidence.ts';
import { dropBench } from './drop-bench.ts';
import { afXdp } from './af-xdp.ts';
import { xdpMeta } from './xdp-meta.ts';
import { xdpDispatcher } from './xdp-dispatcher.ts';
import { xdpDebug } from './xdp-debug.ts';

/** Every lab with its own types (its step and check ids); the rest of the code reads `labs`. */
export const catalog = [
  xdpPass, xdpDrop, goLoader,
  xdpMd, xdpParse, xdpCounter,
  xdpAborted, xdpTx, xdpRedirect, xdpForward,
  xdpFrags, xdpMeta, xdpDispatcher, afXdp,
  xdpDebug, skbEvidence, dropBench,
] as const;

export const labs: readonly LabDeclaration[] = catalog;

export function findLab(name: string): LabDeclaration | undefined {
  return labs.find((lab) => lab.name === name);
}
