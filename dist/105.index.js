export const id = 105;
export const ids = [105];
export const modules = {

/***/ 7911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qk: () => (/* binding */ childProcess),
/* harmony export */   e5: () => (/* binding */ configureExec),
/* harmony export */   gf: () => (/* binding */ childEnv),
/* harmony export */   m0: () => (/* binding */ exec),
/* harmony export */   w$: () => (/* binding */ lastLines)
/* harmony export */ });
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(833);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5625);


/** node:child_process, loaded when a process is first started (it pulls in net and streams: start-up time `check` rarely needs). */
const childProcess = () => process.getBuiltinModule('node:child_process');
/** The environment every tool inherits (the runner's, set once by the front end). */
let baseEnv = {};
function configureExec(env) {
    baseEnv = env;
}
/** The inherited environment plus `extra` (what a tool run adds: a token, DOCKER_CONFIG…). */
function childEnv(extra = {}) {
    return { ...baseEnv, ...extra };
}
function exec(command, args, options) {
    return new Promise((resolve) => {
        if (!options.quiet)
            (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .log */ .Rm)(`$ ${[command, ...args].join(' ')}`);
        const child = childProcess().spawn(command, [...args], {
            cwd: options.cwd,
            env: childEnv(options.env),
            stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        // output arrives in chunks that may end mid-line: relay whole lines only
        const pending = { out: '', err: '' };
        const emit = (line) => {
            // a progress bar redraws with \r: keep what it shows last
            const shown = line.slice(line.lastIndexOf('\r') + 1);
            if (shown.trim())
                (0,_log_js__WEBPACK_IMPORTED_MODULE_1__/* .toolOutput */ .WT)(shown);
        };
        const relay = (chunk, into) => {
            if (into === 'out')
                stdout += chunk;
            else
                stderr += chunk;
            if (options.quiet)
                return;
            const lines = (pending[into] + chunk).split('\n');
            pending[into] = lines.pop();
            for (const line of lines)
                emit(line.replace(/\r$/, ''));
        };
        const flush = () => {
            for (const into of ['out', 'err']) {
                if (pending[into] && !options.quiet)
                    emit(pending[into]);
                pending[into] = '';
            }
        };
        child.stdout?.setEncoding('utf8').on('data', (c) => relay(c, 'out'));
        child.stderr?.setEncoding('utf8').on('data', (c) => relay(c, 'err'));
        // a cancelled run stops its tools (and a tool never outlives pyship)
        const forget = (0,_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .onCleanup */ .Ki)(() => child.kill('SIGTERM'));
        child.on('error', (error) => {
            forget();
            resolve({ status: 127, stdout, stderr: `${stderr}${error.message}` });
        });
        child.on('close', (code, signal) => {
            forget();
            flush();
            resolve({ status: code ?? (signal ? 128 : 1), stdout, stderr });
        });
        if (child.stdin) {
            // a tool that exits without reading its input must not crash pyship (EPIPE)
            child.stdin.on('error', () => undefined);
            child.stdin.end(options.input);
        }
    });
}
/** The last non-empty lines of a tool's output, for error messages. */
function lastLines(result, count = 3) {
    const lines = `${result.stdout}\n${result.stderr}`.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    return lines.slice(-count).join(' | ');
}


/***/ }),

/***/ 6960:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TU: () => (/* binding */ Git)
/* harmony export */ });
/* unused harmony exports scrubUrls, gitFailureCode */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7911);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3618);
/** The git repository: the release commit, work-tree state, branches and tags on `origin`. */



/** A URL's credentials scrubbed from git's output (`https://user:token@host/…` → `https://host/…`). */
function scrubUrls(text) {
    return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1');
}
/**
 * What a failed git command says about its cause: origin could not be reached
 * (E_NETWORK), origin refused the credentials (E_GITHUB_DENIED), or it is the
 * checkout itself (E_INPUT: not a repository, no origin, a bad ref).
 */
function gitFailureCode(output) {
    if (/Authentication failed|Permission denied|could not read (Username|Password)|returned error: 40[13]\b|Write access to repository not granted|denied to /i.test(output))
        return 'E_GITHUB_DENIED';
    if (/Could not resolve (host|proxy)|Failed to connect|Couldn't connect|Connection (refused|timed out|reset)|Operation timed out|timed out after|Operation too slow|returned error: 5\d\d|RPC failed|early EOF|remote end hung up|SSL_connect|SSL_ERROR|gnutls_handshake|Network is unreachable|No route to host|Could not read from remote repository/i.test(output)) {
        return 'E_NETWORK';
    }
    return 'E_INPUT';
}
/** A push that failed: origin unreachable is E_NETWORK; anything else origin refused. */
function pushFailure(push, what) {
    const output = scrubUrls((0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLines */ .w$)(push));
    if (gitFailureCode(`${push.stdout}\n${push.stderr}`) === 'E_NETWORK') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_NETWORK', `${what} failed: origin could not be reached: ${output}; a re-run resumes where this one stopped`);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_GITHUB_DENIED', `${what} was refused: ${output}`);
}
class Git {
    cwd;
    identity;
    constructor(cwd, identity = { name: 'pyship', email: 'pyship@users.noreply.github.com' }) {
        this.cwd = cwd;
        this.identity = identity;
    }
    async run(args, quiet = true, env = {}) {
        // git over HTTP gives up on a stalled origin like the HTTP seam does (no byte for the idle timeout)
        const lowSpeed = { GIT_HTTP_LOW_SPEED_LIMIT: '1', GIT_HTTP_LOW_SPEED_TIME: String(Math.max(1, Math.round((0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .httpSettings */ .qe)().idleTimeout))) };
        return (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .exec */ .m0)('git', args, { cwd: this.cwd, quiet, env: { GIT_TERMINAL_PROMPT: '0', ...lowSpeed, ...env } });
    }
    async ok(args, what, quiet = true, env = {}) {
        const r = await this.run(args, quiet, env);
        if (r.status !== 0) {
            const output = scrubUrls((0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLines */ .w$)(r));
            const code = gitFailureCode(`${r.stdout}\n${r.stderr}`);
            if (code === 'E_NETWORK') {
                const origin = await this.originUrl();
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_NETWORK', `origin${origin ? ` (${(0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(origin) === '(invalid URL)' ? scrubUrls(origin) : (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(origin)})` : ''} could not be reached: git ${what} failed: ${output}; a re-run resumes where this one stopped`);
            }
            if (code === 'E_GITHUB_DENIED')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_GITHUB_DENIED', `origin refused git ${what}: ${output}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', `git ${what} failed: ${output}`, {
                hint: 'pyship runs in a git checkout with an `origin` remote (actions/checkout with fetch-depth: 0 for tags).'
            });
        }
        return r.stdout.trim();
    }
    /** Files git tracks below the working directory, relative to it (`git ls-files`); null outside a git repository. */
    async trackedFiles() {
        const r = await this.run(['ls-files', '-z', '--cached', '--', '.']);
        return r.status === 0 ? r.stdout.split('\0').filter(Boolean) : null;
    }
    /** The local tags (`git tag --list`); null outside a git repository. */
    async localTags() {
        const r = await this.run(['tag', '--list']);
        return r.status === 0 ? r.stdout.split('\n').map((t) => t.trim()).filter(Boolean) : null;
    }
    /** origin's URL, or null. */
    async originUrl() {
        const r = await this.run(['remote', 'get-url', 'origin']);
        return r.status === 0 ? r.stdout.trim() : null;
    }
    headCommit() {
        return this.ok(['rev-parse', 'HEAD'], 'rev-parse HEAD');
    }
    /** Committer time of a commit, in seconds since the epoch (SOURCE_DATE_EPOCH). */
    async commitTime(sha) {
        return Number(await this.ok(['show', '-s', '--format=%ct', sha], 'show'));
    }
    /** Uncommitted changes (tracked and untracked), as paths relative to the repository root. */
    async dirtyFiles() {
        const out = await this.ok(['status', '--porcelain=v1', '--untracked-files=all'], 'status');
        return out
            .split('\n')
            .filter(Boolean)
            .map((line) => line.slice(3));
    }
    /** The checked-out branch, or null on a detached HEAD. */
    async currentBranch() {
        const r = await this.run(['symbolic-ref', '--short', '-q', 'HEAD']);
        return r.status === 0 ? r.stdout.trim() : null;
    }
    /** origin's default branch (its HEAD), or null when it cannot be told. */
    async defaultBranch() {
        const r = await this.run(['ls-remote', '--symref', 'origin', 'HEAD']);
        const m = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(r.stdout);
        return m ? m[1] : null;
    }
    /** The commit a tag on origin points at (peeled), or null when origin has no such tag. */
    async remoteTagCommit(tag) {
        const out = await this.ok(['ls-remote', '--tags', 'origin', `refs/tags/${tag}`, `refs/tags/${tag}^{}`], `ls-remote origin ${tag}`);
        const lines = out.split('\n').filter(Boolean).map((l) => l.split('\t'));
        const peeled = lines.find(([, ref]) => ref === `refs/tags/${tag}^{}`);
        const direct = lines.find(([, ref]) => ref === `refs/tags/${tag}`);
        return (peeled ?? direct)?.[0] ?? null;
    }
    /** Every tag on origin with the commit it points at. */
    async remoteTags() {
        const out = await this.ok(['ls-remote', '--tags', 'origin'], 'ls-remote --tags origin');
        const tags = new Map();
        for (const [sha, ref] of out.split('\n').filter(Boolean).map((l) => l.split('\t'))) {
            const name = ref.replace(/^refs\/tags\//, '');
            if (name.endsWith('^{}'))
                tags.set(name.slice(0, -3), sha);
            else if (!tags.has(name))
                tags.set(name, sha);
        }
        return tags;
    }
    /** Delete a tag on origin (and the local one). */
    async deleteRemoteTag(tag) {
        const push = await this.run(['push', 'origin', `:refs/tags/${tag}`], false);
        if (push.status !== 0)
            throw pushFailure(push, `deleting tag ${tag} on origin`);
        await this.run(['tag', '-d', tag]);
    }
    /** Fetch a tag from origin, create `branch` at it, check it out. */
    async branchFromTag(branch, tag) {
        await this.ok(['fetch', '--quiet', 'origin', `refs/tags/${tag}:refs/tags/${tag}`], `fetch tag ${tag}`);
        await this.ok(['checkout', '--quiet', '-b', branch, `refs/tags/${tag}`], `checkout -b ${branch}`);
    }
    /** Whether origin has `branch`. */
    async remoteBranchExists(branch) {
        const r = await this.run(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]);
        return r.stdout.trim() !== '';
    }
    async commitAll(message, files) {
        await this.ok(['add', '--', ...files], 'add');
        await this.ok(['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'commit', '--quiet', '-m', message], 'commit');
        return this.headCommit();
    }
    async pushBranch(branch) {
        const push = await this.run(['push', 'origin', `refs/heads/${branch}:refs/heads/${branch}`], false);
        if (push.status !== 0)
            throw pushFailure(push, `git push of branch ${branch} to origin`);
    }
    /** The object a ref on origin points at, or null when origin has no such ref. */
    async remoteRef(ref) {
        const out = await this.ok(['ls-remote', 'origin', ref], `ls-remote origin ${ref}`);
        const line = out.split('\n').find((l) => l.endsWith(`\t${ref}`));
        return line ? line.split('\t')[0] : null;
    }
    /** The committer time (seconds) and message of a commit on origin (fetched by name, no local ref written). */
    async remoteCommitMessage(ref, oid) {
        await this.run(['fetch', '--quiet', '--no-tags', 'origin', ref]);
        const r = await this.run(['show', '-s', '--format=%ct%n%B', oid]);
        if (r.status !== 0)
            return null;
        const [time, ...message] = r.stdout.split('\n');
        return { time: Number(time), message: message.join('\n').trim() };
    }
    /** A commit object with `message` on top of `parent` (same tree), not on any branch, dated now (whatever GIT_*_DATE says). */
    async note(parent, message) {
        const now = `${Math.floor(Date.now() / 1000)} +0000`;
        return this.ok(['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'commit-tree', `${parent}^{tree}`, '-p', parent, '-m', message], 'commit-tree', true, {
            GIT_COMMITTER_DATE: now,
            GIT_AUTHOR_DATE: now
        });
    }
    /**
     * Compare-and-swap a ref on origin, atomic on the server: `expected` null means the ref
     * must not exist yet (create), `next` null deletes it. False when origin holds another value.
     */
    async casRemoteRef(ref, expected, next) {
        const push = await this.run(['push', '--porcelain', `--force-with-lease=${ref}:${expected ?? ''}`, 'origin', `${next ?? ''}:${ref}`]);
        if (push.status === 0)
            return true;
        if (/stale info|rejected|fetch first|already exists/i.test(`${push.stdout}${push.stderr}`))
            return false;
        throw pushFailure(push, `git push of ${ref} to origin`);
    }
    /** Create (or keep) the annotated tag locally and push it to origin. */
    /**
     * Create the annotated tag `tag` at `sha` locally only (not pushed), for a backend that
     * reads its version from tags; returns false when a local tag of that name already
     * exists (then it is left alone).
     */
    async createLocalTag(tag, sha, message) {
        const local = await this.run(['rev-parse', '-q', '--verify', `refs/tags/${tag}`]);
        if (local.status === 0)
            return false;
        await this.ok(['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'tag', '-a', tag, '-m', message, sha], `tag ${tag}`);
        return true;
    }
    /** Delete a local tag (one createLocalTag made); origin is not touched. */
    async deleteLocalTag(tag) {
        await this.run(['tag', '-d', tag]);
    }
    async pushAnnotatedTag(tag, sha, message) {
        const local = await this.run(['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`]);
        if (local.status === 0 && local.stdout.trim() !== sha) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_TAG_EXISTS', `the local tag ${tag} points at ${local.stdout.trim().slice(0, 12)}, not the release commit ${sha.slice(0, 12)}`, {
                hint: `Delete the stale local tag (git tag -d ${tag}) or bump the version.`
            });
        }
        if (local.status !== 0) {
            await this.ok(['-c', `user.name=${this.identity.name}`, '-c', `user.email=${this.identity.email}`, 'tag', '-a', tag, '-m', message, sha], `tag ${tag}`);
        }
        const push = await this.run(['push', 'origin', `refs/tags/${tag}:refs/tags/${tag}`], false);
        if (push.status !== 0) {
            throw pushFailure(push, `git push of tag ${tag} to origin`);
        }
    }
}


/***/ }),

/***/ 3618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Em: () => (/* binding */ request),
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   IX: () => (/* binding */ nextLink),
/* harmony export */   cW: () => (/* binding */ shape),
/* harmony export */   hh: () => (/* binding */ configureHttp),
/* harmony export */   qe: () => (/* binding */ httpSettings),
/* harmony export */   vt: () => (/* binding */ create),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony exports isIdempotent, backoffDelay, judgeAnswer, judgeError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5625);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4813);



let settings = _runner_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_HTTP_SETTINGS */ .B4;
let dispatcher = null;
/** undici is loaded on the first request: check and bump never load the HTTP stack (start-up). */
const importUndici = () => __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19));
let undici = null;
const loadUndici = () => (undici ??= importUndici());
/** Origins that could not be reached after every attempt (what failed): not tried again in this run. */
const unreachable = new Map();
/** Set the seam's settings (the front ends, once; tests). Forgets connections and unreachable hosts. */
function configureHttp(next = {}) {
    settings = { ..._runner_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_HTTP_SETTINGS */ .B4, ...next, proxy: { ..._runner_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_HTTP_SETTINGS */ .B4.proxy, ...next.proxy } };
    void dispatcher?.close().catch(() => undefined);
    dispatcher = null;
    unreachable.clear();
    for (const line of next.ignored ?? [])
        (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm)(`warning: ${line}`);
}
function httpSettings() {
    return settings;
}
async function getDispatcher() {
    if (dispatcher)
        return dispatcher;
    const { Agent, EnvHttpProxyAgent } = await loadUndici();
    // a concurrent first request may have made it while undici loaded: one dispatcher only
    if (dispatcher)
        return dispatcher;
    const options = {
        connect: { timeout: settings.connectTimeout * 1000 },
        headersTimeout: settings.idleTimeout * 1000,
        bodyTimeout: settings.idleTimeout * 1000,
        maxRedirections: 5
    };
    const { http, https, noProxy } = settings.proxy;
    if (!http && !https) {
        dispatcher = new Agent(options);
    }
    else {
        // explicit values, read once by the front end (Runner.http); undici 6 warns that this
        // class is experimental on every construction: that warning is not the user's concern
        const emit = process.emitWarning;
        process.emitWarning = (() => undefined);
        try {
            dispatcher = new EnvHttpProxyAgent({ ...options, httpProxy: http, httpsProxy: https || http, noProxy });
        }
        finally {
            process.emitWarning = emit;
        }
    }
    return dispatcher;
}
function shape(what, is) {
    return { what, is };
}
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const USER_AGENT = 'pyship (+https://github.com/pyship/pyship)';
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Whether a method may be sent again blindly (RFC 9110 §9.2.2). */
function isIdempotent(method) {
    return IDEMPOTENT.has(method.toUpperCase());
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The delay before attempt `attempt + 1`: exponential, capped, with jitter (half fixed, half random). */
function backoffDelay(attempt, s = settings, random = Math.random) {
    const ceiling = Math.min(s.maxBackoff, s.backoff * 2 ** (attempt - 1)) * 1000;
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
/** The seconds a `retry-after` header asks for (seconds or an HTTP date), or null. */
function retryAfterMs(headers, now) {
    const value = headers.get('retry-after');
    if (value === null || value.trim() === '')
        return null;
    if (/^\d+(\.\d+)?$/.test(value.trim()))
        return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
}
function judgeAnswer(status, headers, now = Date.now()) {
    const after = retryAfterMs(headers, now);
    if (status === 403 || status === 429) {
        // GitHub's secondary limit (retry-after) and primary limit (remaining 0 until reset)
        if (after !== null)
            return { kind: 'rate-limit', why: `rate limited (${status}, retry-after ${Math.ceil(after / 1000)} s)`, waitMs: after };
        const reset = Number(headers.get('x-ratelimit-reset'));
        if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
            const waitMs = Math.max(0, reset * 1000 - now) + 1000;
            return { kind: 'rate-limit', why: `rate limit exhausted (${status}, resets in ${Math.ceil(waitMs / 1000)} s)`, waitMs };
        }
    }
    if (status === 429 || status === 408 || status >= 500) {
        return after !== null ? { kind: 'retry', why: `answered ${status}`, waitMs: after } : { kind: 'retry', why: `answered ${status}` };
    }
    return { kind: 'answer' };
}
/** A transport failure: what it was in words, and whether the request surely never reached the server. */
function judgeError(error) {
    const e = error;
    const code = e?.code ?? e?.cause?.code ?? '';
    const s = settings;
    switch (code) {
        case 'ECONNREFUSED':
            return { what: 'connection refused', unsent: true };
        case 'ENOTFOUND':
            return { what: 'the host name does not resolve (DNS)', unsent: true };
        case 'EAI_AGAIN':
            return { what: 'the DNS lookup failed (temporarily)', unsent: true };
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            return { what: 'no route to the host', unsent: true };
        case 'UND_ERR_CONNECT_TIMEOUT':
        case 'ETIMEDOUT':
            return { what: `no connection within ${s.connectTimeout} s`, unsent: true };
        case 'UND_ERR_HEADERS_TIMEOUT':
            return { what: `no answer within ${s.idleTimeout} s`, unsent: false };
        case 'UND_ERR_BODY_TIMEOUT':
            return { what: `the answer stalled for ${s.idleTimeout} s`, unsent: false };
        case 'PYSHIP_ATTEMPT_TIMEOUT':
            return { what: `the answer took longer than ${s.attemptTimeout} s`, unsent: false };
        case 'ECONNRESET':
        case 'EPIPE':
            return { what: 'the connection was reset', unsent: false };
        case 'UND_ERR_SOCKET':
            return { what: 'the server closed the connection', unsent: false };
        case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
            return { what: 'the answer was cut short', unsent: false };
        case 'UND_ERR_ABORTED':
            return { what: `the answer took longer than ${s.attemptTimeout} s`, unsent: false };
    }
    if (/certificate|self[- ]signed|CERT_|tls|ssl/i.test(`${code} ${e?.message ?? ''}`)) {
        return { what: `TLS failed: ${e?.message ?? code} (behind a TLS-inspecting proxy, set NODE_EXTRA_CA_CERTS)`, unsent: true };
    }
    if (/proxy/i.test(e?.message ?? ''))
        return { what: `the proxy refused: ${e?.message}`, unsent: true };
    return { what: (e?.message ?? String(error)).split('\n')[0].slice(0, 200) || 'unknown error', unsent: false };
}
/** A URL without credentials or query string, for messages. */
function redact(url) {
    try {
        const u = new URL(url);
        u.username = '';
        u.password = '';
        u.search = '';
        u.hash = '';
        return u.toString();
    }
    catch {
        return '(invalid URL)';
    }
}
const RESUMES = 'a re-run resumes where this one stopped';
/** An error of `code` saying the service could not be reached or understood. */
function networkError(message, hint) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_NETWORK', `${message}; ${RESUMES}`, hint ? { hint } : {});
}
class AttemptTimeout extends Error {
    code = 'PYSHIP_ATTEMPT_TIMEOUT';
}
/** One attempt: the whole answer, or a thrown transport failure. */
async function once(url, method, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout('attempt timeout')), settings.attemptTimeout * 1000);
    try {
        const [{ request: undiciRequest }, viaDispatcher] = await Promise.all([loadUndici(), getDispatcher()]);
        const res = await undiciRequest(url, {
            method: method,
            headers: { 'user-agent': USER_AGENT, ...options.headers },
            body: options.body,
            dispatcher: viaDispatcher,
            signal: controller.signal
        });
        const text = await res.body.text();
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined)
                continue;
            for (const v of Array.isArray(value) ? value : [value])
                headers.append(name, v);
        }
        return answer(url, method, options.service, res.statusCode, headers, text);
    }
    catch (error) {
        if (controller.signal.aborted)
            throw new AttemptTimeout('attempt timeout');
        throw error;
    }
    finally {
        clearTimeout(timer);
    }
}
function answer(url, method, service, status, headers, text) {
    return {
        status,
        headers,
        text,
        json(expected) {
            const parsed = parseJson(text);
            if (parsed === NOT_JSON)
                throw networkError(`${service} answered ${method} ${redact(url)} with something that is not JSON (${describeBody(headers, text)})`);
            if (!expected.is(parsed))
                throw networkError(`${service} answered ${method} ${redact(url)} with JSON that is not ${expected.what}`);
            return parsed;
        }
    };
}
const NOT_JSON = Symbol('not JSON');
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return NOT_JSON;
    }
}
function describeBody(headers, text) {
    const type = (headers.get('content-type') ?? 'no content-type').split(';')[0];
    return text.trim() === '' ? `${type}, empty` : `${type}, ${text.length} bytes: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(text.trim(), 40)}`;
}
/**
 * The answer to a request, after the retries its method allows. Returns every final
 * answer that is not transient (2xx–4xx); throws E_NETWORK when the service could not
 * be reached or kept failing. A non-idempotent request (POST) whose outcome is unknown
 * (sent, then no answer or a 5xx) is not sent again: use `create()` for those that may
 * have created something.
 */
