export const id = 613;
export const ids = [613];
export const modules = {

/***/ 3738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Se: () => (/* binding */ upload),
/* harmony export */   W$: () => (/* binding */ mintToken),
/* harmony export */   _J: () => (/* binding */ indexFiles),
/* harmony export */   eh: () => (/* binding */ waitUntilVisible),
/* harmony export */   ex: () => (/* binding */ nextFreeVersion)
/* harmony export */ });
/* unused harmony exports indexVersions, describeClaims, uploadCommand */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _pyproject_requirement_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2479);
/* harmony import */ var _version_pep440_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1405);
/* harmony import */ var _version_bump_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5326);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5625);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7911);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3618);
/**
 * The package index: what a version already holds (JSON API), waiting until an upload
 * is visible (bounded polling, never a fixed sleep), trusted publishing (OIDC), and
 * the upload itself (`uv publish` or `twine upload`, the token in the environment).
 */







const base = (pypiUrl) => pypiUrl.replace(/\/+$/, '');
const INDEX = 'the index';
const VERSION_JSON = (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .shape */ .cW)('a version of a project (PyPI JSON API)', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(v) && (v.urls === undefined || (Array.isArray(v.urls) && v.urls.every((u) => (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(u) && typeof u.filename === 'string'))));
const PROJECT_JSON = (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .shape */ .cW)('a project (PyPI JSON API)', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(v) && (v.releases === undefined || (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(v.releases)));
const AUDIENCE = (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .shape */ .cW)('an OIDC audience', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(v) && typeof v.audience === 'string');
const ID_TOKEN = (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .shape */ .cW)('an OIDC token', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(v) && typeof v.value === 'string');
const MINTED = (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .shape */ .cW)('a minted API token', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .Gv)(v) && typeof v.token === 'string');
/** The files of `name==version` on the index, or null when the index does not have that version. */
async function indexFiles(pypiUrl, name, version) {
    const url = `${base(pypiUrl)}/pypi/${(0,_pyproject_requirement_js__WEBPACK_IMPORTED_MODULE_5__/* .normalizeName */ .P)(name)}/${version}/json`;
    const res = await (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .request */ .Em)(url, { service: INDEX, json: true });
    if (res.status === 404)
        return null;
    if (res.status !== 200)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_NETWORK', `the index answered ${res.status} to GET ${(0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(url)}, not the JSON API's 200 or 404; a re-run resumes where this one stopped`);
    const data = res.json(VERSION_JSON);
    return (data.urls ?? []).map((u) => ({ filename: u.filename, sha256: u.digests?.sha256 ?? '' }));
}
/** Every version of a project on the index ([] when the project is unknown). */
async function indexVersions(pypiUrl, name) {
    const res = await (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .request */ .Em)(`${base(pypiUrl)}/pypi/${(0,_pyproject_requirement_js__WEBPACK_IMPORTED_MODULE_5__/* .normalizeName */ .P)(name)}/json`, { service: INDEX, json: true });
    if (res.status !== 200)
        return [];
    return Object.keys(res.json(PROJECT_JSON).releases ?? {});
}
/** The first patch version after `version` that the index does not have yet. */
async function nextFreeVersion(pypiUrl, name, version) {
    const taken = new Set((await indexVersions(pypiUrl, name)).map((v) => (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeVersion */ .Qj)(v) ?? v));
    const highest = [...taken, version].filter((v) => (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_1__/* .normalizeVersion */ .Qj)(v) !== null).sort(_version_pep440_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy).pop();
    let next = (0,_version_bump_js__WEBPACK_IMPORTED_MODULE_2__/* .nextVersion */ .yU)(highest, 'patch');
    while (taken.has(next))
        next = (0,_version_bump_js__WEBPACK_IMPORTED_MODULE_2__/* .nextVersion */ .yU)(next, 'patch');
    return next;
}
/**
 * Poll the JSON API until `name==version` lists every expected file, with backoff,
 * at most `attempts` times (PyPI's CDN can take a while; a fixed sleep either wastes
 * time or is too short).
 */
async function waitUntilVisible(pypiUrl, name, version, filenames, attempts = 8) {
    for (let i = 0; i < attempts; i++) {
        const files = await indexFiles(pypiUrl, name, version);
        if (files && filenames.every((f) => files.some((x) => x.filename === f)))
            return true;
        if (i < attempts - 1)
            await (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .sleep */ .yy)(Math.min(500 * 2 ** i, 15_000));
    }
    return false;
}
/**
 * Trusted publishing: the runner's OIDC token for the index's audience, exchanged for
 * a short-lived API token. Throws E_PYPI_AUTH with the claims the publisher must match.
 */
async function mintToken(pypiUrl, oidc) {
    if (!oidc) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_NO_PYPI_TOKEN', 'no pypi-token and no OIDC token available for trusted publishing');
    }
    const aud = await (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .request */ .Em)(`${base(pypiUrl)}/_/oidc/audience`, { service: INDEX, json: true });
    if (aud.status !== 200) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_PYPI_AUTH', `the index at ${(0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(pypiUrl)} does not offer trusted publishing (${aud.status} from /_/oidc/audience)`, {
            hint: 'Use an API token (`pypi-token`) for this index, or check `pypi-url`.'
        });
    }
    const audience = aud.json(AUDIENCE).audience;
    const sep = oidc.url.includes('?') ? '&' : '?';
    const id = await (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .request */ .Em)(`${oidc.url}${sep}audience=${encodeURIComponent(audience)}`, {
        service: "the runner's OIDC token service",
        json: true,
        headers: { authorization: `Bearer ${oidc.token}` }
    });
    if (id.status !== 200) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_PYPI_AUTH', `the runner refused an OIDC token (${id.status})`, {
            hint: 'Give the job `permissions: id-token: write`.'
        });
    }
    const jwt = id.json(ID_TOKEN).value;
    (0,_log_js__WEBPACK_IMPORTED_MODULE_6__/* .registerSecret */ .cl)(jwt);
    // a POST: when its answer is lost it is not sent again (the OIDC token is single-use);
    // the minted token expires unused and a re-run exchanges a fresh one
    const minted = await (0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .request */ .Em)(`${base(pypiUrl)}/_/oidc/mint-token`, {
        service: INDEX,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: jwt })
    });
    if (minted.status !== 200) {
        let reasons;
        try {
            const body = JSON.parse(minted.text);
            reasons = body.errors?.map((e) => `${e.code}: ${e.description}`).join('; ') ?? '';
        }
        catch {
            reasons = minted.text.slice(0, 200);
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_PYPI_AUTH', `the index refused the trusted-publishing exchange (${minted.status}): ${reasons}`, {
            hint: `The trusted publisher registered on the index must match these claims: ${describeClaims(jwt)}.`
        });
    }
    const token = minted.json(MINTED).token;
    (0,_log_js__WEBPACK_IMPORTED_MODULE_6__/* .registerSecret */ .cl)(token);
    return token;
}
/** The claims of an OIDC token that a trusted publisher is matched against (never the token). */
function describeClaims(jwt) {
    try {
        const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
        return ['repository', 'repository_owner', 'workflow_ref', 'job_workflow_ref', 'environment', 'ref']
            .filter((k) => claims[k] !== undefined && claims[k] !== '')
            .map((k) => `${k}=${String(claims[k])}`)
            .join(', ');
    }
    catch {
        return '(the OIDC token could not be decoded)';
    }
}
/** argv and environment of the upload; the token travels in the environment only. */
function uploadCommand(tool, uploadUrl, token, files) {
    if (tool.uv) {
        return {
            command: tool.uv,
            args: ['publish', '--publish-url', uploadUrl, '--trusted-publishing', 'never', ...files],
            env: { UV_PUBLISH_TOKEN: token }
        };
    }
    return {
        command: tool.python,
        args: ['-m', 'twine', 'upload', '--non-interactive', '--disable-progress-bar', '--repository-url', uploadUrl, ...files],
        env: { TWINE_USERNAME: '__token__', TWINE_PASSWORD: token }
    };
}
async function upload(tool, uploadUrl, token, files, cwd) {
    const cmd = uploadCommand(tool, uploadUrl, token, files);
    const r = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .exec */ .m0)(cmd.command, cmd.args, { cwd, env: cmd.env });
    if (r.status === 0)
        return;
    const output = `${r.stdout}\n${r.stderr}`;
    if (/\b403\b|Invalid or non-existent authentication|\b401\b/i.test(output)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_PYPI_AUTH', `the index at ${(0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(uploadUrl)} refused the credentials: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`);
    }
    if (/File already exists/i.test(output)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_PYPI_EXISTS', `the index already has a file of this name with other content: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`);
    }
    (0,_log_js__WEBPACK_IMPORTED_MODULE_6__/* .log */ .Rm)(output);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_BUILD', `upload to ${(0,_http_js__WEBPACK_IMPORTED_MODULE_4__/* .redact */ .E$)(uploadUrl)} failed: ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(r)}`, { hint: 'The upload tool\'s last error is shown above.' });
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

/***/ 3613:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verify: () => (/* binding */ verify)
/* harmony export */ });
/* harmony import */ var _adapters_python_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1188);
/* harmony import */ var _release_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5516);
/* harmony import */ var _release_checklist_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(53);
/**
 * `verify` — the release checklist's "After Release" part, read-only (release/checklist.ts, the same
 * checks as the release's last step): the index has every package version with its
 * files (with install-check, a fresh venv installs it), each image manifest resolves,
 * the tags are on origin, the releases are published.
 */



async function verify(inputs, runner) {
    const ctx = await (0,_release_context_js__WEBPACK_IMPORTED_MODULE_1__/* .openRelease */ .gS)(inputs, runner);
    const { plan } = ctx;
    const rows = await (0,_release_checklist_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseChecklist */ .E)(ctx, (0,_adapters_python_js__WEBPACK_IMPORTED_MODULE_0__/* .findPythonTools */ .tN)(inputs.pythonVersion, runner.env.PATH ?? ''), await ctx.github.releases(), null);
    const problems = (0,_release_checklist_js__WEBPACK_IMPORTED_MODULE_2__/* .checklistProblems */ .x)(rows);
    const tags = plan.targets.map((t) => t.tag).join(', ');
    return {
        command: 'verify',
        headline: problems.length ? `verify: ${problems.length} of ${rows.length} checks failed for ${tags}` : `verify: ${tags} — all ${rows.length} checks passed`,
        problems,
        outputs: { version: plan.version, tags: JSON.stringify(plan.targets.map((t) => t.tag)) },
        table: { header: ['Check', 'Status', 'Detail'], rows: rows.map((r) => [r.what, r.ok ? 'ok' : 'missing', r.detail]) },
        notices: []
    };
}


/***/ }),

/***/ 53:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ releaseChecklist),
/* harmony export */   x: () => (/* binding */ checklistProblems)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _adapters_pypi_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3738);
/* harmony import */ var _adapters_python_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1188);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7887);
/**
 * The "After Release" checklist, one for `verify` and for the release's last step:
 * each package version is on the index with its files (polled after an upload — the
 * index can take a moment), optionally installs into a fresh venv, each image tag
 * resolves (to the pushed digest when known), each tag is on origin (at the release
 * commit when known), each GitHub Release is published (not a draft).
 */




async function releaseChecklist(ctx, tools, releases, shipped) {
    const { inputs, plan, registry, git, runner } = ctx;
    const version = plan.version;
    const rows = [];
    const tags = await git.remoteTags();
    for (const target of plan.targets) {
        for (const pkg of target.packages) {
            const expected = shipped?.files.get(pkg.name) ?? [];
            // right after an upload the index may not show it yet: poll, bounded
            if (shipped)
                await (0,_adapters_pypi_js__WEBPACK_IMPORTED_MODULE_1__/* .waitUntilVisible */ .eh)(inputs.pypiUrl, pkg.name, version, expected);
            const files = (await (0,_adapters_pypi_js__WEBPACK_IMPORTED_MODULE_1__/* .indexFiles */ ._J)(inputs.pypiUrl, pkg.name, version)) ?? [];
            const missing = expected.filter((f) => !files.some((x) => x.filename === f));
            const ok = files.length > 0 && missing.length === 0;
            rows.push({
                what: `${pkg.name} ${version} on the index`,
                ok,
                detail: ok ? files.map((f) => f.filename).join(', ') : files.length ? `missing ${missing.join(', ')} on ${pkg.pypiUrl}` : `not on ${pkg.pypiUrl}`
            });
            if (ok && inputs.installCheck) {
                const outcome = await (0,_adapters_python_js__WEBPACK_IMPORTED_MODULE_2__/* .installCheck */ .e_)(tools, inputs.pythonVersion, inputs.pypiUrl, `${pkg.name}==${version}`, target.smoke, runner.tempDir);
                rows.push({ what: `pip install ${pkg.name}==${version} (fresh venv)`, ok: outcome.ok, detail: outcome.detail });
            }
        }
        for (const image of target.images) {
            const expected = shipped?.images.get(image.ref);
            for (const tag of expected?.tags ?? [(0,_images_js__WEBPACK_IMPORTED_MODULE_3__/* .dockerVersionTag */ .Fq)(version)]) {
                const digest = await registry.digest(image.repository, tag);
                const ok = digest !== null && (!expected?.digest || digest === expected.digest);
                rows.push({
                    what: `image ${image.ref}:${tag}`,
                    ok,
                    detail: ok ? digest : digest ? `points at ${digest}, not the pushed ${expected?.digest}` : 'no such manifest in the registry'
                });
            }
        }
        const tagged = tags.get(target.tag);
        const tagOk = !!tagged && (!shipped || tagged === shipped.sha);
        rows.push({
            what: `tag ${target.tag} on origin`,
            ok: tagOk,
            detail: tagged ? (tagOk ? tagged.slice(0, 12) : `at ${tagged.slice(0, 12)}, not the release commit ${shipped?.sha.slice(0, 12)}`) : 'not on origin'
        });
        const rel = releases.find((r) => r.tag_name === target.tag);
        rows.push({ what: `GitHub release ${target.tag}`, ok: !!rel && !rel.draft, detail: rel ? (rel.draft ? 'still a draft' : rel.html_url) : 'no release' });
    }
    return rows;
}
function checklistProblems(rows) {
    return rows.filter((r) => !r.ok).map((r) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_VERIFY', `${r.what}: ${r.detail}`));
}


/***/ })

};

//# sourceMappingURL=613.index.js.map