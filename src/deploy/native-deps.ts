import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A platform as npm's `os`/`cpu`/`libc` fields describe it; libc null means "any". */
export interface Platform {
  os: string;
  cpu: string;
  libc: string | null;
}

/** 64-bit Raspberry Pi OS. */
export const RASPBERRY_PI: Platform = { os: 'linux', cpu: 'arm64', libc: 'glibc' };

/** A runtime package with native code, and where its binaries come from. */
export interface NativeDependency {
  name: string;
  version: string;
  /** The direct dependency of the project that pulls it in. */
  via: string;
  /** How native code was recognised: "platform packages", "binding.gyp", ".node files", "install script". */
  evidence: string[];
  /** Platforms with a prebuilt binary on the registry, e.g. "linux-arm64-glibc". */
  platforms: string[];
  /** The package that serves the target platform, or null. */
  targetBuild: string | null;
  /** Why the target platform is not served, or null when it is. */
  problem: string | null;
}

export interface NativeDepsReport {
  target: Platform;
  /** Packages installed by `npm ci --omit=dev`. */
  runtimePackages: number;
  native: NativeDependency[];
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  hasInstallScript?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Finds every runtime (non-dev) package with native code from the project's package.json and
 * package-lock.json (v2/v3), looking into node_modules when it is there, and says for each whether
 * `target` gets a prebuilt binary from the npm registry. Throws when the files are missing.
 */
export function checkNativeDeps(projectDir: string, target: Platform = RASPBERRY_PI): NativeDepsReport {
  const manifest = readJson(join(projectDir, 'package.json')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const lock = readJson(join(projectDir, 'package-lock.json')) as { lockfileVersion?: number; packages?: Record<string, LockEntry> };
  if (!lock.packages) throw new Error(`${join(projectDir, 'package-lock.json')}: no "packages" map (lockfileVersion ${lock.lockfileVersion ?? '?'}; npm ≥ 7 writes v2/v3)`);
  const packages = lock.packages;

  // The runtime closure: breadth-first from the direct dependencies, resolving names as Node does.
  const via = new Map<string, string>();
  const queue: string[] = [];
  const visit = (key: string | null, direct: string) => {
    if (key === null || via.has(key)) return;
    via.set(key, direct);
    queue.push(key);
  };
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(resolve(packages, '', name), name);
  while (queue.length) {
    const key = queue.shift()!;
    for (const dep of dependencyNames(packages[key]!)) visit(resolve(packages, key, dep), via.get(key)!);
  }

  const native: NativeDependency[] = [];
  for (const [key, direct] of via) {
    const entry = packages[key]!;
    // A platform package is judged with the package that lists it, unless something needs it directly.
    if (isPlatformPackage(entry) && listedAsPlatformBuild(packages, via, key)) continue;
    const found = inspect(projectDir, packages, key, entry, target);
    if (found) native.push({ name: nameOf(key), version: entry.version ?? '?', via: direct, ...found });
  }
  native.sort((a, b) => a.name.localeCompare(b.name));
  return { target, runtimePackages: via.size, native };
}

export const platformName = (p: Platform): string => `${p.os}-${p.cpu}${p.libc ? `-${p.libc}` : ''}`;

function inspect(
  projectDir: string,
  packages: Record<string, LockEntry>,
  key: string,
  entry: LockEntry,
  target: Platform,
): Omit<NativeDependency, 'name' | 'version' | 'via'> | null {
  const onDisk = join(projectDir, key);
  const evidence: string[] = [];

  // 1. Prebuilt binaries as a set of optional platform packages (DuckDB, esbuild, rolldown style).
  //    A lone platform-only optional dependency (vite → fsevents on macOS) is an extra, not the build.
  const builds = Object.keys(entry.optionalDependencies ?? {})
    .map((dep) => ({ dep, key: resolve(packages, key, dep) }))
    .map(({ dep, key: k }) => ({ dep, platforms: platformsOf(k ? packages[k]! : {}, dep) }))
    .filter((b) => b.platforms.length > 0);
  if (builds.length >= 2) {
    evidence.push('platform packages');
    const served = builds.find((b) => b.platforms.some((p) => serves(p, target)));
    return {
      evidence,
      platforms: builds.flatMap((b) => b.platforms.map(platformName)),
      targetBuild: served?.dep ?? null,
      problem: served ? null : `no ${platformName(target)} build among its platform packages`,
    };
  }

  // 2. The package is itself restricted to some platforms (os/cpu fields).
  if (isPlatformPackage(entry)) {
    const platforms = platformsOf(entry, nameOf(key));
    const ok = platforms.some((p) => serves(p, target));
    return { evidence: ['os/cpu fields'], platforms: platforms.map(platformName), targetBuild: ok ? nameOf(key) : null, problem: ok ? null : `only installs on ${platforms.map(platformName).join(', ')}` };
  }

  // 3. Compiled or shipped binaries, seen in node_modules when installed.
  const pkgJson = existsSync(join(onDisk, 'package.json')) ? (readJson(join(onDisk, 'package.json')) as { gypfile?: boolean }) : {};
  const gyp = pkgJson.gypfile === true || existsSync(join(onDisk, 'binding.gyp'));
  if (gyp) evidence.push('binding.gyp');
  const binaries = existsSync(onDisk) ? findBinaries(onDisk) : [];
  if (binaries.length) evidence.push('.node files');
  if (entry.hasInstallScript) evidence.push('install script');
  if (!evidence.length) return null;

  const shipped = binaries.map((f) => platformInPath(f)).filter((p): p is Platform => p !== null);
  const servedBy = shipped.find((p) => serves(p, target));
  const platforms = [...new Set(shipped.map(platformName))];
  let problem: string | null = null;
  if (!servedBy) {
    if (gyp) problem = `compiles from source with node-gyp on install (needs a C++ toolchain on the Pi); no prebuilt ${platformName(target)} binary`;
    else if (binaries.length) problem = `ships .node binaries for ${platforms.join(', ') || 'unnamed platforms'}, none for ${platformName(target)}`;
    else problem = 'runs an install script: check that it installs on linux-arm64 from the registry alone';
  }
  return { evidence, platforms, targetBuild: servedBy ? nameOf(key) : null, problem };
}

/** Node's lookup: `<from>/node_modules/<name>`, then each enclosing node_modules, then the top. */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  for (let base = from; ; ) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[key]) return key;
    if (!base) return null;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

function dependencyNames(e: LockEntry): string[] {
  const peers = Object.keys(e.peerDependencies ?? {}).filter((p) => !e.peerDependenciesMeta?.[p]?.optional);
  return [...Object.keys(e.dependencies ?? {}), ...Object.keys(e.optionalDependencies ?? {}), ...peers];
}

const nameOf = (key: string): string => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

const isPlatformPackage = (e: LockEntry): boolean => Boolean(e.os?.length || e.cpu?.length);

function listedAsPlatformBuild(packages: Record<string, LockEntry>, via: Map<string, string>, key: string): boolean {
  const name = nameOf(key);
  return [...via.keys()].some((k) => packages[k]!.optionalDependencies?.[name] !== undefined && resolve(packages, k, name) === key);
}

const PLATFORM_IN_NAME = /(?:^|[-_/@.])(linux|darwin|win32|freebsd|android|openharmony)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64)(?:-(gnu|glibc|musl|msvc|gnueabihf))?(?=$|[-_/.])/;

