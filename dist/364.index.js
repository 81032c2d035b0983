export const id = 364;
export const ids = [364];
export const modules = {

/***/ 7196:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Px: () => (/* binding */ missingContextFiles)
/* harmony export */ });
/* unused harmony exports copySources, dockerignored */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _config_glob_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3334);
/**
 * What a Dockerfile needs from its build context, read before anything is built: the
 * local sources of every COPY/ADD, and whether .dockerignore excludes them.
 */



/** The local sources of every COPY/ADD in a Dockerfile (not `--from=` stages, not URLs). */
function copySources(dockerfile) {
    const found = [];
    const lines = dockerfile.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        let text = lines[i];
        const start = i;
        while (text.endsWith('\\') && i + 1 < lines.length)
            text = text.slice(0, -1) + ' ' + lines[++i];
        const m = /^\s*(COPY|ADD)\s+(.*)$/i.exec(text);
        if (!m)
            continue;
        let args = m[2].trim();
        if (/--from=/i.test(args))
            continue;
        args = args.replace(/--[a-z-]+(=\S+)?\s+/gi, '');
        let parts;
        if (args.startsWith('[')) {
            try {
                parts = JSON.parse(args);
            }
            catch {
                continue;
            }
        }
        else
            parts = args.split(/\s+/).filter(Boolean);
        for (const source of parts.slice(0, -1)) {
            if (/^[a-z]+:\/\//i.test(source) || source.includes('$'))
                continue;
            found.push({ source, line: start + 1 });
        }
    }
    return found;
}
/** Whether a context-relative path is excluded by .dockerignore patterns (last match wins, `!` re-includes). */
function dockerignored(relPath, patterns) {
    let ignored = false;
    const parts = relPath.split('/');
    for (const raw of patterns) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const negate = line.startsWith('!');
        const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
        // a pattern matches the path itself or any directory above it
        const hit = parts.some((_, i) => (0,_config_glob_js__WEBPACK_IMPORTED_MODULE_2__/* .matchGlob */ .sB)(pattern, parts.slice(0, i + 1).join('/')));
        if (hit)
            ignored = !negate;
    }
    return ignored;
}
/** COPY/ADD sources missing from the build context (or excluded by .dockerignore), checked before building. */
function missingContextFiles(contextAbs, dockerfileAbs) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dockerfileAbs))
        return [node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(dockerfileAbs)];
    const ignore = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(contextAbs, '.dockerignore')) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(contextAbs, '.dockerignore'), 'utf8').split(/\r?\n/) : [];
    const missing = [];
    for (const { source, line } of copySources((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(dockerfileAbs, 'utf8'))) {
        const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.normalize(source.replace(/^\.\/+/, '')).replace(/\/+$/, '');
        if (/[*?[]/.test(rel))
            continue;
        const exists = rel === '.' || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(contextAbs, rel));
        if (!exists)
            missing.push(`${source} (Dockerfile line ${line}: not in the context)`);
        else if (rel !== '.' && dockerignored(rel, ignore))
            missing.push(`${source} (Dockerfile line ${line}: excluded by .dockerignore)`);
    }
    return missing;
}


/***/ }),

/***/ 1188:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N$: () => (/* binding */ runTests),
/* harmony export */   Qe: () => (/* binding */ smoke),
/* harmony export */   _6: () => (/* binding */ readMetadata),
/* harmony export */   e_: () => (/* binding */ installCheck),
/* harmony export */   jq: () => (/* binding */ build),
/* harmony export */   qP: () => (/* binding */ twineCheck),
/* harmony export */   tN: () => (/* binding */ findPythonTools)
/* harmony export */ });
/* unused harmony exports testCommand, buildCommand, twineCheckCommand, pythonVersionOf, tryInFreshVenv */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7911);
/* harmony import */ var _uv_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6549);
/**
 * Python tooling for a release: tests, builds, `twine check` and the smoke test.
 * With uv on PATH pyship uses uv (as the release checklist does); without it, `python -m build`,
 * `python -m pytest`, `python -m twine` and `python -m venv` run for real.
 */





