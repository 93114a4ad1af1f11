// The list of labs. Order is the order of the workshop and of `npm run lab`.
import type { LabDeclaration } from '../lib/types.ts';
import { xdpPass } from './xdp-pass.ts';
import { xdpDrop } from './xdp-drop.ts';
import { goLoader } from './go-loader.ts';


export const labs: readonly LabDeclaration[] = [xdpPass, xdpDrop, goLoader];

export function findLab(name: string): LabDeclaration | undefined {
  return labs.find((lab) => lab.name === name);
}
