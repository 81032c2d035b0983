export const id = 516;
export const ids = [516];
export const modules = {

/***/ 9389:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ platformName),
/* harmony export */   OR: () => (/* binding */ Registry)
/* harmony export */ });
/* unused harmony exports MANIFEST_TYPES, parseChallenge, OCI_INDEX, OCI_MANIFEST, sha256Digest */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3618);
/**
 * The container registry's HTTP API (OCI distribution): manifest digests, tags,
 * image labels, copying a manifest to another tag. Works with password (Basic)
 * registries and token-auth registries such as ghcr.io (`WWW-Authenticate: Bearer
 * realm=…,service=…`, anonymous or with credentials).
 */



const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json'
];
/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
function parseChallenge(header) {
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const params = {};
    for (const m of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g))
        params[m[1]] = m[2];
    return { scheme, params };
}
const TOKEN = (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .shape */ .cW)('a token', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(v) && (typeof v.token === 'string' || typeof v.access_token === 'string'));
const TAGS = (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .shape */ .cW)('a tag list', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(v) && (v.tags === undefined || v.tags === null || (Array.isArray(v.tags) && v.tags.every((t) => typeof t === 'string'))));
const MANIFEST = (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .shape */ .cW)('an image manifest', (v) => (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(v) && (v.manifests === undefined || Array.isArray(v.manifests)));
const CONFIG = (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .shape */ .cW)('an image config', _http_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv);
/** Pages of a tag list a registry may answer before pyship suspects a loop. */
const MAX_PAGES = 10_000;
class Registry {
    host;
    username;
    password;
    base;
    tokens = new Map();
    constructor(host, username, password) {
        this.host = host;
        this.username = username;
        this.password = password;
        const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
        this.base = `${local ? 'http' : 'https'}://${host}`;
    }
    basic() {
        return this.username && this.password ? `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}` : null;
    }
    /** An Authorization header for `scope`, from the registry's challenge. */
    async authorize(challenge, scope) {
        const { scheme, params } = parseChallenge(challenge);
        if (scheme === 'basic')
            return this.basic();
        if (scheme !== 'bearer' || !params.realm)
            return null;
        const cached = this.tokens.get(scope);
        if (cached)
            return cached;
        const url = new URL(params.realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        url.searchParams.set('scope', scope);
        const basic = this.basic();
        const res = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .request */ .Em)(url.toString(), { service: `the token service of ${this.host}`, json: true, headers: basic ? { authorization: basic } : {} });
        if (res.status === 401 || res.status === 403) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused a token for ${scope} (${res.status})${basic ? '' : ' without credentials'}`);
        }
        if (res.status !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} token service answered ${res.status}`);
        const body = res.json(TOKEN);
        const header = `Bearer ${body.token ?? body.access_token ?? ''}`;
        this.tokens.set(scope, header);
        return header;
    }
    async call(method, path, scope, headers = {}, body, extra = {}) {
        const url = new URL(path, this.base).toString();
        const options = { service: `the registry ${this.host}`, method, body, ...extra };
        const first = await (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .request */ .Em)(url, { ...options, headers: { ...headers, ...(this.tokens.has(scope) ? { authorization: this.tokens.get(scope) } : {}) } });
        if (first.status !== 401)
            return first;
        const challenge = first.headers.get('www-authenticate') ?? '';
        const auth = await this.authorize(challenge, scope);
        if (!auth)
            return first;
        return (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .request */ .Em)(url, { ...options, headers: { ...headers, authorization: auth } });
    }
    /**
     * Whether the registry accepts the login, as `docker login` checks it (preflight:
     * before anything is built). Basic registries answer /v2/ with the credentials;
     * token registries hand out a token for `repository` with them. Then a blob upload
     * is started and cancelled, so a login without write permission is refused here too,
     * before anything is published (registries that do not answer 202 are not judged).
     */
    async checkLogin(repository) {
        if (!this.username || !this.password) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `no credentials for ${this.host}: registry-username and registry-password (or github-token) are needed to push`);
        }
        const res = await this.call('GET', '/v2/', `repository:${repository}:pull,push`);
        if (res.status === 401 || res.status === 403) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused the login of ${this.username} (${res.status})`);
        }
        if (res.status !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host}/v2/ answered ${res.status}: it does not look like a registry that accepts this login`);
        // may these credentials write? Start a blob upload (what `docker push` does first) and cancel it;
        // starting one twice only leaves an empty session that expires: harmless to repeat
        const upload = await this.call('POST', `/v2/${repository}/blobs/uploads/`, `repository:${repository}:pull,push`, {}, undefined, { idempotent: true });
        if (upload.status === 401 || upload.status === 403) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} lets ${this.username} log in but not push to ${repository} (${upload.status})`);
        }
        const location = upload.headers.get('location');
        if (upload.status === 202 && location) {
            const url = new URL(location, this.base).toString().slice(this.base.length);
            await this.call('DELETE', url, `repository:${repository}:pull,push`).catch(() => undefined);
        }
    }
    /** The digest `repository:tag` points at, or null when the tag does not exist. */
    async digest(repository, tag) {
        const res = await this.call('HEAD', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull`, { accept: MANIFEST_TYPES.join(', ') });
        if (res.status === 404)
            return null;
        if (res.status === 401 || res.status === 403)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused reading ${repository}:${tag} (${res.status})`);
        if (res.status !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${res.status} for ${repository}:${tag}`);
        return res.headers.get('docker-content-digest');
    }
    /** Every tag of a repository, to the last page (`Link: <…?n=&last=>; rel="next"`, OCI distribution). */
    async tags(repository) {
        const all = [];
        let path = `/v2/${repository}/tags/list?n=1000`;
        const seen = new Set();
        while (path) {
            if (seen.has(path) || seen.size >= MAX_PAGES) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_NETWORK', `the registry ${this.host}'s pages of the tags of ${repository} do not end (page ${seen.size + 1}); a re-run resumes where this one stopped`);
            }
            seen.add(path);
            const res = await this.call('GET', path, `repository:${repository}:pull`, {}, undefined, { json: true });
            if (res.status === 404 && seen.size === 1)
                return [];
            if (res.status === 401 || res.status === 403)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused listing the tags of ${repository} (${res.status})`);
            if (res.status !== 200)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${res.status} listing the tags of ${repository}`);
            all.push(...(res.json(TAGS).tags ?? []));
            const next = (0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .nextLink */ .IX)(res.headers.get('link'), new URL(path, this.base).toString());
            if (next && new URL(next).origin !== new URL(this.base).origin) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_NETWORK', `the registry ${this.host}'s next page of tags is on another host (${(0,_http_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(next)}); not followed with the credentials; a re-run resumes where this one stopped`);
            }
            path = next ? next.slice(new URL(next).origin.length) : null;
        }
        return all;
    }
    /** The manifest of a tag or digest, with its media type. */
    async manifest(repository, reference) {
        const res = await this.call('GET', `/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull`, { accept: MANIFEST_TYPES.join(', ') }, undefined, { json: true });
        if (res.status === 404)
            return null;
        if (res.status === 401 || res.status === 403)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused reading the manifest of ${repository}:${reference} (${res.status})`);
        if (res.status !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${res.status} for the manifest of ${repository}:${reference}`);
        return { mediaType: res.headers.get('content-type') ?? MANIFEST_TYPES[2], body: res.text, json: res.json };
    }
    /** The image config labels of a tag (the first image of an index). */
    async labels(repository, reference) {
        let m = await this.manifest(repository, reference);
        if (!m)
            return {};
        let doc = m.json(MANIFEST);
        if (doc.manifests?.length) {
            m = await this.manifest(repository, doc.manifests[0].digest);
            if (!m)
                return {};
            doc = m.json(MANIFEST);
        }
        if (!doc.config)
            return {};
        const res = await this.call('GET', `/v2/${repository}/blobs/${doc.config.digest}`, `repository:${repository}:pull`, {}, undefined, { json: true });
        if (res.status !== 200)
            return {};
        return res.json(CONFIG).config?.Labels ?? {};
    }
    /**
     * Remove a tag (OCI distribution 1.1 `DELETE …/manifests/<tag>`). Registries that
     * only delete by digest would delete the image with every tag, so that is never
     * done: false means the registry could not delete the tag alone.
     */
    async deleteTag(repository, tag) {
        const res = await this.call('DELETE', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull,push,delete`);
        if (res.status === 401 || res.status === 403)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused deleting ${repository}:${tag} (${res.status})`);
        return res.status === 202 || res.status === 200;
    }
    /** Point `tag` at the manifest `digest` already in `repository` (no image data moves). */
    async tag(repository, digest, tag) {
        const m = await this.manifest(repository, digest);
        if (!m)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_VERIFY', `${repository}@${digest} is not in ${this.host}`);
        const res = await this.call('PUT', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull,push`, { 'content-type': m.mediaType }, m.body);
        if (res.status === 401 || res.status === 403)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused tagging ${repository}:${tag} (${res.status})`);
        if (res.status !== 201 && res.status !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${res.status} tagging ${repository}:${tag}`);
    }
    /** Whether `repository` holds the blob `digest`. */
    async hasBlob(repository, digest) {
        const res = await this.call('HEAD', `/v2/${repository}/blobs/${digest}`, `repository:${repository}:pull`);
        if (res.status === 401 || res.status === 403)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused reading ${repository}@${digest} (${res.status})`);
        return res.status === 200;
    }
    /**
     * Upload one blob (OCI distribution: `POST …/blobs/uploads/`, then `PUT <location>?digest=`,
     * monolithic). A blob already there is not sent again; after a failed PUT the registry is
     * asked what it holds before the upload is started once more (never a blind repeat).
     */
    async pushBlob(repository, digest, data) {
        const scope = `repository:${repository}:pull,push`;
        for (let attempt = 1;; attempt++) {
            if (await this.hasBlob(repository, digest))
                return;
            const start = await this.call('POST', `/v2/${repository}/blobs/uploads/`, scope);
            if (start.status === 401 || start.status === 403)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused a blob upload to ${repository} (${start.status})`);
            const location = start.headers.get('location');
            if (start.status !== 202 || !location)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${start.status} starting a blob upload to ${repository}`);
            const url = new URL(location, this.base);
            url.searchParams.set('digest', digest);
            const put = await this.call('PUT', url.toString().slice(this.base.length), scope, { 'content-type': 'application/octet-stream' }, data);
            if (put.status === 201 || put.status === 204)
                return;
            if (put.status === 401 || put.status === 403)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused the upload of ${digest} to ${repository} (${put.status})`);
            if (attempt >= 2)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${put.status} to the upload of ${digest} to ${repository}`);
        }
    }
    /** Store a manifest under `reference` (a digest: no tag is created); returns its digest. */
    async putManifest(repository, reference, mediaType, body) {
        const res = await this.call('PUT', `/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull,push`, { 'content-type': mediaType }, body);
        if (res.status === 401 || res.status === 403)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} refused storing a manifest in ${repository} (${res.status})`);
        if (res.status !== 201 && res.status !== 200)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_REGISTRY_DENIED', `${this.host} answered ${res.status} storing a manifest in ${repository}: ${res.text.slice(0, 200)}`);
        return res.headers.get('docker-content-digest') ?? sha256Digest(body);
    }
    /**
     * Push an image by digest only: its config and layers as blobs, then an OCI image
     * manifest stored under its own digest — no tag. Repeating it is harmless.
     */
    async pushImage(repository, image) {
        const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest(image.config), size: image.config.byteLength };
        const layers = image.layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256Digest(l), size: l.byteLength }));
        await this.pushBlob(repository, config.digest, image.config);
        for (const [i, layer] of layers.entries())
            await this.pushBlob(repository, layer.digest, image.layers[i]);
        const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers });
        return this.putManifest(repository, sha256Digest(body), OCI_MANIFEST, body);
    }
    /** What an image manifest (by digest) holds: descriptor, platform and labels; null when absent or not an image. */
    async imageFacts(repository, digest) {
        const m = await this.manifest(repository, digest);
        if (!m)
            return null;
        const doc = m.json(MANIFEST);
        if (!doc.config)
            return null;
        const res = await this.call('GET', `/v2/${repository}/blobs/${doc.config.digest}`, `repository:${repository}:pull`);
        if (res.status !== 200)
            return null;
        const config = res.json(CONFIG);
        const platform = { os: config.os ?? 'unknown', architecture: config.architecture ?? 'unknown', ...(config.variant ? { variant: config.variant } : {}) };
        return { mediaType: m.mediaType.split(';')[0].trim(), digest, size: Buffer.byteLength(m.body), platform, labels: config.config?.Labels ?? {} };
    }
    /**
     * Join per-platform images (pushed by digest) into one OCI image index, stored by its
     * digest (tags come after, on the index alone). The same images give the same index.
     */
    async putIndex(repository, digests) {
        const manifests = [];
        for (const digest of digests) {
            const facts = await this.imageFacts(repository, digest);
            if (!facts)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PyshipError */ .iB('E_VERIFY', `${repository}@${digest} is not an image in ${this.host}`);
            manifests.push({ mediaType: facts.mediaType, digest, size: facts.size, platform: facts.platform });
        }
        manifests.sort((a, b) => platformName(a.platform).localeCompare(platformName(b.platform)));
        const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
        return this.putManifest(repository, sha256Digest(body), OCI_INDEX, body);
    }
}
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** `os/arch[/variant]`. */
const platformName = (p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/');
function sha256Digest(data) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex')}`;
}


