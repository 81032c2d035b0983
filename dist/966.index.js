export const id = 966;
export const ids = [966];
export const modules = {

/***/ 7648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ allPackages),
/* harmony export */   W7: () => (/* binding */ allImages),
/* harmony export */   kX: () => (/* binding */ finishedRelease)
/* harmony export */ });
const allPackages = (state) => state.targets.flatMap((t) => t.packages);
const allImages = (state) => state.targets.flatMap((t) => t.images);
/**
 * A finished release of this commit: every target's tag is on origin at the release commit
 * and its GitHub Release is published (the last irreversible act). A re-run then has nothing
 * to test, build or publish: it says why, and only verifies.
 */
function finishedRelease(state) {
    const done = state.targets.length > 0 && state.targets.every((t) => t.remoteTag === state.sha && t.release !== null && !t.release.draft);
    return done ? `${state.targets.map((t) => t.plan.tag).join(', ')} released from ${state.sha.slice(0, 12)} already` : null;
}


/***/ }),

/***/ 2966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jq: () => (/* binding */ build),
  ft: () => (/* binding */ buildImageByDigest),
  _n: () => (/* binding */ buildPackages),
  Dh: () => (/* binding */ checkBuilt),
  Dz: () => (/* binding */ imageRecordFile)
});

// UNUSED EXPORTS: collectPrebuilt

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/adapters/dockerfile.ts
var dockerfile = __webpack_require__(7196);
// EXTERNAL MODULE: ./src/adapters/exec.ts
var exec = __webpack_require__(7911);
;// CONCATENATED MODULE: ./src/adapters/docker.ts
/**
 * The Docker CLI: login into a temporary DOCKER_CONFIG (removed afterwards, so no
 * credentials stay on the runner), build (buildx when present), push. Argument
 * arrays only; the password goes through --password-stdin.
 */