function request(url, options) {
    return loop(url, options, null);
}
/**
 * A request that may create something (POST a release): never sent twice blindly. After
 * an attempt whose effect is unknown (a lost answer, a 5xx, a reset after sending),
 * `lookUp` asks the service what exists: what it finds is adopted; when it finds nothing
 * the request is sent again (within the attempts).
 */
async function create(url, options, read, lookUp) {
    let adopted = null;
    const res = await loop(url, options, async () => {
        adopted = await lookUp();
        return adopted !== null;
    });
    return res === null ? adopted : read(res);
}
/** The retry loop; null when `lookUp` found that an attempt had taken effect. */
async function loop(url, options, lookUp) {
    const method = (options.method ?? 'GET').toUpperCase();
    const blind = options.idempotent ?? isIdempotent(method);
    const where = `${method} ${redact(url)}`;
    const origin = safeOrigin(url);
    const down = unreachable.get(origin);
    if (down)
        throw networkError(`${down}; not tried again in this run`);
    const attempts = Math.max(1, Math.floor(settings.attempts));
    let last;
    let lastWasTransport;
    /** What the server said with its last failing answer (for the final message, not the log). */
    let said;
    let waited = 0;
    for (let attempt = 1;; attempt++) {
        let delay = null;
        let rateLimited = false;
        said = '';
        /** The request may have taken effect and may not be sent again blindly. */
        let unknown = false;
        try {
            const res = await once(url, method, options);
            const verdict = judgeAnswer(res.status, res.headers);
            lastWasTransport = false;
            if (verdict.kind === 'answer') {
                if (!(options.json && res.status >= 200 && res.status < 300 && parseJson(res.text) === NOT_JSON))
                    return res;
                last = `answered something that is not JSON (${describeBody(res.headers, res.text)})`;
                // a proxy's or CDN's error page: worth another attempt for a read
                unknown = !blind;
            }
            else if (verdict.kind === 'rate-limit') {
                if (verdict.waitMs > settings.rateLimitWait * 1000 - waited) {
                    throw networkError(`${options.service} answered ${where}: ${verdict.why}, longer than pyship waits (${settings.rateLimitWait} s in all)`, `${options.service} limits how many requests a token may make. Wait until the limit resets, then re-run (it resumes where this run stopped); spread releases out, or raise PYSHIP_HTTP_RATE_LIMIT_WAIT.`);
                }
                last = verdict.why;
                delay = verdict.waitMs;
                // at least a second of the budget per wait: `retry-after: 0` cannot loop for ever
                waited += Math.max(verdict.waitMs, 1000);
                // a rate-limited request was not processed: waiting it out costs no attempt
                rateLimited = true;
                attempt--;
            }
            else {
                last = verdict.why;
                said = res.text.trim() ? ` (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(res.text.trim(), 60)})` : '';
                // 429 was refused unprocessed; any other failure of a POST may have taken effect
                unknown = !blind && res.status !== 429;
                if (verdict.waitMs !== undefined) {
                    if (verdict.waitMs <= settings.rateLimitWait * 1000 - waited) {
                        delay = verdict.waitMs;
                        waited += verdict.waitMs;
                    }
                }
            }
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB)
                throw error;
            const judged = judgeError(error);
            last = judged.what;
            lastWasTransport = true;
            unknown = !blind && !judged.unsent;
        }
        if (unknown) {
            if (!lookUp) {
                throw networkError(`${options.service} did not confirm ${where} (${last}${said}); it may have taken effect, so it was not sent again`);
            }
            (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm)(`${where}: ${last}; looking up whether it took effect`);
            if (await lookUp()) {
                (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm)(`${where}: it had taken effect; using what exists`);
                return null;
            }
        }
        if (attempt >= attempts)
            break;
        const wait = delay ?? backoffDelay(attempt);
        const seconds = `${(wait / 1000).toFixed(wait < 1000 ? 2 : 1)} s`;
        // a rate limit costs no attempt: its wait is counted against the bound instead
        (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm)(rateLimited ? `${where} ${last}; waiting ${seconds}` : `${where} ${last}; retrying (${attempt}/${attempts - 1}) in ${seconds}`);
        await sleep(wait);
    }
    const times = attempts === 1 ? 'once' : `${attempts} times`;
    if (!lastWasTransport)
        throw networkError(`${options.service} kept failing: ${where} ${last}${said}, ${times}`);
    const what = `${options.service} could not be reached: ${where} failed ${times} (last: ${last})`;
    unreachable.set(origin, what);
    throw networkError(what);
}
function safeOrigin(url) {
    try {
        return new URL(url).origin;
    }
    catch {
        return url;
    }
}
/** The URL of the `rel="next"` page in a `Link` header, resolved against `base`; null on the last page. */
function nextLink(link, base) {
    if (!link)
        return null;
    for (const part of link.split(/,(?=\s*<)/)) {
        const m = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part);
        if (m && /;\s*rel="?(?:[^";]*\s)?next(?:\s[^";]*)?"?/i.test(m[2]))
            return new URL(m[1], base).toString();
    }
    return null;
}


/***/ }),

/***/ 6549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aY: () => (/* binding */ findOnPath),
/* harmony export */   pC: () => (/* binding */ uvLock)
/* harmony export */ });
/* unused harmony export UV_LOCK_ARGS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7911);
/** uv, when it is on PATH: `uv lock` after a bump keeps uv.lock exactly as uv writes it. */



/** The executable `name` on PATH, or null (no process spawned). */
function findOnPath(name, envPath) {
    for (const dir of envPath.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().delimiter)).filter(Boolean)) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, name);
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(candidate, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
            return candidate;
        }
        catch {
            /* next */
        }
    }
    return null;
}
const UV_LOCK_ARGS = ['lock'];
/** Run `uv lock` in the workspace root; argv array, never a shell. */
function uvLock(uv, workDir) {
    const r = (0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .childProcess */ .Qk)().spawnSync(uv, [...UV_LOCK_ARGS], { cwd: workDir, encoding: 'utf8' });
    return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}


/***/ }),

/***/ 4686:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $p: () => (/* binding */ bump_bump),
  oS: () => (/* binding */ performBump)
});

// UNUSED EXPORTS: planBump, renderBump

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(1036);
// EXTERNAL MODULE: ./src/pyproject/package.ts
var pyproject_package = __webpack_require__(2848);
// EXTERNAL MODULE: ./src/pyproject/toml.ts
var toml = __webpack_require__(6750);
;// CONCATENATED MODULE: ./src/pyproject/edit.ts
/**
 * Byte-exact edits of TOML string values: only the characters of the string that
 * change are replaced — quotes, comments, spacing, key order, CRLF, a BOM and a
 * missing final newline all stay as they were. Every edit is verified by parsing
 * the result and comparing it with the expected document.
 */

class EditError extends Error {
}
/** The edit that turns the string at `path` into `value`, touching only differing characters. */
function stringEdit(doc, path, value) {
    const node = (0,toml/* valueNode */.Iq)(doc, path);
    if (!node || node.type !== 'TOMLValue' || node.kind !== 'string' || node.value === undefined) {
        throw new EditError(`${doc.file}: ${path.join('.')} is not a string`);
    }
    const delimiter = node.multiline ? 3 : 1;
    const start = node.range[0] + delimiter;
    const end = node.range[1] - delimiter;
    const raw = doc.text.slice(start, end);
    const old = node.value;
    // a multi-line string may start with a newline that is not part of its value
    const at = raw.endsWith(old) ? raw.length - old.length : -1;
    if (at < 0 || (node.style === 'basic' && raw.slice(at).includes('\\'))) {
        throw new EditError(`${doc.file}:${node.loc.start.line}: the string uses escapes; edit it by hand`);
    }
    let prefix = 0;
    while (prefix < old.length && prefix < value.length && old[prefix] === value[prefix])
        prefix++;
    let suffix = 0;
    while (suffix < old.length - prefix &&
        suffix < value.length - prefix &&
        old[old.length - 1 - suffix] === value[value.length - 1 - suffix]) {
        suffix++;
    }
    const from = start + at + prefix;
    return { start: from, end: start + at + old.length - suffix, text: value.slice(prefix, value.length - suffix) };
}
/** Structural equality of parsed TOML values (the parser's tables have no prototype). */
function sameValue(a, b) {
    if (a === b)
        return true;
    if (a instanceof Date && b instanceof Date)
        return a.getTime() === b.getTime();
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return Number.isNaN(a) && Number.isNaN(b);
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
}
function setPath(target, path, value) {
    let node = target;
    for (const key of path.slice(0, -1))
        node = node[key];
    node[path[path.length - 1]] = value;
}
/** Apply edits sorted by start (non-overlapping) in one pass: each piece is copied once, then joined. */
function spliceAll(text, edits) {
    const parts = [];
    let at = 0;
    for (const e of edits) {
        if (e.start < at)
            throw new EditError('overlapping edits');
        parts.push(text.slice(at, e.start), e.text);
        at = e.end;
    }
    parts.push(text.slice(at));
    return parts.join('');
}
/**
 * Apply string changes to a document and return the new file content (with its BOM).
 * Throws EditError when the result would differ from the original in anything but
 * the changed values. All edits of the file are applied in one pass and the result
 * is parsed once.
 */
function applyChanges(doc, changes) {
    const seen = new Set();
    const edits = changes
        .filter((c) => {
        const k = (0,toml/* pathKey */.Pn)(c.path);
        if (seen.has(k))
            throw new EditError(`${doc.file}: ${c.path.join('.')} changed twice`);
        seen.add(k);
        return true;
    })
        .map((c) => stringEdit(doc, c.path, c.value))
        .sort((a, b) => a.start - b.start);
    const text = spliceAll(doc.text, edits);
    const expected = structuredClone(doc.value);
    for (const c of changes)
        setPath(expected, c.path, c.value);
    const reparsed = (0,toml/* parseToml */.MT)(text, doc.file).value;
    if (!sameValue(reparsed, expected)) {
        throw new EditError(`${doc.file}: the edited document does not parse back to the expected values`);
    }
    return (doc.bom ? '\ufeff' : '') + text;
}

// EXTERNAL MODULE: ./src/pyproject/version-file.ts
var version_file = __webpack_require__(6423);
// EXTERNAL MODULE: ./src/monorepo/consistency.ts
var consistency = __webpack_require__(7291);
// EXTERNAL MODULE: ./src/commands/check.ts
var check = __webpack_require__(9238);
// EXTERNAL MODULE: ./src/pyproject/requirement.ts
var requirement = __webpack_require__(2479);
// EXTERNAL MODULE: ./src/version/pep440.ts
var pep440 = __webpack_require__(1405);
// EXTERNAL MODULE: ./src/version/bump.ts
var bump = __webpack_require__(5326);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/adapters/files.ts
/**
 * All-or-nothing file writes: every new content goes to a temporary file beside its
 * target (same mode) first; only when all are written are they renamed over the
 * targets. A failure before the renames leaves every file untouched; a failure during
 * them restores the files already replaced.
 */


function writeAllOrNothing(files) {
    const temps = [];
    try {
        for (const f of files) {
            const temp = external_node_path_default().join(external_node_path_default().dirname(f.abs), `.${external_node_path_default().basename(f.abs)}.pyship-${process.getBuiltinModule('node:crypto').randomBytes(4).toString('hex')}`);
            (0,external_node_fs_.writeFileSync)(temp, f.content, { mode: (0,external_node_fs_.statSync)(f.abs).mode & 0o7777, flag: 'wx' });
            temps.push(temp);
        }
    }
    catch (error) {
        for (const t of temps)
            (0,external_node_fs_.rmSync)(t, { force: true });
        throw error;
    }
    const done = [];
    try {
        files.forEach((f, i) => {
            (0,external_node_fs_.renameSync)(temps[i], f.abs);
            done.push(f);
        });
    }
    catch (error) {
        restore(done);
        for (const t of temps)
            (0,external_node_fs_.rmSync)(t, { force: true });
        throw error;
    }
}
/** Put back the previous contents (after a later step failed). */
function restore(files) {
    for (const f of files)
        (0,external_node_fs_.writeFileSync)(f.abs, f.previous);
}

// EXTERNAL MODULE: ./src/adapters/uv.ts
var adapters_uv = __webpack_require__(6549);
;// CONCATENATED MODULE: ./src/commands/bump.ts
/**
 * `bump` (SPEC §4) — a typical monorepo's scripts/bump_version.py, without re-serializing TOML.
 * Plan every edit (versions, internal pins, uv.lock), validate all of it, then write
 * every file at once; any problem leaves every file untouched.
 */














/** E_CONFIG when nothing is configured, with a config to paste built from the workspace. */
function needConfig(repo, command) {
    const members = repo.workspaceMembers.map((d) => repo.packages.get(d)).filter((p) => !!p?.name);
    const example = members.length
        ? members.map((p) => `[tool.pyship.groups.${(0,requirement/* normalizeName */.P)(p.name)}]\npackages = ["${p.dir}"]`).join('\n\n')
        : '[tool.pyship.groups.platform]\npackages = ["cli", "server"]';
    return new errors/* PyshipError */.iB('E_CONFIG', `${command} needs groups: no [tool.pyship] config and not the default layout (cli, server, packages/client-python)`, {
        hint: `Add groups to the root pyproject.toml (packages that ship together share a group), e.g.:\n\n${example}\n`
    });
}
function planBump(repo, options) {
    if (repo.problems.length > 0)
        throw (0,errors/* fromProblems */.j9)(repo.problems);
    if (repo.config.kind === 'none')
        throw needConfig(repo, 'bump');
    if (!options.component) {
        throw new errors/* PyshipError */.iB('E_INPUT', 'bump needs component: the group (or a target of the group) to bump', {
            hint: 'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk minor`.'
        });
    }
    if (!options.version) {
        throw new errors/* PyshipError */.iB('E_INPUT', 'bump needs version: a PEP 440 version or major, minor, patch', {
            hint: 'e.g. `pyship bump platform 2.0.1` or `pyship bump sdk patch`.'
        });
    }
    const group = (0,load/* resolveComponent */.g2)(repo.config, options.component).groups[0];
    const members = repo.config.groups[group].packages.map((d) => repo.packages.get(d));
    const problems = [];
    const notices = [];
    for (const p of members) {
        const missing = (0,pyproject_package/* versionProblem */.Ec)(p);
        if (missing)
            problems.push(missing);
    }
    if (problems.length > 0)
        throw (0,errors/* fromProblems */.j9)(problems);
    const written = members.filter((p) => p.source.kind !== 'vcs');
    for (const p of members.filter((m) => m.source.kind === 'vcs')) {
        notices.push(`${p.file}: ${p.name ?? p.dir} takes its version from git tags (${p.source.backend}): bump has nothing to write for it; the release tag gives it its version`);
    }
    // members whose version comes from tags count with the highest version their tags give
    const fromTags = members.filter((p) => p.source.kind === 'vcs').map((p) => (options.tags ? (0,consistency/* versionFromTags */.ez)(repo.config, p, options.tags) : null));
    const current = [...written.map((p) => (0,pep440/* normalizeVersion */.Qj)(p.version)), ...(written.length ? [] : fromTags.filter((v) => v !== null))];
    let version;
    if ((0,bump/* isBumpKeyword */.GA)(options.version)) {
        const distinct = [...new Set(current)];
        if (distinct.length === 0) {
            throw new errors/* PyshipError */.iB('E_INPUT', `group ${group} has no current version to compute "${options.version}" from: its members take their version from git tags and no tag gives one`, {
                hint: `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
            });
        }
        if (distinct.length > 1) {
            throw (0,errors/* fromProblems */.j9)(written.map((p) => (0,errors/* problem */.CC)('E_VERSION_MISMATCH', `group ${group} members disagree (${written.map((m) => `${m.name} ${m.version}`).join(', ')}); "${options.version}" needs one current version`, { file: p.versionFile, line: p.versionLine }, `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`)));
        }
        if (distinct[0] === null) {
            const p = written[0];
            throw new errors/* PyshipError */.iB('E_INVALID_VERSION', `${p.name} version ${JSON.stringify(p.version)} is not PEP 440, so "${options.version}" cannot be computed`, {
                location: { file: p.versionFile, line: p.versionLine },
                hint: `Bump to an explicit version instead: \`pyship bump ${group} <version>\`.`
            });
        }
        version = (0,bump/* nextVersion */.yU)(distinct[0], options.version);
    }
    else {
        const normal = (0,pep440/* normalizeInputVersion */.gf)(options.version);
        if (normal === null) {
            throw new errors/* PyshipError */.iB('E_INVALID_VERSION', `version ${JSON.stringify(options.version)} is not a valid PEP 440 version`);
        }
        version = normal;
    }
    const highest = current.filter((v) => v !== null).sort(pep440/* compareVersions */.Zy).pop();
    if (highest && (0,pep440/* compareVersions */.Zy)(version, highest) < 0 && !options.allowDowngrade) {
        throw new errors/* PyshipError */.iB('E_INPUT', `version ${version} is lower than group ${group}'s current ${highest}`, {
            hint: 'Pass allow-downgrade (`--allow-downgrade`) if going back is intended; released versions can never be re-used on PyPI.'
        });
    }
    const rows = [];
    const spots = [];
    const spotted = new Set();
    const spot = (at, what) => {
        const key = `${at.abs}\u0000${at.start}`;
        if (at.version === version || spotted.has(key))
            return;
        spotted.add(key);
        spots.push({ spot: at, version });
        rows.push({ file: at.file, line: at.line, what, from: at.version, to: version });
    };
    const edits = new Map();
    const change = (doc, abs, c, row) => {
        if (!edits.has(doc))
            edits.set(doc, { abs, doc, changes: [] });
        edits.get(doc).changes.push(c);
        rows.push({ file: doc.file, ...row });
    };
    const absOf = (p) => external_node_path_default().join(repo.paths.workDir, p.dir, 'pyproject.toml');
    // 1. the members' versions where they live (the normal form is written), and the group's version-files
    for (const p of written) {
        if (p.source.spot)
            spot(p.source.spot, `${p.name} version (${p.source.backend})`);
        else if (p.version !== version) {
            change(p.doc, absOf(p), { path: ['project', 'version'], value: version }, { line: p.versionLine, what: `${p.name} version`, from: p.version, to: version });
        }
    }
    for (const m of repo.mirrors.filter((x) => x.group === group))
        spot(m.spot, `group ${group} version-files`);
    // 2. internal pins on members that would exclude the new version, in every package
    const bumped = new Map(members.filter((p) => p.normalizedName).map((p) => [p.normalizedName, p]));
    const pinChanges = [];
    for (const from of repo.packages.values()) {
        for (const req of from.requirements) {
            if (!bumped.has(req.name) || (0,pep440/* admits */.t5)(req.specifier, version))
                continue;
            const spec = (0,bump/* rewritePin */.qd)(req.specifier, version);
            if (spec === null) {
                const suggested = req.text.slice(0, req.specifierOffset) + (0,bump/* suggestPin */.eS)(req.specifier, version) + req.text.slice(req.specifierOffset + req.specifier.length);
                problems.push((0,errors/* problem */.CC)('E_PIN_EXCLUDES', `${from.name ?? from.dir} requires ${JSON.stringify(req.text)} (${req.where}), which would exclude ${req.name} ${version} and has no mechanical rewrite; suggested: ${JSON.stringify(suggested)}`, { file: from.file, line: req.line }, `Change "${req.text}" by hand so it admits ${version}, e.g. to "${suggested}" (pyship follows ~=, ==, >=, and a >= lower bound with one < cap), then bump again.`));
                continue;
            }
            const text = req.text.slice(0, req.specifierOffset) + spec + req.text.slice(req.specifierOffset + req.specifier.length);
            change(from.doc, absOf(from), { path: req.path, value: text }, { line: req.line, what: `${from.name ?? from.dir} ${req.where}`, from: req.text, to: text });
            if (from.normalizedName)
                pinChanges.push({ from, name: req.name, old: req.specifier, spec });
        }
    }
    if (problems.length > 0)
        throw (0,errors/* fromProblems */.j9)(problems);
    // 3. each member's own uv.lock (uv lock at the root does not touch them): its entry's version
    for (const p of written) {
        const own = repo.locks.get(p.dir);
        const entry = own && p.normalizedName ? own.members.get(p.normalizedName) : undefined;
        if (!own || !entry || entry.version === null || entry.version === version)
            continue;
        change(own.doc, own.abs, { path: ['package', entry.index, 'version'], value: version }, { line: entry.line, what: `${p.name} locked version (its own uv.lock)`, from: entry.version, to: version });
    }
    // 4. uv.lock: members' version lines and requires-dist specifiers mirroring rewritten pins
    const lock = repo.lock;
    if (lock && !options.uvLocks) {
        const lockAbs = external_node_path_default().join(repo.paths.workDir, 'uv.lock');
        for (const p of written) {
            const entry = p.normalizedName ? lock.members.get(p.normalizedName) : undefined;
            if (!entry || entry.version === null || entry.version === version)
                continue;
            change(lock.doc, lockAbs, { path: ['package', entry.index, 'version'], value: version }, { line: entry.line, what: `${p.name} locked version`, from: entry.version, to: version });
        }
        const squash = (s) => s.replace(/\s+/g, '');
        for (const pin of pinChanges) {
            const entry = lock.members.get(pin.from.normalizedName);
            if (!entry)
                continue;
            const metadata = lock.doc.value.package[entry.index].metadata;
            if (!(0,toml/* isTable */.bI)(metadata))
                continue;
            const lists = [[metadata['requires-dist'], ['requires-dist']]];
            if ((0,toml/* isTable */.bI)(metadata['requires-dev'])) {
                for (const [g, list] of Object.entries(metadata['requires-dev']))
                    lists.push([list, ['requires-dev', g]]);
            }
            for (const [list, at] of lists) {
                if (!Array.isArray(list))
                    continue;
                list.forEach((item, i) => {
                    if (!(0,toml/* isTable */.bI)(item) || typeof item.name !== 'string' || typeof item.specifier !== 'string')
                        return;
                    if ((0,requirement/* normalizeName */.P)(item.name) !== pin.name || squash(item.specifier) !== squash(pin.old))
                        return;
                    const where = ['package', entry.index, 'metadata', ...at, i, 'specifier'];
                    const line = lock.doc.nodes.get(where.join('\u0000'))?.line ?? entry.line;
                    // the lock's own spelling (uv writes `>=2.2.0, <3.0.0`) is kept, like the pyproject's
                    const spec = (0,bump/* rewritePin */.qd)(item.specifier, version) ?? pin.spec;
                    change(lock.doc, lockAbs, { path: where, value: spec }, { line, what: `${pin.from.name} locked ${at.join('.')} ${item.name}`, from: item.specifier, to: spec });
                });
            }
        }
    }
    const edited = new Set([...edits.values()].map((f) => f.abs));
    const both = spots.find((e) => edited.has(e.spot.abs));
    if (both) {
        throw new errors/* PyshipError */.iB('E_CONFIG', `${both.spot.file} would be edited both as TOML and through a version pattern`, {
            location: { file: both.spot.file, line: both.spot.line },
            hint: 'Remove the version-files entry that points into a pyproject.toml or uv.lock pyship already bumps.'
        });
    }
    const shownCurrent = written.length ? written.map((p) => p.version) : fromTags.filter((v) => v !== null);
    return { group, version, current: shownCurrent, rows, files: [...edits.values()], spots, notices, fromTags: written.length === 0 };
}
/** The new contents of every changed file (verified: only the planned strings differ). */
function renderBump(plan) {
    const toml = plan.files.map((f) => {
        try {
            return { abs: f.abs, content: applyChanges(f.doc, f.changes), previous: (f.doc.bom ? '\ufeff' : '') + f.doc.text };
        }
        catch (error) {
            if (!(error instanceof EditError))
                throw error;
            throw new errors/* PyshipError */.iB('E_CONFIG', error.message, { location: { file: f.doc.file }, hint: 'Write the value as a plain quoted string without escapes, then bump again.' });
        }
    });
    // version files: the version characters only, later spots first so earlier offsets hold
    const byFile = new Map();
    for (const e of plan.spots) {
        const list = byFile.get(e.spot.abs);
        if (list)
            list.push(e);
        else
            byFile.set(e.spot.abs, [e]);
    }
    const text = [...byFile.values()].map((list) => {
        const first = list[0].spot;
        let content = first.text;
        try {
            for (const e of [...list].sort((a, b) => b.spot.start - a.spot.start))
                content = (0,version_file/* replaceVersion */.J_)({ ...e.spot, text: content, bom: false }, e.version);
        }
        catch (error) {
            if (!(error instanceof version_file/* VersionFileError */.j9))
                throw error;
            throw new errors/* PyshipError */.iB('E_VERSION_SOURCE', error.message, { location: { file: first.file, line: first.line } });
        }
        return { abs: first.abs, content: (first.bom ? '\ufeff' : '') + content, previous: (first.bom ? '\ufeff' : '') + first.text };
    });
    return [...toml, ...text];
}
/**
 * Plan a bump of the monorepo and (unless dry) write it, all or nothing; with uv on
 * PATH, `uv lock` follows (and every file is restored if it fails). Returns the plan
 * and the files changed, relative to the repository root.
 */