function findPythonTools(pythonVersion, envPath) {
    const uv = (0,_uv_js__WEBPACK_IMPORTED_MODULE_4__/* .findOnPath */ .aY)('uv', envPath);
    const python = (0,_uv_js__WEBPACK_IMPORTED_MODULE_4__/* .findOnPath */ .aY)(`python${pythonVersion}`, envPath) ?? (0,_uv_js__WEBPACK_IMPORTED_MODULE_4__/* .findOnPath */ .aY)('python3', envPath) ?? 'python3';
    return { uv, python };
}
/** argv of a package's test run. */
function testCommand(tools, pythonVersion) {
    // no cache directory: a release leaves the work tree as it found it
    return tools.uv
        ? [tools.uv, ['run', '--python', pythonVersion, 'pytest', '-p', 'no:cacheprovider']]
        : [tools.python, ['-m', 'pytest', '-p', 'no:cacheprovider']];
}
/** argv of a package's build into `outDir`. */
function buildCommand(tools, packageDir, outDir, isolation) {
    if (tools.uv)
        return [tools.uv, ['build', '--out-dir', outDir, ...(isolation ? [] : ['--no-build-isolation']), packageDir]];
    // without isolation the backend must already be installed; like uv, do not re-check its requirements
    return [tools.python, ['-m', 'build', '--outdir', outDir, ...(isolation ? [] : ['--no-isolation', '--skip-dependency-check']), packageDir]];
}
function twineCheckCommand(tools, files) {
    return tools.uv ? [tools.uv, ['tool', 'run', 'twine', 'check', '--strict', ...files]] : [tools.python, ['-m', 'twine', 'check', '--strict', ...files]];
}
/** The Python a command will really use, e.g. "3.11.2". */
async function pythonVersionOf(tools, pythonVersion, cwd) {
    const [cmd, args] = tools.uv ? [tools.uv, ['run', '--python', pythonVersion, 'python', '--version']] : [tools.python, ['--version']];
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(cmd, args, { cwd, quiet: true });
    return /Python (\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown';
}
/** Run a package's tests; pytest's exit 5 ("no tests collected") passes only when allowed. */
async function runTests(tools, pythonVersion, pkg, allowNoTests) {
    const used = await pythonVersionOf(tools, pythonVersion, pkg.dir);
    const [cmd, args] = testCommand(tools, pythonVersion);
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(cmd, args, { cwd: pkg.dir, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    if (r.status === 0)
        return { status: 'passed', python: used };
    if (r.status === 5 && allowNoTests)
        return { status: 'no tests', python: used };
    const what = r.status === 5 ? 'collected no tests (the target says tests are required)' : `failed (exit ${r.status})`;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_TESTS_FAILED', `tests of ${pkg.name} ${what} with Python ${used}${pkg.requiresPython ? ` (requires-python ${pkg.requiresPython})` : ''}: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`, {
        hint: `Tests fail in CI but pass locally? They ran with Python ${used} (\`python-version\` asks for ${pythonVersion}); check environment variables the tests expect, and absolute vs. relative file paths (tests run from ${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(pkg.dir)}/).`
    });
}
/**
 * Build wheel + sdist of a package into an empty `outDir`; returns the built files.
 * `env` adds to the inherited environment (a vcs backend's version override).
 */
async function build(tools, packageDir, outDir, isolation, sourceDateEpoch, env = {}) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(outDir, { recursive: true, force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(outDir, { recursive: true });
    const [cmd, args] = buildCommand(tools, packageDir, outDir, isolation);
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(cmd, args, { cwd: packageDir, env: { ...env, SOURCE_DATE_EPOCH: String(sourceDateEpoch) } });
    if (r.status !== 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_BUILD', `building ${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(packageDir)} failed: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`, {
            hint: `The build backend's last error: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r, 1)}. Fix the package metadata or build configuration it names${isolation ? '' : '; with build-isolation: false the backend must already be installed'}.`
        });
    }
    const files = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(outDir).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz')).sort();
    if (!files.some((f) => f.endsWith('.whl')))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_BUILD', `building ${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(packageDir)} produced no wheel`);
    return files.map((f) => node_path__WEBPACK_IMPORTED_MODULE_1___default().join(outDir, f));
}
async function twineCheck(tools, files, cwd) {
    const [cmd, args] = twineCheckCommand(tools, files);
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(cmd, args, { cwd });
    if (r.status !== 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_BUILD', `twine check failed: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`, { hint: 'Fix the package metadata twine names (README content type, missing fields).' });
}
/**
 * A fresh venv at `venv`: create it, `pip install` `requirements` from `indexUrl` (plus
 * `findLinks`), then run `command` (if any) with the venv first on PATH. Used by the
 * smoke test before publishing and by verify's install check after.
 */
async function tryInFreshVenv(tools, pythonVersion, venv, install, command, cwd) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(venv, { recursive: true, force: true });
    const create = tools.uv ? await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(tools.uv, ['venv', '--python', pythonVersion, venv], { cwd }) : await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(tools.python, ['-m', 'venv', venv], { cwd });
    if (create.status !== 0)
        return { ok: false, detail: `creating a fresh venv failed: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(create)}` };
    const bin = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
    const py = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(bin, 'python');
    const sources = [...(install.findLinks ? ['--find-links', install.findLinks] : []), '--index-url', install.indexUrl];
    const installed = tools.uv
        ? await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(tools.uv, ['pip', 'install', '--python', py, ...sources, ...install.requirements], { cwd })
        : await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(py, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-cache-dir', ...sources, ...install.requirements], { cwd });
    if (installed.status !== 0)
        return { ok: false, detail: `installing ${install.requirements.map((r) => node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(r)).join(' ')} into a fresh venv failed: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(installed)}` };
    if (!command?.length)
        return { ok: true, detail: 'installed' };
    const [head, ...rest] = command;
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)((0,_uv_js__WEBPACK_IMPORTED_MODULE_4__/* .findOnPath */ .aY)(head, bin) ?? head, rest, { cwd: venv, env: { PATH: `${bin}${(node_path__WEBPACK_IMPORTED_MODULE_1___default().delimiter)}${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .childEnv */ .gf)().PATH ?? ''}`, VIRTUAL_ENV: venv } });
    if (r.status !== 0)
        return { ok: false, detail: `\`${command.join(' ')}\` failed (exit ${r.status}): ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}` };
    return { ok: true, detail: `installed; \`${command.join(' ')}\` passed` };
}
/** Install the built wheel into a fresh venv (dependencies from `indexUrl`) and run the smoke command there. */
async function smoke(tools, pythonVersion, wheel, indexUrl, command, workDir) {
    const findLinks = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(wheel);
    const venv = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(findLinks), `venv-${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(wheel, '.whl')}`);
    const outcome = await tryInFreshVenv(tools, pythonVersion, venv, { requirements: [wheel], indexUrl, findLinks }, command, workDir);
    if (!outcome.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_SMOKE', `smoke test with only ${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(wheel)} installed: ${outcome.detail}`);
}
/** Install `name==version` from the index into a fresh temporary venv and run `command` there. */
async function installCheck(tools, pythonVersion, pypiUrl, requirement, command, tempDir) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(tempDir, 'pyship-verify-'));
    try {
        return await tryInFreshVenv(tools, pythonVersion, node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'venv'), { requirements: [requirement], indexUrl: `${pypiUrl.replace(/\/+$/, '')}/simple/` }, command, dir);
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    }
}
const READ_METADATA = `
import email.parser, json, sys, tarfile, zipfile
out = []
for path in sys.argv[1:]:
    text = None
    try:
        if path.endswith(".whl"):
            with zipfile.ZipFile(path) as z:
                names = [n for n in z.namelist() if n.count("/") == 1 and n.split("/")[0].endswith(".dist-info") and n.endswith("/METADATA")]
                text = z.read(names[0]).decode("utf-8") if names else None
        else:
            with tarfile.open(path) as t:
                members = [m for m in t.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")]
                text = t.extractfile(members[0]).read().decode("utf-8") if members else None
    except Exception:
        text = None
    meta = email.parser.Parser().parsestr(text, headersonly=True) if text else {}
    out.append({"file": path, "name": meta.get("Name"), "version": meta.get("Version")})
print(json.dumps(out))
`;
/** The core metadata name and version of built wheels and sdists (one interpreter for all files). */
async function readMetadata(tools, files, cwd) {
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(tools.python, ['-c', READ_METADATA, ...files], { cwd, quiet: true });
    if (r.status !== 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_BUILD', `reading the metadata of the built files failed: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`);
    return JSON.parse(r.stdout);
}


/***/ }),

