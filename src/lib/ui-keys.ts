// The site's own UI strings (content/i18n/<locale>.json, read with Astro.locals.t)
// by typed key: a key that en.json lacks fails `astro check`, and the words for a
// lab's modes and targets, and the driver table's columns, are looked up here
// instead of being built from strings.
import type en from '../../content/i18n/en.json';
import type { TargetName, XdpMode } from '../../labs/lib/types.ts';
import type { Column as DriverColumn, Group as DriverGroup, Support } from '../data/xdp-drivers.ts';

export type UiKey = keyof typeof en;

export const MODE_KEY = { native: 'mode.native', generic: 'mode.generic' } as const satisfies Record<XdpMode, UiKey>;

/** Where a lab runs, in full (the lab card). */
export const TARGET_KEY = { local: 'target.local', vagrant: 'target.vagrant' } as const satisfies Record<TargetName, UiKey>;

/** Where a lab runs, in a word (table cells). */
export const TARGET_SHORT_KEY = { local: 'labTable.target.local', vagrant: 'labTable.target.vagrant' } as const satisfies Record<TargetName, UiKey>;

/** The driver table's columns (src/data/xdp-drivers.ts), its groups of rows, and the word in each cell. */
export const DRIVER_COLUMN_KEY = {
  native: 'driverTable.column.native',
  frags: 'driverTable.column.frags',
  zerocopy: 'driverTable.column.zerocopy',
  redirectTarget: 'driverTable.column.redirectTarget',
  offload: 'driverTable.column.offload',
} as const satisfies Record<DriverColumn, UiKey>;

export const DRIVER_GROUP_KEY = {
  nic: 'driverTable.group.nic',
  soc: 'driverTable.group.soc',
  virtual: 'driverTable.group.virtual',
  software: 'driverTable.group.software',
} as const satisfies Record<DriverGroup, UiKey>;

export const SUPPORT_KEY = { yes: 'driverTable.yes', no: 'driverTable.no', conditional: 'driverTable.conditional' } as const satisfies Record<Support, UiKey>;