function performBump(repo, options, dryRun, envPath) {
    const uv = repo.lock ? (0,adapters_uv/* findOnPath */.aY)('uv', envPath) : null;
    const plan = planBump(repo, { ...options, uvLocks: uv !== null });
    const writes = renderBump(plan);
    const notices = [...plan.notices];
    if (!dryRun && writes.length > 0) {
        writeAllOrNothing(writes);
        if (uv) {
            const run = (0,adapters_uv/* uvLock */.pC)(uv, repo.paths.workDir);
            if (run.status !== 0) {
                restore(writes);
                throw new errors/* PyshipError */.iB('E_LOCK_DRIFT', `uv lock failed after the bump (exit ${run.status}); every file was restored: ${run.output.trim().split('\n').pop() ?? ''}`, {
                    hint: 'Run `uv lock` yourself to see the resolver error, fix it, then bump again.'
                });
            }
            notices.push('uv.lock updated by `uv lock`');
        }
    }
    const files = [...new Set(plan.rows.map((r) => r.file))];
    if (uv && !dryRun && repo.lock && writes.length > 0)
        files.push(repo.lock.file);
    return { plan, files, notices };
}
async function bump_bump(inputs, runner) {
    const { repo, tags } = await (0,check/* readMonorepo */.MM)(inputs);
    const { plan, files, notices } = performBump(repo, { component: inputs.component, version: inputs.version, allowDowngrade: inputs.allowDowngrade, tags }, inputs.dryRun, runner.env.PATH ?? '');
    const from = [...new Set(plan.current)].join(', ');
    const headline = plan.rows.length === 0
        ? plan.fromTags
            ? `bump: group ${plan.group} takes its version from git tags: nothing to write for ${plan.version} (the release tag gives it)`
            : `bump: group ${plan.group} is already at ${plan.version}; nothing to change`
        : `bump: group ${plan.group} ${from} → ${plan.version}: ${plan.rows.length} change${plan.rows.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}${inputs.dryRun ? ' (dry run: nothing written)' : ''}`;
    const nextSteps = plan.rows.length === 0 || inputs.dryRun
        ? []
        : [
            `git add ${files.join(' ')}   # from the repository root`,
            `git commit -m "chore: bump ${plan.group} version to ${plan.version}"`,
            'git push origin HEAD',
            `wait for CI to pass, then release: pyship release ${inputs.component} ${plan.version} (or run the release workflow with version ${plan.version})`
        ];
    return {
        command: 'bump',
        headline,
        problems: [],
        outputs: { version: plan.version },
        table: { header: ['File', 'Line', 'What', 'Change'], rows: plan.rows.map((r) => [r.file, String(r.line), r.what, `${r.from} → ${r.to}`]) },
        notices,
        nextSteps,
        data: { edits: plan.rows }
    };
}


/***/ }),

/***/ 9238:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MM: () => (/* binding */ readMonorepo),
/* harmony export */   z6: () => (/* binding */ check)
/* harmony export */ });
/* unused harmony export checkMonorepo */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3811);
/* harmony import */ var _monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7291);
/* harmony import */ var _adapters_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6960);
/**
 * `check` — the CI version gate (SPEC §4). Read-only and offline; the rules live in
 * monorepo/consistency.ts (the release's preflight applies the same ones).
 */




function checkMonorepo(repo, options) {
    const { config } = repo;
    const { problems, notices, groups, packages, sources, tagVersions } = (0,_monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_2__/* .checkVersions */ .OR)(repo, options);
    const shown = (p) => {
        switch (p.source.kind) {
            case 'static':
                return p.version ?? '—';
            case 'file':
                return `${p.version ?? '—'} (${p.versionFile}:${p.versionLine})`;
            case 'vcs':
                return `${tagVersions.get(p.dir) ?? '—'} (git tags)`;
            default:
                return '(not located)';
        }
    };
    const rows = packages
        .map((p) => [(0,_monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_2__/* .label */ .Pf)(p), p.file, shown(p), (0,_monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__/* .groupOf */ .F8)(config, p.dir) ?? '—'])
        .sort((a, b) => a[3].localeCompare(b[3]) || a[1].localeCompare(b[1]));
    const groupVersion = options.component ? (0,_monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_2__/* .groupVersionOf */ .dW)(repo, groups[0]) : '';
    const count = (0,_monorepo_consistency_js__WEBPACK_IMPORTED_MODULE_2__/* .describeSources */ .av)(sources);
    const groupsText = config.kind === 'none' ? 'no groups configured' : `${groups.length} group${groups.length === 1 ? '' : 's'}`;
    return {
        command: 'check',
        headline: problems.length === 0
            ? `check: ${count} (${groupsText}), versions consistent`
            : `check: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${count} (${groupsText})`,
        problems,
        outputs: { version: problems.length === 0 ? groupVersion : '' },
        table: { header: ['Package', 'Path', 'Version', 'Group'], rows },
        notices,
        data: { sources }
    };
}
/**
 * The monorepo and, only where they matter, what git knows (no network): the tracked
 * files when packages are discovered (no config, no uv workspace), the local tags when a
 * package takes its version from them. Most runs start no git process at all.
 */
async function readMonorepo(inputs) {
    const paths = { workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot };
    const git = new _adapters_git_js__WEBPACK_IMPORTED_MODULE_3__/* .Git */ .TU(inputs.workingDirectory);
    let repo = (0,_monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadMonorepo */ .cw)(paths, inputs.config, { discover: false });
    if (repo.discovered)
        repo = (0,_monorepo_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadMonorepo */ .cw)(paths, inputs.config, { trackedFiles: await git.trackedFiles() });
    const tags = [...repo.packages.values()].some((p) => p.source.kind === 'vcs') ? await git.localTags() : null;
    return { repo, tags };
}
async function check(inputs) {
    if (inputs.version && !inputs.component) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_INPUT', 'input version needs component: name the group or target whose files must carry that version', {
            hint: 'Set `component` (e.g. platform, cli, sdk) together with `version`, or leave `version` empty to check consistency only.'
        });
    }
    const { repo, tags } = await readMonorepo(inputs);
    return checkMonorepo(repo, { component: inputs.component, version: inputs.version, tags });
}


/***/ }),

/***/ 2698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ runCommand)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _report_result_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5781);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9238);
/* harmony import */ var _bump_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4686);
/**
 * Dispatch Inputs to its command; shared by the action and the CLI. A command always
 * returns a result: a coded failure or an unforeseen error (E_INTERNAL) becomes its
 * problems, reported once by the front end like any other.
 */




/**
 * check and bump are offline and load with the front end; the others (registries,
 * GitHub, Docker: the HTTP stack) are imported only when run, so start-up stays near
 * node's own.
 */
const COMMANDS = {
    check: () => Promise.resolve(_check_js__WEBPACK_IMPORTED_MODULE_1__/* .check */ .z6),
    bump: () => Promise.resolve(_bump_js__WEBPACK_IMPORTED_MODULE_2__/* .bump */ .$p),
    plan: async () => (await Promise.all(/* import() */[__webpack_require__.e(516), __webpack_require__.e(364), __webpack_require__.e(782), __webpack_require__.e(483)]).then(__webpack_require__.bind(__webpack_require__, 4483))).plan,
    build: async () => (await Promise.all(/* import() */[__webpack_require__.e(516), __webpack_require__.e(364), __webpack_require__.e(966), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 3263))).build,
    release: async () => (await Promise.all(/* import() */[__webpack_require__.e(516), __webpack_require__.e(364), __webpack_require__.e(966), __webpack_require__.e(782), __webpack_require__.e(371)]).then(__webpack_require__.bind(__webpack_require__, 1752))).release,
    verify: async () => (await Promise.all(/* import() */[__webpack_require__.e(516), __webpack_require__.e(613)]).then(__webpack_require__.bind(__webpack_require__, 3613))).verify,
    rollback: async () => (await Promise.all(/* import() */[__webpack_require__.e(516), __webpack_require__.e(356)]).then(__webpack_require__.bind(__webpack_require__, 1356))).rollback,
    hotfix: async () => (await __webpack_require__.e(/* import() */ 510).then(__webpack_require__.bind(__webpack_require__, 4510))).hotfix
};
async function runCommand(inputs, runner) {
    try {
        const command = await COMMANDS[inputs.command]();
        return await command(inputs, runner);
    }
    catch (error) {
        return (0,_report_result_js__WEBPACK_IMPORTED_MODULE_3__/* .failedResult */ .N)(inputs.command, (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problemsOf */ .GW)(error));
    }
}


/***/ }),

/***/ 1954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PV: () => (/* binding */ DEFAULT_CONFIG),
/* harmony export */   kZ: () => (/* binding */ BROKEN_SUFFIX),
/* harmony export */   mb: () => (/* binding */ DEFAULT_PACKAGE_DIRS)
/* harmony export */ });
/**
 * The built-in defaults: the default layout (CLI + server released
 * together as `platform`, an independent SDK: a typical monorepo's manual release process). Used when the repository
 * has no config and at least one of the default package directories exists.
 */
/** rollback's default marker on a bad image's version tag (`2.0.0-broken`). */
const BROKEN_SUFFIX = '-broken';
const DEFAULT_PACKAGE_DIRS = ['cli', 'server', 'packages/client-python'];
/** The defaults written as a config, so they go through the same resolution as a file. */
const DEFAULT_CONFIG = {
    groups: {
        platform: { packages: ['cli', 'server'] },
        sdk: { packages: ['packages/client-python'] }
    },
    targets: {
        cli: { group: 'platform', kind: 'pypi', packages: ['cli'], tag: 'cli-v{version}', tests: 'optional' },
        docker: {
            group: 'platform',
            kind: 'docker',
            packages: ['server'],
            tag: 'docker-v{version}',
            images: [
                { name: 'server', context: 'server' },
                { name: 'studio', context: 'studio', 'build-args': ['VITE_API_URL'] }
            ]
        },
        sdk: {
            group: 'sdk',
            kind: 'pypi',
            packages: ['packages/client-python'],
            tag: 'python-sdk-v{version}',
            'github-latest': false
        }
    }
};


/***/ }),

/***/ 3334:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bz: () => (/* binding */ hasGlob),
/* harmony export */   og: () => (/* binding */ cleanRelative),
/* harmony export */   sB: () => (/* binding */ matchGlob),
/* harmony export */   wC: () => (/* binding */ expandDirGlob)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Directory globs as uv workspace `members`/`exclude` and pyship `packages` use them:
 * `*` and `?` within one path segment, `[abc]` classes, `**` for any depth.
 */


const SKIP = new Set(['.git', 'node_modules', '.venv', '__pycache__']);
function hasGlob(pattern) {
    return /[*?[]/.test(pattern);
}
function segmentRegex(segment) {
    let source = '';
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === '*')
            source += '[^/]*';
        else if (c === '?')
            source += '[^/]';
        else if (c === '[') {
            const close = segment.indexOf(']', i + 1);
            if (close < 0)
                source += '\\[';
            else {
                const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
                source += `[${body}]`;
                i = close;
            }
        }
        else
            source += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`);
}
/** Normalize `./a//b/` to `a/b` (and `.` for the root). */
function cleanRelative(p) {
    const parts = p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
    return parts.length === 0 ? '.' : parts.join('/');
}
/** Whether a relative POSIX path matches a glob pattern. */
function matchGlob(pattern, relPath) {
    const pat = cleanRelative(pattern).split('/');
    const parts = cleanRelative(relPath).split('/');
    const match = (pi, si) => {
        if (pi === pat.length)
            return si === parts.length;
        if (pat[pi] === '**') {
            for (let k = si; k <= parts.length; k++)
                if (match(pi + 1, k))
                    return true;
            return false;
        }
        if (si === parts.length)
            return false;
        return segmentRegex(pat[pi]).test(parts[si]) && match(pi + 1, si + 1);
    };
    return match(0, 0);
}
function isDirectory(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(p).isDirectory();
    }
    catch {
        return false;
    }
}
/** Existing directories under `root` matching `pattern`, relative, sorted. */
function expandDirGlob(root, pattern) {
    const pat = cleanRelative(pattern).split('/');
    const found = new Set();
    const subdirs = (rel) => {
        try {
            return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, rel), { withFileTypes: true })
                .filter((e) => e.isDirectory() && !SKIP.has(e.name))
                .map((e) => e.name);
        }
        catch {
            return [];
        }
    };
    const join = (rel, name) => (rel === '.' ? name : `${rel}/${name}`);
    const walk = (pi, rel) => {
        if (pi === pat.length) {
            found.add(rel);
            return;
        }
        const seg = pat[pi];
        if (seg === '**') {
            walk(pi + 1, rel);
            for (const name of subdirs(rel))
                walk(pi, join(rel, name));
        }
        else if (!hasGlob(seg)) {
            const next = join(rel, seg);
            if (isDirectory(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, next)))
                walk(pi + 1, next);
        }
        else {
            const re = segmentRegex(seg);
            for (const name of subdirs(rel))
                if (re.test(name))
                    walk(pi + 1, join(rel, name));
        }
    };
    if (pat.length === 1 && pat[0] === '.')
        return ['.'];
    walk(0, '.');
    return [...found].sort();
}


/***/ }),

/***/ 1036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z9: () => (/* binding */ loadConfig),
/* harmony export */   dk: () => (/* binding */ hasPyproject),
/* harmony export */   g2: () => (/* binding */ resolveComponent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _pyproject_toml_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6750);
/* harmony import */ var _pyproject_package_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2848);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3334);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(131);
/* harmony import */ var _defaults_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1954);
/**
 * Find the config (input → [tool.pyship] → .github/pyship.toml → built-in defaults),
 * validate it and resolve it against the working directory. A config replaces the
 * defaults entirely.
 */








/**
 * Whether `dir` holds a pyproject.toml. Anything by that name counts (a directory
 * named pyproject.toml then fails to read as E_CONFIG instead of being skipped).
 */
const hasPyproject = (workDir, dir) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(workDir, dir, 'pyproject.toml'));
/**
 * Locate the config. `rootPyproject` is the already-parsed root pyproject.toml of
 * the working directory (or null when there is none).
 */
function findSource(paths, configInput, rootPyproject) {
    const read = (abs) => (0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_3__/* .readToml */ .D7)(abs, (0,_pyproject_package_js__WEBPACK_IMPORTED_MODULE_4__/* .relativeFile */ .N$)(paths, abs));
    if (configInput) {
        const abs = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(paths.workDir, configInput);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(abs)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_CONFIG', `config file ${(0,_pyproject_package_js__WEBPACK_IMPORTED_MODULE_4__/* .relativeFile */ .N$)(paths, abs)} does not exist`, {
                hint: 'The `config` input is a path relative to `working-directory`; leave it empty to use [tool.pyship] or .github/pyship.toml.'
            });
        }
        const doc = read(abs);
        if (node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(abs) === 'pyproject.toml') {
            const tool = doc.value.tool;
            const raw = (0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_3__/* .isTable */ .bI)(tool) ? tool.pyship : undefined;
            if (!(0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_3__/* .isTable */ .bI)(raw))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_CONFIG', `${doc.file} has no [tool.pyship] table`, { location: { file: doc.file } });
            return { doc, base: ['tool', 'pyship'], raw };
        }
        return { doc, base: [], raw: doc.value };
    }
    if (rootPyproject) {
        const tool = rootPyproject.value.tool;
        if ((0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_3__/* .isTable */ .bI)(tool) && tool.pyship !== undefined) {
            return { doc: rootPyproject, base: ['tool', 'pyship'], raw: tool.pyship };
        }
    }
    for (const dir of [paths.workDir, paths.repoRoot]) {
        const abs = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, '.github', 'pyship.toml');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(abs)) {
            const doc = read(abs);
            return { doc, base: [], raw: doc.value };
        }
    }
    return null;
}
function loadConfig(paths, configInput, rootPyproject) {
    const source = findSource(paths, configInput, rootPyproject);
    if (source) {
        const { doc, base, raw } = source;
        const invalid = (0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .validate */ .tf)(doc, base, raw, _schema_js__WEBPACK_IMPORTED_MODULE_6__/* .CONFIG_RULE */ .IO);
        if (invalid.length > 0)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .fromProblems */ .j9)(invalid);
        const { groups, targets, notices, problems } = resolve(paths, raw, (p) => (0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_3__/* .locate */ .x5)(doc, [...base, ...p]), false);
        if (problems.length > 0)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .fromProblems */ .j9)(problems);
        const brokenSuffix = typeof raw['broken-suffix'] === 'string' ? raw['broken-suffix'] : _defaults_js__WEBPACK_IMPORTED_MODULE_7__/* .BROKEN_SUFFIX */ .kZ;
        return { source: doc.file, kind: 'file', groups, targets, notices, brokenSuffix };
    }
    if (_defaults_js__WEBPACK_IMPORTED_MODULE_7__/* .DEFAULT_PACKAGE_DIRS */ .mb.some((dir) => hasPyproject(paths.workDir, dir))) {
        const { groups, targets, notices, problems } = resolve(paths, _defaults_js__WEBPACK_IMPORTED_MODULE_7__/* .DEFAULT_CONFIG */ .PV, () => undefined, true);
        if (problems.length > 0)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .fromProblems */ .j9)(problems);
        return { source: 'built-in defaults (the default layout)', kind: 'defaults', groups, targets, notices, brokenSuffix: _defaults_js__WEBPACK_IMPORTED_MODULE_7__/* .BROKEN_SUFFIX */ .kZ };
    }
    return { source: 'none', kind: 'none', groups: {}, targets: {}, notices: [], brokenSuffix: _defaults_js__WEBPACK_IMPORTED_MODULE_7__/* .BROKEN_SUFFIX */ .kZ };
}
/**
 * Resolve package globs, check directories and cross-references. With `lenient`
 * (built-in defaults) entries whose directory is absent are dropped with a notice
 * instead of failing.
 */
