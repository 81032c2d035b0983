export const id = 782;
export const ids = [782];
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

/***/ 6090:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ky: () => (/* binding */ makeLatest),
/* harmony export */   MW: () => (/* binding */ releasesOfTag),
/* harmony export */   W8: () => (/* binding */ previousTag),
/* harmony export */   ul: () => (/* binding */ releaseBody)
/* harmony export */ });
/* unused harmony exports BODY_LIMIT, imagesSection */
/* harmony import */ var _version_pep440_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1405);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8325);


/** GitHub refuses release bodies longer than this many characters. */
const BODY_LIMIT = 125_000;
/**
 * The releases of `tag`: this commit's own (published first, then the oldest draft) and
 * every other one — drafts of another commit or extra drafts are leftovers of runs that
 * raced or crashed, never to be published beside ours.
 */
function releasesOfTag(releases, tag, sha) {
    const all = releases.filter((r) => r.tag_name === tag);
    const mine = all.filter((r) => r.target_commitish === sha).sort((a, b) => Number(a.draft) - Number(b.draft) || a.id - b.id);
    const ours = mine[0] ?? null;
    const foreign = all.filter((r) => r.target_commitish !== sha);
    const strays = all.filter((r) => r !== ours && r.draft);
    return { ours, foreign, strays };
}
/** Whether this version should be GitHub's latest release (`latest: auto`). */
function makeLatest(latest, target, version, releases) {
    if (latest !== 'auto')
        return latest;
    if (!target.githubLatest || target.prerelease)
        return 'false';
    const stable = releases
        .filter((r) => !r.draft && !r.prerelease)
        .map((r) => (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .versionFromTag */ .bp)(target.tagTemplate, r.tag_name))
        .filter((v) => v !== null && !((0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(v)?.isPrerelease ?? true));
    return stable.every((v) => (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(version, v) >= 0) ? 'true' : 'false';
}
/** The highest released tag of this target below `version` (where generated notes start). */
function previousTag(target, version, releases) {
    return releases
        .filter((r) => !r.draft)
        .map((r) => ({ tag: r.tag_name, v: (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .versionFromTag */ .bp)(target.tagTemplate, r.tag_name) }))
        .filter((x) => x.v !== null && (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(x.v, version) < 0)
        .sort((a, b) => (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(a.v, b.v))
        .pop()?.tag;
}
/** The release notes' list of images: every reference with its digest, and how to pull it. */
function imagesSection(images) {
    const lines = ['## Images', ''];
    for (const img of images)
        lines.push(`- \`${img.ref}@${img.digest}\` (tags: ${img.tags.join(', ')})`);
    lines.push('', '```bash', ...images.map((img) => `docker pull ${img.ref}:${img.tags[0]}`), '```');
    return lines.join('\n');
}
/**
 * The release body: the notes, then the images. Notes too long for GitHub are cut
 * (at a line break) with a link to the full changelog; the images list always stays.
 */
function releaseBody(notes, images, changelogUrl) {
    const tail = images.length ? `\n\n${imagesSection(images)}` : '';
    if (notes.length + tail.length <= BODY_LIMIT)
        return `${notes}${tail}`;
    const more = `\n\n… (cut: the notes are longer than a GitHub Release allows)${changelogUrl ? ` — the full notes: ${changelogUrl}` : ''}`;
    let cut = notes.slice(0, Math.max(0, BODY_LIMIT - tail.length - more.length));
    const lastBreak = cut.lastIndexOf('\n');
    if (lastBreak > cut.length / 2)
        cut = cut.slice(0, lastBreak);
    return `${cut}${more}${tail}`;
}


/***/ }),

/***/ 8782:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ preflight)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _adapters_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7911);
/* harmony import */ var _adapters_dockerfile_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7196);
/* harmony import */ var _adapters_pypi_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3738);
/* harmony import */ var _pyproject_package_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2848);
/* harmony import */ var _monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7291);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(4722);
/* harmony import */ var _github_release_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6090);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4702);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7887);
/**
 * 2. preflight — read-only, before anything is built, every problem together: clean
 * work tree, allowed branch, versions in the files, tags, the index, the registry
 * (login and the right to push), credentials. It also learns what a previous run of
 * this commit already did, so later steps resume instead of repeating it.
 */