/***/ 4722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NN: () => (/* binding */ lockRef),
/* harmony export */   PG: () => (/* binding */ parseLock),
/* harmony export */   QH: () => (/* binding */ decideTakeover),
/* harmony export */   X5: () => (/* binding */ formatLock),
/* harmony export */   m: () => (/* binding */ HEARTBEAT_MS),
/* harmony export */   sG: () => (/* binding */ describeHolder)
/* harmony export */ });
/* unused harmony exports LOCK_PREFIX, STALE_MS */
/**
 * The release lock (SPEC §8 "Exactly one publisher"), pure rules. One lock per target
 * and version: the ref `refs/pyship/locks/<tag>` on origin, created only if absent — git
 * checks that atomically on the server, so it holds across runners, workflows and
 * machines. The ref points at a small commit whose message names the holder (run,
 * commit, host, process, since when); the holder refreshes it (compare-and-swap) while
 * it works, and deletes it at the end. docs/adrs/0004-release-lock.md.
 */
const LOCK_PREFIX = 'refs/pyship/locks/';
/** The holder refreshes its lock this often… */
const HEARTBEAT_MS = 60_000;
/** …and a lock not refreshed for this long is stale: its holder died without unlocking. */
const STALE_MS = 10 * 60_000;
function lockRef(tag) {
    return `${LOCK_PREFIX}${tag}`;
}
function formatLock(tag, h) {
    return [`pyship release lock for ${tag}`, '', `commit: ${h.commit}`, `run: ${h.run || 'local'}`, `attempt: ${h.attempt || '1'}`, `host: ${h.host}`, `pid: ${h.pid}`, `since: ${h.since}`].join('\n');
}
function parseLock(message) {
    const field = (name) => new RegExp(`^${name}: (.*)$`, 'm').exec(message)?.[1]?.trim() ?? null;
    const commit = field('commit');
    if (!commit || !/^[0-9a-f]{40,64}$/.test(commit))
        return null;
    const run = field('run') ?? 'local';
    return {
        commit,
        run: run === 'local' ? '' : run,
        attempt: field('attempt') ?? '1',
        host: field('host') ?? '',
        pid: Number(field('pid') ?? 0),
        since: field('since') ?? ''
    };
}
/**
 * May `me` take over a lock held by `held` (last refreshed at `refreshedMs`)? Only a
 * run of the same commit ever takes over, and only when the holder is gone: an earlier
 * attempt of the same workflow run, a process on this host that no longer exists, or a
 * lock nobody refreshed for STALE_MS. A run of another commit never takes over.
 */