/** A package's platforms from its os/cpu/libc fields, else from its name ("…-linux-arm64-musl"). */
function platformsOf(e: LockEntry, name: string): Platform[] {
  if (isPlatformPackage(e)) {
    const positive = (xs: string[] | undefined) => (xs ?? []).filter((x) => !x.startsWith('!'));
    const oses = positive(e.os);
    const cpus = positive(e.cpu);
    const libcs = e.libc?.length ? e.libc : [null];
    return (oses.length ? oses : ['any']).flatMap((os) => (cpus.length ? cpus : ['any']).flatMap((cpu) => libcs.map((libc) => ({ os, cpu, libc }))));
  }
  const inName = platformInPath(name);
  return inName ? [inName] : [];
}

function platformInPath(path: string): Platform | null {
  const m = PLATFORM_IN_NAME.exec(path);
  if (!m) return null;
  const libc = m[3] === 'gnu' || m[3] === 'glibc' ? 'glibc' : m[3] === 'musl' ? 'musl' : null;
  return { os: m[1]!, cpu: m[2]!, libc };
}

const serves = (p: Platform, t: Platform): boolean =>
  (p.os === t.os || p.os === 'any') && (p.cpu === t.cpu || p.cpu === 'any') && (p.libc === null || t.libc === null || p.libc === t.libc);

/** `.node` files of a package, without descending into its own node_modules. */
function findBinaries(dir: string, depth = 0): string[] {
  if (depth > 6) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...findBinaries(path, depth + 1));
    else if (name.endsWith('.node')) out.push(path);
  }
  return out;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message}`);
  }
}