/***/ }),

/***/ 5516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gS: () => (/* binding */ openRelease)
});

// UNUSED EXPORTS: registryLogin, repositoryName

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/monorepo/load.ts + 1 modules
var load = __webpack_require__(3811);
// EXTERNAL MODULE: ./src/adapters/git.ts
var adapters_git = __webpack_require__(6960);
// EXTERNAL MODULE: ./src/adapters/http.ts
var http = __webpack_require__(3618);
;// CONCATENATED MODULE: ./src/adapters/github.ts
/** The GitHub REST API (releases, the repository) through the one HTTP seam. */


const isRelease = (v) => (0,http/* isObject */.Gv)(v) && typeof v.id === 'number' && typeof v.tag_name === 'string' && typeof v.draft === 'boolean' && typeof v.prerelease === 'boolean' && typeof v.html_url === 'string';
const RELEASE = (0,http/* shape */.cW)('a release', isRelease);
const RELEASES = (0,http/* shape */.cW)('a list of releases', (v) => Array.isArray(v) && v.every(isRelease));
const REPOSITORY = (0,http/* shape */.cW)('a repository', (v) => (0,http/* isObject */.Gv)(v) && typeof v.default_branch === 'string');
const NOTES = (0,http/* shape */.cW)('generated release notes', (v) => (0,http/* isObject */.Gv)(v) && typeof v.body === 'string');
/** Pages of a list GitHub may answer before pyship suspects a loop (100 per page). */
const MAX_PAGES = 1000;
class GitHub {
    apiUrl;
    repository;
    token;
    base;
    constructor(apiUrl, repository, token) {
        this.apiUrl = apiUrl;
        this.repository = repository;
        this.token = token;
        this.base = apiUrl.replace(/\/+$/, '');
    }
    options(method, body) {
        if (!this.token) {
            throw new errors/* PyshipError */.iB('E_GITHUB_DENIED', 'no GitHub token: set the `github-token` input (or GITHUB_TOKEN for the CLI)');
        }
        return {
            service: 'GitHub',
            method,
            json: method !== 'DELETE',
            headers: {
                accept: 'application/vnd.github+json',
                authorization: `Bearer ${this.token}`,
                'x-github-api-version': '2022-11-28',
                ...(body === undefined ? {} : { 'content-type': 'application/json' })
            },
            body: body === undefined ? undefined : JSON.stringify(body)
        };
    }
    /** 401/403 that are not rate limits (the seam waits those out) mean the token may not do this. */
    judge(method, url, res, ok) {
        if (res.status === 401 || res.status === 403) {
            throw new errors/* PyshipError */.iB('E_GITHUB_DENIED', `GitHub refused ${method} ${(0,http/* redact */.E$)(url)}: ${res.status} ${safeMessage(res)}`);
        }
        if (!ok.includes(res.status)) {
            throw new errors/* PyshipError */.iB('E_GITHUB_DENIED', `GitHub answered ${method} ${(0,http/* redact */.E$)(url)} with ${res.status}: ${safeMessage(res)}`);
        }
        return res;
    }
    url(path) {
        return `${this.base}/repos/${this.repository}${path}`;
    }
    async expect(method, path, ok, body, extra = {}) {
        const url = this.url(path);
        return this.judge(method, url, await (0,http/* request */.Em)(url, { ...this.options(method, body), ...extra }), ok);
    }
    async repo() {
        const url = this.url('');
        const res = await (0,http/* request */.Em)(url, this.options('GET'));
        if (res.status === 404)
            throw new errors/* PyshipError */.iB('E_GITHUB_DENIED', `repository ${this.repository} is not visible with this token (404)`);
        return this.judge('GET', url, res, [200]).json(REPOSITORY);
    }
    /** Every release, drafts included (drafts are only visible to writers), to the last page. */
    async releases() {
        const all = [];
        let url = this.url('/releases?per_page=100');
        const seen = new Set();
        while (url) {
            if (seen.has(url) || seen.size >= MAX_PAGES) {
                throw new errors/* PyshipError */.iB('E_NETWORK', `GitHub's pages of ${(0,http/* redact */.E$)(this.url('/releases'))} do not end (page ${seen.size + 1}); a re-run resumes where this one stopped`);
            }
            seen.add(url);
            const res = this.judge('GET', url, await (0,http/* request */.Em)(url, this.options('GET')), [200]);
            all.push(...res.json(RELEASES));
            url = (0,http/* nextLink */.IX)(res.headers.get('link'), url);
            // the token goes only where it came from
            if (url && new URL(url).origin !== new URL(this.base).origin) {
                throw new errors/* PyshipError */.iB('E_NETWORK', `GitHub's next page of ${(0,http/* redact */.E$)(this.url('/releases'))} is on another host (${(0,http/* redact */.E$)(url)}); not followed with the token; a re-run resumes where this one stopped`);
            }
        }
        return all;
    }
    /**
     * A draft (or release) for a tag. POST creates something, so it is never sent twice
     * blindly: when an answer is lost, the releases are listed and the one this request
     * made (same tag, commit, name and draft state) is adopted instead of creating another.
     */
    createRelease(fields) {
        const url = this.url('/releases');
        const mine = (r) => r.tag_name === fields.tag_name &&
            (fields.target_commitish === undefined || r.target_commitish === fields.target_commitish) &&
            (fields.name === undefined || r.name === fields.name) &&
            r.draft === (fields.draft ?? false);
        return (0,http/* create */.vt)(url, this.options('POST', fields), (res) => this.judge('POST', url, res, [201]).json(RELEASE), async () => (await this.releases()).find(mine) ?? null);
    }
    /** PATCH sets fields to values: repeating it changes nothing, so it may be retried. */
    async updateRelease(id, fields) {
        return (await this.expect('PATCH', `/releases/${id}`, [200], fields, { idempotent: true })).json(RELEASE);
    }
    async deleteRelease(id) {
        await this.expect('DELETE', `/releases/${id}`, [204, 404]);
    }
    /** Generated notes (a POST that creates nothing: safe to repeat). */
    async generateNotes(tag, target, previousTag) {
        const res = await this.expect('POST', '/releases/generate-notes', [200], { tag_name: tag, target_commitish: target, ...(previousTag ? { previous_tag_name: previousTag } : {}) }, { idempotent: true });
        return res.json(NOTES).body;
    }
}
function safeMessage(res) {
    try {
        const body = JSON.parse(res.text);
        return String(body?.message ?? '').slice(0, 200);
    }
    catch {
        return res.text.slice(0, 200).split('\n')[0];
    }
}

