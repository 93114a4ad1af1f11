// BPF maps through bpftool, the way a learner would inspect them. Map names are
// global on a machine (two runs of a lab load two maps with the same name), so
// a lab never looks a map up by name alone: it starts from the id of the
// program it attached and follows that program's map_ids.
import { LabError } from './errors.ts';
import type { LabContext } from './types.ts';

export interface MapInfo {
  id: number;
  name: string;
  type: string;
}

export interface MapEntry {
  /** Raw key and value bytes, as bpftool prints them ("0x2a" each). */
  key: number[];
  value: number[];
  /** bpftool's BTF-decoded view, present when the map carries BTF (key/value as numbers or objects). */
  formatted?: { key: unknown; value: unknown };
}

/** `bpftool -j prog show id N` → the ids of the maps the program uses. */
export function parseProgMapIds(json: string): number[] {
  const prog = JSON.parse(json) as { map_ids?: number[] };
  return prog.map_ids ?? [];
}

/** `bpftool -j map show id N`. */
export function parseMapInfo(json: string): MapInfo {
  const map = JSON.parse(json) as { id: number; name?: string; type: string };
  return { id: map.id, name: map.name ?? '', type: map.type };
}

const byte = (hex: string): number => {
  const n = Number.parseInt(hex, 16);
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new Error(`bpftool printed "${hex}" where a byte was expected`);
  return n;
};

/** `bpftool -j map dump id N` (or `map lookup`, which prints one entry instead of a list). */
export function parseMapDump(json: string): MapEntry[] {
  const parsed = JSON.parse(json) as unknown;
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as { key: string[]; value: string[]; formatted?: { key: unknown; value: unknown } }[];
  return list.map((e) => ({
    key: e.key.map(byte),
    value: e.value.map(byte),
    ...(e.formatted ? { formatted: e.formatted } : {}),
  }));
}

/** Little-endian bytes to an unsigned number (the machines the labs run on are little-endian: x86-64, arm64). */
export function leUint(bytes: readonly number[]): number {
  return bytes.reduceRight((sum, b) => sum * 256 + b, 0);
}

/** A 32-bit unsigned number as the four little-endian bytes `bpftool map update` takes: 10002 → 0x12 0x27 0x00 0x00. */
export function u32Bytes(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`${n} is not a 32-bit unsigned number`);
  return [0, 8, 16, 24].map((shift) => `0x${((n >>> shift) & 0xff).toString(16).padStart(2, '0')}`);
}

/** bpftool's own explanation of a failure: its "Error: ..." line (for example "Error: update failed: Invalid argument"). */
export function bpftoolError(stderr: string): string {
  return stderr.trim().split('\n').find((l) => l.startsWith('Error:')) ?? stderr.trim();
}

/** The map called `name` among those program `progId` uses: the one this run loaded, never another run's. */
export async function progMap(ctx: LabContext, progId: number, name: string): Promise<MapInfo> {
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'prog', 'show', 'id', String(progId)]);
  for (const id of parseProgMapIds(stdout)) {
    const info = parseMapInfo((await ctx.target.exec(['bpftool', '-j', 'map', 'show', 'id', String(id)])).stdout);
    if (info.name === name) return info;
  }
  throw new LabError(
    { en: `program ${progId} uses no map called ${name}`, ko: `프로그램 ${progId}은(는) ${name} 맵을 쓰지 않습니다` },
    { hint: { en: 'Check the map name in the BPF source and in the lab.', ko: 'BPF 소스와 실습 코드에서 맵 이름을 확인하세요.' } },
  );
}

export async function dumpMap(ctx: LabContext, mapId: number): Promise<MapEntry[]> {
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'map', 'dump', 'id', String(mapId)]);
  return parseMapDump(stdout);
}

/**
 * `bpftool map update id M key <u32> value <u32>`. Where it runs matters for a
 * DEVMAP: the kernel resolves the ifindex in the value in the network namespace
 * of the process that writes it, so pass the namespace the program runs in.
 */
export async function updateMapU32(
  ctx: LabContext,
  mapId: number,
  key: number,
  value: number,
  options: { netns?: string; allowFailure?: boolean } = {},
): Promise<{ ok: boolean; message: string }> {
  return updateMapBytes(ctx, mapId, u32Bytes(key), u32Bytes(value), options);
}

/** `bpftool map update` with key and value given byte by byte (a struct, an address), as `0x..` words or numbers. */
export async function updateMapBytes(
  ctx: LabContext,
  mapId: number,
  key: readonly (number | string)[],
  value: readonly (number | string)[],
  options: { netns?: string; allowFailure?: boolean } = {},
): Promise<{ ok: boolean; message: string }> {
  const word = (b: number | string) => (typeof b === 'string' ? b : `0x${b.toString(16).padStart(2, '0')}`);
  const argv = ['bpftool', 'map', 'update', 'id', String(mapId), 'key', ...key.map(word), 'value', ...value.map(word)];
  const result = await ctx.target.exec(argv, { ...(options.netns ? { netns: options.netns } : {}), allowFailure: options.allowFailure ?? false });
  return { ok: result.exitCode === 0, message: bpftoolError(result.stderr) };
}

/** Bytes as `bpftool` takes them after `key hex` or `value hex`: "0a 00 00 01". */
export function hexWords(bytes: readonly number[]): string[] {
  return bytes.map((b) => {
    if (!Number.isInteger(b) || b < 0 || b > 255) throw new RangeError(`${b} is not a byte`);
    return b.toString(16).padStart(2, '0');
  });
}

/** `bpftool map delete id M key hex …`. */
export async function deleteMapKey(ctx: LabContext, mapId: number, key: readonly number[]): Promise<void> {
  await ctx.target.exec(['bpftool', 'map', 'delete', 'id', String(mapId), 'key', 'hex', ...hexWords(key)]);
}

/** `bpftool map lookup id M key hex …`: the entry, or undefined when the key is not in the map. */
export async function lookupMapKey(ctx: LabContext, mapId: number, key: readonly number[]): Promise<MapEntry | undefined> {
  const result = await ctx.target.exec(['bpftool', '-j', 'map', 'lookup', 'id', String(mapId), 'key', 'hex', ...hexWords(key)], { allowFailure: true });
  if (result.exitCode === 0) return parseMapDump(result.stdout)[0];
  // A missing key: bpftool -j prints null (without -j, "Not found") and exits non-zero.
  if (result.stdout.trim() === 'null' || /not found/i.test(result.stderr + result.stdout)) return undefined;
  const why = bpftoolError(result.stderr);
  throw new LabError(
    { en: `bpftool could not look up a key in map ${mapId}: ${why}`, ko: `bpftool이 맵 ${mapId}에서 키를 조회하지 못했습니다: ${why}` },
    { command: result.command, stderr: result.stderr },
  );
}
