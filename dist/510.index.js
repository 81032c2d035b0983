export const id = 510;
export const ids = [510];
export const modules = {

/***/ 4510:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hotfix: () => (/* binding */ hotfix)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3811);
/* harmony import */ var _release_plan_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8325);
/* harmony import */ var _adapters_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6960);
/* harmony import */ var _version_pep440_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1405);
/* harmony import */ var _bump_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4686);
/**
 * `hotfix` — the release checklist's "Hotfix Process": from a target's release tag, create
 * `hotfix/<tag>`, bump the patch version of the target's group (the `bump` code),
 * commit and push the branch. The release then runs from that branch.
 */






async function hotfix(inputs, runner) {
    const paths = { workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot };
    const repo = (0,_monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadMonorepo */ .cw)(paths, inputs.config);
    if (repo.problems.length > 0)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .fromProblems */ .j9)(repo.problems);
    const target = Object.hasOwn(repo.config.targets, inputs.component) ? repo.config.targets[inputs.component] : undefined;
    if (!target) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', `hotfix needs a target as component (${Object.keys(repo.config.targets).join(', ') || 'none configured'}), not ${JSON.stringify(inputs.component)}`, {
            hint: 'e.g. `pyship hotfix cli --from cli-v2.0.0`.'
        });
    }
    // `version` is the released version to fix, given as a version (2.0.0) or as its tag (cli-v2.0.0)
    const released = inputs.version ? ((0,_release_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .versionFromTag */ .bp)(target.tag, inputs.version) ?? (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeInputVersion */ .gf)(inputs.version)) : null;
    if (!released) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', `hotfix needs the released version to fix (version, or --from <tag>), e.g. ${(0,_release_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .tagFor */ .gY)(target.tag, '2.0.0')}`, {
            hint: `e.g. \`pyship hotfix ${target.name} --from ${(0,_release_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .tagFor */ .gY)(target.tag, '2.0.0')}\`.`
        });
    }
    const tag = (0,_release_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .tagFor */ .gY)(target.tag, released);
    const branch = `hotfix/${tag}`;
    const git = new _adapters_git_js__WEBPACK_IMPORTED_MODULE_3__/* .Git */ .TU(inputs.repositoryRoot);
    const dirty = await git.dirtyFiles();
    if (dirty.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_DIRTY_TREE', `the work tree has uncommitted changes: ${dirty.slice(0, 20).join(', ')}`);
    if ((await git.remoteTagCommit(tag)) === null) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', `origin has no tag ${tag}: a hotfix starts from a released version`, { hint: `Check the version; the target's tags look like ${(0,_release_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .tagFor */ .gY)(target.tag, released)}.` });
    }
    const base = { command: 'hotfix', problems: [], notices: [] };
    if (await git.remoteBranchExists(branch)) {
        return { ...base, headline: `hotfix: ${branch} already exists on origin; nothing to do`, outputs: { version: '' }, nextSteps: [`git fetch origin ${branch} && git checkout ${branch}`] };
    }
    if (inputs.dryRun) {
        return {
            ...base,
            headline: `hotfix (dry run): would create ${branch} from ${tag}, bump group ${target.group} to the next patch version, commit and push; nothing changed`,
            outputs: { version: '' }
        };
    }
    await git.branchFromTag(branch, tag);
    // the files as they were at the tag
    const atTag = (0,_monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadMonorepo */ .cw)(paths, inputs.config);
    const { plan, files, notices } = (0,_bump_js__WEBPACK_IMPORTED_MODULE_5__/* .performBump */ .oS)(atTag, { component: target.group, version: 'patch', allowDowngrade: false }, false, runner.env.PATH ?? '');
    const sha = await git.commitAll(`chore: hotfix ${target.group} ${plan.version} (from ${tag})`, files);
    await git.pushBranch(branch);
    return {
        ...base,
        headline: `hotfix: ${branch} created from ${tag}; group ${target.group} bumped to ${plan.version} (${sha.slice(0, 12)}) and pushed`,
        outputs: { version: plan.version, tags: JSON.stringify([(0,_release_plan_js__WEBPACK_IMPORTED_MODULE_2__/* .tagFor */ .gY)(target.tag, plan.version)]) },
        table: { header: ['File', 'Line', 'What', 'Change'], rows: plan.rows.map((r) => [r.file, String(r.line), r.what, `${r.from} → ${r.to}`]) },
        notices,
        nextSteps: [
            `commit the fix on ${branch} and push it`,
            `release from the branch: pyship release ${target.name} (or the release workflow on ${branch}); latest: auto keeps "latest" on the newer line`,
            `merge ${branch} back into the default branch`
        ]
    };
}


/***/ }),

/***/ 7887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fq: () => (/* binding */ dockerVersionTag),
/* harmony export */   TT: () => (/* binding */ ociLabels),
/* harmony export */   Th: () => (/* binding */ goodVersionTags),
/* harmony export */   an: () => (/* binding */ imageRepository),
/* harmony export */   mz: () => (/* binding */ stable),
/* harmony export */   rK: () => (/* binding */ imageTags)
/* harmony export */ });
/* unused harmony export tagVersion */
/* harmony import */ var _version_pep440_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1405);
/* harmony import */ var _config_defaults_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1954);
/**
 * Docker image planning, pure: references, the tags a version gets (`{version}`,
 * `{major}.{minor}`, `latest`) and OCI labels.
 */


/** `{registry}/{owner}/{repo}/{image}` in lower case (ghcr.io requires it). */
function imageRepository(owner, repo, image) {
    return `${owner}/${repo}/${image}`.toLowerCase();
}
/** A PEP 440 version as a Docker tag: `+local` becomes `-local`. */
function dockerVersionTag(version) {
    return version.replace('+', '-');
}
/** The PEP 440 version a Docker tag stands for, or null (`latest`, `2.0`, other tags). */
function tagVersion(tag) {
    if (!/^\d+(\.\d+){2,}/.test(tag))
        return null;
    return (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(tag.replace(/-(?=[a-z0-9.]+$)/i, '+')) ?? (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(tag);
}
/** Version tags of good images: not a broken marker (`2.0.0-broken`), and not marked broken by one. */
function goodVersionTags(existing, brokenSuffix = _config_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .BROKEN_SUFFIX */ .kZ) {
    const set = new Set(existing);
    const good = new Map();
    for (const tag of existing) {
        if (tag.endsWith(brokenSuffix) || set.has(`${tag}${brokenSuffix}`))
            continue;
        const v = tagVersion(tag);
        if (v)
            good.set(tag, v);
    }
    return good;
}
const stable = (v) => !((0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(v)?.isPrerelease ?? true);
/**
 * The tags this version gets, given the tags already in the repository:
 * `{version}` always; `{major}.{minor}` when it is the highest stable version of that
 * minor line; `latest` when it is the highest stable version of the image (`auto`).
 */
function imageTags(version, existing, latest, brokenSuffix = _config_defaults_js__WEBPACK_IMPORTED_MODULE_1__/* .BROKEN_SUFFIX */ .kZ) {
    const tags = [dockerVersionTag(version)];
    const v = (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(version);
    if (!v)
        return tags;
    const others = [...goodVersionTags(existing, brokenSuffix).values()].filter(stable);
    const highest = (pool) => pool.every((o) => (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(version, o) >= 0);
    if (stable(version)) {
        const [major, minor = 0] = v.release;
        const line = others.filter((o) => {
            const r = (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(o)?.release ?? [];
            return r[0] === major && (r[1] ?? 0) === minor && ((0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(o)?.epoch ?? 0) === v.epoch;
        });
        if (highest(line))
            tags.push(`${major}.${minor}`);
    }
    if (latest === 'true' || (latest === 'auto' && stable(version) && highest(others)))
        tags.push('latest');
    return tags;
}
function ociLabels(version, revision, source, created) {
    return {
        'org.opencontainers.image.version': version,
        'org.opencontainers.image.revision': revision,
        'org.opencontainers.image.source': source,
        'org.opencontainers.image.created': created.toISOString()
    };
}


/***/ }),

/***/ 8325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F3: () => (/* binding */ planRelease),
  gY: () => (/* binding */ tagFor),
  bp: () => (/* binding */ versionFromTag)
});

// UNUSED EXPORTS: dependencyLevels, dependencyOrder, projectUrl, tagPatternNotice, vcsBuild

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(1036);
// EXTERNAL MODULE: ./src/pyproject/toml.ts
var toml = __webpack_require__(6750);
// EXTERNAL MODULE: ./src/version/pep440.ts
var pep440 = __webpack_require__(1405);
// EXTERNAL MODULE: ./src/pyproject/requirement.ts
var requirement = __webpack_require__(2479);
// EXTERNAL MODULE: ./src/release/images.ts
var release_images = __webpack_require__(7887);
;// CONCATENATED MODULE: ./src/pyproject/override.ts

/**
 * The environment that makes `pkg`'s backend build `version` (PEP 440 normal form), or {}
 * when the version is written in a file (static, file) or no override is known (versioningit,
 * unknown: the release tag must exist locally before the build).
 * - setuptools-scm: `SETUPTOOLS_SCM_PRETEND_VERSION_FOR_<NAME>` (the PEP 503 name, upper case, `_`;
 *   for setuptools-scm < 8 also the name as written, upper case);
 * - hatch-vcs (setuptools-scm underneath): `SETUPTOOLS_SCM_PRETEND_VERSION`, and the named one;
 * - uv-dynamic-versioning: `UV_DYNAMIC_VERSIONING_BYPASS`;
 * - poetry-dynamic-versioning: `POETRY_DYNAMIC_VERSIONING_BYPASS`;
 * - PDM `source = "scm"`: `PDM_BUILD_SCM_VERSION`.
 */
function versionOverrideEnv(pkg, version) {
    if (pkg.source.kind !== 'vcs')
        return {};
    // setuptools-scm >= 8 normalizes the name (ORBIT_CORE_SDK); 7.x only upper-cases it as
    // written (`VCS-SCM`, what Debian bookworm ships): set both spellings when they differ
    const named = {};
    if (pkg.name) {
        named[`SETUPTOOLS_SCM_PRETEND_VERSION_FOR_${(0,requirement/* normalizeName */.P)(pkg.name).toUpperCase().replace(/-/g, '_')}`] = version;
        named[`SETUPTOOLS_SCM_PRETEND_VERSION_FOR_${pkg.name.toUpperCase()}`] = version;
    }
    switch (pkg.source.backend) {
        case 'setuptools-scm':
            return pkg.name ? named : { SETUPTOOLS_SCM_PRETEND_VERSION: version };
        case 'hatch-vcs':
            return { SETUPTOOLS_SCM_PRETEND_VERSION: version, ...named };
        case 'uv-dynamic-versioning':
            return { UV_DYNAMIC_VERSIONING_BYPASS: version };
        case 'poetry-dynamic-versioning':
            return { POETRY_DYNAMIC_VERSIONING_BYPASS: version };
        case 'pdm scm':
            return { PDM_BUILD_SCM_VERSION: version };
        default:
            return {};
    }
}

// EXTERNAL MODULE: ./src/pyproject/version-source.ts
var version_source = __webpack_require__(1892);
;// CONCATENATED MODULE: ./src/release/plan.ts
/**
 * The release plan: a pure function of config, inputs and the files — targets,
 * packages in dependency order, the version, tags, release names, URLs.
 */










/**
 * The tag pattern a vcs backend reads by default when its config declares none:
 * setuptools-scm's DEFAULT_TAG_REGEX for setuptools-scm, hatch-vcs, PDM scm and versioningit.
 */
function backendTagPattern(pkg) {
    if (pkg.source.kind !== 'vcs')
        return null;
    return pkg.source.tagPattern ?? version_source/* SCM_DEFAULT_TAG_REGEX */.$U;
}
/**
 * A notice when a vcs package's backend would not read `version` from `tag` (the
 * target's tag template), or null. The build is still exact (override or local tag is
 * checked by the artifacts check), but check's and the backend's versions would part.
 */
function tagPatternNotice(pkg, tag, version) {
    const pattern = backendTagPattern(pkg);
    if (!pattern)
        return null;
    const read = (0,version_source/* tagVersion */.RQ)(tag, pattern);
    if (read !== null && (0,pep440/* normalizeVersion */.Qj)(read) === version)
        return null;
    const key = pkg.source.backend === 'uv-dynamic-versioning' ? '[tool.uv-dynamic-versioning] pattern' : pkg.source.backend === 'hatch-vcs' ? '[tool.hatch.version] tag-pattern' : 'tag_regex';
    return `${pkg.file}: ${pkg.name ?? pkg.dir} (${pkg.source.backend}) would not read version ${version} from tag ${tag}: its tag pattern ${pattern.source} ${read === null ? 'does not match it' : `reads ${read}`}; set its ${key} to match the target's tag template, or the tag template to what the backend reads`;
}
/** The project page of a version on the index (`https://pypi.org/project/NAME/VERSION/`). */
function projectUrl(pypiUrl, name, version) {
    return `${pypiUrl.replace(/\/+$/, '')}/project/${(0,requirement/* normalizeName */.P)(name)}/${version}/`;
}
function tagFor(template, version) {
    return template.replaceAll('{version}', version);
}
/** The version inside a tag made from `template`, or null when the tag is not one of them. */
function versionFromTag(template, tag) {
    const [before, after] = template.split('{version}');
    if (!tag.startsWith(before) || !tag.endsWith(after ?? '') || tag.length <= before.length + (after ?? '').length)
        return null;
    return (0,pep440/* normalizeVersion */.Qj)(tag.slice(before.length, tag.length - (after ?? '').length));
}
/** Packages ordered so that every internal dependency comes before its dependents. */
function dependencyOrder(packages) {
    const byName = new Map(packages.map((p) => [p.normalizedName, p]));
    const done = new Set();
    const out = [];
    const visit = (p, trail) => {
        if (done.has(p) || trail.has(p))
            return;
        trail.add(p);
        for (const r of p.requirements) {
            const dep = byName.get(r.name);
            if (dep && dep !== p)
                visit(dep, trail);
        }
        done.add(p);
        out.push(p);
    };
    for (const p of packages)
        visit(p, new Set());
    return out;
}
/**
 * The upload level of each package directory among `dirs`: a package comes one level
 * after the highest of the packages it requires, so that one upload per level, in
 * order, never publishes a package before one it depends on.
 */