function resolve(paths, raw, where, lenient) {
    const problems = [];
    const notices = [];
    const fail = (p, message) => {
        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)('E_CONFIG', message, where(p)));
    };
    const label = (p) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').slice(1);
    const packageDirs = (list, at) => {
        const dirs = [];
        list.forEach((entry, i) => {
            const p = [...at, i];
            const clean = (0,_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .cleanRelative */ .og)(entry);
            if (node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(entry) || clean.split('/').includes('..')) {
                return fail(p, `${label(p)} = ${JSON.stringify(entry)} must be a directory inside the working directory`);
            }
            if ((0,_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .hasGlob */ .bz)(clean)) {
                const matched = (0,_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .expandDirGlob */ .wC)(paths.workDir, clean).filter((d) => hasPyproject(paths.workDir, d));
                if (matched.length === 0 && !lenient)
                    fail(p, `${label(p)} = ${JSON.stringify(entry)} matches no directory with a pyproject.toml`);
                dirs.push(...matched);
            }
            else if (hasPyproject(paths.workDir, clean)) {
                dirs.push(clean);
            }
            else if (lenient) {
                notices.push(`built-in defaults: ${clean}/pyproject.toml does not exist, so ${clean} is left out`);
            }
            else {
                const what = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(paths.workDir, clean)) ? 'has no pyproject.toml' : 'does not exist';
                fail(p, `${label(p)}: directory ${JSON.stringify(entry)} ${what}`);
            }
        });
        return [...new Set(dirs)];
    };
    const groups = Object.create(null);
    const owner = new Map();
    for (const [name, value] of Object.entries((raw.groups ?? {}))) {
        const packages = packageDirs(value.packages, ['groups', name, 'packages']);
        if (packages.length === 0 && lenient)
            continue;
        const versionFiles = (value['version-files'] ?? []).map((entry, i) => {
            const at = ['groups', name, 'version-files', i, 'path'];
            const clean = (0,_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .cleanRelative */ .og)(entry.path);
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(paths.workDir, clean)))
                fail(at, `groups.${name}.version-files[${i}].path: ${JSON.stringify(entry.path)} does not exist`);
            return { path: clean, pattern: entry.pattern, location: where(['groups', name, 'version-files', i]) };
        });
        for (const dir of packages) {
            const other = owner.get(dir);
            if (other)
                fail(['groups', name, 'packages'], `groups.${name}: package ${dir} is already in group ${other}; a package belongs to one group`);
            else
                owner.set(dir, name);
        }
        groups[name] = { name, packages, versionFiles, location: where(['groups', name]) };
    }
    const targets = Object.create(null);
    for (const [name, value] of Object.entries((raw.targets ?? {}))) {
        const at = ['targets', name];
        const group = Object.hasOwn(groups, String(value.group)) ? groups[String(value.group)] : undefined;
        if (!group) {
            if (lenient)
                continue;
            fail([...at, 'group'], `targets.${name}.group = ${JSON.stringify(value.group)} is not a group${(0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .suggest */ .ZA)(String(value.group), Object.keys(groups))}; groups: ${Object.keys(groups).join(', ') || '(none)'}`);
            continue;
        }
        const kind = value.kind;
        let packages = group.packages;
        if (Array.isArray(value.packages)) {
            packages = packageDirs(value.packages, [...at, 'packages']);
            if (lenient && packages.length === 0)
                continue;
            const inGroup = new Set(group.packages);
            for (const dir of packages) {
                if (!inGroup.has(dir))
                    fail([...at, 'packages'], `targets.${name}: package ${dir} is not a member of group ${group.name}`);
            }
        }
        const images = [];
        (value.images ?? []).forEach((img, i) => {
            const context = (0,_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .cleanRelative */ .og)(img.context ?? img.name);
            const dockerfile = img.dockerfile ? (0,_glob_js__WEBPACK_IMPORTED_MODULE_5__/* .cleanRelative */ .og)(img.dockerfile) : `${context === '.' ? '' : `${context}/`}Dockerfile`;
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(paths.workDir, context))) {
                if (lenient)
                    return notices.push(`built-in defaults: image ${img.name} left out: its context ${context}/ does not exist`);
                return fail([...at, 'images', i], `targets.${name}.images[${i}]: context directory ${JSON.stringify(context)} does not exist`);
            }
            images.push({
                name: img.name,
                context,
                dockerfile,
                buildArgs: img['build-args'] ?? [],
                target: img.target,
                platforms: img.platforms ?? []
            });
        });
        if (kind === 'docker' && images.length === 0) {
            if (lenient)
                continue;
            fail(at, `targets.${name} is a docker target without images`);
        }
        targets[name] = {
            name,
            group: group.name,
            kind,
            packages,
            tag: value.tag ?? `${name}-v{version}`,
            tests: (value.tests ?? 'required'),
            smoke: value.smoke,
            changelog: value.changelog,
            githubLatest: value['github-latest'] ?? true,
            images,
            location: where(at)
        };
    }
    return { groups, targets, notices, problems };
}
function resolveComponent(config, component) {
    // own keys only: `constructor` or `__proto__` is an unknown component, not a crash
    const target = Object.hasOwn(config.targets, component) ? config.targets[component] : undefined;
    if (target)
        return { groups: [target.group], targets: [component] };
    if (Object.hasOwn(config.groups, component)) {
        return { groups: [component], targets: Object.values(config.targets).filter((t) => t.group === component).map((t) => t.name) };
    }
    const known = [...Object.keys(config.targets), ...Object.keys(config.groups)];
    const listed = known.length
        ? `targets: ${Object.keys(config.targets).join(', ') || '(none)'}; groups: ${Object.keys(config.groups).join(', ') || '(none)'}`
        : 'no groups are configured';
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .PyshipError */ .iB('E_INPUT', `component ${JSON.stringify(component)} is not a target or group of this repository${(0,_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .suggest */ .ZA)(component, known)} (${listed})`, {
        hint: 'Set `component` to a target (e.g. cli, docker, sdk) or a group (e.g. platform) from the config.'
    });
}


/***/ }),

/***/ 131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ CONFIG_RULE),
/* harmony export */   ZA: () => (/* binding */ suggest),
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   tf: () => (/* binding */ validate)
/* harmony export */ });
/* unused harmony exports TARGET_KINDS, TEST_MODES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _pyproject_toml_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6750);
/* harmony import */ var _pyproject_version_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6423);
/**
 * The config keys (SPEC §1) as data, and one validator that reports every unknown
 * key and wrong type with its file:line:column.
 */



const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const image = {
    type: 'table',
    required: ['name'],
    keys: {
        name: { type: 'string', pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, patternText: 'lower-case letters, digits, ".", "_", "-" and "/"' },
        context: { type: 'string' },
        dockerfile: { type: 'string' },
        'build-args': { type: 'string-list' },
        target: { type: 'string' },
        platforms: { type: 'string-list' }
    }
};
/** A `version-files` entry: a file (relative to the working directory) and where in it the version is. */
const versionFile = {
    type: 'table',
    required: ['path', 'pattern'],
    keys: {
        path: {
            type: 'string',
            pattern: /^(?!\/)(?![A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/,
            patternText: 'a file path relative to the working directory, without ".."'
        },
        pattern: {
            type: 'string',
            check: (value) => {
                try {
                    (0,_pyproject_version_file_js__WEBPACK_IMPORTED_MODULE_2__/* .pythonRegex */ .A0)(value);
                    return null;
                }
                catch (error) {
                    return `must be a regular expression with a (?P<version>…) group around the version: ${error.message}`;
                }
            }
        }
    }
};
const TARGET_KINDS = ['pypi', 'docker'];
const TEST_MODES = ['required', 'optional', 'skip'];
const CONFIG_RULE = {
    type: 'table',
    keys: {
        'broken-suffix': { type: 'string', pattern: /^[-._A-Za-z0-9]{1,32}$/, patternText: 'a Docker tag suffix such as "-broken" (letters, digits, ".", "_", "-")' },
        groups: {
            type: 'map',
            names: NAME,
            of: { type: 'table', required: ['packages'], keys: { packages: { type: 'string-list' }, 'version-files': { type: 'list', of: versionFile } } }
        },
        targets: {
            type: 'map',
            names: NAME,
            of: {
                type: 'table',
                required: ['group', 'kind'],
                keys: {
                    group: { type: 'string' },
                    kind: { type: 'enum', values: TARGET_KINDS },
                    packages: { type: 'string-list' },
                    tag: { type: 'string', pattern: /\{version\}/, patternText: 'a template containing {version}, e.g. "cli-v{version}"' },
                    tests: { type: 'enum', values: TEST_MODES },
                    smoke: { type: 'string-list' },
                    changelog: { type: 'string' },
                    'github-latest': { type: 'boolean' },
                    images: { type: 'list', of: image }
                }
            }
        }
    }
};
function typeName(value) {
    if (Array.isArray(value))
        return 'an array';
    if ((0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_1__/* .isTable */ .bI)(value))
        return 'a table';
    if (value instanceof Date)
        return 'a date';
    return `a ${typeof value}`;
}
/** Edit distance counting a swap of two neighbours as one edit (`chekc` → `check`). */
function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
/** The option closest to a mistyped word, when it is close enough to be what was meant. */
function closest(word, options) {
    return options
        .map((o) => ({ o, d: distance(word, o) }))
        .filter(({ d }) => d <= Math.max(1, Math.floor(word.length / 3)))
        .sort((x, y) => x.d - y.d)[0]?.o;
}
function suggest(word, options) {
    const best = closest(word, options);
    return best ? ` (did you mean "${best}"?)` : '';
}
/**
 * Validate `value` (found at `base` in `doc`) against `rule`. Returns every problem;
 * key paths in messages are shown relative to the config root (`targets.cli.tests`).
 */
function validate(doc, base, value, rule = CONFIG_RULE) {
    const problems = [];
    const show = (p) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || '(root)';
    const report = (p, message) => {
        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_CONFIG', `${doc.file}: ${message}`, (0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_1__/* .locate */ .x5)(doc, [...base, ...p])));
    };
    const visit = (v, r, p) => {
        switch (r.type) {
            case 'string':
                if (typeof v !== 'string')
                    return report(p, `${show(p)} must be a string, not ${typeName(v)}`);
                if (r.pattern && !r.pattern.test(v))
                    report(p, `${show(p)} = ${JSON.stringify(v)} must be ${r.patternText}`);
                else if (r.check) {
                    const wrong = r.check(v);
                    if (wrong)
                        report(p, `${show(p)} = ${JSON.stringify(v)} ${wrong}`);
                }
                return;
            case 'enum':
                if (typeof v !== 'string' || !r.values.includes(v)) {
                    report(p, `${show(p)} must be one of ${r.values.map((x) => `"${x}"`).join(', ')}, not ${typeof v === 'string' ? JSON.stringify(v) : typeName(v)}`);
                }
                return;
            case 'boolean':
                if (typeof v !== 'boolean')
                    report(p, `${show(p)} must be true or false, not ${typeName(v)}`);
                return;
            case 'string-list':
                if (!Array.isArray(v))
                    return report(p, `${show(p)} must be an array of strings, not ${typeName(v)}`);
                v.forEach((item, i) => {
                    if (typeof item !== 'string')
                        report([...p, i], `${show([...p, i])} must be a string, not ${typeName(item)}`);
                });
                return;
            case 'list':
                if (!Array.isArray(v))
                    return report(p, `${show(p)} must be an array, not ${typeName(v)}`);
                v.forEach((item, i) => visit(item, r.of, [...p, i]));
                return;
            case 'map':
                if (!(0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_1__/* .isTable */ .bI)(v))
                    return report(p, `${show(p)} must be a table, not ${typeName(v)}`);
                for (const [name, item] of Object.entries(v)) {
                    if (r.names && !r.names.test(name))
                        report([...p, name], `${show([...p, name])}: the name must match [A-Za-z0-9][A-Za-z0-9._-]*`);
                    visit(item, r.of, [...p, name]);
                }
                return;
            case 'table': {
                if (!(0,_pyproject_toml_js__WEBPACK_IMPORTED_MODULE_1__/* .isTable */ .bI)(v))
                    return report(p, `${show(p)} must be a table, not ${typeName(v)}`);
                const known = Object.keys(r.keys);
                for (const [key, item] of Object.entries(v)) {
                    const sub = r.keys[key];
                    if (!sub)
                        report([...p, key], `unknown key ${show([...p, key])}${suggest(key, known)}; allowed here: ${known.join(', ')}`);
                    else
                        visit(item, sub, [...p, key]);
                }
                for (const key of r.required ?? []) {
                    if (!(key in v))
                        report(p, `${show(p)} is missing the required key "${key}"`);
                }
            }
        }
    };
    visit(value, rule, []);
    return problems;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CC: () => (/* binding */ problem),
/* harmony export */   GW: () => (/* binding */ problemsOf),
/* harmony export */   _h: () => (/* binding */ docsLink),
/* harmony export */   ek: () => (/* binding */ toProblems),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   iB: () => (/* binding */ PyshipError),
/* harmony export */   j9: () => (/* binding */ fromProblems)
/* harmony export */ });
/* unused harmony exports DOCS_URL, CODES */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5625);
/**
 * Every failure pyship reports has a stable code, a one-line message naming the
 * package/file/image, and a hint saying what to change. Deep code throws
 * PyshipError; only main/cli report it (once).
 */

const DOCS_URL = 'https://github.com/pyship/pyship/blob/main/README.md';
const CODES = {
    E_INPUT: {
        when: 'an input is malformed or hostile (shell metacharacters, a path outside the repository, an unknown command)',
        title: 'Invalid input',
        hint: 'Check the input named in the message against the allowed values in the README inputs table.'
    },
    E_CONFIG: {
        when: 'the config, a pyproject.toml or uv.lock is invalid or unreadable (unknown key, wrong type, missing directory, TOML syntax error)',
        title: 'Invalid configuration',
        hint: 'Fix the file at the line and column shown; the README "Configuration" section lists every key and its type.'
    },
    E_VERSION_MISMATCH: {
        when: 'members of a group carry different versions (the release checklist\'s "Version mismatch error in CI")',
        title: 'Version mismatch',
        hint: 'Members of a group must carry the same version (e.g. CLI and server). Make them equal with `pyship bump <group> <version>`, commit and push.'
    },
    E_VERSION_NOT_UPDATED: {
        when: 'the files do not carry the version being checked or released',
        title: 'Version not updated',
        hint: 'The files do not carry the release version yet: run `pyship bump <group> <version>` first, commit, push, wait for CI, then release.'
    },
    E_INVALID_VERSION: {
        when: 'a version is not a valid PEP 440 version',
        title: 'Invalid version',
        hint: 'Use a PEP 440 version such as 2.0.0, 2.1.0rc1 or 2.0.1.post1 (a leading "v" is accepted as input).'
    },
    E_PIN_EXCLUDES: {
        when: 'a package of the monorepo requires another one with a specifier that excludes its current version',
        title: 'Internal pin excludes a member',
        hint: 'Change the requirement so it admits the version the monorepo carries, or let `pyship bump` rewrite it.'
    },
    E_LOCK_DRIFT: {
        when: 'uv.lock records a different version for a workspace member than its pyproject.toml',
        title: 'uv.lock out of date',
        hint: 'Run `uv lock` and commit uv.lock (or let `pyship bump` update it).'
    },
    E_DIRTY_TREE: {
        when: 'the work tree has uncommitted changes (the release checklist\'s prerequisite "No uncommitted changes")',
        title: 'Uncommitted changes',
        hint: 'Releases start from a clean work tree: commit or stash the files listed, then run again.'
    },
    E_BRANCH: {
        when: 'the release runs from a branch that is not allowed',
        title: 'Branch not allowed',
        hint: 'Release from the default branch (main) or from a hotfix/* branch created with `pyship hotfix`.'
    },
    E_TAG_EXISTS: {
        when: 'the release tag exists and points at another commit',
        title: 'Tag exists on another commit',
        hint: 'The tag already names another commit: bump to the next version, or delete the stale tag if that release never happened.'
    },
    E_PYPI_EXISTS: {
        when: 'the version is already on the index with other files (the release checklist\'s "Version already exists on PyPI")',
        title: 'Version already on the index',
        hint: 'PyPI versions are immutable: bump to the next version (named in the message) and release that.'
    },
    E_NO_PYPI_TOKEN: {
        when: 'there is no PyPI token and no trusted publishing (the release checklist\'s prerequisite "PYPI_API_TOKEN")',
        title: 'No PyPI credentials',
        hint: 'Add the repository secret PYPI_API_TOKEN and pass it as `pypi-token`, or use trusted publishing: give the job `permissions: id-token: write` and register this workflow as a trusted publisher on PyPI.'
    },
    E_PYPI_AUTH: {
        when: 'the index refused the token or the trusted-publishing exchange',
        title: 'PyPI refused the credentials',
        hint: 'Check that the token is scoped to this project (or the whole account), or that the trusted publisher on PyPI matches this repository, workflow file and environment.'
    },
    E_TESTS_FAILED: {
        when: 'a package\'s tests failed (the release checklist\'s "Tests fail in CI but pass locally")',
        title: 'Tests failed',
        hint: 'Tests fail in CI but pass locally? Check the Python version used (CI uses 3.11 unless `python-version` says otherwise), environment variables the tests expect, and absolute vs. relative file paths.'
    },
    E_BUILD: {
        when: 'building a wheel or sdist, or `twine check`, failed',
        title: 'Build failed',
        hint: "The build backend's last error is shown above; fix the package metadata or build configuration it names."
    },
    E_SMOKE: {
        when: 'the smoke command failed in a fresh virtual environment with the built wheel',
        title: 'Smoke test failed',
        hint: 'The smoke command failed in a fresh virtual environment with only the built wheel installed: check entry points and missing dependencies.'
    },
    E_DOCKER_BUILD: {
        when: 'an image build failed (the release checklist\'s "Docker build fails in CI")',
        title: 'Docker build failed',
        hint: 'Check the Dockerfile syntax, verify every file it COPYs/ADDs exists in the build context (and is not excluded by .dockerignore), and rule out stale build cache.'
    },
    E_IMAGE_EXISTS: {
        when: 'the image tag exists in the registry with other content',
        title: 'Image tag exists with other content',
        hint: 'Image tags of a released version are never overwritten: bump to the next version.'
    },
    E_REGISTRY_DENIED: {
        when: 'the registry refused the login or the push',
        title: 'Registry denied access',
        hint: 'For ghcr.io give the job `permissions: packages: write`, grant this repository access to the package, and use lower-case image names.'
    },
    E_GITHUB_DENIED: {
        when: 'the GitHub API refused a request (tags, releases)',
        title: 'GitHub API denied access',
        hint: 'Give the job `permissions: contents: write` and allow read and write workflow permissions for GITHUB_TOKEN in the repository settings.'
    },
    E_VERIFY: {
        when: 'something the release should have produced is not visible',
        title: 'Released artefact not visible',
        hint: 'Something the release should have produced is missing (named in the message); re-run the release to finish it.'
    },
    E_VERSION_SOURCE: {
        when: "pyship cannot locate a package's version (an unknown dynamic backend, a version file that does not exist, an `attr` that is not a literal)",
        title: 'Version source not found',
        hint: 'Write the version where pyship can read it: a static [project] version, a version file named by the build backend (hatch `path`, setuptools `attr`/`file`), or list the file under the group\'s `version-files` in the config.'
    },
    E_NETWORK: {
        when: 'a service (the index, GitHub, the registry) could not be reached, timed out, or answered something that is not what its API returns, after the bounded retries',
        title: 'Service unreachable',
        hint: 'The service and URL are named in the message. Check the runner\'s network and proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and the service\'s status; nothing irreversible was done after the failure, and a re-run resumes where this one stopped.'
    },
    E_RELEASE_IN_PROGRESS: {
        when: 'another run is releasing this target and version right now',
        title: 'Release in progress elsewhere',
        hint: 'The message names the run that holds the release and since when. Wait for it to finish (a re-run afterwards reports "already released"), or serialize release workflows with `concurrency:`.'
    },
    E_INTERNAL: {
        when: 'anything pyship did not foresee (a bug)',
        title: 'Internal error',
        hint: 'pyship hit an error it did not foresee. The steps already done are listed; a re-run resumes from there. Please report it with the debug log (re-run with RUNNER_DEBUG=1, or `--debug` for the CLI).'
    }
};
/** The anchor of a code's Troubleshooting entry in the README. */
function docsLink(code) {
    return `${DOCS_URL}#${code.toLowerCase()}`;
}
class PyshipError extends Error {
    code;
    hint;
    location;
    /** Further problems found together with this one (all are reported). */
    others;
    constructor(code, message, options = {}) {
        super(message);
        this.name = 'PyshipError';
        this.code = code;
        this.hint = options.hint ?? CODES[code].hint;
        this.location = options.location;
        this.others = options.others ?? [];
    }
}
function problem(code, message, location, hint) {
    return { code, message, hint: hint ?? CODES[code].hint, ...location };
}
/** Every problem an error carries, itself first. */
function toProblems(error) {
    return [problem(error.code, error.message, error.location, error.hint), ...error.others];
}
/** One error carrying every problem (the first is its code and message). */
function fromProblems(problems) {
    const [first, ...others] = problems;
    return new PyshipError(first.code, first.message, {
        hint: first.hint,
        location: first.file ? { file: first.file, line: first.line, column: first.column } : undefined,
        others
    });
}
/**
 * The problems an error stands for: a PyshipError's own; anything unforeseen is one
 * E_INTERNAL problem naming the error (never its stack) and what was already done.
 */
