// The site's own UI strings (content/i18n/<locale>.json, read with Astro.locals.t)
// by typed key: a key that en.json lacks fails `astro check`, and the words for a
// lab's modes and targets are looked up here instead of being built from strings.
import type en from '../../content/i18n/en.json';
import type { TargetName, XdpMode } from '../../labs/lib/types.ts';

export type UiKey = keyof typeof en;

export const MODE_KEY = { native: 'mode.native', generic: 'mode.generic' } as const satisfies Record<XdpMode, UiKey>;

/** Where a lab runs, in full (the lab card). */
export const TARGET_KEY = { local: 'target.local', vagrant: 'target.vagrant' } as const satisfies Record<TargetName, UiKey>;

/** Where a lab runs, in a word (table cells). */
export const TARGET_SHORT_KEY = { local: 'labTable.target.local', vagrant: 'labTable.target.vagrant' } as const satisfies Record<TargetName, UiKey>;
