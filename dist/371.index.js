export const id = 371;
export const ids = [371];
export const modules = {

/***/ 1752:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RELEASE_STEPS: () => (/* binding */ RELEASE_STEPS),
  release: () => (/* binding */ release)
});

// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/release/report.ts
var report = __webpack_require__(9823);
// EXTERNAL MODULE: ./src/release/steps/run.ts + 1 modules
var run = __webpack_require__(8868);
// EXTERNAL MODULE: ./src/release/steps/preflight.ts
var preflight = __webpack_require__(8782);
// EXTERNAL MODULE: ./src/release/steps/lock.ts
var lock = __webpack_require__(4702);
// EXTERNAL MODULE: ./src/adapters/python.ts
var python = __webpack_require__(1188);
// EXTERNAL MODULE: ./src/release/state.ts
var release_state = __webpack_require__(7648);
;// CONCATENATED MODULE: ./src/release/steps/test.ts
/** 3. test — each package's tests (`uv run pytest`, or `python -m pytest`), once per package. */


const test = {
    name: 'test',
    alreadyDone: release_state/* finishedRelease */.kX,
    async run(state) {
        const { inputs, tools, notices } = state;
        if (!inputs.runTests)
            return { status: 'skipped', detail: 'run-tests is false' };
        const ran = [];
        const seen = new Set();
        for (const t of state.targets) {
            if (t.plan.tests === 'skip')
                continue;
            for (const pkg of t.plan.tested) {
                if (seen.has(pkg.dir))
                    continue;
                seen.add(pkg.dir);
                const outcome = await (0,python/* runTests */.N$)(tools, inputs.pythonVersion, { dir: pkg.absDir, name: pkg.name, requiresPython: pkg.requiresPython }, t.plan.tests === 'optional');
                if (!`${outcome.python}.`.startsWith(`${inputs.pythonVersion}.`)) {
                    notices.push(`tests of ${pkg.name} ran with Python ${outcome.python}, not python-version ${inputs.pythonVersion} (${tools.python} was the closest interpreter on PATH; install uv or python${inputs.pythonVersion})`);
                }
                ran.push(`${pkg.name}: ${outcome.status} (Python ${outcome.python})`);
            }
        }
        return ran.length ? { status: 'done', detail: ran.join('; ') } : { status: 'skipped', detail: 'tests = "skip"' };
    }
};

// EXTERNAL MODULE: ./src/release/steps/build.ts + 4 modules
var build = __webpack_require__(2966);
// EXTERNAL MODULE: ./src/release/github-release.ts
var github_release = __webpack_require__(6090);
// EXTERNAL MODULE: ./src/release/lock.ts
var release_lock = __webpack_require__(4722);
;// CONCATENATED MODULE: ./src/release/steps/record-intent.ts




const recordIntent = {
    name: 'record intent',
    alreadyDone: release_state/* finishedRelease */.kX,
    async run(state) {
        await (0,lock/* assertLocksHeld */.QG)(state);
        const { github, sha } = state;
        state.releases = await github.releases();
        const created = [];
        const removed = [];
        for (const t of state.targets) {
            const { ours, strays } = (0,github_release/* releasesOfTag */.MW)(state.releases, t.plan.tag, sha);
            for (const stray of strays) {
                await github.deleteRelease(stray.id);
                removed.push(`${t.plan.tag} (draft ${stray.id} of ${stray.target_commitish.slice(0, 12)})`);
            }
            t.release = ours;
            if (t.release)
                continue;
            t.release = await github.createRelease({
                tag_name: t.plan.tag,
                target_commitish: sha,
                name: t.plan.releaseName,
                body: `Release of ${t.plan.tag} in progress (pyship): ${(0,release_lock/* describeHolder */.sG)((0,lock.me)(state))}.`,
                draft: true,
                prerelease: t.plan.prerelease
            });
            created.push(t.plan.tag);
        }
        const detail = [created.length ? `draft releases ${created.join(', ')}` : 'the releases exist', ...(removed.length ? [`removed leftover drafts ${removed.join(', ')}`] : [])].join('; ');
        return { status: created.length || removed.length ? 'done' : 'already done', detail };
    }
};

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/adapters/pypi.ts
var pypi = __webpack_require__(3738);
// EXTERNAL MODULE: ./src/release/images.ts
var release_images = __webpack_require__(7887);
;// CONCATENATED MODULE: ./src/release/steps/publish.ts
/**
 * 6. publish — the irreversible part, only after everything was built and checked:
 * upload what the index does not have yet (one upload per dependency level), push each image's
 * version tag, then point its other tags (`2.0`, `latest`) at that very manifest.
 */