function branchAllowed(branch, defaultBranch) {
    return branch !== null && (branch === defaultBranch || branch.startsWith('hotfix/'));
}
const preflight = {
    name: 'preflight',
    readOnly: true,
    async run(state) {
        const { inputs, runner, git, github, registry, repo, plan, sha } = state;
        const problems = [];
        const collect = async (fn) => {
            try {
                await fn();
            }
            catch (error) {
                if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB))
                    throw error;
                problems.push(...(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .toProblems */ .ek)(error));
            }
        };
        const dirty = await git.dirtyFiles();
        if (dirty.length > 0) {
            const shown = dirty.slice(0, 20).join(', ') + (dirty.length > 20 ? `, … (${dirty.length} in all)` : '');
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_DIRTY_TREE', `the work tree has uncommitted changes: ${shown}`));
        }
        const branch = runner.refType === 'branch' && runner.refName ? runner.refName : await git.currentBranch();
        let defaultBranch = await git.defaultBranch();
        await collect(async () => {
            const info = await github.repo();
            defaultBranch = info.default_branch ?? defaultBranch;
            state.releases = await github.releases();
        });
        if (!branchAllowed(branch, defaultBranch)) {
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_BRANCH', `releasing from ${branch ? `branch ${branch}` : 'a detached HEAD'} is not allowed: release from ${defaultBranch ?? 'the default branch'} or a hotfix/* branch`));
        }
        problems.push(...(0,_monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_6__/* .checkVersions */ .OR)(repo, { component: plan.component, version: plan.version }).problems);
        await collect(async () => checkTempDir(runner.tempDir));
        const hasImages = state.targets.some((t) => t.images.length > 0);
        // the registry login first: when it is refused, looking up every image would only repeat that
        let registryOk = !hasImages;
        if (hasImages) {
            await collect(async () => {
                await registry.checkLogin(state.targets.flatMap((t) => t.images)[0].plan.repository);
                registryOk = true;
            });
        }
        let originTags = new Map();
        await collect(async () => {
            originTags = await git.remoteTags();
        });
        const needCredentials = [];
        const self = (0,_lock_js__WEBPACK_IMPORTED_MODULE_8__.me)(state);
        for (const target of state.targets) {
            await collect(async () => {
                const held = await (0,_lock_js__WEBPACK_IMPORTED_MODULE_8__/* .inspectLock */ .WW)(git, target.plan.tag, self);
                if (held && !held.take) {
                    problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_RELEASE_IN_PROGRESS', `another run is releasing ${target.plan.tag}: ${held.holder ? (0,_lock_js__WEBPACK_IMPORTED_MODULE_10__/* .describeHolder */ .sG)(held.holder) : 'a run pyship cannot identify'} (${held.why})`));
                }
            });
            const owned = learnTarget(state, target, originTags, problems);
            for (const pkg of target.packages) {
                await collect(async () => {
                    pkg.onIndex = await (0,_adapters_pypi_js__WEBPACK_IMPORTED_MODULE_4__/* .indexFiles */ ._J)(inputs.pypiUrl, pkg.plan.name, plan.version);
                });
                if (pkg.onIndex !== null && !owned) {
                    const next = await (0,_adapters_pypi_js__WEBPACK_IMPORTED_MODULE_4__/* .nextFreeVersion */ .ex)(inputs.pypiUrl, pkg.plan.name, plan.version).catch(() => 'the next patch version');
                    problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_PYPI_EXISTS', `${pkg.plan.name} ${plan.version} is already on the index (${pkg.plan.pypiUrl}) and no release of ${target.plan.tag} by this commit records it`, undefined, `Version already exists on PyPI: PyPI versions are immutable. Bump to the next version: \`pyship bump ${target.plan.group} ${next}\`, commit, push, release ${next}.`));
                }
                if (pkg.onIndex === null)
                    needCredentials.push(pkg.plan.name);
            }
            for (const image of target.images) {
                const missing = (0,_adapters_dockerfile_js__WEBPACK_IMPORTED_MODULE_3__/* .missingContextFiles */ .Px)(image.plan.context, image.plan.dockerfile);
                if (missing.length > 0) {
                    problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_DOCKER_BUILD', `image ${image.plan.name} cannot build: ${missing.join('; ')}`, { file: (0,_pyproject_package_js__WEBPACK_IMPORTED_MODULE_5__/* .relativeFile */ .N$)(repo.paths, image.plan.dockerfile) }, `Docker build fails in CI: every file the Dockerfile COPYs/ADDs must exist in the context ${(0,_pyproject_package_js__WEBPACK_IMPORTED_MODULE_5__/* .relativeFile */ .N$)(repo.paths, image.plan.context)}/ and not be excluded by .dockerignore; also check the Dockerfile syntax and stale build cache.`));
                }
                if (!registryOk)
                    continue;
                await collect(async () => {
                    image.tags = (0,_images_js__WEBPACK_IMPORTED_MODULE_9__/* .imageTags */ .rK)(plan.version, await registry.tags(image.plan.repository), inputs.latest, repo.config.brokenSuffix);
                    const existing = await registry.digest(image.plan.repository, (0,_images_js__WEBPACK_IMPORTED_MODULE_9__/* .dockerVersionTag */ .Fq)(plan.version));
                    if (existing === null)
                        return;
                    const labels = await registry.labels(image.plan.repository, existing);
                    if (labels['org.opencontainers.image.revision'] === sha)
                        image.pushed = existing;
                    else {
                        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_IMAGE_EXISTS', `${image.plan.ref}:${(0,_images_js__WEBPACK_IMPORTED_MODULE_9__/* .dockerVersionTag */ .Fq)(plan.version)} already exists with other content (revision ${labels['org.opencontainers.image.revision']?.slice(0, 12) ?? 'unknown'}, not ${sha.slice(0, 12)})`));
                    }
                });
            }
        }
        // a release from dist-dir builds no image: the registry API joins what the build jobs pushed
        if (hasImages && !inputs.distDir) {
            const docker = await (0,_adapters_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .exec */ .m0)('docker', ['version', '--format', '{{.Server.Version}}'], { cwd: inputs.workingDirectory, quiet: true });
            if (docker.status !== 0)
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_DOCKER_BUILD', `docker is not usable here: ${(0,_adapters_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .lastLines */ .w$)(docker, 2)}`, undefined, 'Images are built with the Docker CLI and a running daemon (ubuntu-latest runners have both).'));
        }
        if (needCredentials.length > 0 && !inputs.pypiToken && !runner.oidc) {
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_NO_PYPI_TOKEN', `no PyPI credentials to upload ${needCredentials.join(', ')}: \`pypi-token\` is empty and trusted publishing is not available (no OIDC token)`));
        }
        if (problems.length > 0)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .fromProblems */ .j9)(problems);
        const resuming = state.targets.some((s) => s.release || s.remoteTag || s.packages.some((x) => x.onIndex));
        return { status: 'done', detail: `${sha.slice(0, 12)} on ${branch}${resuming ? "; resuming this commit's release" : ''}` };
    }
};
/**
 * What origin and GitHub hold for a target's tag. Returns whether that is this
 * commit's own (half-finished or finished) release; another commit's is a problem.
 */