function decideTakeover(held, me, refreshedMs, nowMs, alive) {
    if (held === null)
        return { take: false, why: 'the lock names no holder pyship can read' };
    if (held.commit !== me.commit)
        return { take: false, why: `it is releasing commit ${held.commit.slice(0, 12)}, not ${me.commit.slice(0, 12)}` };
    if (held.run && held.run === me.run && Number(held.attempt) < Number(me.attempt)) {
        return { take: true, why: `attempt ${held.attempt} of this workflow run did not finish` };
    }
    if (held.host === me.host && held.pid !== me.pid && !alive(held.pid)) {
        return { take: true, why: `its process ${held.pid} on ${held.host} no longer exists` };
    }
    if (nowMs - refreshedMs > STALE_MS) {
        return { take: true, why: `it was last refreshed ${Math.round((nowMs - refreshedMs) / 60_000)} minutes ago` };
    }
    return { take: false, why: 'it is still working' };
}
function describeHolder(h) {
    const who = h.run ? `workflow run ${h.run}${h.attempt && h.attempt !== '1' ? ` (attempt ${h.attempt})` : ''}` : `a local run on ${h.host} (process ${h.pid})`;
    return `${who}, commit ${h.commit.slice(0, 12)}, since ${h.since}`;
}


/***/ }),

/***/ 6484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tp: () => (/* binding */ resolveEntry),
/* harmony export */   Wt: () => (/* binding */ platformsOf),
/* harmony export */   bm: () => (/* binding */ matrixFor),
/* harmony export */   px: () => (/* binding */ parseMatrixEntry)
/* harmony export */ });
/* unused harmony exports DEFAULT_PLATFORM, runnerFor */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8422);
/**
 * Fanning out on the runners (SPEC §9), pure: the `strategy.matrix` that `plan` writes
 * (one entry per package to build, one per image and platform) and the validation of
 * the one entry a `build` job receives — hostile input until proven otherwise.
 */