function dependencyLevels(packages) {
    const byName = new Map(packages.map((p) => [p.normalizedName, p]));
    const levels = new Map();
    const visit = (p, trail) => {
        const known = levels.get(p.dir);
        if (known !== undefined)
            return known;
        if (trail.has(p))
            return 0;
        trail.add(p);
        let level = 0;
        for (const r of p.requirements) {
            const dep = byName.get(r.name);
            if (dep && dep !== p)
                level = Math.max(level, visit(dep, trail) + 1);
        }
        levels.set(p.dir, level);
        return level;
    };
    for (const p of packages)
        visit(p, new Set());
    return levels;
}
/** How a package's backend is made to build the release version (SPEC §1 vcs). */
function vcsBuild(pkg, version) {
    const vcs = pkg.source.kind === 'vcs';
    const buildEnv = versionOverrideEnv(pkg, version);
    return { vcs, buildEnv, needsLocalTag: vcs && Object.keys(buildEnv).length === 0 };
}
function planRelease(repo, options) {
    if (!options.component) {
        throw new errors/* PyshipError */.iB('E_INPUT', 'release needs component: the target (cli, sdk, docker) or group (platform) to release', {
            hint: 'e.g. `pyship release sdk` or `component: cli`.'
        });
    }
    const scope = (0,load/* resolveComponent */.g2)(repo.config, options.component);
    const targets = scope.targets.map((t) => repo.config.targets[t]);
    if (targets.length === 0) {
        throw new errors/* PyshipError */.iB('E_CONFIG', `group ${options.component} has no targets to release`, {
            hint: 'Add [tool.pyship.targets.<name>] entries for this group (kind = "pypi" or "docker").'
        });
    }
    const group = repo.config.groups[scope.groups[0]];
    const members = group.packages.map((d) => repo.packages.get(d));
    // a vcs member's version is in no file: the others (static, file) give it, else the input
    const written = members.filter((p) => p?.source.kind !== 'vcs');
    if (written.length === 0 && !options.version) {
        const vcs = members.map((p) => `${p?.name ?? '?'} (${p?.source.backend ?? 'vcs'})`).join(', ');
        throw new errors/* PyshipError */.iB('E_INPUT', `release of ${options.component} needs the \`version\` input: group ${group.name} takes its version from git tags (${vcs}), so no file carries the version to release`, {
            hint: `Give the version to release, e.g. \`pyship release ${options.component} 1.2.0\` or \`version: 1.2.0\`; the backend builds exactly that version and pyship tags it.`
        });
    }
    const inFiles = new Set(written.map((p) => (0,pep440/* normalizeVersion */.Qj)(p?.version ?? '') ?? ''));
    const version = options.version ? (0,pep440/* normalizeInputVersion */.gf)(options.version) : inFiles.size === 1 ? [...inFiles][0] : null;
    if (!version) {
        if (options.version)
            throw new errors/* PyshipError */.iB('E_INVALID_VERSION', `version ${JSON.stringify(options.version)} is not a valid PEP 440 version`);
        throw new errors/* PyshipError */.iB('E_VERSION_MISMATCH', `group ${group.name} members disagree, so there is no version to release`, {
            hint: `Make them equal with \`pyship bump ${group.name} <version>\`, commit and push.`
        });
    }
    const prerelease = (0,pep440/* parseVersion */.ot)(version)?.isPrerelease ?? false;
    const [owner, name] = options.repository.split('/');
    const released = [...new Set(targets.flatMap((t) => (t.kind === 'pypi' ? t.packages : [])))].map((d) => repo.packages.get(d));
    const levels = dependencyLevels(released);
    const notices = [];
    return {
        component: options.component,
        version,
        notices,
        targets: targets.map((t) => {
            const own = dependencyOrder(t.packages.map((d) => repo.packages.get(d))).map((p) => {
                const project = (0,toml/* isTable */.bI)(p.doc.value.project) ? p.doc.value.project : {};
                const requiresPython = typeof project['requires-python'] === 'string' ? project['requires-python'] : undefined;
                return {
                    name: p.name,
                    dir: p.dir,
                    absDir: external_node_path_default().join(repo.paths.workDir, p.dir),
                    requiresPython,
                    pypiUrl: projectUrl(options.pypiUrl, p.name, version),
                    level: levels.get(p.dir) ?? 0,
                    ...vcsBuild(p, version)
                };
            });
            for (const p of t.packages.map((d) => repo.packages.get(d))) {
                const notice = tagPatternNotice(p, tagFor(t.tag, version), version);
                if (notice)
                    notices.push(notice);
            }
            const candidates = t.changelog
                ? [external_node_path_default().join(repo.paths.workDir, t.changelog)]
                : [external_node_path_default().join(repo.paths.workDir, t.packages[0] ?? '.', 'CHANGELOG.md'), external_node_path_default().join(repo.paths.workDir, 'CHANGELOG.md')];
            return {
                name: t.name,
                kind: t.kind,
                group: t.group,
                tagTemplate: t.tag,
                tag: tagFor(t.tag, version),
                releaseName: `${t.name} ${version}`,
                prerelease,
                githubLatest: t.githubLatest,
                tests: t.tests,
                smoke: t.smoke,
                changelog: candidates.find((c) => (0,external_node_fs_.existsSync)(c)) ?? null,
                // a docker target publishes images only; its packages are the code the images hold
                packages: t.kind === 'pypi' ? own : [],
                tested: own,
                images: t.images.map((img) => ({
                    name: img.name,
                    repository: (0,release_images/* imageRepository */.an)(owner, name, img.name),
                    ref: `${options.registry}/${(0,release_images/* imageRepository */.an)(owner, name, img.name)}`,
                    context: external_node_path_default().join(repo.paths.workDir, img.context),
                    dockerfile: external_node_path_default().join(repo.paths.workDir, img.dockerfile),
                    buildArgs: img.buildArgs,
                    target: img.target,
                    platforms: img.platforms
                }))
            };
        })
    };
}


/***/ })

};

//# sourceMappingURL=510.index.js.map