function problemsOf(error, done = []) {
    if (error instanceof PyshipError)
        return toProblems(error);
    // the stack only in debug output, mapped to src/ by the shipped source map
    (0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz)(`pyship: unforeseen error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const first = (what.split('\n')[0] ?? '').slice(0, 300);
    const steps = done.length ? ` Already done: ${done.join(', ')}.` : '';
    return [problem('E_INTERNAL', `pyship hit an error it did not foresee: ${first}`, undefined, `${CODES.E_INTERNAL.hint}${steps}`)];
}
/** Quote a user-supplied value for a message: bounded length, control characters escaped. */
function quote(value, max = 60) {
    const cut = value.length > max ? `${value.slice(0, max)}…` : value;
    return JSON.stringify(cut);
}


/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lo: () => (/* binding */ COMMANDS),
/* harmony export */   TL: () => (/* binding */ parseInputs),
/* harmony export */   Zq: () => (/* binding */ COMPONENT_PATTERN),
/* harmony export */   pH: () => (/* binding */ SECRET_INPUTS),
/* harmony export */   zY: () => (/* binding */ DEFAULTS)
/* harmony export */ });
/* unused harmony exports LATEST, INPUT_NAMES, findRepositoryRoot */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/**
 * One typed Inputs object, built from the action's `INPUT_*` variables or the CLI's
 * flags, and all validation of raw input. Hostile values are E_INPUT before anything
 * reads a file or spawns a process.
 */



const COMMANDS = ['check', 'bump', 'plan', 'build', 'release', 'verify', 'rollback', 'hotfix'];
const LATEST = ['auto', 'true', 'false'];
/** Defaults as in action.yml (the CLI has no action.yml to supply them). */
const DEFAULTS = {
    command: 'release',
    'dry-run': 'false',
    'working-directory': '.',
    'pypi-upload-url': 'https://upload.pypi.org/legacy/',
    'pypi-url': 'https://pypi.org',
    registry: 'ghcr.io',
    'run-tests': 'true',
    'python-version': '3.11',
    'build-isolation': 'true',
    'install-check': 'false',
    latest: 'auto',
    'allow-downgrade': 'false'
};
/** Every input action.yml declares (besides `command`, the CLI's first argument). */
const INPUT_NAMES = [
    'command', 'component', 'version', 'dry-run', 'allow-downgrade', 'github-token', 'pypi-token', 'pypi-upload-url', 'pypi-url',
    'registry', 'registry-username', 'registry-password', 'run-tests', 'python-version', 'build-isolation', 'install-check',
    'latest', 'config', 'working-directory', 'matrix-entry', 'dist-dir'
];
/** Inputs that are secrets: never shown, may span lines (masked line by line), not checked as text. */
const SECRET_INPUTS = ['github-token', 'pypi-token', 'registry-password'];
const COMPONENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Characters a PEP 440 version (or a bump keyword) can contain; checked before any parsing. */
const VERSION_CHARS = /^[A-Za-z0-9.!+_-]+$/;
/** A registry host: DNS labels (or an IPv4 address), optionally `:port`. */
const REGISTRY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::([0-9]{1,5}))?$/;
/** A Python version or a uv interpreter request (`3.11`, `pypy3.10`, `cpython@3.12`); never an option. */
const PYTHON_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+@_-]{0,31}$/;
const MAX = 256;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Find the enclosing git work tree (a `.git` directory or file), without spawning git. */
function findRepositoryRoot(dir) {
    for (let d = dir;; d = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(d)) {
        try {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(d, '.git'));
            return d;
        }
        catch {
            if (node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(d) === d)
                return dir;
        }
    }
}
/** The path with symlinks resolved (as far as it exists: a missing tail is kept as written). */
function real(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(p);
    }
    catch {
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(p);
        return parent === p ? p : node_path__WEBPACK_IMPORTED_MODULE_1___default().join(real(parent), node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(p));
    }
}
const inside = (root, p) => {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(root, p);
    return rel === '' || (!rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel));
};
/**
 * Validate raw inputs. `get(name)` returns the trimmed raw value ('' when unset);
 * defaults from action.yml apply to empty values. Every problem is reported together.
 */
function parseInputs(getRaw, env) {
    const problems = [];
    const bad = (name, value, allowed) => {
        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)('E_INPUT', `input ${name} = ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value)} is not allowed: ${allowed}`));
    };
    // `${{ … }}` reaching pyship was never evaluated (e.g. action.yml defaults under @github/local-action)
    const unevaluated = new Set();
    // an input reported as unevaluated is not validated again (one message per problem)
    const get = (name) => (unevaluated.has(name) ? '' : getRaw(name));
    for (const name of INPUT_NAMES) {
        const value = getRaw(name);
        if (/\$\{\{[^]*\}\}/.test(value)) {
            unevaluated.add(name);
            const shown = SECRET_INPUTS.includes(name) ? 'a GitHub expression' : `the expression ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(value)}`;
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)('E_INPUT', `input ${name} is ${shown}, which was not evaluated: pyship needs its value`, undefined, `Expressions are evaluated by the runner only. Give the value itself: under @github/local-action set INPUT_${name.toUpperCase()} in its .env file (for ${name === 'github-token' ? 'a token, use a personal access token' : 'this input, the literal value'}); in a workflow, check the \`with:\` block.`));
        }
    }
    const raw = (name) => {
        const value = get(name);
        // a newline would let a workflow command (::warning::, ::set-output::) into the log
        if (CONTROL.test(value)) {
            bad(name, value, 'it contains a newline or another control character');
            return '';
        }
        return value === '' ? (DEFAULTS[name] ?? '') : value;
    };
    const bool = (name) => {
        const value = raw(name);
        if (['true', 'True', 'TRUE'].includes(value))
            return true;
        if (['false', 'False', 'FALSE'].includes(value))
            return false;
        bad(name, value, 'use true or false');
        return false;
    };
    const url = (name) => {
        const value = raw(name);
        if (value.length > 2048) {
            bad(name, value, 'at most 2048 characters');
            return value;
        }
        let u = null;
        try {
            u = new URL(value);
        }
        catch {
            /* reported below */
        }
        if (u && (u.username || u.password)) {
            // never echo it: the value holds a credential
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)('E_INPUT', `input ${name} carries credentials (user:password@host); they would end up in logs and process lists`, undefined, 'Give the URL without credentials and pass the token as `pypi-token` (a secret).'));
            return '';
        }
        if (u && (u.protocol === 'https:' || u.protocol === 'http:'))
            return value;
        bad(name, value, 'an http(s) URL is expected');
        return value;
    };
    const command = raw('command');
    if (!COMMANDS.includes(command))
        bad('command', command, `one of ${COMMANDS.join(', ')}`);
    const component = raw('component');
    if (component !== '' && (component.length > 100 || !COMPONENT_PATTERN.test(component))) {
        bad('component', component, 'a target or group name matching [A-Za-z0-9][A-Za-z0-9._-]* (at most 100 characters)');
    }
    const version = raw('version');
    if (version !== '' && (version.length > 64 || !VERSION_CHARS.test(version))) {
        bad('version', version, 'a PEP 440 version such as 2.0.0 or v2.1.0rc1 (letters, digits, ".", "!", "+", "-", "_"; at most 64 characters)');
    }
    const base = real(env.workspace ? node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(env.cwd, env.workspace) : env.cwd);
    const wd = raw('working-directory');
    let workingDirectory = base;
    let repositoryRoot = base;
    if (wd.length > MAX * 16)
        bad('working-directory', wd, 'the path is too long');
    else {
        // symlinks resolved before the inside-the-repository check
        workingDirectory = real(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(base, wd));
        repositoryRoot = env.workspace ? base : findRepositoryRoot(workingDirectory);
        let isDir = false;
        let exists = false;
        try {
            isDir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(workingDirectory).isDirectory();
            exists = true;
        }
        catch {
            /* reported below */
        }
        if (!inside(repositoryRoot, workingDirectory))
            bad('working-directory', wd, 'a directory inside the repository (GITHUB_WORKSPACE)');
        else if (!isDir)
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .problem */ .CC)('E_INPUT', `input working-directory = ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(wd)}: ${exists ? `${workingDirectory} is not a directory` : `the directory ${workingDirectory} does not exist`}`, undefined, 'Point working-directory (--cwd) at the workspace root, relative to the repository root (or to the current directory for the CLI).'));
    }
    const config = get('config');
    if (CONTROL.test(config) || config.length > MAX * 16)
        bad('config', config, 'a path relative to working-directory');
    else if (config !== '' && !inside(repositoryRoot, real(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workingDirectory, config)))) {
        bad('config', config, 'a file inside the repository, relative to working-directory');
    }
    const registry = raw('registry');
    const port = REGISTRY.exec(registry)?.[1];
    if (registry.length > 253 || !REGISTRY.test(registry) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) {
        bad('registry', registry, 'a registry host such as ghcr.io or localhost:5000 (port 1-65535)');
    }
    const pythonVersion = raw('python-version');
    if (!PYTHON_VERSION.test(pythonVersion))
        bad('python-version', pythonVersion, 'a Python version such as 3.11 (or a uv interpreter request such as pypy3.10)');
    const registryUsername = raw('registry-username');
    if (registryUsername.length > MAX)
        bad('registry-username', registryUsername, `at most ${MAX} characters`);
    const matrixEntry = get('matrix-entry');
    // JSON, possibly pretty-printed by toJSON(matrix): whitespace is fine, other control characters are not
    // eslint-disable-next-line no-control-regex
    if (matrixEntry.length > 4096 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(matrixEntry))
        bad('matrix-entry', matrixEntry.slice(0, 80), 'one entry of the matrix output of command plan (JSON, at most 4096 characters)');
    const distInput = get('dist-dir');
    // eslint-disable-next-line no-control-regex
    if (distInput.length > MAX * 16 || /[\u0000-\u001f\u007f]/.test(distInput))
        bad('dist-dir', distInput.slice(0, 80), 'a directory path');
    const distDir = distInput === '' ? '' : node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(base, distInput);
    const latest = raw('latest');
    if (!LATEST.includes(latest))
        bad('latest', latest, 'auto, true or false');
    const inputs = {
        command,
        component,
        version,
        dryRun: bool('dry-run'),
        config,
        workingDirectory,
        repositoryRoot,
        githubToken: get('github-token'),
        pypiToken: get('pypi-token'),
        pypiUploadUrl: url('pypi-upload-url'),
        pypiUrl: url('pypi-url'),
        registry,
        registryUsername,
        registryPassword: get('registry-password'),
        runTests: bool('run-tests'),
        pythonVersion,
        buildIsolation: bool('build-isolation'),
        installCheck: bool('install-check'),
        latest,
        allowDowngrade: bool('allow-downgrade'),
        matrixEntry,
        distDir
    };
    if (problems.length > 0) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .fromProblems */ .j9)(problems);
    }
    return inputs;
}


/***/ }),

/***/ 5625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ setLogger),
/* harmony export */   G_: () => (/* binding */ stepStarted),
/* harmony export */   Je: () => (/* binding */ stepFinished),
/* harmony export */   MY: () => (/* binding */ setDebugLogger),
/* harmony export */   Rm: () => (/* binding */ log),
/* harmony export */   WT: () => (/* binding */ toolOutput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   cl: () => (/* binding */ registerSecret)
/* harmony export */ });
let sink = () => undefined;
let secretSink = () => undefined;
/** The step whose tools are running (their output is tagged with it). */
let current = null;
function setLogger(fn, maskSecret) {
    sink = fn;
    if (maskSecret)
        secretSink = maskSecret;
}
/** A credential created at run time (e.g. a minted PyPI token): never to be shown. */
function registerSecret(value) {
    if (value)
        secretSink(value);
}
function log(line) {
    // `▶ name` is how steps have always announced themselves
    if (line.startsWith('▶ '))
        stepStarted(line.slice(2));
    else
        sink(line, { kind: 'line' });
}
function stepStarted(step) {
    current = step;
    sink(`▶ ${step}`, { kind: 'step', step });
}
function stepFinished(step, status, detail, ms) {
    if (current === step)
        current = null;
    sink(`  ${status}${detail ? `: ${detail}` : ''}`, { kind: 'step-end', step, status, detail, ms });
}
/** One whole line of a tool's output. */
function toolOutput(line) {
    sink(`  ${line}`, { kind: 'output', step: current });
}
let debugSink = () => undefined;
/** Where debug output goes: the action's debug log (shown with RUNNER_DEBUG=1), the CLI's stderr with --debug. */
function setDebugLogger(fn) {
    debugSink = fn;
}
function debug(line) {
    debugSink(line);
}


/***/ }),

/***/ 7291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OR: () => (/* binding */ checkVersions),
/* harmony export */   Pf: () => (/* binding */ label),
/* harmony export */   av: () => (/* binding */ describeSources),
/* harmony export */   dW: () => (/* binding */ groupVersionOf),
/* harmony export */   ez: () => (/* binding */ versionFromTags)
/* harmony export */ });
/* unused harmony exports tagPatternOf, versionOf */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _config_load_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1036);
/* harmony import */ var _pyproject_package_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2848);
/* harmony import */ var _pyproject_version_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1892);
/* harmony import */ var _version_pep440_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1405);
/**
 * The version rules of the gate (SPEC §4 check), pure over the monorepo as read: every
 * version present and valid, group members in sync (and equal to `version` when given),
 * internal pins admit members' versions, uv.lock agrees. `check` reports them; the
 * release's preflight refuses to start on them.
 */





const label = (pkg) => pkg.name ?? pkg.dir;
/** Where a package's version is written: its pyproject or the file its backend reads. */
const at = (pkg) => ({ file: pkg.versionFile, line: pkg.versionLine });
/** "12 packages: 9 static, 2 in files, 1 from tags". */
function describeSources(counts) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const parts = [
        counts.static ? `${counts.static} static` : '',
        counts.file ? `${counts.file} in files` : '',
        counts.vcs ? `${counts.vcs} from tags` : '',
        counts.unknown ? `${counts.unknown} not located` : ''
    ].filter(Boolean);
    return `${total} package${total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
/** Directory → its first target, per config (configs are not changed once loaded). */
const targetsByDir = new WeakMap();
/** The tag pattern that gives a vcs package's version: its target's tag template, else its backend's. */
function tagPatternOf(config, pkg) {
    let byDir = targetsByDir.get(config);
    if (!byDir) {
        byDir = new Map();
        for (const t of Object.values(config.targets))
            for (const d of t.packages)
                if (!byDir.has(d))
                    byDir.set(d, t);
        targetsByDir.set(config, byDir);
    }
    const target = byDir.get(pkg.dir);
    if (target) {
        const [before, after] = target.tag.split('{version}');
        const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return new RegExp(`^${esc(before)}(?<version>.+)${esc(after ?? '')}$`);
    }
    return pkg.source.tagPattern ?? _pyproject_version_source_js__WEBPACK_IMPORTED_MODULE_3__/* .SCM_DEFAULT_TAG_REGEX */ .$U;
}
/** The highest version git tags give a vcs package (normal form), or null when none does. */
function versionFromTags(config, pkg, tags) {
    const pattern = tagPatternOf(config, pkg);
    const versions = tags.map((t) => (0,_pyproject_version_source_js__WEBPACK_IMPORTED_MODULE_3__/* .tagVersion */ .RQ)(t, pattern)).map((v) => (v === null ? null : (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeVersion */ .Qj)(v))).filter((v) => v !== null);
    return versions.length ? versions.sort(_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .compareVersions */ .Zy)[versions.length - 1] : null;
}
/** The PEP 440 normal form of a package's version, or null (absent, dynamic or invalid). */
const versionOf = (pkg) => (pkg.version === null ? null : (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeVersion */ .Qj)(pkg.version));
function checkVersions(repo, options) {
    const { config, packages, lock } = repo;
    const problems = [...repo.problems];
    const notices = [...config.notices];
    const scope = options.component ? (0,_config_load_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveComponent */ .g2)(config, options.component) : null;
    const groupNames = scope ? scope.groups : Object.keys(config.groups);
    const grouped = new Set(groupNames.flatMap((g) => config.groups[g].packages));
    const inScope = [...packages.values()].filter((p) => (scope ? grouped.has(p.dir) : true));
    const allGrouped = new Set(Object.values(config.groups).flatMap((g) => g.packages));
    if (config.kind === 'none') {
        if (packages.size === 0 && problems.length === 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PyshipError */ .iB('E_CONFIG', `no Python packages found in ${repo.paths.workDir}: no config, none of the default layout's package directories (cli, server, packages/client-python) and no uv workspace`, {
                hint: 'Point `working-directory` at the workspace root, or add a [tool.pyship] config naming your groups.'
            });
        }
        notices.push(repo.discovered
            ? 'no groups are configured and there is no uv workspace: checked every tracked pyproject.toml with a [project] (add [tool.pyship] groups to check versions in sync)'
            : 'no groups are configured: checked every uv workspace member (add [tool.pyship] groups to check versions in sync)');
    }
    const expected = options.version ? (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeVersion */ .Qj)(options.version) : null;
    if (options.version && expected === null) {
        problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_INVALID_VERSION', `version input ${JSON.stringify(options.version)} is not a valid PEP 440 version`));
    }
    // 1. every version is located, present and valid
    const pinned = new Set([...packages.values()].flatMap((from) => from.requirements.filter((r) => r.name !== from.normalizedName).map((r) => r.name)));
    const sources = { static: 0, file: 0, vcs: 0, unknown: 0 };
    for (const pkg of inScope) {
        const managed = allGrouped.has(pkg.dir);
        sources[pkg.source.kind]++;
        if (pkg.name === null) {
            if (managed)
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_CONFIG', `${pkg.file} has no [project] name`, { file: pkg.file, line: 1 }));
            continue;
        }
        const missing = (0,_pyproject_package_js__WEBPACK_IMPORTED_MODULE_2__/* .versionProblem */ .Ec)(pkg);
        if (missing) {
            // a version nobody depends on and no group holds is only worth a notice
            if (managed || missing.code !== 'E_VERSION_SOURCE' || pinned.has(pkg.normalizedName))
                problems.push(missing);
            else
                notices.push(`${pkg.file}:${pkg.dynamicLine}: ${missing.message} (not in a group and not pinned, so not an error)`);
            continue;
        }
        if (pkg.source.kind === 'vcs')
            continue;
        if (versionOf(pkg) === null) {
            problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_INVALID_VERSION', `${label(pkg)} version ${JSON.stringify(pkg.version)} is not a valid PEP 440 version`, at(pkg)));
        }
    }
    for (const pkg of packages.values()) {
        if (pkg.dynamicDependenciesLine !== null && (!scope || grouped.has(pkg.dir))) {
            notices.push(`${pkg.file}:${pkg.dynamicDependenciesLine}: ${label(pkg)} generates its dependencies at build time (dynamic = ["dependencies"]): its pins on other packages of the monorepo are not checkable`);
        }
        const template = /\{\{\s*version\s*\}\}/.exec(pkg.doc.text);
        if (template) {
            const line = pkg.doc.text.slice(0, template.index).split('\n').length;
            notices.push(`${pkg.file}:${line}: ${label(pkg)} writes a requirement from a {{ version }} template at build time: that pin is not checkable`);
        }
    }
    // versions git tags give (pins onto vcs packages are checked against them)
    const tagVersions = new Map();
    for (const pkg of packages.values()) {
        if (pkg.source.kind !== 'vcs' || pkg.name === null)
            continue;
        const fromTags = options.tags ? versionFromTags(config, pkg, options.tags) : null;
        tagVersions.set(pkg.dir, fromTags);
        if (scope && !grouped.has(pkg.dir))
            continue;
        if (!options.tags)
            notices.push(`${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend}), which were not read: pins onto it are not checked`);
        else if (fromTags === null)
            notices.push(`${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend}) and no tag gives one yet: pins onto it are not checked`);
        else
            notices.push(`${pkg.file}: ${label(pkg)} takes its version from git tags (${pkg.source.backend}): ${fromTags}, the highest tag; pins onto it are checked against that`);
    }
    // 2. group members carry one version; with `version`, that one
    const mirrorsOf = new Map();
    for (const m of repo.mirrors) {
        const list = mirrorsOf.get(m.group);
        if (list)
            list.push(m);
        else
            mirrorsOf.set(m.group, [m]);
    }
    for (const name of groupNames) {
        const members = config.groups[name].packages
            .map((dir) => packages.get(dir))
            .filter((p) => p !== undefined && versionOf(p) !== null);
        const counts = new Map();
        for (const p of members)
            counts.set(versionOf(p), (counts.get(versionOf(p)) ?? 0) + 1);
        if (counts.size > 1) {
            const top = Math.max(...counts.values());
            const leaders = [...counts.keys()].filter((v) => counts.get(v) === top);
            const listing = members.map((p) => `${label(p)} ${p.version}`).join(', ');
            // bump never lowers a group below its highest member (without allow-downgrade): suggest that one
            const highest = [...counts.keys()].sort(_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .compareVersions */ .Zy).pop();
            for (const p of members) {
                if (leaders.length === 1 && versionOf(p) === leaders[0])
                    continue;
                const message = leaders.length === 1
                    ? `${label(p)} is ${p.version} but group ${name} is ${leaders[0]} (${listing})`
                    : `group ${name} members disagree: ${listing}`;
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_VERSION_MISMATCH', message, at(p), `Make every member of group ${name} carry the same version, e.g. \`pyship bump ${name} ${highest}\` (the highest version among them), then commit and push.`));
            }
        }
        if (expected) {
            for (const p of members) {
                if (versionOf(p) !== expected) {
                    problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_VERSION_NOT_UPDATED', `${label(p)} is ${p.version} in ${p.versionFile}, not ${expected}`, at(p), `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`));
                }
            }
        }
        // the group's version-files carry the members' version (or `version`)
        const groupVersion = expected ?? (counts.size === 1 ? [...counts.keys()][0] : null);
        for (const m of mirrorsOf.get(name) ?? []) {
            const where = { file: m.spot.file, line: m.spot.line };
            const carried = (0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeVersion */ .Qj)(m.spot.version);
            if (carried === null) {
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_INVALID_VERSION', `${m.spot.file} (version-files of group ${name}) carries ${JSON.stringify(m.spot.version)}, not a valid PEP 440 version`, where));
            }
            else if (groupVersion !== null && carried !== groupVersion) {
                problems.push(expected
                    ? (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_VERSION_NOT_UPDATED', `${m.spot.file} (version-files of group ${name}) carries ${m.spot.version}, not ${expected}`, where, `Run \`pyship bump ${name} ${expected}\`, commit, push, wait for CI, then release.`)
                    : (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_VERSION_MISMATCH', `${m.spot.file} (version-files of group ${name}) carries ${m.spot.version} but group ${name} is ${groupVersion}`, where, `Make it carry ${groupVersion}, e.g. with \`pyship bump ${name} ${groupVersion}\`, then commit and push.`));
            }
        }
    }
    // 3. internal pins admit the version each member carries
    const byName = new Map();
    const current = (p) => (p.source.kind === 'vcs' ? (tagVersions.get(p.dir) ?? null) : versionOf(p));
    for (const p of packages.values())
        if (p.normalizedName && current(p) !== null)
            byName.set(p.normalizedName, p);
    for (const from of packages.values()) {
        for (const req of from.requirements) {
            const to = byName.get(req.name);
            if (!to)
                continue;
            if (scope && !grouped.has(to.dir) && !grouped.has(from.dir))
                continue;
            // the line is looked up only for a problem (it parses the file with positions)
            const where = () => ({ file: from.file, line: req.line });
            if (!(0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .isValidSpecifier */ .J5)(req.specifier)) {
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_CONFIG', `${from.file}: ${req.where} requirement ${JSON.stringify(req.text)} has an invalid version specifier`, where()));
                continue;
            }
            const version = current(to);
            if (!(0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .admits */ .t5)(req.specifier, version)) {
                const shown = to.source.kind === 'vcs' ? `${version} (its highest tag)` : to.version;
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_PIN_EXCLUDES', `${label(from)} requires ${JSON.stringify(req.text)} (${req.where}), which excludes ${label(to)} ${shown}`, where(), `Change the pin "${req.text}" in ${from.file} so it admits ${version}, or let \`pyship bump\` rewrite internal pins.`));
            }
        }
    }
    // 4. uv.lock (and each package's own uv.lock) records the versions the packages carry
    for (const pkg of inScope) {
        const version = versionOf(pkg);
        if (!pkg.normalizedName || version === null)
            continue;
        const own = repo.locks.get(pkg.dir);
        for (const l of own ? [lock, own] : [lock]) {
            const entry = l?.members.get(pkg.normalizedName);
            if (!l || !entry || entry.version === null)
                continue;
            if ((0,_version_pep440_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeVersion */ .Qj)(entry.version) !== version) {
                problems.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .problem */ .CC)('E_LOCK_DRIFT', `${l.file} records ${label(pkg)} ${entry.version} but ${pkg.versionFile} has ${pkg.version}`, { file: l.file, line: entry.line }, l === own ? `Run \`uv lock\` in ${pkg.dir} and commit its uv.lock (or let \`pyship bump\` update it).` : undefined));
            }
        }
    }
    problems.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
    return { problems, notices, groups: groupNames, packages: inScope, sources, tagVersions };
}
/** The one version every member of a group carries (normal form), or '' when they disagree. */
function groupVersionOf(repo, group) {
    const versions = new Set(repo.config.groups[group].packages.map((d) => repo.packages.get(d)).map((p) => (p ? versionOf(p) : null)));
    return versions.size === 1 ? ([...versions][0] ?? '') : '';
}