/** The platform an image without `platforms` is built for. */
const DEFAULT_PLATFORM = 'linux/amd64';
const platformsOf = (image) => (image.platforms.length > 0 ? image.platforms : [DEFAULT_PLATFORM]);
/** A native GitHub-hosted runner for a platform (no emulation). */
function runnerFor(platform) {
    return /^linux\/arm64/.test(platform) ? 'ubuntu-24.04-arm' : 'ubuntu-latest';
}
/** `{ include: [...] }`, usable verbatim as `matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}`. */
function matrixFor(plan) {
    const include = [];
    const seen = new Set();
    const common = { component: plan.component, version: plan.version };
    for (const t of plan.targets) {
        for (const p of t.packages) {
            if (seen.has(p.dir))
                continue;
            seen.add(p.dir);
            include.push({ kind: 'package', name: `package ${p.name} ${plan.version}`, ...common, target: t.name, package: p.dir, runner: 'ubuntu-latest' });
        }
        for (const i of t.images) {
            for (const platform of platformsOf(i)) {
                include.push({ kind: 'image', name: `image ${i.name} ${platform}`, ...common, target: t.name, image: i.name, platform, runner: runnerFor(platform) });
            }
        }
    }
    return { include };
}
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const PACKAGE_DIR = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]{1,200}$/;
const VERSION = /^[A-Za-z0-9.!+_-]{1,64}$/;
const IMAGE = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const FIELDS = {
    package: ['kind', 'name', 'component', 'version', 'target', 'package', 'runner'],
    image: ['kind', 'name', 'component', 'version', 'target', 'image', 'platform', 'runner']
};
function entryError(message) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', `input matrix-entry ${message}`, {
        hint: 'Pass one entry of the matrix output of `command: plan` unchanged: `matrix-entry: ${{ toJSON(matrix) }}` in a job with `strategy: { matrix: ${{ fromJSON(needs.plan.outputs.matrix) }} }`.'
    });
}
/** Validate the raw `matrix-entry` input: JSON of one entry, every field checked, own keys only. */
function parseMatrixEntry(raw) {
    if (raw.trim() === '')
        throw entryError('is empty: command build needs one entry of the matrix output of command plan');
    let value;
    try {
        value = JSON.parse(raw);
    }
    catch {
        throw entryError('is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw entryError('must be a JSON object (one entry of the matrix, not the whole matrix)');
    const obj = value;
    const own = (key) => (Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined);
    const kind = own('kind');
    if (kind !== 'package' && kind !== 'image')
        throw entryError(`has kind ${JSON.stringify(kind)}; expected "package" or "image"`);
    const unknown = Object.keys(obj).filter((k) => !FIELDS[kind].includes(k));
    if (unknown.length > 0)
        throw entryError(`has unknown fields ${unknown.map((k) => JSON.stringify(k)).join(', ')}; a ${kind} entry has ${FIELDS[kind].join(', ')}`);
    const text = (key, pattern, what) => {
        const v = own(key);
        if (typeof v !== 'string' || !pattern.test(v))
            throw entryError(`field ${key} = ${JSON.stringify(v)?.slice(0, 80)} is not allowed: ${what}`);
        return v;
    };
    const name = text('name', /^[^\p{Cc}]{0,200}$/u, 'a short title');
    const runner = text('runner', /^[A-Za-z0-9._-]{0,100}$/, 'a runner label');
    const component = text('component', _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .COMPONENT_PATTERN */ .Zq, 'a target or group name');
    const version = text('version', VERSION, 'a PEP 440 version');
    const target = text('target', _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .COMPONENT_PATTERN */ .Zq, 'a target name');
    if (kind === 'package')
        return { kind, name, component, version, target, package: text('package', PACKAGE_DIR, 'a package directory relative to the working directory'), runner };
    return { kind, name, component, version, target, image: text('image', IMAGE, 'an image name'), platform: text('platform', PLATFORM, 'os/arch such as linux/arm64'), runner };
}
/** What an entry names in the plan, or an E_INPUT naming what the plan lacks. */
function resolveEntry(plan, entry) {
    const target = plan.targets.find((t) => t.name === entry.target);
    if (!target)
        throw entryError(`names target ${entry.target}, which the release of ${plan.component} does not have (${plan.targets.map((t) => t.name).join(', ')})`);
    if (entry.kind === 'package') {
        const pkg = target.packages.find((p) => p.dir === entry.package);
        if (!pkg)
            throw entryError(`names package ${entry.package}, which target ${target.name} does not publish`);
        return { target, package: pkg };
    }
    const image = target.images.find((i) => i.name === entry.image);
    if (!image)
        throw entryError(`names image ${entry.image}, which target ${target.name} does not build`);
    if (!platformsOf(image).includes(entry.platform))
        throw entryError(`names platform ${entry.platform}, which image ${image.name} is not built for (${platformsOf(image).join(', ')})`);
    return { target, image };
}


/***/ }),

/***/ 4875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ StepLog),
/* harmony export */   r: () => (/* binding */ runSteps)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(833);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5625);
/**
 * The step runner shared by release, verify and rollback: each step is named, timed and
 * recorded (status, detail, duration) in a StepLog — the table the job summary shows,
 * also after a failure. A step first looks at the real state, then acts or reports
 * "already done"; in a dry run only read-only steps run, the others are "would run".
 */