// EXTERNAL MODULE: ./src/adapters/registry.ts
var registry = __webpack_require__(9389);
// EXTERNAL MODULE: ./src/release/plan.ts + 1 modules
var release_plan = __webpack_require__(8325);
;// CONCATENATED MODULE: ./src/release/context.ts
/**
 * What release, verify and rollback share: the monorepo, the git repository, the
 * GitHub repository, the registry and the plan for a component and version. Every
 * default that depends on the runner (registry credentials, API URL) is resolved here,
 * once.
 */






/** owner/repo from GITHUB_REPOSITORY, else from origin's github.com URL. */
async function repositoryName(git, runner) {
    if (runner.repository)
        return runner.repository;
    const url = await git.originUrl();
    const m = /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url ?? '');
    if (!m) {
        throw new errors/* PyshipError */.iB('E_INPUT', 'cannot tell the GitHub repository: GITHUB_REPOSITORY is not set and origin is not a github.com URL', {
            hint: 'Set GITHUB_REPOSITORY=owner/repo when running the CLI.'
        });
    }
    return m[1];
}
function registryLogin(inputs, runner) {
    return { host: inputs.registry, username: inputs.registryUsername || runner.actor, password: inputs.registryPassword || inputs.githubToken };
}
async function openRelease(inputs, runner) {
    const repo = (0,load/* loadMonorepo */.cw)({ workDir: inputs.workingDirectory, repoRoot: inputs.repositoryRoot }, inputs.config);
    if (repo.problems.length > 0)
        throw (0,errors/* fromProblems */.j9)(repo.problems);
    const git = new adapters_git/* Git */.TU(inputs.repositoryRoot);
    const repository = await repositoryName(git, runner);
    const plan = (0,release_plan/* planRelease */.F3)(repo, { component: inputs.component, version: inputs.version, pypiUrl: inputs.pypiUrl, repository, registry: inputs.registry });
    const login = registryLogin(inputs, runner);
    return {
        inputs,
        runner,
        repo,
        git,
        repository,
        plan,
        login,
        github: new GitHub(runner.apiUrl, repository, inputs.githubToken),
        registry: new registry/* Registry */.OR(login.host, login.username, login.password)
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

//# sourceMappingURL=516.index.js.map