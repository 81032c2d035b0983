export const id = 172;
export const ids = [172];
export const modules = {

/***/ 5172:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  maskSecret: () => (/* binding */ maskSecret),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/commands/index.ts
var commands = __webpack_require__(2698);
// EXTERNAL MODULE: ./src/adapters/exec.ts
var exec = __webpack_require__(7911);
// EXTERNAL MODULE: ./src/adapters/http.ts
var http = __webpack_require__(3618);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/runner.ts
var src_runner = __webpack_require__(4813);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/report/result.ts
var report_result = __webpack_require__(5781);
;// CONCATENATED MODULE: ./src/report/actions.ts
/**
 * Turn a command's result into what GitHub shows: one annotation per problem on its
 * file and line, the outputs, and the job summary.
 */



/** The annotation body: the message, then the hint and its Troubleshooting link. */
function annotationMessage(p) {
    return `${p.message}\n${p.hint} See ${(0,errors/* docsLink */._h)(p.code)}`;
}
function annotate(problems) {
    for (const p of problems) {
        lib_core/* error */.z3(annotationMessage(p), { title: p.code, file: p.file, startLine: p.file ? p.line : undefined });
    }
}
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        lib_core/* setOutput */.uH(name, value);
}
/** The `problems` output: `[{code, file, line, message}]`. */
function problemsOutput(problems) {
    return JSON.stringify(problems.map((p) => ({ code: p.code, file: p.file ?? null, line: p.line ?? null, message: p.message })));
}
/** Report problems that stopped a command (a thrown PyshipError). */
function reportProblems(problems) {
    annotate(problems);
    core.setOutput('problems', problemsOutput(problems));
}
/** `path:line`, linked to the file on GitHub when the repository and commit are known. */
function whereCell(p, links) {
    if (!p.file)
        return '';
    const text = escapeHtml(`${p.file}${p.line ? `:${p.line}` : ''}`);
    if (!links?.repository || !links.sha)
        return text;
    const file = p.file.split('/').map(encodeURIComponent).join('/');
    return `<a href="${escapeHtml(`${links.serverUrl}/${links.repository}/blob/${links.sha}/${file}${p.line ? `#L${p.line}` : ''}`).replace(/"/g, '&quot;')}">${text}</a>`;
}
/** Text for an HTML cell: escaped, with Markdown code spans shown as code. */
function cellHtml(text) {
    return escapeHtml(text).replace(/`([^`\n]+)`/g, '<code>$1</code>');
}
async function writeSummary(result, links) {
    const summary = lib_core/* summary */.z.addHeading(`pyship ${result.command}`, 2).addRaw(`<p>${cellHtml((0,report_result/* headlineOf */.g)(result))}</p>`, true);
    if (result.table) {
        summary.addTable([
            result.table.header.map((data) => ({ data, header: true })),
            ...result.table.rows.map((row) => row.map(cellHtml))
        ]);
    }
    if (result.problems.length > 0) {
        summary.addHeading('Problems', 3);
        summary.addTable([
            ['Code', 'Where', 'Problem', 'What to do'].map((data) => ({ data, header: true })),
            ...result.problems.map((p) => [
                `<a href="${(0,errors/* docsLink */._h)(p.code)}">${p.code}</a>`,
                whereCell(p, links),
                cellHtml(p.message),
                cellHtml(p.hint)
            ])
        ]);
    }
    for (const notice of result.notices)
        summary.addRaw(`<blockquote>${cellHtml(notice)}</blockquote>`, true);
    if (result.nextSteps?.length) {
        summary.addHeading('Next steps', 3).addCodeBlock(escapeHtml(result.nextSteps.join('\n')), 'bash');
    }
    await summary.write();
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** `summary`: whether the runner gave a job summary file (GITHUB_STEP_SUMMARY); `links`: where "Where" cells point. */
async function reportToActions(result, options) {
    for (const notice of result.notices)
        lib_core/* notice */.lm(notice);
    annotate(result.problems);
    setOutputs({ ...result.outputs, problems: problemsOutput(result.problems) });
    lib_core/* info */.pq((0,report_result/* headlineOf */.g)(result));
    if (result.nextSteps?.length)
        lib_core/* info */.pq(['Next steps:', ...result.nextSteps.map((s) => `  ${s}`)].join('\n'));
    if (!options.summary)
        return;
    try {
        await writeSummary(result, options.links);
    }
    catch (error) {
        // an unwritable summary must not hide the result reported above
        lib_core/* warning */.$e(`the job summary could not be written: ${error.message}`);
    }
}

// EXTERNAL MODULE: ./src/report/progress.ts
var progress = __webpack_require__(8991);
;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action: inputs → command → report. The one place that reports to the runner;
 * deeper code throws, and every outcome — success, coded problems, an unforeseen error
 * (E_INTERNAL), a cancellation — is reported here, once, with annotations, outputs and
 * a job summary (a failure before any step included).
 */












/** Register a secret with the runner: whole, and each of its lines (the runner masks line by line). */
function maskSecret(value) {
    if (!value)
        return;
    lib_core/* setSecret */.Pq(value);
    if (!/[\r\n]/.test(value))
        return;
    for (const line of value.split(/\r?\n/))
        if (line.trim())
            lib_core/* setSecret */.Pq(line.trim());
}
async function run() {
    const runner = (0,src_runner/* readRunner */.fY)(process.env);
    if (runner.debug)
        process.setSourceMapsEnabled(true);
    // each release step's tool output folds into a group of the log
    (0,log/* setLogger */.Br)((0,progress/* progressRenderer */.T$)({ write: (line) => lib_core/* info */.pq(line), colour: false, group: { start: lib_core/* startGroup */.Oh, end: lib_core/* endGroup */.N4 } }), maskSecret);
    (0,log/* setDebugLogger */.MY)((line) => lib_core/* debug */.Yz(line));
    (0,exec/* configureExec */.e5)(runner.env);
    (0,http/* configureHttp */.hh)(runner.http);
    (0,cancel/* handleSignals */.yK)();
    // mask first: nothing may print a token before it is registered as a secret
    for (const name of src_inputs/* SECRET_INPUTS */.pH)
        maskSecret(lib_core/* getInput */.V4(name));
    let result;
    try {
        const inputs = (0,src_inputs/* parseInputs */.TL)((name) => lib_core/* getInput */.V4(name), { workspace: process.env.GITHUB_WORKSPACE, cwd: process.cwd() });
        result = await (0,commands/* runCommand */.d)(inputs, runner);
    }
    catch (error) {
        const named = lib_core/* getInput */.V4('command') || 'release';
        result = (0,report_result/* failedResult */.N)((src_inputs/* COMMANDS */.Lo.includes(named) ? named : 'release'), (0,errors/* problemsOf */.GW)(error));
    }
    await reportToActions(result, {
        summary: Boolean(process.env.GITHUB_STEP_SUMMARY),
        links: { serverUrl: runner.serverUrl, repository: runner.repository, sha: runner.sha }
    });
    const signal = (0,cancel/* cancelledBy */.tK)();
    process.exitCode = signal ? (0,cancel/* cancelExitCode */.mx)(signal) : result.problems.length > 0 ? lib_core/* ExitCode */.yU.Failure : 0;
}


/***/ })

};

//# sourceMappingURL=172.index.js.map