class StepLog {
    records = [];
    add(step, status, detail = '', ms = 0) {
        this.records.push({ step, status, detail, ms });
    }
    /** Run one step, timed; a failure is recorded with its code and rethrown. */
    async run(name, fn) {
        const start = Date.now();
        (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .stepStarted */ .G_)(name);
        try {
            const outcome = await fn();
            this.add(name, outcome.status, outcome.detail, Date.now() - start);
            (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .stepFinished */ .Je)(name, outcome.status, outcome.detail, Date.now() - start);
            return outcome;
        }
        catch (error) {
            // the message itself is in the problems: the row names the code
            const detail = (0,_cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .cancelledBy */ .tK)() ? `cancelled (${(0,_cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .cancelledBy */ .tK)()})` : error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB ? error.code : 'E_INTERNAL';
            this.add(name, 'failed', detail, Date.now() - start);
            (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .stepFinished */ .Je)(name, 'failed', detail, Date.now() - start);
            throw error;
        }
    }
    /** Names of the steps that changed something or found it done. */
    finished() {
        return this.records.filter((r) => r.status === 'done' || r.status === 'already done').map((r) => r.step);
    }
}
/**
 * Run `steps` in order over `state`. The first failure is rethrown after the steps
 * that did not run are recorded as such; after a cancellation no further step starts.
 */
async function runSteps(steps, state, record, options) {
    for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        const signal = (0,_cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .cancelledBy */ .tK)();
        if (signal) {
            for (const rest of steps.slice(i))
                record.add(rest.name, 'not run', `cancelled (${signal})`);
            return;
        }
        const done = step.alreadyDone?.(state) ?? null;
        if (done !== null) {
            await record.run(step.name, async () => ({ status: 'already done', detail: done }));
            continue;
        }
        if (options.dryRun && !step.readOnly) {
            record.add(step.name, 'would run');
            continue;
        }
        try {
            await record.run(step.name, () => step.run(state));
        }
        catch (error) {
            for (const rest of steps.slice(i + 1))
                record.add(rest.name, 'not run');
            throw error;
        }
    }
}


/***/ }),

/***/ 9823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ releaseResult)
/* harmony export */ });
/** The digest an image's tags point at: pushed by this run, or found pushed by this commit's release. */
const digestOf = (i) => i.digest ?? i.pushed;
function releaseResult(inputs, state, steps, problems, cancelled) {
    const targets = state?.targets ?? [];
    const tags = targets.map((t) => t.plan.tag).join(', ');
    const sha = state?.sha.slice(0, 12) ?? '';
    const headline = cancelled
        ? `release ${cancelled === 'SIGINT' ? 'interrupted' : 'cancelled'} (${cancelled})${tags ? ` while releasing ${tags}` : ''}; a re-run resumes where it stopped`
        : problems.length > 0
            ? `release failed: ${problems[0].code} ${problems[0].message}`
            : inputs.dryRun
                ? `release (dry run): ${tags} would be released from ${sha}; nothing was changed`
                : state?.released
                    ? `release: ${tags} released from ${sha}`
                    : `release: ${tags} already released from ${sha}; nothing changed`;
    return {
        command: 'release',
        headline,
        problems,
        outputs: {
            version: state?.plan.version ?? '',
            tags: JSON.stringify(targets.map((t) => t.plan.tag)),
            'release-urls': JSON.stringify(targets.map((s) => s.release?.html_url).filter(Boolean)),
            'pypi-urls': JSON.stringify(targets.flatMap((t) => t.plan.packages.map((x) => x.pypiUrl))),
            images: JSON.stringify(targets.flatMap((s) => s.images.filter((i) => digestOf(i)).map((i) => `${i.plan.ref}@${digestOf(i)}`))),
            released: String(state?.released ?? false),
            plan: JSON.stringify({ version: state?.plan.version ?? null, dryRun: inputs.dryRun, steps: steps.records.map(({ step, status, detail }) => ({ step, status, detail })) })
        },
        table: {
            header: ['Step', 'Status', 'Detail', 'Duration'],
            rows: [
                ...steps.records.map((r) => [r.step, r.status, r.detail, r.ms ? `${(r.ms / 1000).toFixed(1)} s` : '']),
                // one row per image: its tags and the digest they point at
                ...targets.flatMap((t) => t.images.map((i) => [`image ${i.plan.ref}`, digestOf(i) ? 'pushed' : 'not pushed', `${i.tags.join(', ')}${digestOf(i) ? ` @ ${digestOf(i)}` : ''}`, '']))
            ]
        },
        notices: state?.notices ?? []
    };
}


