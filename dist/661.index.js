export const id = 661;
export const ids = [661];
export const modules = {

/***/ 9661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: PYSHIP_VERSION, exitCode, parseArgv, resultJson, usage

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/commands/index.ts
var commands = __webpack_require__(2698);
// EXTERNAL MODULE: ./src/report/result.ts
var report_result = __webpack_require__(5781);
;// CONCATENATED MODULE: ./src/report/terminal.ts
/** The local CLI's output: `path:line: CODE message` per problem, a table, a headline. */


function problemLine(p) {
    const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
    return `${where}${p.code} ${p.message}\n  hint: ${p.hint} (${(0,errors/* docsLink */._h)(p.code)})`;
}
function formatTable(table) {
    const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return [line(table.header), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)].join('\n');
}
function formatResult(result) {
    const parts = [];
    if (result.table && result.table.rows.length > 0)
        parts.push(formatTable(result.table), '');
    for (const notice of result.notices)
        parts.push(`notice: ${notice}`);
    for (const p of result.problems)
        parts.push(problemLine(p));
    parts.push((0,report_result/* headlineOf */.g)(result));
    if (result.nextSteps?.length)
        parts.push('', 'Next steps:', ...result.nextSteps.map((s) => `  ${s}`));
    return parts.join('\n');
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/adapters/exec.ts
var exec = __webpack_require__(7911);
// EXTERNAL MODULE: ./src/adapters/http.ts
var http = __webpack_require__(3618);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/config/schema.ts
var schema = __webpack_require__(131);
;// CONCATENATED MODULE: ./src/cli-flags.ts
/**
 * The CLI's flags: one table that drives parsing, `--help` and the docs. Every action
 * input (action.yml) except `command` is a flag of the same name, with the same
 * description (a test keeps this table, action.yml and DEFAULTS in step); a boolean
 * input that defaults to true also has `--no-<name>`.
 */

const input = (name, type, description, value) => ({ name, type, description, value, input: name });
/** One flag per action.yml input (the descriptions are action.yml's). */
const INPUT_FLAGS = [
    input('component', 'string', "Target or group name (cli, docker, sdk, platform); check without it checks every group; bump bumps the group (a target's group).", 'NAME'),
    input('version', 'string', 'PEP 440 version, optional leading v. check: when given (with component), the files must carry it. bump: the new version, or major, minor, patch. release/verify: defaults to the version in the files. rollback: required. hotfix: the released version to fix (or its tag).', 'V'),
    input('dry-run', 'boolean', 'Do every read-only step and print the plan; change nothing anywhere (bump: show the edits, write no file).'),
    input('allow-downgrade', 'boolean', "bump: allow a version lower than the group's current one."),
    input('github-token', 'string', 'Token for tags and GitHub Releases (needs contents: write).', 'TOKEN'),
    input('pypi-token', 'string', 'PyPI API token (e.g. secrets.PYPI_API_TOKEN); when empty, trusted publishing (OIDC, permissions: id-token: write) is used.', 'TOKEN'),
    input('pypi-upload-url', 'string', 'Upload endpoint (TestPyPI and private indexes work).', 'URL'),
    input('pypi-url', 'string', "Index base for existence checks and verification (/pypi/NAME/VERSION/json) and the smoke test's dependencies (/simple/).", 'URL'),
    input('registry', 'string', 'Container registry host for docker targets.', 'HOST'),
    input('registry-username', 'string', 'Registry user name.', 'USER'),
    input('registry-password', 'string', 'Registry password; defaults to github-token (ghcr.io needs permissions: packages: write).', 'PASSWORD'),
    input('run-tests', 'boolean', "Run each package's tests before building."),
    input('python-version', 'string', 'Python used for tests and smoke tests.', 'X.Y'),
    input('build-isolation', 'boolean', "false builds with the backend already installed (air-gapped runners; like uv build --no-build-isolation, the backend's own requirements are not re-checked)."),
    input('install-check', 'boolean', "verify (and the end of release): install the released version from the index into a fresh venv and run the target's smoke command."),
    input('latest', 'string', 'auto = make the GitHub Release latest only when this is the highest stable version of this target (and the target may hold it); true/false force it.', 'auto|true|false'),
    input('config', 'string', 'Path to a config file, relative to working-directory (default: [tool.pyship] in pyproject.toml, then .github/pyship.toml, then the built-in defaults).', 'FILE'),
    input('working-directory', 'string', 'The workspace root, relative to the repository root.', 'DIR'),
    input('matrix-entry', 'string', "build: one entry of plan's matrix output, as JSON (toJSON(matrix) in a job whose strategy.matrix is fromJSON of that output).", 'JSON'),
    input('dist-dir', 'string', 'build: where the built files go (upload it with actions/upload-artifact); release: publish the prebuilt files found here (from actions/download-artifact) instead of building.', 'DIR')
];
/** Flags only the CLI has. */
const CLI_FLAGS = [
    { name: 'cwd', type: 'string', value: 'DIR', description: 'Alias of --working-directory.', input: 'working-directory' },
    { name: 'from', type: 'string', value: 'TAG', description: 'hotfix: the release tag to fix (sets version).', input: 'version' },
    { name: 'json', type: 'boolean', description: 'Print the result as JSON (outputs, problems, notices, table, next steps) on stdout.', input: '' },
    { name: 'debug', type: 'boolean', description: 'Show stack traces and request details (like RUNNER_DEBUG=1 in Actions).', input: '' },
    { name: 'help', short: 'h', type: 'boolean', description: 'Show this help.', input: '' }
];
const FLAGS = [...INPUT_FLAGS, ...CLI_FLAGS];
/** A boolean input whose default is true: it gets a `--no-<name>` form. */
const negatable = (flag) => flag.type === 'boolean' && src_inputs/* DEFAULTS */.zY[flag.input] === 'true';

// EXTERNAL MODULE: ./src/report/progress.ts
var progress = __webpack_require__(8991);
// EXTERNAL MODULE: ./src/runner.ts
var src_runner = __webpack_require__(4813);
;// CONCATENATED MODULE: ./src/cli.ts
/**
 * The local CLI over the same commands: `pyship check [component] [version]`,
 * `pyship bump platform 2.0.0`, `pyship release cli --dry-run`. Every action input is
 * also a `--flag` (src/cli-flags.ts). Exit status: 0 ok, 1 problems, 2 usage error
 * (an unknown command or flag, or an E_INPUT problem), 130 interrupted.
 */














const PYSHIP_VERSION = package_namespaceObject.rE;
const COMMAND_HELP = [
    ['check [component] [version]', 'the CI version gate: groups in sync, valid versions, internal pins, uv.lock (read-only, offline)'],
    ['bump <component> <version|major|minor|patch>', "set a group's version in every file, with internal pins and uv.lock"],
    ['release <component> [version]', 'preflight, test, build, publish to PyPI and the registry, tag, GitHub Release, verify'],
    ['plan <component> [version]', 'preflight once, then the matrix of build jobs of a fanned-out release (JSON)'],
    ['build --matrix-entry JSON --dist-dir DIR', "build one entry of plan's matrix into DIR"],
    ['verify <component> [version]', 'the "After Release" checklist (read-only)'],
    ['rollback <component> <version>', 'delete release and tag, mark images broken, move latest back, print the PyPI yank page'],
    ['hotfix <target> --from <tag>', 'branch hotfix/<tag> from a release tag, bump the patch version, commit, push']
];
function wrap(text, width, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(line);
    return lines.join(`\n${indent}`);
}
function flagUsage(flag) {
    if (flag.name === 'version')
        return '-V, --version [V]';
    const long = negatable(flag) ? `--[no-]${flag.name}` : `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    return flag.short ? `-${flag.short}, ${long}` : long;
}
function flagHelp(flag) {
    if (flag.name === 'version')
        return `Alone: print pyship's version. With a version (or major, minor, patch): the version input, like the [version] argument. ${flag.description}`;
    const fallback = flag.name === flag.input && flag.type === 'string' && src_inputs/* DEFAULTS */.zY[flag.input] ? ` (default: ${src_inputs/* DEFAULTS */.zY[flag.input]})` : '';
    return `${flag.description}${fallback}`;
}
/** Two columns: the name, then the text wrapped beside it (below it when the name is long). */
function row(name, text, col = 30) {
    const indent = ' '.repeat(col + 2);
    const body = wrap(text, 80 - col - 2, indent);
    return name.length < col ? [`  ${name.padEnd(col)}${body}`] : [`  ${name}`, `${indent}${body}`];
}
/** The help text, generated from the command list and the flag table. */
function usage() {
    return [
        `pyship ${PYSHIP_VERSION}: release a Python monorepo (version gate, bump, PyPI, Docker images, tags, GitHub Releases)`,
        '',
        'Usage: pyship <command> [component] [version] [options]',
        '',
        'Commands:',
        ...COMMAND_HELP.flatMap(([c, d]) => row(c, d)),
        '',
        'Options (every action input is a flag of the same name; booleans also take =true/=false):',
        ...FLAGS.flatMap((flag) => row(flagUsage(flag), flagHelp(flag))),
        '',
        'Tokens come from GITHUB_TOKEN and PYPI_API_TOKEN when not given as flags.',
        'Exit status: 0 no problems, 1 problems found, 2 usage error, 130 interrupted.'
    ].join('\n');
}
class UsageError extends Error {
}
const byName = new Map(FLAGS.map((f) => [f.name, f]));
const byShort = new Map(FLAGS.filter((f) => f.short).map((f) => [f.short, f]));
/** Every spelling a user may type, for "did you mean". */
const SPELLINGS = [...FLAGS.map((f) => f.name), ...FLAGS.filter(negatable).map((f) => `no-${f.name}`)];
const looksLikeVersion = (s) => s !== undefined && (/^v?\d/.test(s) || ['major', 'minor', 'patch'].includes(s));
function parseArgv(argv) {
    const values = {};
    const positionals = [];
    let printVersion = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            positionals.push(...argv.slice(i + 1));
            break;
        }
        if (arg.startsWith('--')) {
            const eq = arg.indexOf('=');
            let name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
            let inline = eq < 0 ? undefined : arg.slice(eq + 1);
            let flag = byName.get(name);
            if (!flag && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
                flag = byName.get(name.slice(3));
                if (inline !== undefined)
                    throw new UsageError(`option --${name} does not take a value (use --${flag.name}=${inline === 'false' ? 'true' : 'false'})`);
                name = flag.name;
                inline = 'false';
            }
            if (!flag) {
                const guess = (0,schema/* closest */.kp)(name, SPELLINGS);
                throw new UsageError(`unknown option --${name}${guess ? `; did you mean --${guess}?` : ''}`);
            }
            if (flag.name === 'version') {
                // `--version` alone prints pyship's version; `--version 2.0.0` sets the version input
                if (inline !== undefined)
                    values.version = inline;
                else if (looksLikeVersion(argv[i + 1]))
                    values.version = argv[++i];
                else
                    printVersion = true;
                continue;
            }
            if (flag.type === 'boolean') {
                const v = inline ?? 'true';
                if (!/^(true|false)$/i.test(v))
                    throw new UsageError(`option --${name} takes true or false, not ${JSON.stringify(v)}`);
                values[flag.name] = v.toLowerCase() === 'true';
            }
            else {
                const v = inline ?? argv[i + 1];
                if (v === undefined || (inline === undefined && v.startsWith('--')))
                    throw new UsageError(`option --${name} needs a value (--${name} ${flag.value ?? 'VALUE'})`);
                if (inline === undefined)
                    i++;
                values[flag.name] = v;
            }
            continue;
        }
        if (arg.startsWith('-') && arg.length > 1) {
            for (const letter of arg.slice(1)) {
                if (letter === 'V')
                    printVersion = true;
                else if (byShort.has(letter))
                    values[byShort.get(letter).name] = true;
                else
                    throw new UsageError(`unknown option -${letter}`);
            }
            continue;
        }
        positionals.push(arg);
    }
    return { values, positionals, printVersion };
}
/** Usage errors (E_INPUT) exit 2, other problems 1. */
function exitCode(problems) {
    if (problems.length === 0)
        return 0;
    return problems.some((p) => p.code === 'E_INPUT') ? 2 : 1;
}
/** `--json`: everything the result carries, problems with their hints. */
function resultJson(result) {
    const problems = result.problems.map((p) => ({ code: p.code, file: p.file ?? null, line: p.line ?? null, message: p.message, hint: p.hint }));
    // `data` (bump's planned edits, check's sources) is spread at the top level
    const { data, ...rest } = result;
    return JSON.stringify({ ok: result.problems.length === 0, ...rest, ...data, problems }, null, 2);
}
async function runCli(argv, io) {
    let parsed;
    try {
        parsed = parseArgv(argv);
    }
    catch (error) {
        if (!(error instanceof UsageError))
            throw error;
        io.err(`pyship: ${error.message}\nRun \`pyship --help\` for the commands and options.`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help || positionals[0] === 'help') {
        io.out(usage());
        return 0;
    }
    if (parsed.printVersion) {
        io.out(`pyship ${PYSHIP_VERSION}`);
        return 0;
    }
    const [command, component, version, ...extra] = positionals;
    if (!command) {
        io.err(`pyship: no command given\n\n${usage()}`);
        return 2;
    }
    if (!src_inputs/* COMMANDS */.Lo.includes(command)) {
        const guess = (0,schema/* closest */.kp)(command, src_inputs/* COMMANDS */.Lo);
        io.err(`pyship: unknown command ${JSON.stringify(command)}${guess ? `; did you mean ${guess}?` : ''}\nThe commands are ${src_inputs/* COMMANDS */.Lo.join(', ')}; run \`pyship --help\` for more.`);
        return 2;
    }
    if (extra.length > 0) {
        io.err(`pyship: too many arguments: ${extra.join(' ')} (pyship ${command} takes [component] [version])\nRun \`pyship --help\` for the commands and options.`);
        return 2;
    }
    const raw = { command };
    for (const flag of INPUT_FLAGS) {
        const v = values[flag.name];
        if (v !== undefined)
            raw[flag.input] = String(v);
    }
    if (values.cwd !== undefined)
        raw['working-directory'] = String(values.cwd);
    // hotfix --from <tag>: the released version to fix, given as its tag
    if (values.from !== undefined)
        raw.version = String(values.from);
    if (component !== undefined)
        raw.component = component;
    if (version !== undefined)
        raw.version = version;
    // outside Actions, tokens come from the usual environment variables
    raw['github-token'] ??= io.env.GITHUB_TOKEN ?? '';
    raw['pypi-token'] ??= io.env.PYPI_API_TOKEN ?? '';
    const runner = (0,src_runner/* readRunner */.fY)(io.env, { debug: values.debug === true });
    if (runner.debug)
        process.setSourceMapsEnabled(true);
    const render = (0,progress/* progressRenderer */.T$)({ write: io.err, colour: (0,progress/* useColour */.Oi)(io.env, io.tty === true) });
    (0,log/* setLogger */.Br)(render);
    // never a bare stack trace: an error pyship did not foresee is E_INTERNAL; its stack only with --debug
    (0,log/* setDebugLogger */.MY)(runner.debug ? (line) => io.err(line) : () => undefined);
    (0,exec/* configureExec */.e5)(runner.env);
    (0,http/* configureHttp */.hh)(runner.http);
    const json = values.json === true;
    let result;
    try {
        const inputs = (0,src_inputs/* parseInputs */.TL)((name) => (raw[name] ?? src_inputs/* DEFAULTS */.zY[name] ?? '').trim(), { cwd: io.cwd });
        result = await (0,commands/* runCommand */.d)(inputs, runner);
    }
    catch (error) {
        result = (0,report_result/* failedResult */.N)(command, (0,errors/* problemsOf */.GW)(error));
    }
    if (json)
        io.out(resultJson(result));
    else if (!result.table && result.problems.length > 0)
        io.err(result.problems.map(problemLine).join('\n'));
    else
        io.out(formatResult(result));
    const signal = (0,cancel/* cancelledBy */.tK)();
    return signal ? (0,cancel/* cancelExitCode */.mx)(signal) : exitCode(result.problems);
}


/***/ })

};

//# sourceMappingURL=661.index.js.map