// The root postinstall: what npm's own warnings would have said, for the Node
// that really runs XDP Labs. npm runs on the system's Node (often 20) and
// warns that packages want a newer one; every npm script runs on the pinned
// Node (devDependencies.node, first on PATH as node_modules/.bin/node), so those
// warnings are noise and .npmrc turns npm's warnings off. This script takes
// their place: a package that cannot run on the pinned Node, or one npm left
// out because its own Node was too old, fails the install; an install script
// that package.json's allowScripts does not cover, an engines.npm the npm in
// use does not meet, or a deprecated package is a warning; otherwise one line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

export interface PackageJson {
  name?: string;
  version?: string;
  engines?: unknown;
  scripts?: Record<string, string>;
  gypfile?: boolean;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

/** One package found under node_modules: where, and its package.json. */
export interface InstalledPackage {
  /** As the lockfile names it: node_modules/a, node_modules/a/node_modules/@s/b. */
  path: string;
  manifest: PackageJson;
  /** A binding.gyp beside it: npm runs `node-gyp rebuild` unless it says otherwise. */
  bindingGyp: boolean;
}

/** The fields of a package-lock.json `packages` entry this check reads. */
export interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  engines?: unknown;
  deprecated?: string;
}

export interface InstallFacts {
  /** The Node running this check: the one every npm script gets. */
  node: string;
  /** The Node and npm that ran npm (from npm's user agent), when npm ran this. */
  npm?: { node: string; version: string } | undefined;
  platform: { os: string; cpu: string; libc: string | undefined };
  root: PackageJson;
  installed: readonly InstalledPackage[];
  /** package-lock.json's `packages`, by path. */
  lock: Readonly<Record<string, LockEntry>>;
}

export interface InstallVerdict {
  /** Each one means XDP Labs cannot run as installed: the install fails. */
  problems: string[];
  warnings: string[];
  /** The one line printed when there is no problem. */
  summary: string;
}

const opts = { includePrerelease: true };

function engineRange(engines: unknown, key: 'node' | 'npm'): string | undefined {
  if (typeof engines !== 'object' || engines === null) return undefined;
  const range = (engines as Record<string, unknown>)[key];
  return typeof range === 'string' && range.trim() !== '' ? range : undefined;
}

/** Whether a range admits a version; a range semver cannot read admits nothing, as in npm. */
function admits(version: string, range: string): boolean {
  return semver.satisfies(version, range, opts);
}

/** npm's os/cpu/libc lists: `!x` excludes x, any plain entry must name it. */
function listAdmits(value: string | undefined, list: readonly string[] | undefined): boolean {
  if (!list || list.length === 0) return true;
  if (value === undefined) return false;
  if (list.includes(`!${value}`)) return false;
  const wanted = list.filter((entry) => !entry.startsWith('!'));
  return wanted.length === 0 || wanted.includes(value);
}

function label(pkg: InstalledPackage): string {
  return `${pkg.manifest.name ?? pkg.path}@${pkg.manifest.version ?? '?'}`;
}

/** The lifecycle scripts npm runs when it installs a registry package. */
export function installScripts(pkg: InstalledPackage): string[] {
  const scripts = pkg.manifest.scripts ?? {};
  const found = (['preinstall', 'install', 'postinstall'] as const).filter((event) => scripts[event]).map((event) => `${event}: ${scripts[event]}`);
  if (pkg.bindingGyp && pkg.manifest.gypfile !== false && !scripts['preinstall'] && !scripts['install']) found.push('install: node-gyp rebuild');
  return found;
}

/** allowScripts' verdict for a package: true, false, or undefined when no entry names it. */
export function scriptPolicy(policy: Readonly<Record<string, boolean>>, name: string, version: string): boolean | undefined {
  let verdict: boolean | undefined;
  for (const [key, value] of Object.entries(policy)) {
    const at = key.lastIndexOf('@');
    const [keyName, spec] = at > 0 ? [key.slice(0, at), key.slice(at + 1).trim()] : [key, ''];
    if (keyName !== name) continue;
    const matches = spec === '' || spec === '*' || spec.split('||').map((v) => v.trim()).includes(version);
    if (!matches) continue;
    if (value === false) return false; // a denial wins, as in npm
    if (value === true) verdict = true;
  }
  return verdict;
}

