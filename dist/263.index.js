export const id = 263;
export const ids = [263];
export const modules = {

/***/ 3263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  build: () => (/* binding */ build_build)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/release/matrix.ts
var matrix = __webpack_require__(6484);
// EXTERNAL MODULE: ./src/release/report.ts
var report = __webpack_require__(9823);
// EXTERNAL MODULE: ./src/release/steps/run.ts + 1 modules
var run = __webpack_require__(8868);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/release/state.ts
var release_state = __webpack_require__(7648);
// EXTERNAL MODULE: ./src/release/steps/build.ts + 4 modules
var build = __webpack_require__(2966);
;// CONCATENATED MODULE: ./src/release/steps/build-entry.ts
/**
 * The build job of a fanned-out release (command build, SPEC §9): one entry of plan's
 * matrix. A package is built (SOURCE_DATE_EPOCH = the commit time), checked to carry
 * its name and the release version, `twine check`ed and copied into dist-dir for the
 * release job; an image is built for the entry's platform and pushed by digest only
 * (no tag), its digest written to dist-dir as a small JSON record.
 */





function buildEntry(entry, distDir) {
    return {
        name: `build ${entry.kind === 'package' ? entry.package : `${entry.image} ${entry.platform}`}`,
        async run(state) {
            state.commitTime = await state.git.commitTime(state.sha);
            (0,external_node_fs_.mkdirSync)(distDir, { recursive: true });
            if (entry.kind === 'package') {
                const pkg = (0,release_state/* allPackages */.$d)(state).find((p) => p.plan.dir === entry.package);
                if (!pkg)
                    throw new errors/* PyshipError */.iB('E_INPUT', `input matrix-entry names package ${entry.package}, which this release does not publish`);
                await (0,build/* buildPackages */._n)(state, [pkg]);
                await (0,build/* checkBuilt */.Dh)(state, [pkg]);
                for (const f of pkg.built)
                    (0,external_node_fs_.copyFileSync)(f, external_node_path_default().join(distDir, external_node_path_default().basename(f)));
                return { status: 'done', detail: `${pkg.built.map((f) => external_node_path_default().basename(f)).join(', ')} → ${distDir}` };
            }
            const img = (0,release_state/* allImages */.W7)(state).find((i) => i.plan.name === entry.image);
            if (!img)
                throw new errors/* PyshipError */.iB('E_INPUT', `input matrix-entry names image ${entry.image}, which this release does not build`);
            img.digest = await (0,build/* buildImageByDigest */.ft)(state, img, [entry.platform]);
            const record = { image: img.plan.name, platform: entry.platform, digest: img.digest };
            (0,external_node_fs_.writeFileSync)(external_node_path_default().join(distDir, (0,build/* imageRecordFile */.Dz)(record)), `${JSON.stringify({ ...record, ref: img.plan.ref, version: state.plan.version, commit: state.sha }, null, 2)}\n`);
            return { status: 'done', detail: `${img.plan.ref}@${img.digest} (${entry.platform}), pushed by digest only → ${distDir}` };
        }
    };
}

;// CONCATENATED MODULE: ./src/commands/build.ts
/**
 * `build` (SPEC §9): one job of a fanned-out release's matrix. Builds the one package
 * or image (platform) its `matrix-entry` names into `dist-dir`; publishes nothing
 * (an image is pushed by digest only, without a tag).
 */






async function build_build(inputs, runner) {
    // hostile input first: nothing is read or spawned before the entry is known to be sane
    const entry = (0,matrix/* parseMatrixEntry */.px)(inputs.matrixEntry);
    if (!inputs.distDir)
        throw new errors/* PyshipError */.iB('E_INPUT', 'command build needs dist-dir: the folder the built files go to (upload it with actions/upload-artifact)');
    if (inputs.component && inputs.component !== entry.component) {
        throw new errors/* PyshipError */.iB('E_INPUT', `input component = ${inputs.component} but matrix-entry is for ${entry.component}: leave component empty in the build job`);
    }
    const scoped = { ...inputs, component: entry.component, version: inputs.version || entry.version };
    const { state, steps, problems } = await (0,run/* runReleaseSteps */.m)(scoped, runner, [buildEntry(entry, inputs.distDir)], { dryRun: inputs.dryRun, onOpen: (opened) => (0,matrix/* resolveEntry */.Tp)(opened.plan, entry) });
    const result = (0,report/* releaseResult */.L)(scoped, state, steps, problems, (0,cancel/* cancelledBy */.tK)());
    const what = entry.kind === 'package' ? `package ${entry.package}` : `image ${entry.image} for ${entry.platform}`;
    return {
        ...result,
        command: 'build',
        headline: problems.length > 0 ? `build failed: ${problems[0].code} ${problems[0].message}` : `build: ${what} ${state?.plan.version ?? ''} from ${state?.sha.slice(0, 12) ?? ''} into ${inputs.distDir}`,
        outputs: { version: result.outputs.version, commit: state?.sha ?? '', images: result.outputs.images, plan: result.outputs.plan },
        table: { header: ['Step', 'Status', 'Detail', 'Duration'], rows: (result.table?.rows ?? []).filter((r) => !r[0].startsWith('image ') || entry.kind === 'image') }
    };
}


/***/ })

};

//# sourceMappingURL=263.index.js.map