/***/ }),

/***/ 4702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QG: () => (/* binding */ assertLocksHeld),
/* harmony export */   WW: () => (/* binding */ inspectLock),
/* harmony export */   me: () => (/* binding */ me),
/* harmony export */   s2: () => (/* binding */ lock),
/* harmony export */   wU: () => (/* binding */ releaseLocks)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5625);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4722);
/**
 * 2b. lock — take the release lock of every target (src/release/lock.ts) right after
 * preflight, before anything is built or published. Another run that holds it stops
 * this one with E_RELEASE_IN_PROGRESS; a holder of the same commit that is gone is
 * taken over. While the release runs the lock is refreshed; it is removed at the end.
 */




const alive = (pid) => {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
};
/** Who this run is, as the lock names it. */
function me(state) {
    const { runner, sha } = state;
    return {
        commit: sha,
        run: runner.runId && runner.repository ? `${runner.serverUrl}/${runner.repository}/actions/runs/${runner.runId}` : '',
        attempt: runner.runAttempt || '1',
        host: node_os__WEBPACK_IMPORTED_MODULE_0___default().hostname(),
        pid: process.pid,
        since: new Date().toISOString()
    };
}
function busy(tag, holder, why) {
    const who = holder ? (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .describeHolder */ .sG)(holder) : 'a run pyship cannot identify';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_RELEASE_IN_PROGRESS', `another run is releasing ${tag}: ${who} (${why})`, {
        hint: `Wait for that run to finish: a re-run afterwards reports "already released". If it crashed, re-run it (a re-run of the same commit takes the release over once its holder is gone), or remove the lock with \`git push origin :${(0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .lockRef */ .NN)(tag)}\`. Serialize release workflows with \`concurrency:\` as well.`
    });
}
/** Read the lock of `tag` on origin: null when free, else whether this run may take it over. */
async function inspectLock(git, tag, self) {
    const ref = (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .lockRef */ .NN)(tag);
    const oid = await git.remoteRef(ref);
    if (oid === null)
        return null;
    const info = await git.remoteCommitMessage(ref, oid);
    const holder = info ? (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLock */ .PG)(info.message) : null;
    const decision = (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .decideTakeover */ .QH)(holder, self, (info?.time ?? 0) * 1000, Date.now(), alive);
    return { oid, holder, ...decision };
}
async function acquire(state, tag, self) {
    const { git, sha } = state;
    const ref = (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .lockRef */ .NN)(tag);
    const message = (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .formatLock */ .X5)(tag, self);
    const oid = await git.note(sha, message);
    for (let attempt = 0; attempt < 3; attempt++) {
        if (await git.casRemoteRef(ref, null, oid))
            return { tag, ref, oid, message };
        const held = await inspectLock(git, tag, self);
        if (held === null)
            continue; // removed in between: try to create it again
        if (!held.take)
            throw busy(tag, held.holder, held.why);
        if (await git.casRemoteRef(ref, held.oid, oid)) {
            state.notices.push(`took over the release lock of ${tag} from ${held.holder ? (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .describeHolder */ .sG)(held.holder) : 'an unreadable holder'}: ${held.why}`);
            return { tag, ref, oid, message };
        }
    }
    throw busy(tag, null, 'the lock changed hands while pyship tried to take it');
}
const lock = {
    name: 'lock',
    async run(state) {
        const self = me(state);
        const tags = state.targets.map((t) => t.plan.tag).sort();
        for (const tag of tags)
            state.locks.push(await acquire(state, tag, self));
        state.heartbeat = setInterval(() => void refresh(state), _lock_js__WEBPACK_IMPORTED_MODULE_2__/* .HEARTBEAT_MS */ .m);
        state.heartbeat.unref();
        return { status: 'done', detail: `${tags.map(_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .lockRef */ .NN).join(', ')} held by this run` };
    }
};
/** Refresh every held lock (a new commit, compare-and-swap); a lock taken over meanwhile is dropped. */
async function refresh(state) {
    for (const held of state.locks) {
        try {
            const next = await state.git.note(state.sha, held.message);
            if (await state.git.casRemoteRef(held.ref, held.oid, next))
                held.oid = next;
            else
                (0,_log_js__WEBPACK_IMPORTED_MODULE_3__/* .log */ .Rm)(`the release lock ${held.ref} was taken over by another run`);
        }
        catch {
            /* a failed refresh is retried at the next beat; the lock only goes stale after many */
        }
    }
}
/** Before each irreversible step: this run still holds every lock (nobody took one over). */
async function assertLocksHeld(state) {
    for (const held of state.locks) {
        const oid = await state.git.remoteRef(held.ref);
        if (oid !== held.oid) {
            const now = oid ? await inspectLock(state.git, held.tag, me(state)) : null;
            throw busy(held.tag, now?.holder ?? null, 'it took the lock over from this run, which had stopped refreshing it');
        }
    }
}
/** Remove every lock this run holds (only if it is still ours). */
async function releaseLocks(state) {
    if (state.heartbeat)
        clearInterval(state.heartbeat);
    state.heartbeat = null;
    for (const held of state.locks.splice(0)) {
        await state.git.casRemoteRef(held.ref, held.oid, null).catch(() => false);
    }
}