const publish = {
    name: 'publish',
    alreadyDone: release_state/* finishedRelease */.kX,
    async run(state) {
        await (0,lock/* assertLocksHeld */.QG)(state);
        const { inputs, runner, plan, registry, login, tools } = state;
        const done = [];
        const pending = (0,release_state/* allPackages */.$d)(state).filter((x) => x.toUpload.length > 0);
        if (pending.length > 0) {
            const token = inputs.pypiToken || (await (0,pypi/* mintToken */.W$)(inputs.pypiUrl, runner.oidc));
            // one upload per dependency level, in order: a package never reaches the index before one it needs
            for (const level of [...new Set(pending.map((x) => x.plan.level))].sort((a, b) => a - b)) {
                await (0,pypi/* upload */.Se)(tools, inputs.pypiUploadUrl, token, pending.filter((x) => x.plan.level === level).flatMap((x) => x.toUpload), inputs.workingDirectory);
            }
            done.push(...pending.flatMap((x) => x.toUpload.map((f) => external_node_path_default().basename(f))));
        }
        const versionTag = (0,release_images/* dockerVersionTag */.Fq)(plan.version);
        let loggedIn = false;
        for (const img of (0,release_state/* allImages */.W7)(state)) {
            if (img.pushed)
                img.digest = img.pushed;
            else if (img.joined)
                img.digest = img.joined;
            else if (img.parts.length > 0) {
                // the per-platform images pushed by digest become one OCI index; only the index gets tags
                img.digest = await registry.putIndex(img.plan.repository, img.parts.map((p) => p.digest));
                done.push(`${img.plan.repository}@${img.digest.slice(0, 19)}… (index of ${img.parts.map((p) => p.platform).join(', ')})`);
            }
            else {
                const docker = state.docker;
                if (!loggedIn) {
                    await docker.login(login.host, login.username, login.password, inputs.workingDirectory);
                    loggedIn = true;
                }
                img.digest = await docker.push(`${img.plan.ref}:${versionTag}`, inputs.workingDirectory);
                done.push(`${img.plan.repository}:${versionTag}`);
            }
            // every tag points at the very manifest of the version tag (also on a resumed run), the version tag first
            for (const tag of img.tags) {
                if ((await registry.digest(img.plan.repository, tag)) === img.digest)
                    continue;
                await registry.tag(img.plan.repository, img.digest, tag);
                done.push(`${img.plan.repository}:${tag}`);
            }
        }
        const pages = (0,release_state/* allPackages */.$d)(state).map((x) => x.plan.pypiUrl);
        const where = pages.length ? ` — ${pages.join(' ')}` : '';
        if (done.length === 0)
            return { status: 'already done', detail: `every file and image is published${where}` };
        state.released = true;
        return { status: 'done', detail: `${done.join(', ')}${where}` };
    }
};

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/pyproject/package.ts
var pyproject_package = __webpack_require__(2848);
// EXTERNAL MODULE: ./src/version/pep440.ts
var pep440 = __webpack_require__(1405);
;// CONCATENATED MODULE: ./src/release/changelog.ts
/**
 * Release notes from a CHANGELOG.md: the section for one version, with Keep a
 * Changelog headings (`## [1.4.0] - 2026-10-01`, `## 1.4.0`, `## v1.4.0 (date)`).
 */

function changelogSection(text, version) {
    const want = (0,pep440/* normalizeVersion */.Qj)(version);
    const lines = text.split(/\r?\n/);
    let start = -1;
    let level = 0;
    for (let i = 0; i < lines.length; i++) {
        const m = /^(#{1,3})\s+\[?v?([^\]\s]+)\]?/.exec(lines[i]);
        if (!m)
            continue;
        if (start >= 0 && m[1].length <= level)
            return trimSection(lines.slice(start + 1, i));
        if (start < 0 && (0,pep440/* normalizeVersion */.Qj)(m[2]) !== null && (0,pep440/* normalizeVersion */.Qj)(m[2]) === want) {
            start = i;
            level = m[1].length;
        }
    }
    return start >= 0 ? trimSection(lines.slice(start + 1)) : null;
}
function trimSection(lines) {
    // drop link reference definitions at the end ([1.4.0]: https://…)
    const body = lines.filter((l) => !/^\[[^\]]+\]:\s*\S+/.test(l)).join('\n').trim();
    return body === '' ? null : body;
}

