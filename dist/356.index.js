export const id = 356;
export const ids = [356];
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

/***/ 1356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rollback: () => (/* binding */ rollback),
/* harmony export */   yankAdvice: () => (/* binding */ yankAdvice)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _release_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5516);
/* harmony import */ var _release_images_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7887);
/* harmony import */ var _adapters_pypi_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3738);
/* harmony import */ var _version_pep440_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1405);
/* harmony import */ var _pyproject_requirement_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2479);
/* harmony import */ var _release_pipeline_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4875);
/**
 * `rollback` — the release checklist's "Rollback" for an explicit version: delete the GitHub
 * Release and the tag, mark each image `{version}-broken` and move `{major}.{minor}`
 * and `latest` off it, and say how to yank on PyPI (which has no yank API). Every
 * step reports done / already done, so a rollback can be re-run; dry-run changes nothing.
 */







/** Where to yank a release by hand (PyPI has no yank API). */
function yankAdvice(pypiUrl, name, version) {
    const host = new URL(pypiUrl).host;
    if (host === 'pypi.org' || host === 'test.pypi.org') {
        return `yank ${name} ${version} at https://${host}/manage/project/${(0,_pyproject_requirement_js__WEBPACK_IMPORTED_MODULE_6__/* .normalizeName */ .P)(name)}/release/${version}/ (Options → Yank)`;
    }
    return `yank or delete ${name} ${version} with the tools of the index at ${pypiUrl} (PyPI-compatible indexes have no common yank API)`;
}
async function rollback(inputs, runner) {
    if (!inputs.version) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', 'rollback needs an explicit version: the released version to roll back', {
            hint: 'e.g. `pyship rollback platform 2.0.0`; rollback never guesses which release is bad.'
        });
    }
    const { repo, git, github, registry, plan } = await (0,_release_context_js__WEBPACK_IMPORTED_MODULE_1__/* .openRelease */ .gS)(inputs, runner);
    const steps = new _release_pipeline_js__WEBPACK_IMPORTED_MODULE_5__/* .StepLog */ .J();
    const notices = [];
    const act = async (what, needed, run, already = 'nothing to do') => {
        if (!needed)
            return steps.add(what, 'already done', already);
        if (inputs.dryRun)
            return steps.add(what, 'would run');
        await steps.run(what, async () => ({ status: 'done', detail: (await run()) ?? '' }));
    };
    const releases = await github.releases();
    const tags = await git.remoteTags();
    for (const target of plan.targets) {
        const rel = releases.find((r) => r.tag_name === target.tag);
        await act(`delete GitHub release ${target.tag}`, !!rel, async () => {
            await github.deleteRelease(rel.id);
        }, 'no such release');
        await act(`delete tag ${target.tag} on origin`, tags.has(target.tag), async () => {
            await git.deleteRemoteTag(target.tag);
        }, 'no such tag');
        if (rel || tags.has(target.tag)) {
            notices.push(`repositories with immutable releases never let ${target.tag} be used again: release the fix as a new version`);
        }
        for (const image of target.images)
            await rollbackImage(registry, inputs, image, plan.version, repo.config.brokenSuffix, act, steps, notices);
        for (const pkg of target.packages) {
            const next = await (0,_adapters_pypi_js__WEBPACK_IMPORTED_MODULE_3__/* .nextFreeVersion */ .ex)(inputs.pypiUrl, pkg.name, plan.version).catch(() => null);
            steps.add(`yank ${pkg.name} ${plan.version} on the index`, 'not possible', 'PyPI has no yank API');
            notices.push(`${yankAdvice(inputs.pypiUrl, pkg.name, plan.version)}; the next safe version is ${next ?? 'the next patch version'}`);
        }
    }
    return {
        command: 'rollback',
        headline: `rollback of ${plan.targets.map((t) => t.tag).join(', ')}${inputs.dryRun ? ' (dry run: nothing changed)' : ''}: ${steps.records.filter((s) => s.status === 'done').length} done, ${steps.records.filter((s) => s.status === 'already done').length} already done`,
        problems: [],
        outputs: { version: plan.version, tags: JSON.stringify(plan.targets.map((t) => t.tag)) },
        table: { header: ['Step', 'Status', 'Detail'], rows: steps.records.map((s) => [s.step, s.status, s.detail]) },
        notices
    };
}
async function rollbackImage(registry, inputs, image, version, brokenSuffix, act, steps, notices) {
    const { repository, ref: name } = image;
    const versionTag = (0,_release_images_js__WEBPACK_IMPORTED_MODULE_2__/* .dockerVersionTag */ .Fq)(version);
    const bad = await registry.digest(repository, versionTag);
    if (!bad)
        return act(`mark ${name}:${versionTag} broken`, false, async () => undefined, 'no such image');
    const brokenTag = `${versionTag}${brokenSuffix}`;
    await act(`mark ${name}:${versionTag} as ${brokenTag}`, (await registry.digest(repository, brokenTag)) !== bad, () => registry.tag(repository, bad, brokenTag), 'already marked');
    // the good versions left, without this one (which is broken now, or will be after a dry run)
    const existing = await registry.tags(repository);
    const good = [...(0,_release_images_js__WEBPACK_IMPORTED_MODULE_2__/* .goodVersionTags */ .Th)([...existing, brokenTag], brokenSuffix).entries()].filter(([, v]) => (0,_release_images_js__WEBPACK_IMPORTED_MODULE_2__/* .stable */ .mz)(v));
    const [major, minor = 0] = (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .parseVersion */ .ot)(version)?.release ?? [];
    const moving = [
        [`${major}.${minor}`, good.filter(([, v]) => ((0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .parseVersion */ .ot)(v)?.release[0] ?? -1) === major && ((0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .parseVersion */ .ot)(v)?.release[1] ?? 0) === minor)],
        ['latest', good]
    ];
    for (const [tag, pool] of moving) {
        if ((await registry.digest(repository, tag)) !== bad) {
            await act(`move ${name}:${tag} off ${versionTag}`, false, async () => undefined, `${tag} does not point at ${versionTag}`);
            continue;
        }
        const best = pool.sort((a, b) => (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .compareVersions */ .Zy)(a[1], b[1])).pop();
        if (best) {
            await act(`move ${name}:${tag} to ${best[0]}`, true, async () => {
                await registry.tag(repository, (await registry.digest(repository, best[0])), tag);
                return `${tag} → ${best[0]}`;
            });
        }
        else if (inputs.dryRun) {
            await act(`delete ${name}:${tag} (no good version left)`, true, async () => undefined);
        }
        else if (await registry.deleteTag(repository, tag)) {
            steps.add(`delete ${name}:${tag} (no good version left)`, 'done', 'deleted');
        }
        else {
            steps.add(`delete ${name}:${tag} (no good version left)`, 'not possible', 'the registry cannot delete a tag alone');
            notices.push(`${inputs.registry} cannot delete the tag ${repository}:${tag} alone: it still points at the broken ${versionTag}; delete it in the registry (for ghcr.io: the package's settings)`);
        }
    }
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


/***/ })

};

//# sourceMappingURL=356.index.js.map