export const id = 483;
export const ids = [483];
export const modules = {

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   plan: () => (/* binding */ plan)
/* harmony export */ });
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(833);
/* harmony import */ var _release_matrix_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6484);
/* harmony import */ var _release_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9823);
/* harmony import */ var _release_steps_run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8868);
/* harmony import */ var _release_steps_preflight_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8782);
/**
 * `plan` (SPEC §9): the first job of a fanned-out release. Resolves the release and runs
 * its preflight once (read-only), then writes the `matrix` output — one entry per
 * package to build and one per image and platform — with the version and the commit.
 */





async function plan(inputs, runner) {
    const { state, steps, problems } = await (0,_release_steps_run_js__WEBPACK_IMPORTED_MODULE_2__/* .runReleaseSteps */ .m)(inputs, runner, [_release_steps_preflight_js__WEBPACK_IMPORTED_MODULE_3__/* .preflight */ .M], { dryRun: false });
    const result = (0,_release_report_js__WEBPACK_IMPORTED_MODULE_4__/* .releaseResult */ .L)(inputs, state, steps, problems, (0,_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .cancelledBy */ .tK)());
    const matrix = state && problems.length === 0 ? (0,_release_matrix_js__WEBPACK_IMPORTED_MODULE_1__/* .matrixFor */ .bm)(state.plan) : { include: [] };
    const tags = state?.targets.map((t) => t.plan.tag).join(', ') ?? '';
    return {
        ...result,
        command: 'plan',
        headline: problems.length > 0 ? `plan failed: ${problems[0].code} ${problems[0].message}` : `plan: ${tags} from ${state?.sha.slice(0, 12)}: ${matrix.include.length} build jobs`,
        outputs: { version: result.outputs.version, commit: state?.sha ?? '', tags: result.outputs.tags, matrix: JSON.stringify(matrix), plan: result.outputs.plan },
        table: { header: ['Step', 'Status', 'Detail', 'Duration'], rows: [...(result.table?.rows ?? []).filter((r) => !r[0].startsWith('image ')), ...matrix.include.map((e) => [e.name, 'build job', `runs-on ${e.runner}`, ''])] }
    };
}


/***/ })

};

//# sourceMappingURL=483.index.js.map