;// CONCATENATED MODULE: ./src/release/steps/tag-and-release.ts
/**
 * 7. tag and release — the annotated tag pushed to origin, then the draft release
 * gets its notes (the changelog section, else GitHub's generated notes), the images
 * with their digests, the prerelease flag, and is published (latest per `latest`).
 */






async function notesOf(state, t) {
    const file = t.plan.changelog;
    const section = file ? changelogSection((0,external_node_fs_.readFileSync)(file, 'utf8'), state.plan.version) : null;
    return section ?? state.github.generateNotes(t.plan.tag, state.sha, (0,github_release/* previousTag */.W8)(t.plan, state.plan.version, state.releases));
}
const tagAndRelease = {
    name: 'tag and release',
    alreadyDone: release_state/* finishedRelease */.kX,
    async run(state) {
        await (0,lock/* assertLocksHeld */.QG)(state);
        const { inputs, runner, git, github, plan, sha, repository } = state;
        const did = [];
        for (const t of state.targets) {
            if (t.remoteTag !== sha) {
                await git.pushAnnotatedTag(t.plan.tag, sha, t.plan.releaseName);
                t.remoteTag = sha;
                did.push(`tag ${t.plan.tag}`);
                state.released = true;
            }
            const rel = t.release;
            const changelogUrl = t.plan.changelog ? `${runner.serverUrl}/${repository}/blob/${sha}/${(0,pyproject_package/* relativeFile */.N$)(state.repo.paths, t.plan.changelog)}` : null;
            const body = (0,github_release/* releaseBody */.ul)(await notesOf(state, t), t.images.map((i) => ({ ref: i.plan.ref, digest: i.digest, tags: i.tags })), changelogUrl);
            const latest = (0,github_release/* makeLatest */.Ky)(inputs.latest, t.plan, plan.version, state.releases.filter((r) => r.id !== rel.id));
            if (rel.draft || rel.body !== body || rel.name !== t.plan.releaseName || rel.prerelease !== t.plan.prerelease) {
                t.release = await github.updateRelease(rel.id, { name: t.plan.releaseName, body, draft: false, prerelease: t.plan.prerelease, make_latest: latest });
                did.push(`release ${t.plan.tag}${latest === 'true' ? ' (latest)' : ''}`);
                state.released = true;
            }
        }
        const urls = state.targets.map((t) => t.release?.html_url).filter(Boolean).join(' ');
        return did.length ? { status: 'done', detail: `${did.join(', ')} — ${urls}` } : { status: 'already done', detail: `tags and releases are published — ${urls}` };
    }
};

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/release/checklist.ts
var checklist = __webpack_require__(53);
;// CONCATENATED MODULE: ./src/release/steps/verify.ts
/** 8. verify — the "After Release" checklist over what this run shipped (release/checklist.ts). */



const verify = {
    name: 'verify',
    async run(state) {
        const shipped = {
            sha: state.sha,
            files: new Map(state.targets.flatMap((t) => t.packages.map((p) => [p.plan.name, p.built.map((f) => external_node_path_default().basename(f))]))),
            images: new Map(state.targets.flatMap((t) => t.images.map((i) => [i.plan.ref, { tags: i.tags, digest: i.digest }])))
        };
        const releases = state.targets.map((t) => t.release).filter((r) => r !== null);
        const problems = (0,checklist/* checklistProblems */.x)(await (0,checklist/* releaseChecklist */.E)(state, state.tools, releases, shipped));
        if (problems.length > 0)
            throw (0,errors/* fromProblems */.j9)(problems);
        return { status: 'done', detail: 'index, images, tags and releases show the release' };
    }
};

;// CONCATENATED MODULE: ./src/commands/release.ts
/**
 * `release` (SPEC §4): the release as an ordered list of named steps over one state.
 * Each step (src/release/steps/) first looks at the real state, then acts or reports
 * "already done", so a re-run after a crash finishes the release and a re-run after
 * success changes nothing. Whatever happens — a coded failure, an unforeseen error
 * (E_INTERNAL), a cancellation — the result carries the table of the steps so far.
 */











/** After `plan` (which builds the state), in this order; a dry run stops after preflight. */
const RELEASE_STEPS = [preflight/* preflight */.M, lock/* lock */.s2, test, build/* build */.jq, recordIntent, publish, tagAndRelease, verify];
async function release(inputs, runner) {
    const { state, steps, problems } = await (0,run/* runReleaseSteps */.m)(inputs, runner, RELEASE_STEPS, { dryRun: inputs.dryRun });
    return (0,report/* releaseResult */.L)(inputs, state, steps, problems, (0,cancel/* cancelledBy */.tK)());
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

//# sourceMappingURL=371.index.js.map