/***/ }),

/***/ 8868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ runReleaseSteps)
});

// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/release/pipeline.ts
var pipeline = __webpack_require__(4875);
// EXTERNAL MODULE: ./src/release/steps/lock.ts
var lock = __webpack_require__(4702);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/adapters/python.ts
var python = __webpack_require__(1188);
// EXTERNAL MODULE: ./src/release/context.ts + 1 modules
var context = __webpack_require__(5516);
// EXTERNAL MODULE: ./src/release/images.ts
var release_images = __webpack_require__(7887);
;// CONCATENATED MODULE: ./src/release/steps/plan.ts
/**
 * 1. plan — resolve targets, packages, images, tags and URLs (pure: release/plan.ts),
 * open the services, and build the state every later step shares.
 */




async function openState(inputs, runner) {
    const ctx = await (0,context/* openRelease */.gS)(inputs, runner);
    const sha = await ctx.git.headCommit();
    return {
        ...ctx,
        sha,
        tools: (0,python/* findPythonTools */.tN)(inputs.pythonVersion, runner.env.PATH ?? ''),
        targets: ctx.plan.targets.map((plan) => ({
            plan,
            release: null,
            remoteTag: null,
            packages: plan.packages.map((p) => ({ plan: p, onIndex: null, built: [], toUpload: [] })),
            images: plan.images.map((i) => ({ plan: i, tags: [(0,release_images/* dockerVersionTag */.Fq)(ctx.plan.version)], pushed: null, parts: [], joined: null, digest: null }))
        })),
        releases: [],
        notices: [...ctx.plan.notices],
        released: false,
        docker: null,
        outRoot: external_node_path_default().join(runner.tempDir, 'pyship', sha.slice(0, 12)),
        commitTime: 0,
        locks: [],
        heartbeat: null
    };
}
function describePlan(state) {
    const shipped = state.plan.targets.flatMap((t) => [...t.packages.map((x) => x.name), ...t.images.map((i) => i.ref)]);
    return { status: 'done', detail: `${state.plan.targets.map((t) => t.tag).join(', ')}: ${shipped.join(', ')}` };
}

;// CONCATENATED MODULE: ./src/release/steps/run.ts
/**
 * One run of release steps, as every release-side command does it (release, plan, build):
 * the plan step opens the state, the steps run in order, an error is contained as problems
 * (none when cancelled: the report says so), and whatever happened the registry
 * credentials are removed and the release locks freed.
 */





/** `onOpen`: checks of the fresh state that belong to the plan step (a throw fails it). */
async function runReleaseSteps(inputs, runner, list, options) {
    const steps = new pipeline/* StepLog */.J();
    const opened = {};
    let problems = [];
    try {
        await steps.run('plan', async () => {
            const state = (opened.state = await openState(inputs, runner));
            options.onOpen?.(state);
            return describePlan(state);
        });
        await (0,pipeline/* runSteps */.r)(list, opened.state, steps, { dryRun: options.dryRun });
    }
    catch (error) {
        if (!(0,cancel/* cancelledBy */.tK)())
            problems = (0,errors/* problemsOf */.GW)(error, steps.finished());
        if (!opened.state)
            for (const step of list)
                steps.add(step.name, 'not run');
    }
    finally {
        // no registry credentials stay on the runner, and the release lock is free again
        opened.state?.docker?.dispose();
        if (opened.state)
            await (0,lock/* releaseLocks */.wU)(opened.state);
    }
    return { state: opened.state ?? null, steps, problems };
}


/***/ })

};

//# sourceMappingURL=364.index.js.map