/***/ }),

/***/ 3811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F8: () => (/* binding */ groupOf),
  cw: () => (/* binding */ loadMonorepo)
});

// UNUSED EXPORTS: workspaceMembers

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/pyproject/version-file.ts
var version_file = __webpack_require__(6423);
// EXTERNAL MODULE: ./src/pyproject/toml.ts
var toml = __webpack_require__(6750);
// EXTERNAL MODULE: ./src/pyproject/package.ts
var pyproject_package = __webpack_require__(2848);
// EXTERNAL MODULE: ./src/pyproject/requirement.ts
var requirement = __webpack_require__(2479);
;// CONCATENATED MODULE: ./src/pyproject/lock.ts
/**
 * uv.lock: the `[[package]]` entries of workspace members (those with a local
 * `editable`/`virtual`/`directory` source), with the position of their version line.
 */





const LOCAL_SOURCES = ['editable', 'virtual', 'directory'];
const LOCAL_SOURCE_LINE = /^source\s*=\s*\{\s*(?:editable|virtual|directory)\s*=/m;
/**
 * The text of the lock with every `[[package]]` entry whose source is not local (registry,
 * git, url: nearly all of a real lock) blanked to its newlines, so that only members are parsed
 * while every line number stays the same. Returns the text and, for each entry kept, its
 * index in the full `package` array.
 */
function membersOnly(text) {
    const lines = text.split('\n');
    const out = [];
    const indices = [];
    let index = -1;
    let block = [];
    let inPackage = false;
    const flush = () => {
        const text = block.join('\n');
        // an entry without a source line is not what uv writes: parse it, so errors show
        if (inPackage && (LOCAL_SOURCE_LINE.test(text) || !/^source\s*=/m.test(text))) {
            out.push(...block);
            indices.push(index);
        }
        else if (inPackage)
            out.push(...block.map(() => ''));
        else
            out.push(...block);
        block = [];
    };
    for (const line of lines) {
        const header = /^\s*\[/.test(line);
        if (header && /^\s*\[\[\s*package\s*\]\]/.test(line)) {
            flush();
            inPackage = true;
            index++;
        }
        else if (header && !/^\s*\[\[?\s*package\./.test(line)) {
            flush();
            inPackage = false;
        }
        block.push(line);
    }
    flush();
    return { text: out.join('\n'), indices };
}
/** The uv.lock of the working directory, or of the package directory `dir` (its own lock). */
function readLock(paths, dir = '.') {
    const abs = external_node_path_default().join(paths.workDir, dir, 'uv.lock');
    if (!(0,external_node_fs_.existsSync)(abs))
        return null;
    const file = (0,pyproject_package/* relativeFile */.N$)(paths, abs);
    // validates the file (UTF-8, a regular file) and gives its text; only members are parsed
    const whole = (0,toml/* readToml */.D7)(abs, file, { parse: false });
    const partial = membersOnly(whole.text);
    const doc = (0,toml/* parseToml */.MT)(partial.text, file);
    const members = new Map();
    let full = null;
    const packages = Array.isArray(doc.value.package) ? doc.value.package : [];
    packages.forEach((entry, index) => {
        if (!(0,toml/* isTable */.bI)(entry) || typeof entry.name !== 'string' || !(0,toml/* isTable */.bI)(entry.source))
            return;
        const source = entry.source;
        const kind = LOCAL_SOURCES.find((k) => typeof source[k] === 'string');
        if (!kind)
            return;
        const version = typeof entry.version === 'string' ? entry.version : null;
        // the position is looked up when first read (a drift reported, an edit)
        let at = null;
        // (from the whole document when `bump` has read it: its positions serve the edits too)
        const position = () => (at ??= (0,toml/* locateValue */.QZ)(full ?? doc, [...['package', full ? partial.indices[index] : index], ...(version === null ? [] : ['version'])]));
        members.set((0,requirement/* normalizeName */.P)(entry.name), {
            name: (0,requirement/* normalizeName */.P)(entry.name),
            version,
            index: partial.indices[index],
            get line() {
                return position().line;
            },
            get column() {
                return position().column;
            },
            sourcePath: source[kind]
        });
    });
    return {
        file,
        abs,
        get doc() {
            full ??= (0,toml/* parseToml */.MT)((whole.bom ? '\ufeff' : '') + whole.text, file);
            return full;
        },
        members
    };
}

// EXTERNAL MODULE: ./src/config/glob.ts
var glob = __webpack_require__(3334);
// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(1036);
;// CONCATENATED MODULE: ./src/monorepo/load.ts
/**
 * The monorepo as pyship sees it: config, every package (group members and uv
 * workspace members — or, with neither, every tracked pyproject with a [project]) read
 * with positions and version sources, uv.lock and each package's own uv.lock, and the
 * groups' `version-files` mirrors. Read-only; no processes (git's file list comes in
 * as data from the command).
 */









/** Directories that never hold the monorepo's own packages. */
const SKIPPED_DIRS = new Set(['node_modules', 'venv', 'env', 'site-packages', '__pycache__', 'vendor', 'vendored', '_vendor', 'third_party', 'build', 'dist']);
const skipped = (segment) => segment.startsWith('.') || SKIPPED_DIRS.has(segment);
/** pyproject.toml files below the working directory: git's list, or a walk when there is none. */
function pyprojectDirs(workDir, tracked) {
    const dirs = [];
    if (tracked) {
        for (const file of tracked) {
            const parts = file.split('/');
            if (parts[parts.length - 1] !== 'pyproject.toml' || parts.slice(0, -1).some(skipped))
                continue;
            dirs.push(parts.length === 1 ? '.' : parts.slice(0, -1).join('/'));
        }
        return dirs.sort();
    }
    const walk = (rel, depth) => {
        const abs = external_node_path_default().join(workDir, rel);
        const entries = (0,external_node_fs_.readdirSync)(abs, { withFileTypes: true });
        if (entries.some((e) => e.name === 'pyproject.toml' && e.isFile()))
            dirs.push(rel || '.');
        if (depth >= 8)
            return;
        for (const e of entries)
            if (e.isDirectory() && !skipped(e.name))
                walk(rel ? `${rel}/${e.name}` : e.name, depth + 1);
    };
    walk('', 0);
    return dirs.sort();
}
/** Members of the uv workspace declared in the root pyproject (`members` globs minus `exclude`). */
function workspaceMembers(paths, root) {
    if (!root)
        return [];
    const members = [];
    const seen = new Set();
    if ((0,toml/* isTable */.bI)(root.value.project)) {
        members.push('.');
        seen.add('.');
    }
    const tool = (0,toml/* isTable */.bI)(root.value.tool) ? root.value.tool : {};
    const uv = (0,toml/* isTable */.bI)(tool.uv) ? tool.uv : {};
    const workspace = (0,toml/* isTable */.bI)(uv.workspace) ? uv.workspace : {};
    const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
    const exclude = strings(workspace.exclude);
    for (const pattern of strings(workspace.members)) {
        for (const dir of (0,glob/* expandDirGlob */.wC)(paths.workDir, pattern)) {
            if (exclude.some((x) => (0,glob/* matchGlob */.sB)(x, dir)))
                continue;
            if (seen.has(dir) || !(0,load/* hasPyproject */.dk)(paths.workDir, dir))
                continue;
            seen.add(dir);
            members.push(dir);
        }
    }
    return members;
}
const hasWorkspace = (root) => {
    const tool = root && (0,toml/* isTable */.bI)(root.value.tool) ? root.value.tool : {};
    return (0,toml/* isTable */.bI)(tool.uv) && (0,toml/* isTable */.bI)(tool.uv.workspace);
};
function loadMonorepo(paths, configInput, options = {}) {
    const rootFile = external_node_path_default().join(paths.workDir, 'pyproject.toml');
    const root = (0,external_node_fs_.existsSync)(rootFile) ? (0,toml/* readToml */.D7)(rootFile, (0,pyproject_package/* relativeFile */.N$)(paths, rootFile)) : null;
    const config = (0,load/* loadConfig */.Z9)(paths, configInput, root);
    const discovered = config.kind === 'none' && !hasWorkspace(root);
    const members = discovered ? [] : workspaceMembers(paths, root);
    const dirs = new Set(members);
    for (const group of Object.values(config.groups))
        for (const dir of group.packages)
            dirs.add(dir);
    const packages = new Map();
    const problems = [];
    const attempt = (fn) => {
        try {
            fn();
        }
        catch (error) {
            if (!(error instanceof errors/* PyshipError */.iB))
                throw error;
            problems.push(...(0,errors/* toProblems */.ek)(error));
        }
    };
    const read = (dir) => (dir === '.' && root ? (0,pyproject_package/* packageFromDocument */.WX)(root, '.', paths) : (0,pyproject_package/* readPackage */.LY)(paths, dir));
    for (const dir of dirs)
        attempt(() => packages.set(dir, read(dir)));
    if (discovered && options.discover !== false) {
        for (const dir of pyprojectDirs(paths.workDir, options.trackedFiles)) {
            attempt(() => {
                const pkg = read(dir);
                if ((0,toml/* isTable */.bI)(pkg.doc.value.project)) {
                    packages.set(dir, pkg);
                    members.push(dir);
                }
            });
        }
    }
    let lock = null;
    attempt(() => (lock = readLock(paths)));
    const locks = new Map();
    for (const dir of packages.keys()) {
        if (dir === '.')
            continue;
        attempt(() => {
            const own = readLock(paths, dir);
            if (own)
                locks.set(dir, own);
        });
    }
    const mirrors = [];
    for (const group of Object.values(config.groups)) {
        for (const entry of group.versionFiles) {
            const abs = external_node_path_default().join(paths.workDir, entry.path);
            const file = (0,pyproject_package/* relativeFile */.N$)(paths, abs);
            try {
                mirrors.push({ group: group.name, spot: (0,version_file/* locateVersion */.TX)(abs, file, (0,version_file/* regexFinder */.Mh)((0,version_file/* pythonRegex */.A0)(entry.pattern))) });
            }
            catch (error) {
                if (!(error instanceof version_file/* VersionFileError */.j9))
                    throw error;
                const why = error.message === 'no version found in it' ? `its pattern ${JSON.stringify(entry.pattern)} finds no version in it` : error.message;
                problems.push((0,errors/* problem */.CC)('E_VERSION_SOURCE', `${file} (version-files of group ${group.name}): ${why}`, entry.location ?? { file }, `Fix the \`pattern\` of this version-files entry so its (?P<version>…) group matches the version in ${file}, or remove the entry.`));
            }
        }
    }
    return { paths, config, packages, workspaceMembers: members, discovered, lock, locks, mirrors, problems };
}
/** The group a package directory belongs to, if any. */
function groupOf(config, dir) {
    let byDir = groupsByDir.get(config);
    if (!byDir) {
        byDir = new Map();
        // the first group listing a directory wins, as a search in config order would
        for (const g of Object.values(config.groups))
            for (const d of g.packages)
                if (!byDir.has(d))
                    byDir.set(d, g.name);
        groupsByDir.set(config, byDir);
    }
    return byDir.get(dir);
}
/** Directory → group, per config (configs are not changed once loaded). */
const groupsByDir = new WeakMap();


/***/ }),

/***/ 2848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ec: () => (/* binding */ versionProblem),
/* harmony export */   LY: () => (/* binding */ readPackage),
/* harmony export */   N$: () => (/* binding */ relativeFile),
/* harmony export */   WX: () => (/* binding */ packageFromDocument)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _toml_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6750);
/* harmony import */ var _requirement_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2479);
/* harmony import */ var _version_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1892);
/**
 * One Python package of the monorepo, read from its pyproject.toml with the
 * positions of its name, version and internal-dependency strings.
 */





function relativeFile(paths, absolute) {
    return node_path__WEBPACK_IMPORTED_MODULE_0___default().relative(paths.repoRoot, absolute).split((node_path__WEBPACK_IMPORTED_MODULE_0___default().sep)).join('/');
}
function readPackage(paths, dir) {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_0___default().join(paths.workDir, dir, 'pyproject.toml');
    const doc = (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .readToml */ .D7)(abs, relativeFile(paths, abs));
    return packageFromDocument(doc, dir, paths);
}
/**
 * The package a pyproject describes. With `paths`, a dynamic version is looked up where
 * its build backend keeps it (a file is read); without, it stays unknown.
 */
function packageFromDocument(doc, dir, paths) {
    const project = doc.value.project;
    const fail = (message, at) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_CONFIG', message, { location: (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .locate */ .x5)(doc, at) });
    };
    if (project !== undefined && !(0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(project))
        fail(`${doc.file}: [project] must be a table`, ['project']);
    const table = (project ?? {});
    const name = table.name;
    if (name !== undefined && typeof name !== 'string')
        fail(`${doc.file}: [project] name must be a string`, ['project', 'name']);
    const version = table.version;
    if (version !== undefined && typeof version !== 'string') {
        fail(`${doc.file}: [project] version must be a string`, ['project', 'version']);
    }
    const dynamicList = Array.isArray(table.dynamic) ? table.dynamic : [];
    const dynamic = dynamicList.includes('version') && version === undefined;
    // positions are looked up when first read (a problem, an annotation, an edit): the
    // document's syntax tree is built only then
    const dynamicAt = lazy(() => (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .locate */ .x5)(doc, ['project', 'dynamic']).line);
    let at = lazy(() => (version !== undefined ? (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .locateValue */ .QZ)(doc, ['project', 'version']) : (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .locate */ .x5)(doc, ['project'])));
    let versionFile = doc.file;
    let source = { kind: 'static', backend: '[project] version' };
    let written = version ?? null;
    if (dynamic) {
        source = paths
            ? (0,_version_source_js__WEBPACK_IMPORTED_MODULE_3__/* .dynamicVersionSource */ .RJ)(doc, node_path__WEBPACK_IMPORTED_MODULE_0___default().join(paths.workDir, dir), relativeFile(paths, node_path__WEBPACK_IMPORTED_MODULE_0___default().join(paths.workDir, dir)) || '.')
            : { kind: 'unknown', backend: 'dynamic', reason: 'not looked up' };
        const spot = source.spot;
        at = spot ? () => ({ file: spot.file, line: spot.line, column: spot.column }) : () => ({ file: doc.file, line: dynamicAt(), column: 1 });
        if (spot)
            versionFile = spot.file;
        written = spot ? spot.version : null;
    }
    const hasDynamicDependencies = dynamicList.includes('dependencies');
    return {
        dir,
        file: doc.file,
        name: name ?? null,
        normalizedName: typeof name === 'string' ? (0,_requirement_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeName */ .P)(name) : null,
        version: written,
        source,
        versionFile,
        get versionLine() {
            return at().line;
        },
        get versionColumn() {
            return at().column;
        },
        dynamicVersion: dynamic,
        get dynamicLine() {
            return dynamic ? dynamicAt() : at().line;
        },
        get dynamicDependenciesLine() {
            return hasDynamicDependencies ? dynamicAt() : null;
        },
        requirements: requirementsOf(doc),
        doc
    };
}
/** A value computed on first use, then kept. */
function lazy(compute) {
    let done = false;
    let value;
    return () => {
        if (!done) {
            value = compute();
            done = true;
        }
        return value;
    };
}
function requirementsOf(doc) {
    const found = [];
    const collect = (list, where, at) => {
        if (!Array.isArray(list))
            return;
        list.forEach((item, index) => {
            // dependency-groups may also hold `{ include-group = "…" }` tables
            if (typeof item !== 'string')
                return;
            const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_4__/* .parseRequirement */ .p)(item);
            if (!parsed)
                return;
            const path = [...at, index];
            const position = lazy(() => {
                const node = (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .valueNode */ .Iq)(doc, path);
                return { line: node?.loc.start.line ?? (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .locate */ .x5)(doc, path).line, column: (node?.loc.start.column ?? 0) + 1 };
            });
            found.push({
                ...parsed,
                text: item,
                where,
                get line() {
                    return position().line;
                },
                get column() {
                    return position().column;
                },
                path
            });
        });
    };
    const project = (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(doc.value.project) ? doc.value.project : {};
    collect(project.dependencies, 'dependencies', ['project', 'dependencies']);
    const optional = project['optional-dependencies'];
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(optional)) {
        for (const [extra, list] of Object.entries(optional)) {
            collect(list, `optional-dependencies.${extra}`, ['project', 'optional-dependencies', extra]);
        }
    }
    const groups = doc.value['dependency-groups'];
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(groups)) {
        for (const [group, list] of Object.entries(groups))
            collect(list, `dependency-groups.${group}`, ['dependency-groups', group]);
    }
    return found;
}
/**
 * Why a package's version cannot be checked or bumped, or null when pyship knows where
 * it is (a static or file version, or git tags). An unlocatable dynamic version is
 * E_VERSION_SOURCE on the `dynamic` line; a missing version E_CONFIG.
 */
function versionProblem(pkg) {
    if (pkg.source.kind === 'unknown') {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_VERSION_SOURCE', `${pkg.file}: ${pkg.name ?? pkg.dir} has dynamic = ["version"] but pyship cannot locate it: ${pkg.source.reason ?? 'unknown source'}`, { file: pkg.file, line: pkg.dynamicLine });
    }
    if (pkg.source.kind === 'static' && pkg.version === null) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .problem */ .CC)('E_CONFIG', `${pkg.file} has no [project] version`, { file: pkg.file, line: pkg.versionLine }, 'Add [project] version = "…", or declare dynamic = ["version"] with a version source (hatch path, setuptools attr, …).');
    }
    return null;
}


/***/ }),

/***/ 2479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ normalizeName),
/* harmony export */   p: () => (/* binding */ parseRequirement)
/* harmony export */ });
/**
 * The parts of a PEP 508 requirement that pin checks need: the distribution name
 * (PEP 503-normalized), the extras, and the version specifier with its offset in
 * the string (so a pin can be rewritten in place). URL requirements have no specifier.
 */
const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;
/** PEP 503: lower case, runs of `-`, `_`, `.` become one `-`. */
function normalizeName(name) {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
}
function parseRequirement(text) {
    const head = NAME.exec(text);
    if (!head)
        return null;
    let pos = head[0].length;
    let extras = [];
    if (text[pos] === '[') {
        const close = text.indexOf(']', pos);
        if (close < 0)
            return null;
        extras = text
            .slice(pos + 1, close)
            .split(',')
            .map((e) => e.trim())
            .filter(Boolean);
        pos = close + 1;
    }
    const end = text.indexOf(';', pos);
    let rest = text.slice(pos, end < 0 ? text.length : end);
    let offset = pos;
    if (/^\s*@/.test(rest))
        return { name: normalizeName(head[1]), extras, specifier: '', specifierOffset: -1 };
    // `name (>=1.0)` is the older parenthesised form
    const open = rest.indexOf('(');
    if (open >= 0 && rest.slice(0, open).trim() === '') {
        const close = rest.lastIndexOf(')');
        if (close < open)
            return null;
        offset += open + 1;
        rest = rest.slice(open + 1, close);
    }
    const lead = rest.length - rest.trimStart().length;
    const specifier = rest.trim();
    return {
        name: normalizeName(head[1]),
        extras,
        specifier,
        specifierOffset: specifier ? offset + lead : -1
    };
}


/***/ }),

/***/ 6750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D7: () => (/* binding */ readToml),
/* harmony export */   Iq: () => (/* binding */ valueNode),
/* harmony export */   MT: () => (/* binding */ parseToml),
/* harmony export */   Pn: () => (/* binding */ pathKey),
/* harmony export */   QZ: () => (/* binding */ locateValue),
/* harmony export */   bI: () => (/* binding */ isTable),
/* harmony export */   x5: () => (/* binding */ locate)
/* harmony export */ });
/* unused harmony exports unterminatedHeader, indexPositions */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3292);
/* harmony import */ var toml_eslint_parser__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9605);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/**
 * TOML documents with positions. Values come from smol-toml (fast, little memory);
 * positions from toml-eslint-parser, whose full syntax tree has line/column and
 * offsets for every key and value — what annotations on the exact line and
 * byte-exact edits both need. That tree is built lazily, per file, the first time a
 * position of the file is asked for (`nodes`, `locate`, `locateValue`, `valueNode`),
 * so a run that reports nothing about a file never pays for it. Syntax errors are
 * always reported by toml-eslint-parser (its exact line/column).
 */




const pathKey = (path) => path.join('\u0000');
// ignoreBOM keeps a leading BOM in the text, so parseToml can record it and bump keep it
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * Read and parse a TOML file; every failure is E_CONFIG naming the file (and line/column).
 * With `parse: false` the file is only read and decoded (`value` is empty, `nodes` too).
 */
function readToml(absPath, file, options = {}) {
    let bytes;
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(absPath);
        if (!stat.isFile())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PyshipError */ .iB('E_CONFIG', `${file} is not a regular file`, { location: { file } });
        bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(absPath);
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PyshipError */ .iB)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PyshipError */ .iB('E_CONFIG', `cannot read ${file}: ${error.code ?? String(error)}`, {
            location: { file }
        });
    }
    let text;
    try {
        text = utf8.decode(bytes);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PyshipError */ .iB('E_CONFIG', `${file} is not valid UTF-8`, {
            location: { file },
            hint: 'TOML files must be UTF-8: re-save the file as UTF-8.'
        });
    }
    if (options.parse === false) {
        const bom = text.charCodeAt(0) === 0xfeff;
        return { file, text: bom ? text.slice(1) : text, bom, value: {}, nodes: new Map() };
    }
    return parseToml(text, file);
}
/**
 * The parser notices a table header missing its `]` only on the next line (where a
 * key is read as part of the header); tomllib, and the user, point at the header.
 * When the error is at the start of a line and the nearest non-blank line above is an
 * unterminated `[header`, report that header's line, after its last character.
 */