function learnTarget(state, target, originTags, problems) {
    const { sha } = state;
    const remoteTag = originTags.get(target.plan.tag) ?? null;
    const { ours, foreign } = (0,_github_release_js__WEBPACK_IMPORTED_MODULE_7__/* .releasesOfTag */ .MW)(state.releases, target.plan.tag, sha);
    target.release = ours;
    target.remoteTag = remoteTag;
    if (remoteTag && remoteTag !== sha) {
        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_TAG_EXISTS', `tag ${target.plan.tag} already exists on origin at ${remoteTag.slice(0, 12)}, not the release commit ${sha.slice(0, 12)}`));
        return false;
    }
    // another commit's draft is a leftover (record intent removes it); its published release is not
    const published = foreign.find((r) => !r.draft);
    if (published && remoteTag !== sha) {
        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_TAG_EXISTS', `a GitHub release for ${target.plan.tag} already exists for ${published.target_commitish}, not the release commit ${sha.slice(0, 12)}`));
        return false;
    }
    return ours !== null || remoteTag === sha;
}
/** Builds go below the runner's temporary directory: it must be writable before anything is built. */
function checkTempDir(dir) {
    try {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir).isDirectory())
            throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(dir, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.W_OK);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_BUILD', `the temporary directory ${dir} is not writable (${error.code ?? String(error)})`, {
            hint: 'pyship builds outside the work tree, in RUNNER_TEMP (or the system temporary directory): make it writable, or point RUNNER_TEMP at a writable directory.'
        });
    }
}


/***/ })

};

//# sourceMappingURL=782.index.js.map