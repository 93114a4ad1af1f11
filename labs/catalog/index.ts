// The list of labs. Order is the order of the workshop and of `npm run lab`.
import type { LabDeclaration } from '../lib/types.ts';
import { xdpPass } from './xdp-pass.ts';
import { xdpDrop } from './xdp-drop.ts';
import { goLoader } from './go-loader.ts';
import { xdpAborted } from './xdp-aborted.ts';
import { xdpTx } from './xdp-tx.ts';
import { xdpRedirect } from './xdp-redirect.ts';
import { xdpForward } from './xdp-forward.ts';
import { xdpMd } from './xdp-md.ts';
import { xdpCounter } from './xdp-counter.ts';
import { xdpParse } from './xdp-parse.ts';
import { skbEvidence } from './skb-evidence.ts';
import { dropBench } from './drop-bench.ts';
import { afXdp } from './af-xdp.ts';
import { xdpMeta } from './xdp-meta.ts';
import { xdpDispatcher } from './xdp-dispatcher.ts';

/** Every lab with its own types (its step and check ids); the rest of the code reads `labs`. */
export const catalog = [xdpPass, xdpDrop, goLoader, xdpAborted, xdpTx, xdpRedirect, xdpForward, xdpMd, xdpCounter, xdpParse, skbEvidence, dropBench, afXdp, xdpMeta, xdpDispatcher] as const;

export const labs: readonly LabDeclaration[] = catalog;

export function findLab(name: string): LabDeclaration | undefined {
  return labs.find((lab) => lab.name === name);
}