/** argv of an image build (after `docker`). */
function buildArgv(spec, buildx) {
    const args = buildx ? ['buildx', 'build'] : ['build'];
    args.push('--file', spec.dockerfile);
    for (const t of spec.tags)
        args.push('--tag', t);
    for (const [k, v] of Object.entries(spec.labels))
        args.push('--label', `${k}=${v}`);
    for (const name of spec.buildArgs)
        args.push('--build-arg', name);
    if (spec.target)
        args.push('--target', spec.target);
    if (buildx) {
        if (spec.platforms.length > 0)
            args.push('--platform', spec.platforms.join(','));
        if (spec.pushByDigest) {
            // no provenance attestation: a per-platform digest must be an image manifest, ready to join an index
            args.push('--provenance=false', '--output', `type=image,name=${spec.pushByDigest.name},push-by-digest=true,name-canonical=true,push=true`, '--metadata-file', spec.pushByDigest.metadataFile);
        }
        else if (spec.platforms.length <= 1) {
            // one platform can be loaded into the local store
            args.push('--load');
        }
    }
    else if (spec.platforms.length === 1) {
        // the classic builder builds one platform (FROM scratch and native images need no emulation);
        // its cache does not tell platforms apart (a FROM scratch step of amd64 would serve arm64)
        args.push('--platform', spec.platforms[0], '--no-cache');
    }
    args.push(spec.context);
    return args;
}
class Docker {
    configDir;
    buildx = null;
    forget;
    /** `tempDir`: the runner's temporary directory; the credentials directory inside it is removed on every exit. */
    constructor(tempDir) {
        this.configDir = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(tempDir, 'pyship-docker-'));
        this.forget = (0,cancel/* onCleanup */.Ki)(() => this.dispose());
    }
    env(extra = {}) {
        return { DOCKER_CONFIG: this.configDir, ...extra };
    }
    async hasBuildx(cwd) {
        if (this.buildx === null)
            this.buildx = (await (0,exec/* exec */.m0)('docker', ['buildx', 'version'], { cwd, env: this.env(), quiet: true })).status === 0;
        return this.buildx;
    }
    async login(registry, username, password, cwd) {
        const r = await (0,exec/* exec */.m0)('docker', ['login', '--username', username, '--password-stdin', registry], { cwd, env: this.env(), input: password, quiet: true });
        if (r.status !== 0)
            throw new errors/* PyshipError */.iB('E_REGISTRY_DENIED', `docker login to ${registry} as ${username} was refused: ${(0,exec/* lastLines */.w$)(r, 1)}`);
    }
    async build(spec, cwd, sourceDateEpoch) {
        const buildx = await this.hasBuildx(cwd);
        // without buildx, newer clients refuse DOCKER_BUILDKIT=1; the classic builder works everywhere
        const r = await (0,exec/* exec */.m0)('docker', buildArgv(spec, buildx), {
            cwd,
            env: this.env({ SOURCE_DATE_EPOCH: String(sourceDateEpoch), ...(buildx ? {} : { DOCKER_BUILDKIT: '0' }) })
        });
        if (r.status !== 0) {
            const missing = (0,dockerfile/* missingContextFiles */.Px)(spec.context, spec.dockerfile);
            throw new errors/* PyshipError */.iB('E_DOCKER_BUILD', `building ${spec.tags[0]} failed: ${(0,exec/* lastLines */.w$)(r)}${missing.length ? `; missing from the context: ${missing.join(', ')}` : ''}`);
        }
    }
    /**
     * buildx: build and push by digest only (spec.pushByDigest); returns the digest buildx
     * pushed (an image manifest for one platform, an index for several).
     */
    async buildByDigest(spec, cwd, sourceDateEpoch) {
        await this.build(spec, cwd, sourceDateEpoch);
        const file = spec.pushByDigest?.metadataFile;
        const digest = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'))['containerimage.digest'];
        if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
            throw new errors/* PyshipError */.iB('E_DOCKER_BUILD', `buildx reported no digest for ${spec.pushByDigest?.name} in ${file}`);
        return digest;
    }
    /** `docker save` of a local image: its config and layers (uncompressed), as the registry client pushes them. */
    async save(reference, cwd) {
        const file = external_node_path_default().join(this.configDir, 'image.tar');
        try {
            const r = await (0,exec/* exec */.m0)('docker', ['save', '--output', file, reference], { cwd, env: this.env() });
            if (r.status !== 0)
                throw new errors/* PyshipError */.iB('E_DOCKER_BUILD', `docker save ${reference} failed: ${(0,exec/* lastLines */.w$)(r, 2)}`);
            const entries = readTar((0,external_node_fs_.readFileSync)(file));
            const get = (name) => {
                const data = entries.get(name);
                if (!data)
                    throw new errors/* PyshipError */.iB('E_DOCKER_BUILD', `docker save ${reference} wrote no ${name}`);
                return data;
            };
            const [manifest] = JSON.parse(get('manifest.json').toString('utf8'));
            return { config: get(manifest.Config), layers: manifest.Layers.map(get) };
        }
        finally {
            (0,external_node_fs_.rmSync)(file, { force: true });
        }
    }
    /** Push one reference; returns the manifest digest the registry stored. */
    async push(reference, cwd) {
        const r = await (0,exec/* exec */.m0)('docker', ['push', reference], { cwd, env: this.env() });
        if (r.status !== 0) {
            const denied = /denied|unauthorized|forbidden|authentication required/i.test(`${r.stdout}${r.stderr}`);
            throw new errors/* PyshipError */.iB(denied ? 'E_REGISTRY_DENIED' : 'E_DOCKER_BUILD', `docker push ${reference} failed: ${(0,exec/* lastLines */.w$)(r, 2)}`);
        }
        const digest = /digest: (sha256:[0-9a-f]{64})/.exec(r.stdout)?.[1];
        if (!digest)
            throw new errors/* PyshipError */.iB('E_VERIFY', `docker push ${reference} reported no digest`);
        return digest;
    }
    /** Remove the temporary credentials. */
    dispose() {
        this.forget();
        (0,external_node_fs_.rmSync)(this.configDir, { recursive: true, force: true });
    }
}
/** The regular files of an uncompressed tar (ustar; symbolic links resolved), by path. */
function readTar(tar) {
    const files = new Map();
    const links = new Map();
    const text = (at, length) => tar.toString('utf8', at, at + length).replace(/\0.*$/s, '');
    for (let at = 0; at + 512 <= tar.length;) {
        const name = text(at, 100);
        if (name === '')
            break;
        const prefix = text(at + 345, 155);
        const full = (prefix ? `${prefix}/${name}` : name).replace(/^\.\//, '');
        const size = parseInt(text(at + 124, 12).trim() || '0', 8);
        const type = text(at + 156, 1);
        if (type === '0' || type === '')
            files.set(full, tar.subarray(at + 512, at + 512 + size));
        else if (type === '2')
            links.set(full, external_node_path_default().posix.normalize(external_node_path_default().posix.join(external_node_path_default().posix.dirname(full), text(at + 157, 100))));
        at += 512 + Math.ceil(size / 512) * 512;
    }
    for (const [link, target] of links) {
        const data = files.get(target);
        if (data)
            files.set(link, data);
    }
    return files;
}

// EXTERNAL MODULE: ./src/adapters/registry.ts
var adapters_registry = __webpack_require__(9389);
// EXTERNAL MODULE: ./src/adapters/python.ts
var python = __webpack_require__(1188);
// EXTERNAL MODULE: ./src/pyproject/requirement.ts
var requirement = __webpack_require__(2479);
// EXTERNAL MODULE: ./src/version/pep440.ts
var pep440 = __webpack_require__(1405);
;// CONCATENATED MODULE: ./src/release/artifacts.ts
/**
 * What is published is what was checked (SPEC §8): every built file's name and core
 * metadata carry the release's package name and version, or nothing is published.
 */


/** The version a wheel's or sdist's file name carries (`pkg-1.2.0-py3-none-any.whl`, `pkg-1.2.0.tar.gz`), or null. */
function filenameVersion(filename) {
    const wheel = /^([^-]+)-([^-]+)-.+\.whl$/.exec(filename);
    if (wheel)
        return { name: wheel[1], version: wheel[2] };
    const sdist = /^(.+)-([^-]+)\.tar\.gz$/.exec(filename);
    if (sdist)
        return { name: sdist[1], version: sdist[2] };
    return null;
}
/** Why a built file does not belong to `package version`, or null when it does. */
function artifactMismatch(file, pkg, version) {
    const fromName = filenameVersion(file.name);
    if (!fromName)
        return `${file.name} is not a wheel or sdist file name`;
    if ((0,requirement/* normalizeName */.P)(fromName.name) !== (0,requirement/* normalizeName */.P)(pkg))
        return `${file.name} is named for ${fromName.name}, not ${pkg}`;
    if ((0,pep440/* normalizeVersion */.Qj)(fromName.version) !== version)
        return `${file.name} carries version ${fromName.version} in its name, not ${version}`;
    if (file.metadataName === null || file.metadataVersion === null)
        return `${file.name} has no readable Name/Version metadata`;
    if ((0,requirement/* normalizeName */.P)(file.metadataName) !== (0,requirement/* normalizeName */.P)(pkg))
        return `${file.name} metadata says Name: ${file.metadataName}, not ${pkg}`;
    if ((0,pep440/* normalizeVersion */.Qj)(file.metadataVersion) !== version)
        return `${file.name} metadata says Version: ${file.metadataVersion}, not ${version}`;
    return null;
}
/**
 * Prebuilt files (release with `dist-dir`) sorted to the release's packages by the name
 * their file name carries; `strangers` belong to none of them and are never uploaded.
 */
function assignDistFiles(files, packages) {
    const byDir = new Map(packages.map((p) => [p.dir, []]));
    const strangers = [];
    for (const file of files) {
        const named = filenameVersion(file.name);
        const pkg = named ? packages.find((p) => (0,requirement/* normalizeName */.P)(p.name) === (0,requirement/* normalizeName */.P)(named.name)) : undefined;
        if (pkg)
            byDir.get(pkg.dir)?.push(file.path);
        else
            strangers.push(file.name);
    }
    return { byDir, strangers };
}

;// CONCATENATED MODULE: ./src/release/pool.ts
/**
 * Bounded parallelism: `fn` over `items`, at most `limit` at a time, results in the
 * order of `items`. The first failure is rethrown once every started call has settled
 * (no build is left running behind a failed release).
 */
async function mapBounded(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failure = null;
    const worker = async () => {
        while (failure === null && next < items.length) {
            const i = next++;
            try {
                results[i] = await fn(items[i], i);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (failure !== null)
        throw failure.error;
    return results;
}

// EXTERNAL MODULE: ./src/release/images.ts
var release_images = __webpack_require__(7887);
;// CONCATENATED MODULE: ./src/release/resume.ts
function decideUploads(built, onIndex) {
    const decision = { upload: [], skip: [], conflicts: [] };
    for (const file of built) {
        const there = onIndex?.find((f) => f.filename === file.name);
        if (!there)
            decision.upload.push(file);
        else if (there.sha256.toLowerCase() === file.sha256.toLowerCase())
            decision.skip.push(file);
        else
            decision.conflicts.push({ file, onIndex: there });
    }
    return decision;
}

// EXTERNAL MODULE: ./src/release/matrix.ts
var matrix = __webpack_require__(6484);
// EXTERNAL MODULE: ./src/release/state.ts
var release_state = __webpack_require__(7648);
;// CONCATENATED MODULE: ./src/release/steps/build.ts
/**
 * 4. build — wheels and sdists outside the work tree (SOURCE_DATE_EPOCH = the commit
 * time, so a re-run builds the same bytes), `twine check`, every file checked to carry
 * the release's name and version, the smoke test from a fresh venv, and the images;
 * Python builds and image builds run side by side. Ends with the resume decision:
 * what the index already has must be exactly what was built.
 */













const sha256 = (file) => (0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(file)).digest('hex');
async function timed(fn) {
    const start = Date.now();
    await fn();
    return Date.now() - start;
}
/** Where a package's files go (and prebuilt files are copied to), outside the work tree. */
const outDirOf = (state, pkg) => external_node_path_default().join(state.outRoot, 'dist', pkg.plan.dir.replace(/[/\\]/g, '_'));
/**
 * Build every package, at most `runner.parallelism` at a time (each build is one process).
 * A vcs package builds the release version through its backend's override (`buildEnv`);
 * a backend without one (versioningit) reads the release tag, created locally (never
 * pushed) for the build and removed after it — tag and release creates the real one.
 */
async function buildPackages(state, pkgs) {
    const { inputs, tools, git, sha } = state;
    const tags = [...new Set(state.targets.filter((t) => t.packages.some((p) => pkgs.includes(p) && p.plan.needsLocalTag)).map((t) => t.plan))];
    const made = [];
    try {
        for (const t of tags)
            if (await git.createLocalTag(t.tag, sha, t.releaseName))
                made.push(t.tag);
        await mapBounded(pkgs, state.runner.parallelism, async (pkg) => {
            pkg.built = await (0,python/* build */.jq)(tools, pkg.plan.absDir, outDirOf(state, pkg), inputs.buildIsolation, state.commitTime, pkg.plan.buildEnv);
        });
    }
    finally {
        for (const tag of made)
            await git.deleteLocalTag(tag);
    }
}
/**
 * What is published is what was checked: every file's name and core metadata carry its
 * package and the release version (one interpreter for all files), then ONE `twine check`.
 */
async function checkBuilt(state, pkgs) {
    const { inputs, tools, plan } = state;
    const files = pkgs.flatMap((p) => p.built);
    if (files.length === 0)
        return;
    const metadata = new Map((await (0,python/* readMetadata */._6)(tools, files, inputs.workingDirectory)).map((m) => [m.file, m]));
    const wrong = [];
    for (const pkg of pkgs) {
        for (const file of pkg.built) {
            const m = metadata.get(file);
            const why = artifactMismatch({ name: external_node_path_default().basename(file), metadataName: m?.name ?? null, metadataVersion: m?.version ?? null }, pkg.plan.name, plan.version);
            if (why)
                wrong.push(why);
        }
    }
    if (wrong.length > 0) {
        throw new errors/* PyshipError */.iB('E_BUILD', `the built files do not carry release ${plan.version}: ${wrong.join('; ')}`, {
            hint: 'A file changed after preflight (a build hook, a racing checkout, a stale artifact in dist-dir) or the backend computes another version: nothing was published. Make the files carry the release version, commit, and release again.'
        });
    }
    await (0,python/* twineCheck */.qP)(tools, files, inputs.workingDirectory);
}
/** Every wheel and sdist below `dir` (download-artifact puts each artifact in its own folder, or merges them). */
function distFiles(dir) {
    return (0,external_node_fs_.readdirSync)(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && (e.name.endsWith('.whl') || e.name.endsWith('.tar.gz')))
        .map((e) => ({ path: external_node_path_default().join(e.parentPath, e.name), name: e.name }))
        .sort((a, b) => a.path.localeCompare(b.path));
}
/**
 * release with dist-dir: the prebuilt files, sorted to the release's packages, copied
 * outside the work tree (what is checked is what is uploaded). A file of no package of
 * this release, or a package without a wheel, stops the release before anything is published.
 */
function collectPrebuilt(state, pkgs, distDir) {
    let found;
    try {
        found = distFiles(distDir);
    }
    catch (error) {
        throw new errors/* PyshipError */.iB('E_BUILD', `dist-dir ${distDir} cannot be read (${error.code ?? String(error)})`, {
            hint: 'Point dist-dir at the folder actions/download-artifact wrote the build jobs\' files to.'
        });
    }
    const { byDir, strangers } = assignDistFiles(found, pkgs.map((p) => p.plan));
    const problems = strangers.map((name) => (0,errors/* problem */.CC)('E_BUILD', `dist-dir holds ${name}, which belongs to no package of this release (${pkgs.map((p) => p.plan.name).join(', ') || 'none'}); nothing was published`));
    for (const pkg of pkgs) {
        const files = byDir.get(pkg.plan.dir) ?? [];
        const names = new Map();
        for (const f of files) {
            const name = external_node_path_default().basename(f);
            const seen = names.get(name);
            if (seen && sha256(seen) !== sha256(f))
                problems.push((0,errors/* problem */.CC)('E_BUILD', `dist-dir holds two different files named ${name}; nothing was published`));
            names.set(name, f);
        }
        if (![...names.keys()].some((n) => n.endsWith('.whl')))
            problems.push((0,errors/* problem */.CC)('E_BUILD', `dist-dir has no wheel of ${pkg.plan.name}; nothing was published`));
        const out = outDirOf(state, pkg);
        (0,external_node_fs_.rmSync)(out, { recursive: true, force: true });
        (0,external_node_fs_.mkdirSync)(out, { recursive: true });
        pkg.built = [...names.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, from]) => {
            (0,external_node_fs_.copyFileSync)(from, external_node_path_default().join(out, name));
            return external_node_path_default().join(out, name);
        });
    }
    if (problems.length > 0) {
        throw (0,errors/* fromProblems */.j9)(problems.map((p) => ({ ...p, hint: 'Download exactly the artifacts of this release\'s build jobs (command build with the matrix of command plan) into dist-dir, and nothing else.' })));
    }
}
async function pythonBuilds(state, made) {
    const { inputs, tools } = state;
    const pkgs = (0,release_state/* allPackages */.$d)(state);
    if (inputs.distDir)
        collectPrebuilt(state, pkgs, inputs.distDir);
    else
        await buildPackages(state, pkgs);
    await checkBuilt(state, pkgs);
    made.push(...pkgs.flatMap((p) => p.built.map((f) => external_node_path_default().basename(f))));
    if (inputs.distDir && pkgs.length > 0)
        made.push(`prebuilt, from ${inputs.distDir}`);
    for (const t of state.targets) {
        if (t.plan.smoke?.length && t.packages.length > 0) {
            const wheel = t.packages[0].built.find((f) => f.endsWith('.whl'));
            await (0,python/* smoke */.Qe)(tools, inputs.pythonVersion, wheel, `${inputs.pypiUrl.replace(/\/+$/, '')}/simple/`, t.plan.smoke, inputs.workingDirectory);
            made.push(`smoke \`${t.plan.smoke.join(' ')}\` passed`);
        }
    }
}
/** What every build of an image shares (labels from the commit, never the clock). */
function imageSpec(state, img) {
    const source = `${state.runner.serverUrl}/${state.repository}`;
    return {
        context: img.plan.context,
        dockerfile: img.plan.dockerfile,
        labels: (0,release_images/* ociLabels */.TT)(state.plan.version, state.sha, source, new Date(state.commitTime * 1000)),
        buildArgs: img.plan.buildArgs,
        target: img.plan.target
    };
}
const slug = (platform) => platform.replace(/\//g, '-');
/**
 * Build an image for `platforms` and push it by digest only — no tag, so nothing is
 * published and a repeat is harmless; returns the digest. buildx pushes it itself (one
 * build, an index for several platforms); the classic builder builds one platform, and
 * pyship pushes the saved image's blobs and manifest through the registry API.
 */
async function buildImageByDigest(state, img, platforms) {
    const { inputs, login } = state;
    const cwd = inputs.workingDirectory;
    const docker = (state.docker ??= new Docker(state.runner.tempDir));
    if (await docker.hasBuildx(cwd)) {
        await docker.login(login.host, login.username, login.password, cwd);
        const metadataFile = external_node_path_default().join(docker.configDir, `metadata-${img.plan.name}-${platforms.map(slug).join('_')}.json`);
        return docker.buildByDigest({ ...imageSpec(state, img), tags: [], platforms, pushByDigest: { name: img.plan.ref, metadataFile } }, cwd, state.commitTime);
    }
    if (platforms.length !== 1)
        throw new Error(`the classic builder builds one platform at a time, not ${platforms.join(', ')}`);
    const local = `${img.plan.ref}:pyship-build-${slug(platforms[0])}`;
    await docker.build({ ...imageSpec(state, img), tags: [local], platforms }, cwd, state.commitTime);
    const saved = await docker.save(local, cwd);
    const config = JSON.parse(saved.config.toString('utf8'));
    const built = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
    if (built !== platforms[0] && `${config.os}/${config.architecture}` !== platforms[0]) {
        throw new errors/* PyshipError */.iB('E_DOCKER_BUILD', `image ${img.plan.name} was built for ${built}, not ${platforms[0]}`, {
            hint: 'The classic builder builds other platforms only from images that exist for them (FROM scratch, or a base image with that platform); use a native runner for the platform (ubuntu-24.04-arm for linux/arm64), or set up buildx.'
        });
    }
    return state.registry.pushImage(img.plan.repository, saved);
}
const imageRecordFile = (r) => `${r.image}-${slug(r.platform)}.pyship-image.json`;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
/** The image records below `dir`, each read as hostile input (own string fields only). */
function imageRecords(dir) {
    return (0,external_node_fs_.readdirSync)(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.pyship-image.json'))
        .map((e) => {
        const file = external_node_path_default().join(e.parentPath, e.name);
        try {
            const v = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
            const own = (k) => (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined);
            const [image, platform, digest] = [own('image'), own('platform'), own('digest')];
            if (typeof image === 'string' && typeof platform === 'string' && typeof digest === 'string' && DIGEST.test(digest))
                return { file: e.name, record: { image, platform, digest } };
        }
        catch {
            /* reported below */
        }
        return { file: e.name, record: null };
    });
}
/**
 * release with dist-dir: the images the build jobs pushed by digest, one per image and
 * platform, each checked in the registry — present, for that platform, built from this
 * commit and version — before publish joins them into an index.
 */
async function collectImages(state, distDir, made) {
    const { registry, sha, plan } = state;
    const records = imageRecords(distDir);
    const images = (0,release_state/* allImages */.W7)(state);
    const problems = [];
    for (const { file, record } of records) {
        if (!record)
            problems.push((0,errors/* problem */.CC)('E_BUILD', `dist-dir holds ${file}, which is not an image record of command build`));
        else if (!images.some((i) => i.plan.name === record.image))
            problems.push((0,errors/* problem */.CC)('E_BUILD', `dist-dir holds ${file}, for image ${record.image}, which this release does not build`));
    }
    for (const img of images) {
        if (img.pushed) {
            made.push(`image ${img.plan.name} (already pushed by this commit)`);
            continue;
        }
        for (const platform of (0,matrix/* platformsOf */.Wt)(img.plan)) {
            const digests = [...new Set(records.flatMap((r) => (r.record && r.record.image === img.plan.name && r.record.platform === platform ? [r.record.digest] : [])))];
            if (digests.length !== 1) {
                problems.push((0,errors/* problem */.CC)('E_DOCKER_BUILD', digests.length === 0 ? `dist-dir has no build of image ${img.plan.name} for ${platform}` : `dist-dir has ${digests.length} different builds of image ${img.plan.name} for ${platform}`));
                continue;
            }
            const facts = await registry.imageFacts(img.plan.repository, digests[0]);
            const built = facts ? (0,adapters_registry/* platformName */.$r)(facts.platform) : '';
            if (!facts)
                problems.push((0,errors/* problem */.CC)('E_DOCKER_BUILD', `${img.plan.ref}@${digests[0]} (${platform}) is not an image in the registry`));
            else if (built !== platform && built.replace(/\/[^/]+$/, '') !== platform)
                problems.push((0,errors/* problem */.CC)('E_DOCKER_BUILD', `${img.plan.ref}@${digests[0]} is built for ${built}, not ${platform}`));
            else if (facts.labels['org.opencontainers.image.revision'] !== sha || facts.labels['org.opencontainers.image.version'] !== plan.version) {
                problems.push((0,errors/* problem */.CC)('E_BUILD', `${img.plan.ref}@${digests[0]} (${platform}) was built from ${facts.labels['org.opencontainers.image.revision']?.slice(0, 12) ?? 'an unknown commit'} version ${facts.labels['org.opencontainers.image.version'] ?? 'unknown'}, not ${sha.slice(0, 12)} version ${plan.version}`));
            }
            else
                img.parts.push({ platform, digest: digests[0] });
        }
        if (img.parts.length)
            made.push(`image ${img.plan.name} (${img.parts.map((p) => p.platform).join(', ')}, prebuilt)`);
    }
    if (problems.length > 0) {
        throw (0,errors/* fromProblems */.j9)(problems.map((p) => ({ ...p, hint: 'Download the artifacts of every build job of this release (command build with the matrix of command plan, same commit) into dist-dir, and nothing else; nothing was published.' })));
    }
}
async function imageBuilds(state, made) {
    const { inputs } = state;
    if (inputs.distDir)
        return collectImages(state, inputs.distDir, made);
    for (const img of (0,release_state/* allImages */.W7)(state)) {
        if (img.pushed) {
            made.push(`image ${img.plan.name} (already pushed by this commit)`);
            continue;
        }
        const docker = (state.docker ??= new Docker(state.runner.tempDir));
        const platforms = img.plan.platforms;
        if (platforms.length > 1) {
            if (await docker.hasBuildx(inputs.workingDirectory))
                img.joined = await buildImageByDigest(state, img, platforms);
            else
                for (const platform of platforms)
                    img.parts.push({ platform, digest: await buildImageByDigest(state, img, [platform]) });
            made.push(`image ${img.plan.name} (${platforms.join(', ')}, pushed by digest; tagged at publish)`);
            continue;
        }
        await docker.build({ ...imageSpec(state, img), tags: img.tags.map((tag) => `${img.plan.ref}:${tag}`), platforms }, inputs.workingDirectory, state.commitTime);
        made.push(`image ${img.plan.name} (${img.tags.join(', ')})`);
    }
}
const build = {
    name: 'build',
    alreadyDone: release_state/* finishedRelease */.kX,
    async run(state) {
        state.commitTime = await state.git.commitTime(state.sha);
        const hasImages = (0,release_state/* allImages */.W7)(state).length > 0;
        if (hasImages && !state.docker)
            state.docker = new Docker(state.runner.tempDir);
        const made = [];
        const [pythonMs, imagesMs] = await Promise.all([timed(() => pythonBuilds(state, made)), timed(() => imageBuilds(state, made))]);
        if (hasImages && (0,release_state/* allPackages */.$d)(state).length > 0) {
            made.push(`in parallel: Python ${(pythonMs / 1000).toFixed(1)} s, images ${(imagesMs / 1000).toFixed(1)} s`);
        }
        // what is already on the index must be exactly what was built (resume), never replaced
        const conflicts = [];
        for (const pkg of (0,release_state/* allPackages */.$d)(state)) {
            const decision = decideUploads(pkg.built.map((f) => ({ path: f, name: external_node_path_default().basename(f), sha256: sha256(f) })), pkg.onIndex);
            pkg.toUpload = decision.upload.map((f) => f.path);
            for (const { file, onIndex } of decision.conflicts) {
                conflicts.push((0,errors/* problem */.CC)('E_PYPI_EXISTS', `${file.name} is already on the index with other content (sha256 ${onIndex.sha256.slice(0, 12)}…, built ${file.sha256.slice(0, 12)}…)`));
            }
        }
        if (conflicts.length > 0)
            throw (0,errors/* fromProblems */.j9)(conflicts);
        return { status: 'done', detail: made.join(', ') };
    }
};


/***/ })

};

//# sourceMappingURL=966.index.js.map