function unterminatedHeader(text, line, column) {
    if (column !== 1)
        return null;
    const lines = text.split(/\r?\n/);
    for (let i = Math.min(line, lines.length) - 2; i >= 0; i--) {
        const content = lines[i].replace(/\s+#.*$/, '').trimEnd();
        if (content.trim() === '')
            continue;
        if (!/^\s*\[/.test(content) || /\]\s*$/.test(content))
            return null;
        const double = /^\s*\[\[/.test(content);
        return { line: i + 1, column: content.length + 1, message: `Expected '${double ? ']]' : ']'}' at the end of the table header ${content.trim()}` };
    }
    return null;
}
function parseToml(source, file) {
    const bom = source.charCodeAt(0) === 0xfeff;
    const text = bom ? source.slice(1) : source;
    let value;
    try {
        value = (0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch {
        // the position-keeping parser reports the error (exact line/column); should it
        // accept what smol-toml refused (integers beyond 2^53), its reading is used
        const ast = parsePositions(text, file);
        return documentOf(file, text, bom, (0,toml_eslint_parser__WEBPACK_IMPORTED_MODULE_2__/* .getStaticTOMLValue */ .AY)(ast), indexNodes(ast));
    }
    return documentOf(file, text, bom, value, null);
}
function documentOf(file, text, bom, value, known) {
    let nodes = known;
    return {
        file,
        text,
        bom,
        value,
        get nodes() {
            nodes ??= indexPositions(text, file);
            return nodes;
        }
    };
}
/** From this size on, a document of `[[name]]` blocks is indexed block by block. */
const BLOCKS_FROM = 256 * 1024;
const BLOCK_HEADER = /^\[\[[ \t]*([A-Za-z0-9_-]+)[ \t]*\]\][ \t]*(?:#.*)?\r?$/gm;
/**
 * Every position of a document. A large one made of top-level `[[name]]` blocks (a
 * uv.lock) is parsed one block at a time, so the syntax tree of the whole file (tens
 * of times its size) is never in memory at once; positions are shifted and each block's
 * `name.0` renumbered to its index. A header inside a multi-line string leaves a block
 * that does not parse: then the whole document is parsed at once.
 */
function indexPositions(text, file, blocksFrom = BLOCKS_FROM) {
    const whole = () => indexNodes(parsePositions(text, file));
    if (text.length < blocksFrom)
        return whole();
    const starts = [{ at: 0, name: '' }];
    for (const m of text.matchAll(BLOCK_HEADER))
        if (m.index > 0)
            starts.push({ at: m.index, name: m[1] });
    if (starts.length < 3)
        return whole();
    const nodes = new Map();
    const counts = new Map();
    let line = 0;
    let from = 0;
    try {
        for (let b = 0; b < starts.length; b++) {
            const { at, name } = starts[b];
            const end = b + 1 < starts.length ? starts[b + 1].at : text.length;
            for (let i = from; i < at; i++)
                if (text.charCodeAt(i) === 10)
                    line++;
            from = at;
            const index = counts.get(name) ?? 0;
            if (name)
                counts.set(name, index + 1);
            const prefix = `${name}\u00000`;
            for (const [key, found] of indexNodes((0,toml_eslint_parser__WEBPACK_IMPORTED_MODULE_2__/* .parseTOML */ .MD)(text.slice(at, end)))) {
                const renumbered = name && (key === prefix || key.startsWith(`${prefix}\u0000`)) ? `${name}\u0000${index}${key.slice(prefix.length)}` : key;
                if (nodes.has(renumbered))
                    continue;
                const node = found.node;
                node.loc.start.line += line;
                node.range = [node.range[0] + at, node.range[1] + at];
                nodes.set(renumbered, { ...found, line: found.line + line });
            }
        }
    }
    catch {
        return whole();
    }
    return nodes;
}
/** The syntax tree with positions; a syntax error is E_CONFIG at its line and column. */
function parsePositions(text, file) {
    try {
        return (0,toml_eslint_parser__WEBPACK_IMPORTED_MODULE_2__/* .parseTOML */ .MD)(text);
    }
    catch (error) {
        const e = error;
        let line = e.lineNumber ?? 1;
        let column = (e.column ?? 0) + 1;
        let message = e.message;
        const header = unterminatedHeader(text, line, column);
        if (header)
            ({ line, column, message } = header);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PyshipError */ .iB('E_CONFIG', `${file}:${line}:${column}: TOML syntax error: ${message}`, {
            location: { file, line, column },
            hint: 'Fix the TOML syntax at the line and column shown (the file must parse as TOML 1.0).'
        });
    }
}
function slim(node) {
    const kept = { type: node.type, loc: { start: { line: node.loc.start.line, column: node.loc.start.column } }, range: [node.range[0], node.range[1]] };
    if (node.type === 'TOMLValue') {
        kept.kind = node.kind;
        if (node.kind === 'string')
            Object.assign(kept, { value: node.value, multiline: node.multiline, style: node.style });
    }
    return kept;
}
function info(node) {
    return { line: node.loc.start.line, column: node.loc.start.column + 1, node: slim(node.type === 'TOMLKeyValue' ? node.value : node) };
}
function keyNames(key) {
    return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}
function indexNodes(ast) {
    const nodes = new Map();
    const visitValue = (path, node) => {
        if (node.type === 'TOMLArray') {
            node.elements.forEach((element, index) => {
                const elementPath = [...path, index];
                nodes.set(pathKey(elementPath), info(element));
                visitValue(elementPath, element);
            });
        }
        else if (node.type === 'TOMLInlineTable') {
            for (const kv of node.body)
                visitKeyValue(path, kv);
        }
    };
    const visitKeyValue = (prefix, kv) => {
        const names = keyNames(kv.key);
        // dotted keys define the intermediate tables where they are written
        for (let i = 1; i < names.length; i++) {
            const k = pathKey([...prefix, ...names.slice(0, i)]);
            if (!nodes.has(k))
                nodes.set(k, info(kv));
        }
        const path = [...prefix, ...names];
        nodes.set(pathKey(path), info(kv));
        visitValue(path, kv.value);
    };
    for (const item of ast.body[0].body) {
        if (item.type === 'TOMLKeyValue') {
            visitKeyValue([], item);
        }
        else {
            const path = item.resolvedKey;
            for (let i = 1; i <= path.length; i++) {
                const k = pathKey(path.slice(0, i));
                if (!nodes.has(k))
                    nodes.set(k, info(item));
            }
            for (const kv of item.body)
                visitKeyValue(path, kv);
        }
    }
    return nodes;
}
/** The position of a path, falling back to its nearest ancestor that has one. */
function locate(doc, path) {
    for (let n = path.length; n > 0; n--) {
        const found = doc.nodes.get(pathKey(path.slice(0, n)));
        if (found)
            return { file: doc.file, line: found.line, column: found.column };
    }
    return { file: doc.file, line: 1, column: 1 };
}
/** The value node (string, number, array…) of a key/value or an array element. */
function valueNode(doc, path) {
    return doc.nodes.get(pathKey(path))?.node;
}
/** Position of the value itself (for strings, the opening quote). */
function locateValue(doc, path) {
    const node = valueNode(doc, path);
    if (!node)
        return locate(doc, path);
    return { file: doc.file, line: node.loc.start.line, column: node.loc.start.column + 1 };
}
function isTable(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}


/***/ }),

/***/ 6423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A0: () => (/* binding */ pythonRegex),
/* harmony export */   J_: () => (/* binding */ replaceVersion),
/* harmony export */   Mh: () => (/* binding */ regexFinder),
/* harmony export */   O: () => (/* binding */ assignmentFinder),
/* harmony export */   TX: () => (/* binding */ locateVersion),
/* harmony export */   j9: () => (/* binding */ VersionFileError),
/* harmony export */   n3: () => (/* binding */ assigns),
/* harmony export */   yN: () => (/* binding */ wholeFileFinder),
/* harmony export */   yR: () => (/* binding */ readText)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Versions located by a pattern in a file that is not `[project] version`: a hatch
 * `path`, a setuptools `attr` module or `file`, PDM's file, flit's `__version__`, a
 * `version-files` mirror. The pattern's `version` group marks the characters; an edit
 * replaces exactly those and is verified by locating the version again.
 */

class VersionFileError extends Error {
}
/**
 * A Python regular expression (as hatch, setuptools-scm and pyship's `version-files`
 * write them) as a JavaScript one: `(?P<name>…)`, `(?P=name)`, leading inline flags
 * `(?i)`/`(?m)`/`(?s)`, `\A` and `\Z`. Multi-line like hatch's `re.MULTILINE`.
 * Throws VersionFileError when it cannot be compiled or has no `version` group.
 */
function pythonRegex(pattern, group = 'version') {
    let source = pattern;
    let flags = 'dm';
    const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
    if (inline) {
        for (const f of inline[1]) {
            if (f === 'i' || f === 's')
                flags += f;
            else if (f !== 'm' && f !== 'u' && f !== 'a')
                throw new VersionFileError(`the inline flag (?${f}) is not supported`);
        }
        source = source.slice(inline[0].length);
    }
    source = source
        .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
        .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
        .replace(/\\A/g, '(?<![\\s\\S])')
        .replace(/\\Z/g, '(?![\\s\\S])');
    let regex;
    try {
        regex = new RegExp(source, flags);
    }
    catch (error) {
        throw new VersionFileError(`not a valid regular expression: ${error.message}`);
    }
    if (!new RegExp(`\\(\\?<${group}>`).test(source))
        throw new VersionFileError(`it has no (?P<${group}>…) group`);
    return regex;
}
/** A finder from a regex with a `version` group (the first match counts, like `re.search`). */
function regexFinder(regex) {
    return (text) => {
        const m = new RegExp(regex.source, regex.flags.includes('d') ? regex.flags : `${regex.flags}d`).exec(text);
        const at = m?.indices?.groups?.version;
        if (!m || !at || m.groups?.version === undefined)
            return null;
        return { start: at[0], end: at[1], version: m.groups.version };
    };
}
/** The whole file, stripped (setuptools `version = { file = "VERSION" }`). */
const wholeFileFinder = (text) => {
    const start = text.length - text.trimStart().length;
    const version = text.trim();
    return version ? { start, end: start + version.length, version } : null;
};
/**
 * A top-level literal string assignment `NAME = "…"` (also `NAME: str = '…'`), the
 * way setuptools and flit read `__version__` without importing the module.
 */
function assignmentFinder(name) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return regexFinder(new RegExp(`^${escaped}[ \\t]*(?::[^=\\n]*)?=[ \\t]*[rRuU]?(?<q>"""|'''|"|')(?<version>[^'"\\\\\\n]*)\\k<q>[ \\t]*(?:#.*)?$`, 'dm'));
}
/** Whether the file assigns NAME at top level at all (to tell "not a literal" from "absent"). */
function assigns(text, name) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^(?:${escaped}[ \\t]*(?::[^=\\n]*)?=|from[ \\t].*\\bimport\\b.*\\b${escaped}\\b)`, 'm').test(text);
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Read a text file (UTF-8, BOM remembered); throws VersionFileError naming the reason. */
function readText(abs) {
    let bytes;
    try {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs).isFile())
            throw new VersionFileError('it is not a regular file');
        bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(abs);
    }
    catch (error) {
        if (error instanceof VersionFileError)
            throw error;
        const code = error.code;
        throw new VersionFileError(code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${code ?? String(error)})`);
    }
    let source;
    try {
        source = utf8.decode(bytes);
    }
    catch {
        throw new VersionFileError('it is not valid UTF-8');
    }
    const bom = source.charCodeAt(0) === 0xfeff;
    return { text: bom ? source.slice(1) : source, bom };
}
/** Locate the version in a file; throws VersionFileError when the file or the version is not there. */
function locateVersion(abs, file, find) {
    const { text, bom } = readText(abs);
    const found = find(text);
    if (!found)
        throw new VersionFileError('no version found in it');
    const before = text.slice(0, found.start);
    const line = before.split('\n').length;
    const column = found.start - (before.lastIndexOf('\n') + 1) + 1;
    return { file, abs, text, bom, version: found.version, start: found.start, end: found.end, line, column, find };
}
/**
 * The file's new content with the version characters replaced by `version`, every other
 * byte kept (BOM, line endings). Verified: the version is found again, equal to `version`,
 * at the same offset. Throws VersionFileError otherwise.
 */
function replaceVersion(spot, version) {
    const text = spot.text.slice(0, spot.start) + version + spot.text.slice(spot.end);
    const again = spot.find(text);
    if (!again || again.version !== version || again.start !== spot.start) {
        throw new VersionFileError(`${spot.file}:${spot.line}: writing ${version} there would not read back as the version`);
    }
    return (spot.bom ? '\ufeff' : '') + text;
}


/***/ }),

/***/ 1892:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ SCM_DEFAULT_TAG_REGEX),
/* harmony export */   RJ: () => (/* binding */ dynamicVersionSource),
/* harmony export */   RQ: () => (/* binding */ tagVersion)
/* harmony export */ });
/* unused harmony export HATCH_DEFAULT_PATTERN */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _toml_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6750);
/* harmony import */ var _version_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6423);
/**
 * Where a package's version lives (SPEC §1 "version sources"): `[project] version`
 * (static), a file its build backend reads (hatch `path`, setuptools `attr`/`file`,
 * PDM `source = "file"`, flit's `__version__`), git tags (hatch-vcs, setuptools-scm,
 * uv-dynamic-versioning, versioningit, PDM `scm`), or nowhere pyship can tell (unknown,
 * with the reason). Read-only.
 */




/** hatchling's DEFAULT_PATTERN (hatchling/version/source/regex.py). */
const HATCH_DEFAULT_PATTERN = `(?i)^(__version__|VERSION) *= *([\\'"])v?(?P<version>.+?)\\2`;
/** setuptools-scm's DEFAULT_TAG_REGEX: an optional `name-` prefix, an optional `v`. */
const SCM_DEFAULT_TAG_REGEX = /^(?:[\w-]+-)?[vV]?(?<version>\d+(?:\.\d+){0,2}[^+]*)(?:\+.*)?$/;
/** PDM's file source (pdm-backend `_find_version_in_file`). */
const PDM_FILE_PATTERN = /^__version__\s*=\s*["'](?<version>.+?)["']/dm;
const table = (value) => ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(value) ? value : {});
const strings = (value) => (Array.isArray(value) ? value.filter((x) => typeof x === 'string') : []);
function unknown(backend, reason) {
    return { kind: 'unknown', backend, reason };
}
/** A file source at `relPath` below the package directory, or unknown naming what failed. */
function fileSource(ctx, backend, relPath, find, name = 'the version') {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(ctx.dir, relPath);
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.join(ctx.rel, relPath.split((node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)).join('/'));
    if (node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(ctx.dir, abs).startsWith('..'))
        return unknown(backend, `${backend} names ${relPath}, outside the package directory`);
    try {
        return { kind: 'file', backend, spot: (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .locateVersion */ .TX)(abs, file, find) };
    }
    catch (error) {
        if (!(error instanceof _version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .VersionFileError */ .j9))
            throw error;
        if (error.message === 'no version found in it' && name !== 'the version') {
            const text = (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .readText */ .yR)(abs).text;
            const why = (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .assigns */ .n3)(text, name) ? `assigns ${name} but not as a literal string` : `has no top-level ${name} = "…"`;
            return unknown(backend, `${file} ${why}`);
        }
        return unknown(backend, `${backend}: ${file}: ${error.message === 'no version found in it' ? 'the pattern finds no version in it' : error.message}`);
    }
}
/** A tag pattern from the backend's config, or undefined (when absent or not usable). */
function tagRegex(pattern, group = 'version') {
    if (typeof pattern !== 'string')
        return undefined;
    try {
        const regex = (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .pythonRegex */ .A0)(pattern, group);
        return group === 'version' ? regex : new RegExp(regex.source.replace(`(?<${group}>`, '(?<version>'), regex.flags);
    }
    catch {
        return undefined;
    }
}
function hatch(ctx, version) {
    const source = typeof version.source === 'string' ? version.source : 'regex';
    switch (source) {
        case 'regex': {
            if (typeof version.path !== 'string')
                return unknown('hatch', '[tool.hatch.version] has no `path` (hatch\'s regex source reads the version from that file)');
            let regex;
            try {
                regex = (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .pythonRegex */ .A0)(typeof version.pattern === 'string' ? version.pattern : HATCH_DEFAULT_PATTERN);
            }
            catch (error) {
                return unknown('hatch path', `[tool.hatch.version] pattern: ${error.message}`);
            }
            return fileSource(ctx, 'hatch path', version.path, (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .regexFinder */ .Mh)(regex));
        }
        case 'vcs': {
            const raw = table(version['raw-options']);
            return { kind: 'vcs', backend: 'hatch-vcs', tagPattern: tagRegex(version['tag-pattern']) ?? tagRegex(raw.tag_regex) };
        }
        case 'uv-dynamic-versioning':
            return uvDynamic(ctx);
        case 'versioningit':
            return versioningit(ctx);
        default:
            return unknown('hatch', `[tool.hatch.version] source = ${JSON.stringify(source)} is not a source pyship can read`);
    }
}
function uvDynamic(ctx) {
    const config = table(table(ctx.doc.value.tool)['uv-dynamic-versioning']);
    const prefix = typeof config['pattern-prefix'] === 'string' ? config['pattern-prefix'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '';
    // dunamai's default pattern: `v` then the version; a custom pattern names it `base`
    const tagPattern = tagRegex(config.pattern, 'base') ?? new RegExp(`^${prefix}v(?<version>\\d[^+]*)(?:\\+.*)?$`);
    return { kind: 'vcs', backend: 'uv-dynamic-versioning', tagPattern };
}
function versioningit(ctx) {
    const config = table(table(ctx.doc.value.tool).versioningit);
    return { kind: 'vcs', backend: 'versioningit', tagPattern: tagRegex(table(config.tag2version).regex) };
}
/** The module file of a dotted module name, in the `src/` or flat layout (or setuptools' package-dir). */
function moduleFile(ctx, module, packageDir) {
    const parts = module.split('.');
    const roots = [];
    const mapped = packageDir[parts[0]];
    if (typeof mapped === 'string')
        roots.push([mapped, ...parts.slice(1)]);
    for (const base of [packageDir[''], 'src', '.'])
        if (typeof base === 'string')
            roots.push([base, ...parts]);
    for (const root of roots) {
        for (const candidate of [node_path__WEBPACK_IMPORTED_MODULE_1___default().join(...root, '__init__.py'), `${node_path__WEBPACK_IMPORTED_MODULE_1___default().join(...root)}.py`]) {
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(ctx.dir, candidate)))
                return candidate;
        }
    }
    return null;
}
function setuptoolsDynamic(ctx, version) {
    const spec = table(version);
    if (typeof spec.attr === 'string') {
        const at = spec.attr.lastIndexOf('.');
        if (at <= 0)
            return unknown('setuptools attr', `attr = ${JSON.stringify(spec.attr)} names no module (expected "package.__version__")`);
        const [module, name] = [spec.attr.slice(0, at), spec.attr.slice(at + 1)];
        const packageDir = table(table(table(ctx.doc.value.tool).setuptools)['package-dir']);
        const file = moduleFile(ctx, module, packageDir);
        if (!file)
            return unknown('setuptools attr', `attr = ${JSON.stringify(spec.attr)}: no ${module.replace(/\./g, '/')}/__init__.py or ${module.replace(/\./g, '/')}.py in src/ or the package directory`);
        return fileSource(ctx, 'setuptools attr', file, (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .assignmentFinder */ .O)(name), name);
    }
    const files = typeof spec.file === 'string' ? [spec.file] : strings(spec.file);
    if (files.length === 1)
        return fileSource(ctx, 'setuptools file', files[0], _version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .wholeFileFinder */ .yN);
    if (files.length > 1)
        return unknown('setuptools file', 'version = { file = [...] } with several files is not supported');
    return unknown('setuptools', '[tool.setuptools.dynamic] version has neither `attr` nor `file`');
}
function flit(ctx, projectName) {
    const tool = table(ctx.doc.value.tool);
    const configured = table(table(tool.flit).module).name;
    const module = typeof configured === 'string' ? configured : (projectName ?? '').replace(/[-.]/g, '_');
    if (!module)
        return unknown('flit', 'flit reads the module named after the project, but [project] has no name');
    const file = moduleFile(ctx, module, {});
    if (!file)
        return unknown('flit', `flit reads ${module}.__version__, but there is no ${module.replace(/\./g, '/')}/__init__.py or ${module}.py in src/ or the package directory`);
    return fileSource(ctx, 'flit', file, (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .assignmentFinder */ .O)('__version__'), '__version__');
}
/**
 * The version source of a package whose `[project] dynamic` lists "version". `dir` is the
 * package's absolute directory, `rel` that directory relative to the repository root.
 */
