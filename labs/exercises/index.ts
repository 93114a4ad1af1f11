// The curriculum, in teaching order: each exercise follows the page that
// teaches what it needs. `npm run lab -- exercises` lists them in this order.
import { boundsCheck } from './bounds-check.ts';
import { parseDrop } from './parse-drop.ts';
import { portFilter } from './port-filter.ts';
import { protoCount } from './proto-count.ts';
import { blocklist } from './blocklist.ts';
import { fibForward } from './fib-forward.ts';
import { frameLength } from './frame-length.ts';
import { devmapRedirect } from './devmap-redirect.ts';
import { icmpEcho } from './icmp-echo.ts';
import type { ExerciseDeclaration } from './types.ts';
import { l4Balancer } from './l4-balancer.ts';
import { synGuard } from './syn-guard.ts';
import { vlanPop } from './vlan-pop.ts';

export const exercises: readonly ExerciseDeclaration[] = [frameLength, boundsCheck, parseDrop, portFilter, protoCount, blocklist, icmpEcho, devmapRedirect, vlanPop, fibForward, synGuard, l4Balancer];

export function findExercise(id: string): ExerciseDeclaration | undefined {
  return exercises.find((e) => e.id === id);
}