export function checkInstall(facts: InstallFacts): InstallVerdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  const node = facts.node;

  const pinned = facts.root.devDependencies?.['node'];
  if (pinned !== undefined && semver.valid(pinned) && semver.neq(node, pinned)) {
    problems.push(
      `this check runs on Node ${node}, not on the pinned Node v${pinned}: node_modules/.bin/node is missing, so npm scripts run on whatever Node is on PATH.\n` +
        '  → Run `npm ci` again (without --omit=dev or --ignore-scripts: the pinned Node is a devDependency with an install script).',
    );
  }

  const rootNode = engineRange(facts.root.engines, 'node');
  if (rootNode && !admits(node, rootNode)) {
    problems.push(`package.json's engines.node (${rootNode}) does not admit the pinned Node ${node}.`);
  }

  let tooNewForNpm = 0;
  for (const pkg of facts.installed) {
    const range = engineRange(pkg.manifest.engines, 'node');
    if (range) {
      if (!admits(node, range)) {
        problems.push(
          `${label(pkg)} (${pkg.path}) needs Node ${range}; XDP Labs runs on the pinned Node ${node}.\n` +
            `  → Pin a Node it supports (devDependencies.node in package.json), or keep a version of ${pkg.manifest.name ?? pkg.path} that supports ${node}.`,
        );
      } else if (facts.npm && !admits(facts.npm.node, range)) {
        tooNewForNpm++;
      }
    }
    const npmRange = engineRange(pkg.manifest.engines, 'npm');
    if (npmRange && facts.npm && !admits(facts.npm.version, npmRange)) {
      warnings.push(`${label(pkg)} asks for npm ${npmRange}; this install ran npm ${facts.npm.version}.`);
    }

    const scripts = installScripts(pkg);
    if (scripts.length > 0 && pkg.manifest.name && scriptPolicy(facts.root.allowScripts ?? {}, pkg.manifest.name, pkg.manifest.version ?? '') === undefined) {
      warnings.push(
        `${label(pkg)} has install scripts that package.json's allowScripts does not cover, and npm ran them (${scripts.join('; ')}).\n` +
          `  → Review them: \`npm install-scripts ls\`, then \`npm install-scripts approve ${pkg.manifest.name}\` (or deny).`,
      );
    }

    const deprecated = facts.lock[pkg.path]?.deprecated;
    if (deprecated) warnings.push(`${label(pkg)} is deprecated: ${deprecated}`);
  }

  // npm leaves out an optional package whose engines its own Node does not meet,
  // and says nothing: a native binary the pinned Node would have loaded.
  const installed = new Set(facts.installed.map((pkg) => pkg.path));
  for (const [path, entry] of Object.entries(facts.lock)) {
    if (!path.startsWith('node_modules/') || installed.has(path) || !entry.optional || !facts.npm) continue;
    const { os, cpu, libc } = facts.platform;
    if (!listAdmits(os, entry.os) || !listAdmits(cpu, entry.cpu) || !listAdmits(libc, entry.libc)) continue;
    const range = engineRange(entry.engines, 'node');
    if (range && !admits(facts.npm.node, range) && admits(node, range)) {
      problems.push(
        `npm left out ${path}@${entry.version ?? '?'}, an optional package for this platform, because it needs Node ${range} and npm ran on Node ${facts.npm.node}; XDP Labs' Node ${node} would have used it.\n` +
          `  → Run \`npm ci\` with npm on a Node that meets ${range}.`,
      );
    }
  }

  const count = facts.installed.length;
  const summary =
    facts.npm && facts.npm.node !== node
      ? `npm ran on Node ${facts.npm.node}${tooNewForNpm ? ` (${tooNewForNpm} package${tooNewForNpm === 1 ? ' wants' : 's want'} newer: npm's warnings are off in .npmrc)` : ''}; ` +
        `XDP Labs runs on the pinned Node ${node}, which all ${count} packages support.`
      : `XDP Labs runs on the pinned Node ${node}, which all ${count} packages support.`;
  return { problems, warnings, summary };
}

/** Every package under root/node_modules, nested ones included, with its lockfile path. */
export function readInstalled(root: string): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const visit = (dir: string, prefix: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        for (const scoped of readdirSync(join(dir, entry.name), { withFileTypes: true })) {
          take(join(dir, entry.name, scoped.name), `${prefix}${entry.name}/${scoped.name}`, scoped.isDirectory());
        }
      } else {
        take(join(dir, entry.name), `${prefix}${entry.name}`, entry.isDirectory());
      }
    }
  };
  const take = (dir: string, path: string, isDirectory: boolean): void => {
    const manifestFile = join(dir, 'package.json');
    if (!existsSync(manifestFile)) return;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PackageJson;
    found.push({ path, manifest, bindingGyp: existsSync(join(dir, 'binding.gyp')) });
    // A linked package (a symlink) is not walked into: its own node_modules belong to its checkout.
    if (isDirectory) visit(join(dir, 'node_modules'), `${path}/node_modules/`);
  };
  visit(join(root, 'node_modules'), 'node_modules/');
  return found;
}

/** The npm and Node versions in npm's user agent: "npm/11.19.1 node/v20.20.2 linux x64 …". */
export function npmFromUserAgent(agent: string | undefined): InstallFacts['npm'] {
  const npm = /\bnpm\/(\S+)/.exec(agent ?? '')?.[1];
  const node = /\bnode\/(v\S+)/.exec(agent ?? '')?.[1];
  return npm && node ? { node, version: npm } : undefined;
}

function currentLibc(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
  return header?.glibcVersionRuntime ? 'glibc' : 'musl';
}

export function gatherFacts(root: string, env: NodeJS.ProcessEnv = process.env): InstallFacts {
  const readJson = <T>(file: string, fallback: T): T => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback);
  return {
    node: process.version,
    npm: npmFromUserAgent(env['npm_config_user_agent']),
    platform: { os: process.platform, cpu: process.arch, libc: currentLibc() },
    root: readJson<PackageJson>(join(root, 'package.json'), {}),
    installed: readInstalled(root),
    lock: readJson<{ packages?: Record<string, LockEntry> }>(join(root, 'package-lock.json'), {}).packages ?? {},
  };
}

if (import.meta.main) {
  const root = process.argv[2] ?? process.cwd();
  const { problems, warnings, summary } = checkInstall(gatherFacts(root));
  for (const warning of warnings) process.stderr.write(`xdp-labs install: warning: ${warning}\n`);
  if (problems.length > 0) {
    process.stderr.write(`\nxdp-labs install: ✘ XDP Labs cannot run as installed (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
    for (const problem of problems) process.stderr.write(`\n✘ ${problem}\n`);
    process.stderr.write('\n');
    process.exitCode = 1;
  } else {
    process.stdout.write(`${summary}\n`);
  }
}