function dynamicVersionSource(doc, dir, rel) {
    const ctx = { dir, rel: rel === '.' ? '' : rel, doc };
    const build = table(doc.value['build-system']);
    const backend = typeof build['build-backend'] === 'string' ? build['build-backend'] : '';
    const requires = strings(build.requires).map((r) => r.toLowerCase().replace(/_/g, '-'));
    const needs = (name) => requires.some((r) => r === name || r.startsWith(name) && /^[\s<>=!~[;]/.test(r.slice(name.length)));
    const tool = table(doc.value.tool);
    const projectName = typeof table(doc.value.project).name === 'string' ? table(doc.value.project).name : null;
    if (backend.startsWith('hatchling') || (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(table(tool.hatch).version)) {
        if (!(0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(table(tool.hatch).version))
            return unknown('hatch', 'hatchling needs [tool.hatch.version] for a dynamic version');
        return hatch(ctx, table(table(tool.hatch).version));
    }
    if (backend.startsWith('pdm') || (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(table(tool.pdm).version)) {
        const version = table(table(tool.pdm).version);
        if (version.source === 'file') {
            if (typeof version.path !== 'string')
                return unknown('pdm file', '[tool.pdm.version] source = "file" has no `path`');
            return fileSource(ctx, 'pdm file', version.path, (0,_version_file_js__WEBPACK_IMPORTED_MODULE_3__/* .regexFinder */ .Mh)(PDM_FILE_PATTERN));
        }
        if (version.source === 'scm')
            return { kind: 'vcs', backend: 'pdm scm', tagPattern: tagRegex(version.tag_regex) };
        return unknown('pdm', `[tool.pdm.version] source = ${JSON.stringify(version.source ?? null)} is not a source pyship can read`);
    }
    if (backend.startsWith('flit_core'))
        return flit(ctx, projectName);
    const setuptools = table(tool.setuptools);
    if (table(setuptools.dynamic).version !== undefined)
        return setuptoolsDynamic(ctx, table(setuptools.dynamic).version);
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(tool.setuptools_scm) || (0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(tool['setuptools-scm']) || needs('setuptools-scm')) {
        const config = table(tool.setuptools_scm ?? tool['setuptools-scm']);
        return { kind: 'vcs', backend: 'setuptools-scm', tagPattern: tagRegex(config.tag_regex) };
    }
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(tool.versioningit) || needs('versioningit'))
        return versioningit(ctx);
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(tool['uv-dynamic-versioning']))
        return uvDynamic(ctx);
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_2__/* .isTable */ .bI)(tool['poetry-dynamic-versioning']))
        return { kind: 'vcs', backend: 'poetry-dynamic-versioning' };
    const named = backend ? `build backend ${backend}` : 'no build backend (setuptools by default)';
    return unknown(backend || 'setuptools', `dynamic = ["version"] with ${named} and no version source pyship knows (hatch path, setuptools attr/file, PDM file, flit, or a git-tag backend)`);
}
/** Whether a tag names a version through `pattern` (the `version` group), and which. */
function tagVersion(tag, pattern) {
    const m = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).exec(tag);
    return m?.groups?.version ?? null;
}


/***/ }),

/***/ 8991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Oi: () => (/* binding */ useColour),
/* harmony export */   T$: () => (/* binding */ progressRenderer)
/* harmony export */ });
/* unused harmony export seconds */
/** Colour only on a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR forces it. */
function useColour(env, tty) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '')
        return true;
    return tty && env.TERM !== 'dumb' && env.GITHUB_ACTIONS !== 'true';
}
const paint = (code, on) => (text) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const MARKS = { done: '✔', failed: '✖' };
function progressRenderer(options) {
    const { write, colour, group } = options;
    const bold = paint('1', colour);
    const cyan = paint('36', colour);
    const green = paint('32', colour);
    const red = paint('31', colour);
    const dim = paint('2', colour);
    let linesSinceStart = 0;
    let grouped = false;
    return (line, event) => {
        switch (event.kind) {
            case 'step':
                if (grouped)
                    group?.end();
                if (group) {
                    group.start(`▶ ${event.step}`);
                    grouped = true;
                }
                else
                    write(`${cyan('▶')} ${bold(event.step)}`);
                linesSinceStart = 0;
                return;
            case 'step-end': {
                if (grouped) {
                    group?.end();
                    grouped = false;
                }
                const mark = MARKS[event.status] ?? '○';
                const tint = event.status === 'done' ? green : event.status === 'failed' ? red : dim;
                const text = `${tint(mark)} ${bold(event.step)} ${dim(`(${seconds(event.ms)})`)} ${event.status}${event.detail ? `: ${event.detail}` : ''}`;
                // a terminal shows one live line per step: the `▶` line becomes the `✔` line
                write(colour && !group && linesSinceStart === 0 ? `\x1b[1A\r\x1b[2K${text}` : text);
                return;
            }
            case 'output':
                linesSinceStart++;
                write(group || !event.step ? line : `  ${dim(`${event.step} │`)} ${line.replace(/^ {2}/, '')}`);
                return;
            default:
                linesSinceStart++;
                write(line);
        }
    };
}


/***/ }),

/***/ 5781:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ failedResult),
/* harmony export */   g: () => (/* binding */ headlineOf)
/* harmony export */ });
/** The result of a command that stopped before it could say more (bad input, an early failure). */
function failedResult(command, problems) {
    const first = problems[0];
    return {
        command: command ?? 'release',
        headline: `pyship ${command ?? ''} failed: ${first ? `${first.code} ${first.message}` : 'unknown error'}`.replace('pyship  ', 'pyship '),
        problems,
        outputs: {},
        notices: []
    };
}
/** The headline without the message of a problem it repeats (one message per problem). */
function headlineOf(result) {
    return result.problems.reduce((h, p) => h.replace(`${p.code} ${p.message}`, p.code), result.headline);
}


/***/ }),

/***/ 4813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ DEFAULT_HTTP_SETTINGS),
/* harmony export */   fY: () => (/* binding */ readRunner)
/* harmony export */ });
/* unused harmony exports HTTP_VARIABLES, readHttpSettings */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The runner's environment, read once by the front ends (main.ts for the action,
 * cli.ts for the CLI) and passed down beside Inputs: nothing below them reads
 * the process environment. Outside Actions the same fields come from the shell's environment.
 */

const DEFAULT_HTTP_SETTINGS = {
    connectTimeout: 10,
    idleTimeout: 30,
    attemptTimeout: 90,
    attempts: 4,
    backoff: 1,
    maxBackoff: 30,
    rateLimitWait: 120,
    proxy: { http: '', https: '', noProxy: '' }
};
/** PYSHIP_HTTP_* variable → the setting it sets (seconds, except ATTEMPTS). README "Network". */
const HTTP_VARIABLES = {
    PYSHIP_HTTP_CONNECT_TIMEOUT: 'connectTimeout',
    PYSHIP_HTTP_TIMEOUT: 'idleTimeout',
    PYSHIP_HTTP_ATTEMPT_TIMEOUT: 'attemptTimeout',
    PYSHIP_HTTP_ATTEMPTS: 'attempts',
    PYSHIP_HTTP_BACKOFF: 'backoff',
    PYSHIP_HTTP_RATE_LIMIT_WAIT: 'rateLimitWait'
};
/**
 * The HTTP seam's settings from the environment: PYSHIP_HTTP_* (positive numbers; a
 * malformed one keeps the default and says so in the log, through `ignored`) and the
 * proxies as the runner's tools read them (the lower-case name first, like curl and undici).
 */
function readHttpSettings(env) {
    const http = { ...DEFAULT_HTTP_SETTINGS, ignored: [] };
    for (const [name, key] of Object.entries(HTTP_VARIABLES)) {
        const raw = env[name]?.trim();
        if (!raw)
            continue;
        const value = Number(raw);
        const whole = key === 'attempts';
        if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0) || (whole && !Number.isInteger(value))) {
            http.ignored?.push(`${name}=${JSON.stringify(raw.slice(0, 20))} is not ${whole ? 'a whole number of attempts' : 'a number of seconds'} above 0: the default ${DEFAULT_HTTP_SETTINGS[key]} is used`);
            continue;
        }
        http[key] = value;
    }
    http.proxy = {
        http: env.http_proxy ?? env.HTTP_PROXY ?? '',
        https: env.https_proxy ?? env.HTTPS_PROXY ?? '',
        noProxy: env.no_proxy ?? env.NO_PROXY ?? ''
    };
    return http;
}
function readRunner(env, options = {}) {
    const oidcUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '';
    const oidcToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '';
    return {
        repository: env.GITHUB_REPOSITORY ?? '',
        sha: env.GITHUB_SHA ?? '',
        refName: env.GITHUB_REF_NAME ?? '',
        refType: env.GITHUB_REF_TYPE ?? '',
        actor: env.GITHUB_ACTOR ?? '',
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        tempDir: env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_0___default().tmpdir(),
        oidc: oidcUrl && oidcToken ? { url: oidcUrl, token: oidcToken } : null,
        debug: options.debug === true || env.RUNNER_DEBUG === '1',
        actions: env.GITHUB_ACTIONS === 'true',
        env: { ...env },
        parallelism: Math.max(1, node_os__WEBPACK_IMPORTED_MODULE_0___default().availableParallelism()),
        http: readHttpSettings(env)
    };
}


/***/ }),

/***/ 5326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GA: () => (/* binding */ isBumpKeyword),
/* harmony export */   eS: () => (/* binding */ suggestPin),
/* harmony export */   qd: () => (/* binding */ rewritePin),
/* harmony export */   yU: () => (/* binding */ nextVersion)
/* harmony export */ });
/* unused harmony export BUMP_KEYWORDS */
/* harmony import */ var _pep440_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1405);
/**
 * Version arithmetic for `bump`: the next version for a keyword, and rewriting an
 * internal pin so that it admits a new version while keeping its operator and
 * precision (`~=1.4.0` → `~=1.5.0`, `==1.4.*` → `==1.5.*`).
 */

const BUMP_KEYWORDS = ['major', 'minor', 'patch'];
function isBumpKeyword(value) {
    return BUMP_KEYWORDS.includes(value);
}
/**
 * The next version after `current` (normalized, valid):
 * - `patch` of a stable version increments the third number (`2.0` → `2.0.1`); of a
 *   pre-/dev-release it finalizes it (`2.1.0rc1` → `2.1.0`);
 * - `minor`/`major` increment their number and zero the ones after it, or finalize a
 *   pre-release that is already at that boundary (`2.1.0rc1` minor → `2.1.0`);
 * - post-release and local segments are dropped; an epoch is kept.
 */
function nextVersion(current, keyword) {
    const v = (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(current);
    if (!v)
        throw new Error(`not a version: ${current}`);
    const index = { major: 0, minor: 1, patch: 2 }[keyword];
    const release = [...v.release];
    while (release.length <= index)
        release.push(0);
    const atBoundary = release.slice(index + 1).every((n) => n === 0);
    if (!(v.isPrerelease && atBoundary)) {
        release[index] += 1;
        for (let i = index + 1; i < release.length; i++)
            release[i] = 0;
    }
    return `${v.epoch ? `${v.epoch}!` : ''}${release.join('.')}`;
}
const CLAUSE = /(~=|===|==|!=|<=|>=|<|>)(\s*)([^\s,;]+)/y;
/** The clauses of a specifier with the offsets of their versions, or null when it is not one. */
function clausesOf(specifier) {
    const found = [];
    let at = 0;
    for (const part of specifier.split(',')) {
        const lead = part.length - part.trimStart().length;
        CLAUSE.lastIndex = lead;
        const m = CLAUSE.exec(part);
        if (!m || part.slice(CLAUSE.lastIndex).trim() !== '')
            return null;
        found.push({ op: m[1], version: m[3], start: at + lead + m[1].length + m[2].length });
        at += part.length + 1;
    }
    return found;
}
const epochOf = (v) => (v.epoch ? `${v.epoch}!` : '');
/** `version`'s release at `precision` numbers (`3.0.0` at 2 → `3.0`). */
function atPrecision(version, precision) {
    const release = version.release.slice(0, precision);
    while (release.length < precision)
        release.push(0);
    return `${epochOf(version)}${release.join('.')}`;
}
/**
 * The cap after `version` at the cap's own precision and boundary: `<3.0.0` moves by
 * majors (`3.0.0` → `<4.0.0`), `<0.5` by minors (`0.5.0` → `<0.6`).
 */
function nextCap(cap, version) {
    const c = (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(cap);
    if (!c || c.pre || c.post !== null || c.dev !== null)
        return null;
    let level = c.release.length - 1;
    while (level > 0 && c.release[level] === 0)
        level--;
    const release = version.release.slice(0, level + 1);
    while (release.length <= level)
        release.push(0);
    release[level] += 1;
    while (release.length < c.release.length)
        release.push(0);
    return `${epochOf(version)}${release.join('.')}`;
}
/** A lower bound (or single pin) rewritten to `version` at its precision; null when impossible. */
function rewriteClause(op, old, version, target) {
    if (op === '<' || op === '<=' || op === '!=' || op === '>')
        return null;
    if (op === '===')
        return version;
    const wildcard = old.endsWith('.*');
    const precision = (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(wildcard ? old.slice(0, -2) : old)?.release.length ?? target.release.length;
    if (wildcard)
        return `${atPrecision(target, precision)}.*`;
    const same = atPrecision(target, precision);
    // same precision first; the full version when that would not admit it (a pre-release)
    return (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .admits */ .t5)(`${op}${same}`, version) ? same : version;
}
/**
 * The specifier rewritten to admit `version`, keeping its operators, spacing and
 * precision (`~=1.4.0` → `~=1.5.0`, `== 1.45.0` → `== 1.46.0`, `==1.4.*` → `==1.5.*`),
 * and moving both bounds of a capped range when the version crosses the cap
 * (`>=2.2.0,<3.0.0` → `>=3.0.0,<4.0.0`, `>=0.4.9,<0.5` → `>=0.5.0,<0.6`). Null when there
 * is no well-defined rewrite (`!=`, `<=`, a lone `<` or `>`, several caps or lower bounds).
 */
function rewritePin(specifier, version) {
    const clauses = clausesOf(specifier);
    const target = (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(version);
    if (!clauses || !target)
        return null;
    const replace = new Map();
    if (clauses.length === 1) {
        const [c] = clauses;
        const next = rewriteClause(c.op, c.version, version, target);
        if (next === null)
            return null;
        replace.set(c, next);
    }
    else {
        const lower = clauses.filter((c) => ['>=', '~=', '>'].includes(c.op));
        const caps = clauses.filter((c) => c.op === '<');
        if (clauses.length !== 2 || lower.length !== 1 || caps.length !== 1)
            return null;
        const [lo, cap] = [lower[0], caps[0]];
        const crossed = !(0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .admits */ .t5)(`<${cap.version}`, version);
        // crossing the cap moves both bounds; a lower bound that excludes the version moves alone
        if (crossed || !(0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .admits */ .t5)(`${lo.op}${lo.version}`, version)) {
            const next = rewriteClause(lo.op, lo.version, version, target);
            if (next === null)
                return null;
            replace.set(lo, next);
        }
        if (crossed) {
            const next = nextCap(cap.version, target);
            if (next === null)
                return null;
            replace.set(cap, next);
        }
    }
    let text = specifier;
    for (const c of [...replace.keys()].sort((a, b) => b.start - a.start)) {
        text = text.slice(0, c.start) + replace.get(c) + text.slice(c.start + c.version.length);
    }
    return (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .admits */ .t5)(text, version) ? text : null;
}
/**
 * What a pin with no mechanical rewrite could become, for the error message: a lower
 * bound at `version`, and the next cap when the pin has one (`<=1.4.9` → `>=1.5.0`, `>=1,<2,<3` → `>=3.0.0,<4`).
 */
function suggestPin(specifier, version) {
    const target = (0,_pep440_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(version);
    const caps = (clausesOf(specifier) ?? []).filter((c) => c.op === '<');
    const cap = target && caps.length > 0 ? nextCap(caps[0].version, target) : null;
    return cap ? `>=${version},<${cap}` : `>=${version}`;
}


/***/ }),

/***/ 1405:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J5: () => (/* binding */ isValidSpecifier),
/* harmony export */   Qj: () => (/* binding */ normalizeVersion),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   gf: () => (/* binding */ normalizeInputVersion),
/* harmony export */   ot: () => (/* binding */ parseVersion),
/* harmony export */   t5: () => (/* binding */ admits)
/* harmony export */ });
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8898);
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__);
/**
 * PEP 440 through @renovatebot/pep440 (the library astral-sh/setup-uv uses). The
 * normal form is assembled here from explain() because the library's clean() joins
 * local segments with commas (`1.0+a.b` → `1.0+a,b`).
 */

/**
 * Results by input: a monorepo checks the same few versions against the same few
 * specifiers thousands of times, and each evaluation costs tens of µs. Cleared when
 * large, so a long-lived process stays bounded.
 */
const CACHE_LIMIT = 50_000;
function cached(cache, key, compute) {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key))
        return hit;
    if (cache.size >= CACHE_LIMIT)
        cache.clear();
    const value = compute();
    cache.set(key, value);
    return value;
}
const versions = new Map();
const specifiers = new Map();
const admitted = new Map();
/** The parts of a PEP 440 version, or null; results are cached (treat them as read-only). */
function parseVersion(text) {
    return cached(versions, text, () => parseUncached(text));
}
function parseUncached(text) {
    const trimmed = text.trim();
    if (trimmed === '' || _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.valid(trimmed) === null)
        return null;
    const info = _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.explain(trimmed);
    if (!info)
        return null;
    const local = info.local;
    const pre = info.pre ? [String(info.pre[0]), Number(info.pre[1])] : null;
    const post = info.post === null ? null : Number(info.post);
    const dev = info.dev === null ? null : Number(info.dev);
    let normalized = info.epoch ? `${info.epoch}!` : '';
    normalized += info.release.join('.');
    if (pre)
        normalized += `${pre[0]}${pre[1]}`;
    if (post !== null)
        normalized += `.post${post}`;
    if (dev !== null)
        normalized += `.dev${dev}`;
    if (local)
        normalized += `+${local}`;
    return Object.freeze({
        normalized,
        epoch: info.epoch,
        release: info.release,
        pre,
        post,
        dev,
        local,
        isPrerelease: pre !== null || dev !== null
    });
}
/** The PEP 440 normal form, or null when the text is not a version. */
function normalizeVersion(text) {
    return parseVersion(text)?.normalized ?? null;
}
/** A version as users type it (an optional leading `v`) in PEP 440 normal form, or null. */
function normalizeInputVersion(text) {
    return normalizeVersion(text.replace(/^[vV]/, ''));
}
/** <0, 0, >0 like a sort comparator; both must be valid. */
function compareVersions(a, b) {
    return _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare(a, b);
}
function isValidSpecifier(specifier) {
    return cached(specifiers, specifier, () => specifier.trim() === '' || _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.validRange(specifier));
}
const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/;
function clauses(specifier) {
    return specifier.split(',').map((part) => {
        const m = CLAUSE.exec(part);
        const wildcard = m[2].endsWith('.*');
        return { op: m[1], version: wildcard ? m[2].slice(0, -2) : m[2], wildcard };
    });
}
const parsed = (v) => parseVersion(v);
/** The version without its local segment. */
const publicOf = (v) => v.normalized.replace(/\+.*$/, '');
/** Epoch and release only (packaging's `base_version`). */
const baseOf = (v) => `${v.epoch ? `${v.epoch}!` : ''}${v.release.join('.')}`;
/** packaging's canonicalize_version: the normal form, trailing `.0`s of the release dropped unless told. */
function canonical(v, stripTrailingZero) {
    let release = v.release.join('.');
    if (stripTrailingZero)
        release = release.replace(/(\.0)+$/, '');
    return `${v.epoch ? `${v.epoch}!` : ''}${release}${v.pre ? `${v.pre[0]}${v.pre[1]}` : ''}${v.post !== null ? `.post${v.post}` : ''}${v.dev !== null ? `.dev${v.dev}` : ''}${v.local ? `+${v.local}` : ''}`;
}
/** packaging's _version_split: `1.0rc1.post2` → ['1', '0', 'rc1', 'post2']. */
function split(version) {
    return version.split('.').flatMap((item) => {
        const m = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/.exec(item);
        return m ? [m[1], m[2]] : [item];
    });
}
const isSuffix = (segment) => ['dev', 'a', 'b', 'rc', 'post'].some((p) => segment.startsWith(p));
/** `==V.*`: the prospective's public version, padded with zeros, starts with V's segments. */
function prefixMatch(prospective, prefix) {
    const spec = split(canonical(parsed(prefix), false));
    const mine = split(canonical(parsed(publicOf(prospective)), true));
    const digits = (xs) => {
        let n = 0;
        while (n < xs.length && /^[0-9]+$/.test(xs[n]))
            n++;
        return n;
    };
    const padded = [...mine.slice(0, digits(mine)), ...Array(Math.max(0, digits(spec) - digits(mine))).fill('0'), ...mine.slice(digits(mine))];
    return padded.slice(0, spec.length).join('.') === spec.join('.');
}
/** One clause, exactly as packaging's Specifier (pre-releases allowed). */
function clauseAdmits(c, v) {
    const cmp = (a, b) => compareVersions(a, b);
    switch (c.op) {
        case '===':
            return v.normalized.toLowerCase() === c.version.toLowerCase();
        case '==':
            if (c.wildcard)
                return prefixMatch(v, c.version);
            return cmp(parsed(c.version).local ? v.normalized : publicOf(v), c.version) === 0;
        case '!=':
            return !clauseAdmits({ ...c, op: '==' }, v);
        case '<=':
            return cmp(publicOf(v), c.version) <= 0;
        case '>=':
            return cmp(publicOf(v), c.version) >= 0;
        case '~=': {
            const prefix = split(c.version).filter((_, i, all) => all.slice(0, i + 1).every((s) => !isSuffix(s)));
            return cmp(publicOf(v), c.version) >= 0 && prefixMatch(v, prefix.slice(0, -1).join('.'));
        }
        case '<': {
            const spec = parsed(c.version);
            if (!(cmp(v.normalized, c.version) < 0))
                return false;
            // <3.1 does not admit 3.1.dev0 (unless the specifier is a pre-release itself)
            return !(!spec.isPrerelease && v.isPrerelease && cmp(baseOf(v), baseOf(spec)) === 0);
        }
        case '>': {
            const spec = parsed(c.version);
            if (!(cmp(v.normalized, c.version) > 0))
                return false;
            // >3.1 admits neither 3.1.post0 (unless the specifier is a post-release) nor 3.1+local
            if (spec.post === null && v.post !== null && cmp(baseOf(v), baseOf(spec)) === 0)
                return false;
            return !(v.local !== null && cmp(baseOf(v), baseOf(spec)) === 0);
        }
    }
    return false;
}
/**
 * Whether `version` lies inside `specifier`'s range, exactly as Python's packaging
 * answers `SpecifierSet(specifier).contains(version, prereleases=True)`: pre-releases
 * count as inside (`>=1.0` admits `2.0.0rc1`), so a pin "excludes" a version only when
 * the version is outside the range itself. An empty specifier admits everything; an
 * invalid specifier or version admits nothing.
 */
function admits(specifier, version) {
    return cached(admitted, `${specifier}\u0000${version}`, () => admitsUncached(specifier, version));
}
function admitsUncached(specifier, version) {
    if (specifier.trim() === '')
        return true;
    const v = parseVersion(version);
    if (!v || !isValidSpecifier(specifier))
        return false;
    return clauses(specifier).every((c) => clauseAdmits(c, v));
}


/***/ })

};

//# sourceMappingURL=105.index.js.map