export const id = 303;
export const ids = [303];
export const modules = {

/***/ 4758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   Fx: () => (/* binding */ AlreadyRegisteredError),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   f5: () => (/* binding */ TagRegisteredElsewhereError),
/* harmony export */   hD: () => (/* binding */ ApiError),
/* harmony export */   hy: () => (/* binding */ ServiceStateError),
/* harmony export */   j3: () => (/* binding */ DeadlineError),
/* harmony export */   pr: () => (/* binding */ ArchRefusedError)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(766);
/**
 * Errors as values with fields (what was done, the answer, the reason), told apart by class, never
 * by message; server text cleaned first.
 */

/** A refused input, found before any request is sent. One error may carry several problems. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? (problems[0] ?? '')
            : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`);
        this.problems = problems;
        this.name = 'InputError';
    }
}
/** The image is not built for an arch ModelArts can register as asked. */
class ArchRefusedError extends InputError {
    refusal;
    constructor(refusal) {
        super([`${refusal.swrPath} is not built for arch ${refusal.asked ?? 'X86_64 or AARCH64'}`]);
        this.refusal = refusal;
    }
}
/**
 * The path is registered already and the step must not go on with it: if_exists says to fail, or
 * the registration differs from what this run would register.
 */
class AlreadyRegisteredError extends Error {
    reason;
    constructor(reason, message) {
        super(message);
        this.reason = reason;
        this.name = 'AlreadyRegisteredError';
    }
}
/** An HTTP answer that was not a success, or a success that could not be read. */
class ApiError extends Error {
    what;
    status;
    errorCode;
    errorMsg;
    requestId;
    retryable;
    retryAfterSeconds;
    /** The IAM action the call needs, named by the message of a 403. */
    permission;
    constructor(fields) {
        const errorCode = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .T)(fields.errorCode ?? '', 64);
        const errorMsg = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .T)(fields.errorMsg, 512);
        const requestId = fields.requestId === undefined ? undefined : (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .T)(fields.requestId, 128);
        const code = errorCode ? ` ${errorCode}` : '';
        const id = requestId ? ` (request id ${requestId})` : '';
        const grant = fields.status === 403 && fields.permission ? `; grant ${fields.permission}` : '';
        const encoded = fields.authorizationMessage
            ? ` (encoded authorization message, for your administrator: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .serverText */ .T)(fields.authorizationMessage, 2048)})`
            : '';
        super(`${fields.what} failed: HTTP ${fields.status}${code}: ${errorMsg}${id}${encoded}${grant}`);
        this.name = 'ApiError';
        this.what = fields.what;
        this.status = fields.status;
        this.errorCode = errorCode;
        this.errorMsg = errorMsg;
        this.requestId = requestId;
        this.retryable = fields.retryable ?? false;
        this.retryAfterSeconds = fields.retryAfterSeconds;
        this.permission = fields.permission;
    }
}
/** No answer: connection refused or reset, DNS failure, or the per-request timeout. */
class NetworkError extends Error {
    what;
    detail;
    constructor(what, detail) {
        super(`${what} failed: ${detail}`);
        this.what = what;
        this.detail = detail;
        this.name = 'NetworkError';
    }
}
/** The step's deadline passed while a request or a pause was under way. */
class DeadlineError extends Error {
    what;
    lastProblem;
    constructor(what, lastProblem) {
        super(`${what} did not finish before the step's timeout${lastProblem ? ` (last: ${lastProblem})` : ''}`);
        this.what = what;
        this.lastProblem = lastProblem;
        this.name = 'DeadlineError';
    }
}
/** The run was cancelled (SIGINT or SIGTERM from the runner). */
class CancelledError extends Error {
    constructor() {
        super('cancelled');
        this.name = 'CancelledError';
    }
}
/**
 * The service answered, but not what the action can act on: no single project for the region, a
 * delete that ModelArts does not confirm, a conflict without a registration to find. Not retried.
 */
class ServiceStateError extends Error {
    what;
    detail;
    constructor(what, detail) {
        super(`${what} failed: ${detail}`);
        this.what = what;
        this.detail = detail;
        this.name = 'ServiceStateError';
    }
}
/**
 * A conflict explained: ModelArts keys a registration on namespace, name and tag, and that tag is
 * registered in the workspace from another registry (the shared SWR, another Enterprise Edition
 * instance), as `holder` shows. Registering this path there can never succeed.
 */
class TagRegisteredElsewhereError extends Error {
    holder;
    swrPath;
    workspaceId;
    constructor(
    /** The registration that holds the tag: its id, its swr_path, its registry. */
    holder, 
    /** The path this run registers, and the workspace. */
    swrPath, workspaceId) {
        super(`register image failed: ${swrPath} cannot be registered in workspace ${workspaceId}: image ${holder.id} ` +
            `(swr_path ${holder.swrPath}, registry ${holder.registry}) holds the same namespace, name and tag. ` +
            'ModelArts keys a registration on namespace, name and tag, so the same tag cannot be registered ' +
            'from two registries in one workspace: use another tag, or another workspace');
        this.holder = holder;
        this.swrPath = swrPath;
        this.workspaceId = workspaceId;
        this.name = 'TagRegisteredElsewhereError';
    }
}
/** True for answers that say the request may succeed if sent again. */
function isTransient(error) {
    return (error instanceof ApiError && error.retryable) || error instanceof NetworkError;
}
/** The message of anything thrown. */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 3659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject)
/* harmony export */ });
/** Answers are parsed JSON of unknown shape; this is the one check every reader starts from. */
/** A JSON object (not null, not an array). */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 2677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ formatDuration),
/* harmony export */   g: () => (/* binding */ systemRuntime)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4758);
/**
 * Clock, sleep and dice, injected so waiting and retries run on a fake clock in tests; the logger
 * interface.
 */

/** Real time. */
const systemRuntime = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc());
        const onAbort = () => {
            clearTimeout(timer);
            reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc());
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
    random: () => Math.random()
};
/** `1m 05s`, `12s`, `1.3s`: short, for log lines and the summary. */
function formatDuration(ms) {
    if (ms < 10_000)
        return `${Math.max(0, Math.round(ms / 100) / 10)}s`;
    const totalSeconds = Math.round(ms / 1000);
    const h = Math.floor(totalSeconds / 3600);
    const m = Math.floor((totalSeconds % 3600) / 60);
    const s = totalSeconds % 60;
    if (h > 0)
        return `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`;
    if (m > 0)
        return `${m}m ${String(s).padStart(2, '0')}s`;
    return `${s}s`;
}


/***/ }),

/***/ 766:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ serverText),
/* harmony export */   a: () => (/* binding */ hasControl)
/* harmony export */ });
/**
 * Server and input text made safe to print: no CR/LF (a line could start a workflow command) and
 * no bidirectional overrides or isolates.
 */
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// The bidirectional embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to U+2069).
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const ONE_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/**
 * A server's string on one line: control characters become one space, bidirectional overrides
 * and isolates are dropped; cut at `max` characters.
 */
function serverText(value, max = 1024) {
    const flat = value.replace(BIDI, '').replace(CONTROL, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}\u2026` : flat;
}
/** Whether a string holds a control character (an input that cannot be sent in a header). */
function hasControl(value) {
    return ONE_CONTROL.test(value);
}


/***/ }),

/***/ 4603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cw: () => (/* binding */ unreadableAnswer),
/* harmony export */   OM: () => (/* binding */ stringField),
/* harmony export */   Z: () => (/* binding */ headerValue),
/* harmony export */   au: () => (/* binding */ errorFields),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   qF: () => (/* binding */ parseJson)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4758);
/**
 * Reading an answer: JSON, Huawei's error shapes, the request id, Retry-After; the one unreadable
 * answer, which reads send again and writes do not.
 */

/** The answer to `what` arrived but cannot be used: retried like a 5xx by reads. */
function unreadableAnswer(what, answer, detail) {
    return new _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD({
        what,
        status: answer.status,
        errorMsg: detail,
        requestId: answer.requestId,
        retryable: true
    });
}
function parseJson(text) {
    if (text.trim() === '')
        return { ok: true, value: undefined };
    try {
        return { ok: true, value: JSON.parse(text) };
    }
    catch {
        return { ok: false, value: undefined };
    }
}
/**
 * Reads `{error_code, error_msg}` (ModelArts, API gateway, SWR), `{error: {code, message}}` (IAM)
 * and SWR's legacy bare array.
 */
function errorFields(body) {
    // SWR's legacy errors are a bare array: [{"errorCode": "SVCSTG.SWR.4040115", "errorMessage": \u2026}].
    if (Array.isArray(body)) {
        const [first] = body;
        return {
            code: stringField(first, 'errorCode') ?? '',
            message: stringField(first, 'errorMessage')
        };
    }
    const nested = typeof body === 'object' && body !== null ? body.error : undefined;
    const code = stringField(body, 'error_code') ?? stringField(nested, 'code') ?? '';
    const message = stringField(body, 'error_msg') ?? stringField(nested, 'message');
    return { code, message };
}
function stringField(value, key) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const field = value[key];
    return typeof field === 'string' || typeof field === 'number' ? String(field) : undefined;
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}
/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value, nowMs) {
    if (!value)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(value.trim()))
        return Number(value);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, (date - nowMs) / 1000);
}


/***/ }),

/***/ 6425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RF: () => (/* binding */ HttpApi),
  Y5: () => (/* reexport */ accessKeyAuth),
  CM: () => (/* reexport */ noAuth),
  o$: () => (/* reexport */ tokenAuth)
});

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/base/runtime.ts
var runtime = __webpack_require__(2677);
// EXTERNAL MODULE: ./src/cloud/retry.ts
var cloud_retry = __webpack_require__(6451);
// EXTERNAL MODULE: ./src/model/service-codes.ts
var service_codes = __webpack_require__(8221);
// EXTERNAL MODULE: ./src/cloud/answer.ts
var answer = __webpack_require__(4603);
// EXTERNAL MODULE: ./src/base/text.ts
var base_text = __webpack_require__(766);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/cloud/signer.ts
/**
 * SDK-HMAC-SHA256 (AK/SK) request signing, pure: a request in, headers out, checkable against the
 * SDK's vectors.
 */

const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/**
 * Percent-encodes with the RFC 3986 unreserved set (`A-Z a-z 0-9 - _ . ~`), upper-case hex over
 * UTF-8. encodeURIComponent leaves `!'()*` alone, which the gateway encodes.
 */
function encodeRfc3986(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** The canonical URI: each path segment encoded, always ending in `/` (the gateway's rule). */
function canonicalUri(path) {
    const encoded = path
        .split('/')
        .map(segment => encodeRfc3986(safeDecode(segment)))
        .join('/');
    return encoded.endsWith('/') ? encoded : `${encoded}/`;
}
/**
 * Keys sorted by code unit, the values of a repeated key sorted too, `k=v` joined by `&`.
 * The same string is used on the wire, so what is signed is exactly what is sent.
 */
function canonicalQueryString(query) {
    return Object.keys(query)
        .sort()
        .flatMap(key => {
        const value = query[key];
        const values = typeof value === 'string' ? [value] : [...value].sort();
        return values.map(v => `${encodeRfc3986(key)}=${encodeRfc3986(v)}`);
    })
        .join('&');
}
/** `YYYYMMDDTHHMMSSZ` in UTC, the X-Sdk-Date format. */
function formatSdkDate(date) {
    return date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}
/** The canonical request and the signed header list, as the gateway rebuilds them. */
function canonicalRequest(request) {
    const headers = new Map();
    for (const [name, value] of Object.entries(request.headers))
        headers.set(name.toLowerCase(), value);
    if (!headers.has('host'))
        headers.set('host', request.host);
    const names = [...headers.keys()].sort();
    const signedHeaders = names.join(';');
    const payloadHash = headers.get('x-sdk-content-sha256') ??
        (request.body === '' ? EMPTY_BODY_SHA256 : sha256Hex(request.body));
    const canonical = [
        request.method.toUpperCase(),
        canonicalUri(request.path),
        canonicalQueryString(request.query),
        names.map(name => `${name}:${headers.get(name)}\n`).join(''),
        signedHeaders,
        payloadHash
    ].join('\n');
    return { canonical, signedHeaders };
}
/**
 * Signs a request: returns `X-Sdk-Date`, `Authorization` and, for a temporary key, the signed
 * `X-Security-Token`. Every header in `request.headers` is signed, so pass only those that will be
 * sent unchanged (not User-Agent or Content-Length, which clients may rewrite).
 */
function signRequest(request, key, now) {
    const added = { 'X-Sdk-Date': formatSdkDate(now) };
    if (key.securityToken)
        added['X-Security-Token'] = key.securityToken;
    const { canonical, signedHeaders } = canonicalRequest({
        ...request,
        headers: { ...request.headers, ...added }
    });
    const stringToSign = `${SIGNING_ALGORITHM}\n${added['X-Sdk-Date']}\n${sha256Hex(canonical)}`;
    const signature = (0,external_node_crypto_.createHmac)('sha256', key.secretAccessKey).update(stringToSign).digest('hex');
    return {
        ...added,
        Authorization: `${SIGNING_ALGORITHM} Access=${key.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`
    };
}
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data, 'utf8').digest('hex');
}
function safeDecode(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}

;// CONCATENATED MODULE: ./src/cloud/auth.ts
/**
 * How a request is authenticated: AK/SK signing (a temporary key with its token), an IAM token, or
 * nothing.
 */

/** AK/SK signing; a temporary key also sends its signed X-Security-Token. */
function accessKeyAuth(key) {
    return (request, now) => signRequest(request, key, now);
}
/** An IAM token, sent as X-Auth-Token with no signature. */
function tokenAuth(token) {
    return () => ({ 'X-Auth-Token': token });
}
/** No authentication (the OIDC exchange carries its own proof in the body). */
const noAuth = () => ({});

;// CONCATENATED MODULE: ./src/cloud/http.ts
/**
 * The one request function, so every call is authenticated, proxied, bounded by its timeout, the
 * step's deadline, cancel and a size limit, read (answer.ts) and retried (retry.ts) the same way.
 */










const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Why an answer that brings secrets is not quoted. */
const NOT_QUOTED = 'not quoted: it may carry credentials';
/** Answers larger than this are refused as unreadable: no API answer the action reads comes close. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** Sends API requests under one deadline, one cancel signal and one retry policy. */
class HttpApi {
    options;
    client;
    requestTimeoutMs;
    maxAttempts;
    baseBackoffMs;
    maxBackoffMs;
    constructor(options) {
        this.options = options;
        this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
        this.maxAttempts = options.maxAttempts ?? 5;
        this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
        this.maxBackoffMs = options.maxBackoffMs ?? 20_000;
        // keepAlive reuses one TLS connection for the whole poll; dispose() closes it. The toolkit's own
        // retries stay off: this module decides what is retried.
        this.client = new lib/* HttpClient */.Qq('modelarts-register-image-action', [], {
            keepAlive: true,
            allowRetries: false,
            allowRedirects: false,
            socketTimeout: this.requestTimeoutMs
        });
    }
    /**
     * With `read`: the answer is read inside the retry loop, so an answer `read` finds unusable
     * (`unreadableAnswer`) is retried exactly like a non-JSON 2xx.
     */
    async send(request, read) {
        const { log } = this.options;
        const first = request.budget ?? this.options.budget;
        // The last status check's grace is for the answer of its first attempt: a retry, and its
        // pause, end at the deadline like any other.
        const budget = first.withoutGrace();
        // A 429 means "later", not "no": throttled answers are retried until the deadline, and only
        // other transient failures count toward maxAttempts.
        let failures = 0;
        for (let retry = 1;; retry++) {
            try {
                const response = await this.sendOnce(request, retry === 1 ? first : budget);
                return read ? read(response) : response;
            }
            catch (error) {
                if (!(0,cloud_retry/* mayRetry */.KO)(request.retry, error))
                    throw error;
                const throttled = (0,cloud_retry/* isThrottled */.B5)(error);
                if (!throttled && ++failures >= this.maxAttempts)
                    throw error;
                const delay = (0,cloud_retry/* backoffMs */.jo)(retry, error, { baseMs: this.baseBackoffMs, maxMs: this.maxBackoffMs }, this.options.runtime.random);
                if (delay >= budget.remainingMs()) {
                    log.info(`${request.what}: ${brief(error)}; no retry: the step's timeout comes first`);
                    throw error;
                }
                const count = throttled
                    ? `throttled, retry ${retry} (429 is retried until the step's timeout)`
                    : `retry ${failures} of ${this.maxAttempts - 1}`;
                log.info(`${request.what}: ${brief(error)}; ${count} in ${(0,runtime/* formatDuration */.a)(delay)}`);
                await budget.pause(delay, request.what);
            }
        }
    }
    /**
     * Waits for work done outside this class (the runner's OIDC token service) under the same
     * deadline and cancellation as every request: it rejects with DeadlineError or CancelledError
     * when either comes first, leaving `work` to settle unobserved.
     */
    async within(what, work) {
        const { runtime, budget } = this.options;
        const { signal } = budget;
        work.catch(() => undefined);
        if (signal.aborted)
            throw new errors/* CancelledError */.cc();
        const remaining = budget.remainingMs();
        if (remaining <= 0)
            throw new errors/* DeadlineError */.j3(what);
        const done = new AbortController();
        const either = AbortSignal.any([signal, done.signal]);
        const deadline = runtime.sleep(remaining, either).then(() => Promise.reject(new errors/* DeadlineError */.j3(what)), () => (signal.aborted ? Promise.reject(new errors/* CancelledError */.cc()) : new Promise(() => { })));
        try {
            return await Promise.race([work, deadline]);
        }
        finally {
            done.abort();
        }
    }
    /** Closes kept-alive connections, so the process can exit at once. */
    dispose() {
        this.client.dispose();
    }
    async sendOnce(request, budget) {
        const { runtime, log } = this.options;
        budget.assertOpen(request.what);
        const timeoutMs = Math.min(this.requestTimeoutMs, budget.remainingMs());
        const { url, path, body, headers } = this.prepare(request);
        const started = runtime.now();
        const { message, text } = await this.exchange(request, { url, path, body, headers }, {
            timeoutMs,
            signal: budget.signal
        });
        const status = message.statusCode ?? 0;
        const responseHeaders = message.headers;
        const parsed = (0,answer/* parseJson */.qF)(text);
        maskAnswerSecrets(request, { body: parsed.value, headers: responseHeaders });
        const rawRequestId = (0,answer/* headerValue */.Z)(responseHeaders['x-request-id']) ?? (0,answer/* stringField */.OM)(parsed.value, 'request_id');
        // Masked before it is cut: a cut secret is no longer found whole.
        const requestId = rawRequestId === undefined ? undefined : (0,base_text/* serverText */.T)(this.redact(rawRequestId), 128);
        log.debug(`${request.method} ${path} -> ${status} (request id ${requestId ?? 'none'}, ${runtime.now() - started} ms)`);
        if (request.passStatuses?.includes(status))
            return { status, body: parsed.value, text, requestId, headers: responseHeaders };
        if (status >= 200 && status < 300) {
            if (!parsed.ok)
                throw (0,answer/* unreadableAnswer */.Cw)(request.what, { status, requestId }, `the answer was not JSON${request.answerSecrets ? ` (${NOT_QUOTED})` : `: ${this.snippet(text)}`}`);
            return { status, body: parsed.value, text, requestId, headers: responseHeaders };
        }
        const { code, message: errorMessage } = (0,answer/* errorFields */.au)(parsed.value);
        const encoded = (0,answer/* stringField */.OM)(parsed.value, 'encoded_authorization_message');
        throw new errors/* ApiError */.hD({
            what: request.what,
            status,
            errorCode: this.redact(code),
            errorMsg: (errorMessage === undefined ? undefined : this.snippet(errorMessage, 512)) ??
                this.fallbackMessage(request, text, message.statusMessage),
            requestId,
            retryable: RETRYABLE_STATUSES.has(status),
            retryAfterSeconds: (0,answer/* parseRetryAfter */.mu)((0,answer/* headerValue */.Z)(responseHeaders['retry-after']), runtime.now()),
            // A code with a meaning of its own (ModelArts not authorized in the region) has its own next
            // step: naming the caller's permission there would send the user after the wrong fix.
            permission: (0,service_codes/* meaningOf */.P)(code ?? '') ? undefined : request.permission,
            ...(encoded ? { authorizationMessage: this.snippet(encoded, 2048) } : {})
        });
    }
    /** The URL, body and signed headers of one attempt (signed anew each time: the date changes). */
    prepare(request) {
        const base = new URL(request.endpoint);
        const path = base.pathname.replace(/\/+$/, '') + request.path;
        const query = canonicalQueryString(request.query ?? {});
        const body = request.body === undefined ? '' : JSON.stringify(request.body);
        // A JSON body says so, and so does every signed API call (as the SDKs send it); a blob or
        // token request carries none: a signed object-storage URL may be signed without it.
        const headers = {
            ...(body !== '' || request.auth !== noAuth ? { 'Content-Type': 'application/json' } : {}),
            ...request.headers
        };
        const signable = {
            method: request.method,
            host: base.host,
            path,
            query: request.query ?? {},
            headers,
            body
        };
        const authHeaders = request.auth(signable, new Date(this.options.runtime.now()));
        const search = request.rawQuery ?? query;
        const url = `${base.origin}${path}${search ? `?${search}` : ''}`;
        // JSON unless the request asks for more (a registry's manifest types).
        return { url, path, body, headers: { Accept: 'application/json', ...headers, ...authHeaders } };
    }
    /**
     * Sends one attempt and reads its body within the size limit, bounded by the timeout and the
     * cancel signal; a failure becomes CancelledError, an unreadable answer, DeadlineError (the
     * step's deadline cut the timeout short) or NetworkError.
     */
    async exchange(request, prepared, { timeoutMs, signal }) {
        const { url, path, body, headers } = prepared;
        const attempt = (async () => {
            const response = await this.client.request(request.method, url, body === '' ? null : body, headers);
            return {
                message: response.message,
                text: await readLimited(response.message, MAX_ANSWER_BYTES)
            };
        })();
        try {
            return await bounded(attempt, timeoutMs, signal);
        }
        catch (error) {
            if (error instanceof errors/* CancelledError */.cc)
                throw error;
            if (error instanceof TooLarge)
                throw (0,answer/* unreadableAnswer */.Cw)(request.what, { status: error.status }, `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`);
            // Node refused to send it (a header it cannot write): the same request fails the same way
            // every time, so it is no network error to retry.
            if (/^ERR_INVALID_/.test(error.code ?? ''))
                throw new Error(`${request.what}: ${(0,errors/* messageOf */.bD)(error)}`);
            const timedOut = error instanceof TimeoutSignal;
            const detail = timedOut
                ? `no answer within ${(0,runtime/* formatDuration */.a)(timeoutMs)}`
                : `${error.code ?? 'network error'}: ${(0,errors/* messageOf */.bD)(error)}`;
            this.options.log.debug(`${request.method} ${path} -> ${detail}`);
            if (timedOut && timeoutMs < this.requestTimeoutMs)
                throw new errors/* DeadlineError */.j3(request.what, detail);
            throw new errors/* NetworkError */.Dr(request.what, detail);
        }
    }
    /**
     * An error answer without a message of its own: its text quoted, or its reason phrase when the
     * answer may carry secrets (they were not found in it) or is empty.
     */
    fallbackMessage({ answerSecrets }, text, reason) {
        const quoted = answerSecrets ? '' : this.snippet(text);
        const withheld = answerSecrets && text.trim() ? `the answer was ${NOT_QUOTED}` : '';
        return quoted || this.snippet(reason ?? '') || withheld || 'no message';
    }
    /** Server text with every known secret replaced by `***`: done before any cut (mask first, then shorten). */
    redact = (text) => this.options.redact?.(text) ?? text;
    /** Quoted answer text: known secrets replaced first, then flattened, then shortened. */
    snippet(text, max = 120) {
        return (0,base_text/* serverText */.T)(this.redact(text).replace(/\s+/g, ' '), max);
    }
}
/** The answer's own secrets, masked (every string of them; a header may come as a list). */
function maskAnswerSecrets({ answerSecrets }, answer) {
    if (!answerSecrets)
        return;
    for (const secret of answerSecrets.of(answer).flat())
        if (typeof secret === 'string' && secret)
            answerSecrets.mask(secret);
}
/** The body grew past the limit; the connection was dropped. */
class TooLarge extends Error {
    status;
    constructor(status) {
        super('answer too large');
        this.status = status;
    }
}
/** The body as text; refused (and the connection dropped) once it passes `limit` bytes. */
async function readLimited(message, limit) {
    const status = message.statusCode ?? 0;
    if (Number(message.headers['content-length'] ?? 0) > limit) {
        message.destroy();
        throw new TooLarge(status);
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of message) {
        const buffer = chunk;
        size += buffer.length;
        if (size > limit) {
            message.destroy();
            throw new TooLarge(status);
        }
        chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** The per-request timeout passed before the answer came. */
class TimeoutSignal extends Error {
}
/** Settles with `work`, or rejects on timeout or abort. The loser's late outcome is ignored. */
function bounded(work, timeoutMs, signal) {
    work.catch(() => undefined);
    return new Promise((resolve, reject) => {
        const onAbort = () => finish(() => reject(new errors/* CancelledError */.cc()));
        const timer = setTimeout(() => finish(() => reject(new TimeoutSignal())), timeoutMs);
        const finish = (settle) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            settle();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(value => finish(() => resolve(value)), (error) => finish(() => reject(error)));
    });
}
/** One short line for a failed attempt, for the retry log. */
function brief(error) {
    if (error instanceof errors/* ApiError */.hD) {
        // A 2xx that could not be read says why; an error status says enough with its code.
        const why = error.status >= 200 && error.status < 300 ? `: ${error.errorMsg}` : '';
        return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}${why}${error.requestId ? ` (request id ${error.requestId})` : ''}`;
    }
    if (error instanceof errors/* NetworkError */.Dr)
        return error.detail;
    return (0,errors/* messageOf */.bD)(error);
}


/***/ }),

/***/ 6451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B5: () => (/* binding */ isThrottled),
/* harmony export */   KO: () => (/* binding */ mayRetry),
/* harmony export */   jo: () => (/* binding */ backoffMs)
/* harmony export */ });
/* harmony import */ var _base_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4758);
/* harmony import */ var _model_service_codes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8221);
/**
 * The retry policy as pure decisions: may a failed attempt be sent again, and how long to pause
 * first.
 */


/** Whether `error` may succeed when the request is sent again under `rule`. */
function mayRetry(rule, error) {
    if (error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD)
        return rule === 'transient' ? error.retryable || throttlingCode(error) : isThrottled(error);
    return rule === 'transient' && error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NetworkError */ .Dr;
}
/** A throttling code (APIG.0308, ModelArts.2799, \u2026), whatever the HTTP status it came with. */
function throttlingCode(error) {
    return (0,_model_service_codes_js__WEBPACK_IMPORTED_MODULE_1__/* .meaningOf */ .P)(error.errorCode) === 'throttled';
}
/**
 * Throttled: a 429, or a throttling code (APIG.0308, ModelArts.2799, \u2026) whatever the status. It is
 * retried until the deadline and does not count toward the attempt limit.
 */
function isThrottled(error) {
    return error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && (error.status === 429 || throttlingCode(error));
}
/**
 * The pause before retry number `retry` (1 for the first): full jitter, a random pause up to the
 * ceiling, so a matrix of jobs does not retry in step; never shorter than Retry-After.
 */
function backoffMs(retry, error, limits, random) {
    const ceiling = Math.min(limits.maxMs, limits.baseMs * 2 ** (retry - 1));
    const jittered = Math.round(random() * ceiling);
    const retryAfterMs = error instanceof _base_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : 0;
    return Math.max(jittered, retryAfterMs);
}


/***/ }),

/***/ 4303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: runAction

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(143);
// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/base/runtime.ts
var base_runtime = __webpack_require__(2677);
;// CONCATENATED MODULE: ./src/base/secrets.ts
/**
 * The run's secrets: masked when read, in every form a server may echo (as given, URL-encoded,
 * base64), and redacted from text the action writes before it is escaped or cut.
 */
class Secrets {
    mask;
    known = new Set();
    constructor(mask) {
        this.mask = mask;
    }
    /** Masks `secret` and its echoed forms for the runner, and remembers them. */
    add(secret) {
        if (!secret)
            return;
        for (const form of echoedForms(secret)) {
            if (this.known.has(form))
                continue;
            this.mask(form);
            this.known.add(form);
        }
    }
    /** `text` with every known secret replaced by `***`, longest first (one may contain another). */
    redact(text) {
        let result = text;
        for (const secret of [...this.known].sort((a, b) => b.length - a.length))
            result = result.split(secret).join('***');
        return result;
    }
}
/** A secret as given, URL-encoded (as in a query or a form), and base64 (as in a Basic header). */
function echoedForms(secret) {
    return [
        ...new Set([secret, encodeURIComponent(secret), Buffer.from(secret, 'utf8').toString('base64')])
    ];
}

;// CONCATENATED MODULE: ./src/base/hosts.ts
/**
 * What a registry host is: the region's shared SWR (`swr.{region}.myhuaweicloud.com` or `.eu`), an
 * SWR Enterprise Edition instance's, this machine's (loopback), or another registry.
 */
/** Every region beginning `eu-west-1` is on the European site (as terraform's provider decides). */
const EU_SITE_PREFIX = 'eu-west-1';
const SITE_DOMAIN = {
    international: 'myhuaweicloud.com',
    eu: 'myhuaweicloud.eu'
};
/**
 * Regions of Huawei Cloud based clouds with domains of their own (Open Telekom Cloud): used only
 * with every endpoint given.
 */
const OWN_DOMAIN_REGIONS = {
    'eu-de': 'otc.t-systems.com',
    'eu-nl': 'otc.t-systems.com'
};
function siteOfRegion(region) {
    if (Object.hasOwn(OWN_DOMAIN_REGIONS, region))
        return 'own-domain';
    return region.startsWith(EU_SITE_PREFIX) ? 'eu' : 'international';
}
/** The domain of a region's services on its site. */
function domainOf(region, site = siteOfRegion(region)) {
    return site === 'own-domain' ? (OWN_DOMAIN_REGIONS[region] ?? '') : SITE_DOMAIN[site];
}
/** The region's shared SWR registry host: `swr.{region}.myhuaweicloud.com` (or `.eu`). */
function sharedRegistryOf(region) {
    return `swr.${region}.${domainOf(region)}`;
}
/** The host of a registry (`host[:port]`) without its port: the one place the port is stripped. */
function hostName(registry) {
    return registry.replace(/:\d+$/, '');
}
/** Whether two registries are the same: hosts are compared in any case. */
function sameRegistry(a, b) {
    return a.toLowerCase() === b.toLowerCase();
}
/** The region and site of a path whose registry is a shared SWR's (`swr.{region}.myhuaweicloud.com`). */
function siteOfRegistry(swrPath) {
    const [registry = '', ...rest] = swrPath.trim().split('/');
    const match = /^swr\.([a-z]{2}(?:-[a-z]+)+-\d{1,3})\.myhuaweicloud\.(com|eu)$/.exec(hostName(registry));
    if (!match || rest.length === 0)
        return undefined;
    return { region: match[1], site: match[2] === 'eu' ? 'eu' : 'international' };
}
/** A host under Huawei Cloud's domains (an SWR Enterprise Edition instance's, when not swr.{region}). */
function isHuaweiCloudHost(registry) {
    const host = hostName(registry).toLowerCase();
    return Object.values(SITE_DOMAIN).some(domain => host.endsWith(`.${domain}`));
}
/** SWR's registries, its enterprise instances, and loopback (emulators, local mirrors). */
function isSwrLike(registry) {
    const host = hostName(registry);
    return /(^|\.)swr\.|myhuaweicloud\./.test(host) || isLoopbackHost(host);
}
/** localhost, 127.0.0.0/8, or ::1 (with or without brackets), in any case; a port is not part of it. */
function isLoopbackHost(host) {
    const name = host.toLowerCase();
    return (name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name));
}
/** Whether a registry host (with or without its port) is this machine: plain http:// crosses no network. */
function isLoopbackRegistry(registry) {
    return isLoopbackHost(hostName(registry));
}
/**
 * The registry host an Enterprise Edition instance's `access_address` names, lower case, without
 * scheme, path or default port: `https://team.example:443/` and `team.example` are both
 * `team.example`. Undefined when it names no host.
 */
function instanceHost(address) {
    const trimmed = address.trim();
    if (!trimmed || /\s/.test(trimmed))
        return undefined;
    try {
        const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
        return url.hostname ? url.host.toLowerCase() : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Whether the registry of an swr_path is the instance's: the same host name, and the same port
 * when the address names one. An address without a port serves its host on any port given.
 */
function servesRegistry(address, registry) {
    const served = instanceHost(address);
    const asked = instanceHost(registry);
    if (!served || !asked)
        return false;
    if (hostName(served) !== hostName(asked))
        return false;
    return served === hostName(served) || served === asked;
}

;// CONCATENATED MODULE: ./src/config/parsers.ts
/**
 * Strict parsers shared by the inputs: each refusal names the input and what it accepts, and none
 * guesses (`yes` is not a boolean, `15 minutes` is not a duration).
 */


/** The longest part of an input an error quotes; a longer one is cut and ends in an ellipsis. */
const QUOTE_MAX = 200;
/** An input as an error quotes it: in double quotes, at most QUOTE_MAX characters of it. */
function quoted(value) {
    return `"${value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}\u2026` : value}"`;
}
/** An https:// endpoint; http:// only on a loopback host, for local emulators. */
function parseEndpoint(name, value, fallback) {
    if (!value)
        return fallback;
    // Never echo what may hold a password: a URL's user:password part, up to the last @ (across
    // the newlines the URL parser drops), is shown as ***. A value without @ matches nothing; the
    // match starts at the value's start, the scheme being optional, so no ^ is needed.
    const shown = value.replace(/([a-z][a-z0-9+.-]*:\/\/)?.*@/is, (_match, scheme) => `${scheme ?? ''}***@`);
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* InputError */.dz([
            `${name}: an https:// URL like https://modelarts.cn-north-4.myhuaweicloud.com, got ${quoted(shown)}`
        ]);
    }
    if (url.hostname.startsWith('[')) {
        // @actions/http-client hands the bracketed name to DNS, so an IPv6 literal cannot connect.
        throw new errors/* InputError */.dz([
            `${name}: an IPv6 address cannot be used as the host; give a host name or 127.0.0.1, got ${quoted(shown)}`
        ]);
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new errors/* InputError */.dz([
            `${name}: must be https:// (http:// is allowed only for 127.0.0.1 or localhost), got ${quoted(shown)}`
        ]);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new errors/* InputError */.dz([
            `${name}: a plain endpoint URL without credentials, query or fragment, got ${quoted(shown)}`
        ]);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
/**
 * Collects the problems of many parses, so that every bad input is reported at once.
 */
class ProblemCollector {
    problems = [];
    /** Runs one parse; an InputError's problems are collected, anything else is thrown. */
    take(parse) {
        try {
            return { ok: true, value: parse() };
        }
        catch (error) {
            if (!(error instanceof errors/* InputError */.dz))
                throw error;
            this.problems.push(...error.problems);
            return { ok: false };
        }
    }
    add(problem) {
        this.problems.push(problem);
    }
}
/** One of `allowed` in any case, returned in the API's spelling; undefined when empty. */
function optionalEnum(name, value, allowed) {
    if (!value)
        return undefined;
    const upper = value.toUpperCase();
    if (!allowed.includes(upper))
        throw new errors/* InputError */.dz([`${name}: one of ${allowed.join(', ')}, got ${quoted(value)}`]);
    return upper;
}
/**
 * One of `allowed` in any case, returned as spelled there. An empty value is refused like any other
 * that is not allowed: the input's default (config.ts's) is given in its place.
 */
function parseEnum(name, value, allowed) {
    const found = allowed.find(option => option.toLowerCase() === value.toLowerCase());
    if (!found)
        throw new errors/* InputError */.dz([`${name}: one of ${allowed.join(', ')}, got ${quoted(value)}`]);
    return found;
}
/** A list by commas or newlines; each item checked; duplicates dropped. */
function optionalList(name, value, allowed) {
    const items = value
        .split(/[,\n]/)
        .map(item => item.trim())
        .filter(Boolean);
    if (items.length === 0)
        return undefined;
    const bad = items.filter(item => !allowed.includes(item.toUpperCase()));
    if (bad.length) {
        throw new errors/* InputError */.dz([
            `${name}: a list (commas or newlines) of ${allowed.join(', ')}; not allowed: ${bad.map(quoted).join(', ')}`
        ]);
    }
    return [...new Set(items.map(item => item.toUpperCase()))];
}
/**
 * `true` or `false` in any case; anything else, empty included, is refused rather than guessed (the
 * input's default, config.ts's, is given in place of an empty value).
 */
function parseBoolean(name, value) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new errors/* InputError */.dz([`${name}: true or false, got ${quoted(value)}`]);
}
/** Hours, minutes and seconds, each at most once and in that order; or bare digits, seconds. */
const UNITS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$|^(\d+)$/;
/**
 * `90` (seconds), `90s`, `15m`, `1h`, `1h30m` (each unit at most once, in the order h, m, s;
 * `30m1h` and `1h30m30m` are refused): whole seconds only, between the bounds. `500ms` and
 * `0.5` are refused rather than rounded: a sub-second poll would flood the API, and a sub-second
 * timeout cannot complete a request.
 */
function parseDuration(name, value, bounds) {
    const limits = `at least ${formatSeconds(bounds.min)}, at most ${formatSeconds(bounds.max)}`;
    const accepted = `whole seconds like 90 (seconds), 90s, 15m, 1h or 1h30m (${limits})`;
    const trimmed = value.trim().toLowerCase();
    const units = UNITS.exec(trimmed);
    if (!trimmed || !units)
        throw new errors/* InputError */.dz([`${name}: ${accepted}, got ${quoted(value)}`]);
    const [, hours, minutes, secs, bare] = units;
    const seconds = Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(secs ?? bare ?? 0);
    if (seconds < bounds.min || seconds > bounds.max)
        throw new errors/* InputError */.dz([`${name}: ${limits}, got ${quoted(value)}`]);
    return seconds * 1000;
}
function formatSeconds(seconds) {
    return seconds % 3600 === 0
        ? `${seconds / 3600}h`
        : seconds % 60 === 0
            ? `${seconds / 60}m`
            : `${seconds}s`;
}

;// CONCATENATED MODULE: ./src/base/ids.ts
/** The shapes of Huawei Cloud ids, for the input parsers and the answers' validation alike. */
/** A ModelArts image id: UUIDs in practice; anything that could be an id, nothing that changes a path. */
const IMAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** A project id: hex in practice; anything that is not letters and digits would change a request path. */
const PROJECT_ID = /^[A-Za-z0-9]{1,64}$/;

;// CONCATENATED MODULE: ./src/config/value-parsers.ts
/**
 * Parsers for single inputs (read in config.ts) that parsers.ts's general ones do not
 * cover. Each refusal names its input and says what it accepts.
 */



/** Docker's platform names too, so a matrix over `amd64`/`arm64` or `linux/arm64` can pass them through. */
const ARCH_SPELLINGS = {
    X86_64: 'X86_64',
    AMD64: 'X86_64',
    'LINUX/AMD64': 'X86_64',
    AARCH64: 'AARCH64',
    ARM64: 'AARCH64',
    'LINUX/ARM64': 'AARCH64'
};
function maxLength(name, value, max) {
    const length = [...value].length;
    if (length > max)
        throw new errors/* InputError */.dz([`${name}: at most ${max} characters, got ${length}`]);
    return value;
}
/** ModelArts' longest read_me, in characters. */
const READ_ME_MAX = 3000;
/**
 * read_me within READ_ME_MAX characters: a longer text is cut at the last line break before the
 * limit and ends with a line `\u2026`, and `warn` says how much was cut; it is never refused.
 */
function parseReadMe(value, warn) {
    if (!value)
        return undefined;
    const chars = [...value];
    if (chars.length <= READ_ME_MAX)
        return value;
    // Room for the closing line: a line break and the ellipsis.
    const head = chars.slice(0, READ_ME_MAX - 2).join('');
    const lastBreak = head.lastIndexOf('\n');
    const kept = (lastBreak > 0 ? head.slice(0, lastBreak) : head).replace(/\r$/, '');
    const cut = `${kept}\n\u2026`;
    warn(`read_me: ${chars.length} characters, ModelArts takes at most ${READ_ME_MAX}: cut at the last line break before that, ` +
        `${chars.length - [...kept].length} characters left out (the guide ends with a line \u2026)`);
    return cut;
}
function parseArch(value) {
    if (!value)
        return undefined;
    const arch = ARCH_SPELLINGS[value.toUpperCase()];
    if (arch)
        return arch;
    throw new errors/* InputError */.dz([
        `arch: X86_64 or AARCH64; also accepted, in any case: ${Object.keys(ARCH_SPELLINGS)
            .filter(k => k !== 'X86_64' && k !== 'AARCH64')
            .map(k => k.toLowerCase())
            .join(', ')}; got ${quoted(value)}`
    ]);
}
function parseWorkspaceId(value) {
    if (!value)
        return undefined;
    if (!/^(0|[0-9a-z]{32})$/.test(value))
        throw new errors/* InputError */.dz([
            `workspace_id: "0" or 32 characters of 0-9 and a-z, got ${quoted(value)}`
        ]);
    return value;
}
function parseSwrInstanceId(value) {
    if (!value)
        return undefined;
    if (!/^[\x21-\x7e]{1,128}$/.test(value)) {
        throw new errors/* InputError */.dz([
            `swr_instance_id: the SWR Enterprise Edition instance id, 1 to 128 printable characters without spaces, got ${quoted(value)}`
        ]);
    }
    return value;
}
function parseImageId(value) {
    if (!value)
        return undefined;
    if (!IMAGE_ID.test(value)) {
        throw new errors/* InputError */.dz([
            `image_id: a ModelArts image id, 1 to 128 of A-Z a-z 0-9 _ -, got ${quoted(value)}`
        ]);
    }
    return value;
}
function parseKeepLast(value) {
    if (!value)
        return undefined;
    const count = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
    if (!(count >= 1 && count <= 1000))
        throw new errors/* InputError */.dz([`keep_last: a whole number from 1 to 1000, got ${quoted(value)}`]);
    return count;
}
/** What RE2 syntax has not, by how it starts: back-references and look-around need backtracking. */
const NOT_RE2 = [
    [/^\\[1-9]/, 'back-reference'],
    [/^\\k</, 'named back-reference'],
    [/^\(\?<?[=!]/, 'look-around'],
    [/^\(\?>/, 'atomic group'],
    [/^[*+?}]\+/, 'possessive quantifier']
];
/** The first construct of `source` that RE2 syntax has not (outside a character class), if any. */
function unsupportedByRe2(source) {
    let inClass = false;
    for (let at = 0; at < source.length; at++) {
        const rest = source.slice(at);
        const found = inClass ? undefined : NOT_RE2.find(([pattern]) => pattern.test(rest));
        if (found) {
            const text = found[0].exec(rest)[0];
            return `${found[1]} ${text.startsWith('(') ? `${text}\u2026)` : text}`;
        }
        if (rest.startsWith('\\'))
            at++;
        else if (rest.startsWith('['))
            inClass = true;
        else if (rest.startsWith(']'))
            inClass = false;
    }
    return undefined;
}
const KEEP_TAGS_ACCEPTS = 'regular expressions in RE2 syntax, one a line (e.g. ^v\\d+\\.\\d+\\.\\d+$ and ^stable$)';
/** keep_tags' expressions: each non-empty line one of its own, with its line number (from 1). */
function keepTagLines(value) {
    return value
        .split(/\r?\n/)
        .map((text, index) => ({ line: index + 1, source: text.trim() }))
        .filter(({ source }) => source !== '');
}
/** How an error names the expression: the line too, when there are several. */
function keepTagsName(line, several) {
    return several ? `keep_tags (line ${line})` : 'keep_tags';
}
/**
 * keep_tags, each line checked for what RE2 syntax has not (cheaply, with no engine loaded); the
 * expressions are compiled by `compileKeepTags`, which main awaits before any request.
 */
function parseKeepTags(value) {
    const lines = keepTagLines(value);
    if (!lines.length)
        return undefined;
    const problems = [];
    for (const { line, source } of lines) {
        const construct = unsupportedByRe2(source);
        if (construct)
            problems.push(`${keepTagsName(line, lines.length > 1)}: ${construct} is not supported by RE2 syntax (it needs backtracking, which can make a step hang); got ${quoted(source)}: give ${KEEP_TAGS_ACCEPTS}`);
    }
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    return value;
}
/**
 * keep_tags as a linear-time matcher (re2js, loaded only here: runs without keep_tags never load
 * it): no tag a server returns can make the step hang. A tag is kept when any line's expression
 * matches anywhere in it, as RegExp.test.
 */
async function compileKeepTags(value) {
    const { RE2JS } = await __webpack_require__.e(/* import() */ 856).then(__webpack_require__.bind(__webpack_require__, 2856));
    const lines = keepTagLines(value);
    const problems = [];
    const expressions = [];
    for (const { line, source } of lines) {
        try {
            expressions.push(RE2JS.compile(source));
        }
        catch (error) {
            const why = error instanceof Error ? error.message : String(error);
            problems.push(`${keepTagsName(line, lines.length > 1)}: not RE2 syntax (${why}), got ${quoted(source)}: give ${KEEP_TAGS_ACCEPTS}`);
        }
    }
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    return tag => expressions.some(expression => expression.test(tag));
}
function parseProjectId(input, env) {
    const candidates = [
        ['project_id', input],
        ['project_id (from HUAWEI_CLOUD_PROJECT_ID)', env.HUAWEI_CLOUD_PROJECT_ID?.trim()],
        ['project_id (from HUAWEICLOUD_SDK_PROJECT_ID)', env.HUAWEICLOUD_SDK_PROJECT_ID?.trim()]
    ];
    const found = candidates.find((candidate) => Boolean(candidate[1]));
    if (!found)
        return undefined;
    const [name, value] = found;
    if (!PROJECT_ID.test(value))
        throw new errors/* InputError */.dz([`${name}: letters and digits only, got ${quoted(value)}`]);
    return value;
}

;// CONCATENATED MODULE: ./src/config/config.ts


/** The inputs, in action.yml's order: the unknown-input check's list. */
const INPUT_NAMES = [
    ...['swr_path', 'arch', 'description', 'origin', 'resource_category', 'service_type'],
    ...['services', 'visibility', 'workspace_id', 'flavor_type', 'read_me', 'swr_instance_id'],
    ...['image_id', 'keep_last', 'keep_tags', 'region', 'project_id', 'access_key_id'],
    ...['secret_access_key', 'security_token', 'auth_token', 'identity_provider', 'audience'],
    ...['agency_urn', 'provider_urn', 'sts_endpoint', 'endpoint', 'iam_endpoint', 'swr_endpoint'],
    ...['check_image', 'dry_run', 'if_exists', 'wait', 'timeout', 'poll_interval']
];
const IF_EXISTS = ['reuse', 'fail', 'replace'];
/** Whole seconds; a job's own limit is 6 h. */
const DURATION_BOUNDS = { min: 1, max: 6 * 3600 };
/** The RegisterImage page lists NOTEBOOK and SSH; the current API (the Go SDK's enum) the rest. */
const SERVICES = ['NOTEBOOK', 'SSH', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO'];
/** The RegisterImage body's pass-through fields, each under the API's name (absent: not sent). */
function readAttributes(take, { warn }) {
    return {
        arch: take('arch', parseArch),
        origin: take('origin', v => optionalEnum('origin', v, ['CUSTOMIZE', 'IMAGE_SAVE'])),
        resource_category: take('resource_category', v => optionalList('resource_category', v, ['CPU', 'GPU', 'ASCEND'])),
        service_type: take('service_type', v => optionalEnum('service_type', v, ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN'])),
        services: take('services', v => optionalList('services', v, SERVICES)),
        visibility: take('visibility', v => optionalEnum('visibility', v, ['PRIVATE', 'PUBLIC'])),
        flavor_type: take('flavor_type', v => optionalEnum('flavor_type', v, ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3'])),
        /** The image's guide in ModelArts, sent as given (several lines allowed). */
        read_me: take('read_me', v => parseReadMe(v, warn)),
        /** The SWR Enterprise Edition instance that holds the image. */
        swr_instance_id: take('swr_instance_id', parseSwrInstanceId)
    };
}
/** The inputs read alone into Config's fields. */
function readFields(take, { env, defaults }) {
    return {
        /** undefined means "build the provenance line". */
        description: take('description', v => maxLength('description', v, 512) || undefined),
        /** workspace_id as given, sent only when given. */
        workspaceInput: take('workspace_id', parseWorkspaceId),
        /** image_id: wait on this existing registration instead of registering. */
        imageId: take('image_id', parseImageId),
        /** keep_last: after success, keep only the newest N registrations of this image. */
        keepLast: take('keep_last', parseKeepLast),
        /** keep_tags (RE2 syntax, compiled by compileKeepTags): matching tags are never deleted. */
        keepTags: take('keep_tags', parseKeepTags),
        projectId: take('project_id', v => parseProjectId(v, env)),
        stsEndpoint: take('sts_endpoint', v => parseEndpoint('sts_endpoint', v, defaults?.sts) ?? ''),
        endpoint: take('endpoint', v => parseEndpoint('endpoint', v, defaults?.modelarts) ?? ''),
        iamEndpoint: take('iam_endpoint', v => parseEndpoint('iam_endpoint', v, defaults?.iam) ?? ''),
        swrEndpoint: take('swr_endpoint', v => parseEndpoint('swr_endpoint', v, defaults?.swr) ?? ''),
        /** check_image as given; Config's checkImage is the decision. */
        checkImage: take('check_image', v => parseBoolean('check_image', v), 'true'),
        /** Do every check and look-up, write nothing. */
        dryRun: take('dry_run', v => parseBoolean('dry_run', v), 'false'),
        ifExists: take('if_exists', v => parseEnum('if_exists', v, IF_EXISTS), 'reuse'),
        wait: take('wait', v => parseBoolean('wait', v), 'true'),
        timeoutMs: take('timeout', v => parseDuration('timeout', v, DURATION_BOUNDS), '15m'),
        pollIntervalMs: take('poll_interval', v => parseDuration('poll_interval', v, DURATION_BOUNDS), '10s')
    };
}
/** The workspace the image lives in: workspace_id as given, else ModelArts' default, "0". */
function workspaceOf(config) {
    return config.workspaceInput ?? '0';
}

// EXTERNAL MODULE: ./src/base/text.ts
var base_text = __webpack_require__(766);
;// CONCATENATED MODULE: ./src/config/credential-inputs.ts
/**
 * Which credentials a run uses: exactly one kind, from the inputs or the environment, never mixed
 * within a kind (a key id from one place and a secret from another signs with a stale key).
 */


const ENV_KEY_PAIRS = [
    {
        id: 'HUAWEI_CLOUD_ACCESS_KEY_ID',
        secret: 'HUAWEI_CLOUD_SECRET_ACCESS_KEY',
        token: 'HUAWEI_CLOUD_SECURITY_TOKEN',
        label: 'HUAWEI_CLOUD_*'
    },
    {
        id: 'HUAWEICLOUD_SDK_AK',
        secret: 'HUAWEICLOUD_SDK_SK',
        token: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
        label: 'HUAWEICLOUD_SDK_*'
    }
];
/** The one kind of credentials given; throws an InputError that says what to do otherwise. */
function parseCredentials(source) {
    const given = readInputs(source);
    checkOneKind(given);
    if (given.agencyUrn || given.providerUrn)
        return agency(given);
    if (given.identityProvider)
        return oidc(given.identityProvider, given.audience);
    if (given.token)
        return { kind: 'token', token: given.token };
    if (given.accessKeyId || given.secretAccessKey || given.securityToken)
        return inputKeyPair(given, source.env);
    return environmentKeyPair(source);
}
function readInputs({ input, mask }) {
    const read = (name) => input(name).trim();
    return {
        agencyUrn: read('agency_urn'),
        providerUrn: read('provider_urn'),
        identityProvider: read('identity_provider'),
        audience: read('audience'),
        token: secret(mask, 'auth_token', input('auth_token')),
        accessKeyId: read('access_key_id'),
        secretAccessKey: secret(mask, 'secret_access_key', input('secret_access_key')),
        securityToken: secret(mask, 'security_token', input('security_token'))
    };
}
/** Masks a secret at once; a secret with a line break inside is refused, never sent. */
function secret(mask, name, value) {
    const trimmed = value?.trim();
    if (!trimmed)
        return undefined;
    mask(trimmed);
    for (const line of trimmed.split(/[\r\n]+/))
        if (line.trim())
            mask(line.trim());
    if ((0,base_text/* hasControl */.a)(trimmed)) {
        throw new errors/* InputError */.dz([
            `${name}: holds a line break or another control character; give the value alone, on one line`
        ]);
    }
    return trimmed;
}
/** One kind of credentials at most; audience only with a keyless kind. */
function checkOneKind(given) {
    const kinds = [
        (given.agencyUrn || given.providerUrn) && 'agency_urn/provider_urn',
        given.identityProvider && 'identity_provider',
        given.token && 'auth_token',
        (given.accessKeyId || given.secretAccessKey || given.securityToken) &&
            'access_key_id/secret_access_key'
    ].filter(Boolean);
    if (kinds.length > 1) {
        throw new errors/* InputError */.dz([`credentials: give one kind of credentials, not ${kinds.join(' and ')}`]);
    }
    if (given.audience && !given.identityProvider && !given.agencyUrn && !given.providerUrn) {
        throw new errors/* InputError */.dz([
            'audience: only used with identity_provider or agency_urn (keyless OIDC); remove it or set one of them'
        ]);
    }
}
/** An OIDC provider's URN, as IAM's CreateOIDCProviderV5 returns it. */
const PROVIDER_URN = /^iam::[A-Za-z0-9]{1,64}:oidcProvider:[A-Za-z0-9_-]{1,64}$/;
/** An agency's URN: an optional path of segments each ending in `/`, then the agency's name. */
const AGENCY_URN = /^iam::[A-Za-z0-9]{1,64}:agency:(?:[A-Za-z0-9_+=,.@-]+\/)*[A-Za-z0-9_+=,.@-]{1,64}$/;
const MAX_URN = 1500;
/** Both URNs, each in its documented form; one without the other names the other. */
function agency(given) {
    const { agencyUrn, providerUrn, audience } = given;
    const problems = [];
    if (!agencyUrn)
        problems.push('agency_urn: required with provider_urn (the agency to assume, iam::{account_id}:agency:{name})');
    else if (agencyUrn.length > MAX_URN || !AGENCY_URN.test(agencyUrn))
        problems.push(`agency_urn: the agency's URN, iam::{account_id}:agency:{path}{name} (like iam::0123456789abcdef0123456789abcdef:agency:gh-modelarts-register), got ${shown(agencyUrn)}`);
    if (!providerUrn)
        problems.push('provider_urn: required with agency_urn (the OIDC provider for https://token.actions.githubusercontent.com, iam::{account_id}:oidcProvider:{name})');
    else if (providerUrn.length > MAX_URN || !PROVIDER_URN.test(providerUrn))
        problems.push(`provider_urn: the OIDC provider's URN, iam::{account_id}:oidcProvider:{name} (like iam::0123456789abcdef0123456789abcdef:oidcProvider:github_com), got ${shown(providerUrn)}`);
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    return { kind: 'agency', agencyUrn, providerUrn, audience: audience || undefined };
}
/** A refused URN as the message shows it: quoted, one line, not too long. */
function shown(value) {
    const flat = JSON.stringify(value);
    return flat.length > 120 ? `${flat.slice(0, 117)}\u2026"` : flat;
}
function oidc(identityProvider, audience) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(identityProvider)) {
        throw new errors/* InputError */.dz([
            `identity_provider: the IAM identity provider id (1 to 64 letters, digits, - and _), got "${identityProvider}"`
        ]);
    }
    return { kind: 'oidc', identityProvider, audience: audience || undefined };
}
/** The key pair given as inputs: both halves there, or an error that says which is missing. */
function inputKeyPair(given, env) {
    const { accessKeyId, secretAccessKey, securityToken } = given;
    if (!accessKeyId)
        throw new errors/* InputError */.dz([
            givenEmpty(env, 'access_key_id') ??
                'access_key_id: required when secret_access_key or security_token is given'
        ]);
    if (!secretAccessKey) {
        const inEnv = ENV_KEY_PAIRS.map(pair => pair.secret).filter(name => env[name]?.trim());
        throw new errors/* InputError */.dz([
            (givenEmpty(env, 'secret_access_key') ??
                'secret_access_key: required when access_key_id is given') +
                (inEnv.length
                    ? `; ${inEnv.join(' and ')} ${inEnv.length > 1 ? 'are' : 'is'} set but not used: inputs and environment are never mixed, so give secret_access_key as an input too (or drop access_key_id to use the environment's pair)`
                    : '')
        ]);
    }
    return accessKey(accessKeyId, secretAccessKey, securityToken, 'inputs', 'access_key_id');
}
/**
 * The runner passes an unset secret as an empty string: an input that is there but empty is most
 * likely one, or a run from a fork.
 */
function givenEmpty(env, name) {
    const value = env[`INPUT_${name.toUpperCase()}`];
    return value !== undefined && !value.trim()
        ? `${name} is empty: a secret that is not set, or a workflow run from a fork (forks get no secrets)`
        : undefined;
}
/** The first whole key pair of the environment (each secret masked as it is read), else none given. */
function environmentKeyPair({ env, mask }) {
    const halfSet = [];
    for (const pair of ENV_KEY_PAIRS) {
        const id = env[pair.id]?.trim();
        const sk = secret(mask, pair.secret, env[pair.secret]);
        const st = secret(mask, pair.token, env[pair.token]);
        if (id && sk)
            return accessKey(id, sk, st, pair.label, pair.id);
        if (id)
            halfSet.push(`${pair.id} is set but ${pair.secret} is not`);
        if (sk)
            halfSet.push(`${pair.secret} is set but ${pair.id} is not`);
    }
    throw new errors/* InputError */.dz([
        'credentials: none given. Provide one of: access_key_id and secret_access_key (from repository secrets); ' +
            'huaweicloud/auth-action in an earlier step (it sets HUAWEI_CLOUD_ACCESS_KEY_ID and HUAWEI_CLOUD_SECRET_ACCESS_KEY); ' +
            'or keyless OIDC with agency_urn and provider_urn, or identity_provider (and permissions: id-token: write)' +
            (halfSet.length ? `. Note: ${halfSet.join('; ')}` : '') +
            emptyPairNote(env)
    ]);
}
function accessKey(accessKeyId, secretAccessKey, securityToken, source, idName) {
    if (!/^[A-Za-z0-9]{8,128}$/.test(accessKeyId)) {
        // The key id is not secret, but a malformed one only earns a 401 that counts toward the key's lockout.
        throw new errors/* InputError */.dz([
            `${idName}: an access key id is letters and digits (like HPUA\u2026), got ${accessKeyId.length} characters that are not`
        ]);
    }
    return { kind: 'access-key', accessKeyId, secretAccessKey, securityToken, source };
}
/** For a run where the key inputs are there but empty: what that most likely means. */
function emptyPairNote(env) {
    const empty = ['access_key_id', 'secret_access_key'].filter(name => env[`INPUT_${name.toUpperCase()}`] !== undefined);
    return empty.length
        ? `. ${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty: if ${empty.length > 1 ? 'they come' : 'it comes'} from secrets, a secret that is not set, or a workflow run from a fork (forks get no secrets)`
        : '';
}

;// CONCATENATED MODULE: ./src/config/endpoints.ts
/** A region id's shape, and each region's default endpoints on its site (base/hosts.ts). */


/**
 * Two letters, one or more lower-case words, a number: cn-north-4, eu-west-101, my-kualalumpur-1;
 * or a region of a cloud with its own domains (eu-de).
 */
function parseRegion(name, value) {
    if (Object.hasOwn(OWN_DOMAIN_REGIONS, value))
        return value;
    if (!/^[a-z]{2}(-[a-z]+)+-\d{1,3}$/.test(value)) {
        throw new errors/* InputError */.dz([
            `${name}: a region id like cn-north-4, ap-southeast-3, eu-west-101 or my-kualalumpur-1, got "${value}"`
        ]);
    }
    return value;
}
/** The regions where Huawei's SDKs list STS (`sts.{region}.myhuaweicloud.com`); none on the EU site. */
const STS_REGIONS = new Set([
    'cn-north-4',
    'cn-south-1',
    'cn-east-3',
    'cn-southwest-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'af-south-1',
    'sa-brazil-1',
    'la-south-2',
    'tr-west-1'
]);
/** The SDKs' own fallback: agencies and providers are account-wide, so any region's STS serves. */
const FALLBACK_STS_REGION = 'cn-north-4';
/** The region's default endpoints, on its own site. */
function defaultEndpointsOf(region) {
    return defaultEndpoints(region, siteOfRegion(region));
}
/** Default ModelArts, IAM, SWR management API, STS and SWR registry endpoints for a region. */
function defaultEndpoints(region, site) {
    const domain = domainOf(region, site);
    // CN-Hong Kong's ModelArts endpoint is on .cn (Huawei's Go SDK region table).
    const modelartsDomain = region === 'ap-southeast-1' ? 'myhuaweicloud.cn' : domain;
    return {
        modelarts: `https://modelarts.${region}.${modelartsDomain}`,
        // The international site's global IAM endpoint serves every region there; the others are regional.
        iam: site === 'international' ? `https://iam.${domain}` : `https://iam.${region}.${domain}`,
        swr: `https://swr-api.${region}.${domain}`,
        sts: `https://sts.${STS_REGIONS.has(region) ? region : FALLBACK_STS_REGION}.${SITE_DOMAIN.international}`,
        registry: sharedRegistryOf(region)
    };
}

;// CONCATENATED MODULE: ./src/config/regions.ts
/**
 * The Huawei Cloud regions this action knows: a misspelling of one (`cn-nort-4`) is an input error;
 * another unknown name works, with a warning naming the closest.
 */

/** Region ids from Huawei's SDK region tables (SWR's, the longest). */
const REGIONS = [
    ...['cn-north-1', 'cn-north-2', 'cn-north-4', 'cn-north-9', 'cn-north-11', 'cn-north-12'],
    ...['cn-east-2', 'cn-east-3', 'cn-east-4', 'cn-east-5', 'cn-south-1', 'cn-south-2', 'cn-south-4'],
    ...['cn-southwest-2', 'cn-southwest-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3'],
    ...['ap-southeast-4', 'ap-southeast-5', 'af-south-1', 'af-north-1', 'la-north-2', 'la-south-2'],
    ...['sa-brazil-1', 'sa-peru-1', 'na-mexico-1', 'tr-west-1', 'me-east-1', 'ae-ad-1'],
    ...['ru-northwest-2', 'ru-moscow-1', 'eu-west-0', 'eu-west-101', 'my-kualalumpur-1']
];
const KNOWN = new Set([...REGIONS, ...Object.keys(OWN_DOMAIN_REGIONS)]);
/**
 * Regions without ModelArts (in SWR's region list, not in the SDKs' ModelArts list), each with
 * the nearest region that has it (by distance between their cities).
 */
const NEAREST_MODELARTS = {
    'cn-east-2': 'cn-east-3',
    'cn-east-5': 'cn-east-3',
    'cn-south-2': 'cn-south-1',
    'cn-south-4': 'cn-south-1',
    'ap-southeast-5': 'ap-southeast-1',
    'my-kualalumpur-1': 'ap-southeast-3',
    'ru-northwest-2': 'tr-west-1',
    'ru-moscow-1': 'tr-west-1',
    'eu-west-0': 'tr-west-1',
    'eu-west-101': 'tr-west-1',
    'na-mexico-1': 'la-north-2',
    'sa-peru-1': 'la-south-2',
    'ae-ad-1': 'me-east-1'
};
/**
 * A warning for a region where Huawei's SDKs list no ModelArts, naming the nearest that has it;
 * undefined for any other region.
 */
function noModelArtsWarning(region) {
    const nearest = Object.hasOwn(NEAREST_MODELARTS, region) ? NEAREST_MODELARTS[region] : undefined;
    return nearest
        ? `ModelArts is not offered in region ${region} (Huawei's SDKs list no ModelArts endpoint there); ` +
            `the nearest region that offers it is ${nearest}: push the image to its SWR and set region: ${nearest}, ` +
            `or give endpoint if your account has ModelArts in ${region}`
        : undefined;
}
/**
 * The known region closest to `name` (edit distance), or undefined when `name` is known or no
 * region is near (at most 3 edits: `cn-nort-4`, `cn-north4`, `ap-southeast3`).
 */
function closestRegion(name) {
    const value = name.trim().toLowerCase();
    if (KNOWN.has(value))
        return undefined;
    let best;
    for (const region of REGIONS) {
        const distance = editDistance(value, region);
        if (!best || distance < best.distance)
            best = { region, distance };
    }
    return best && best.distance <= 3 ? best.region : undefined;
}
/** A name's words and its number: `cn-nort-4` \u2192 `cn-nort`, `4`; `ap-southeast3` \u2192 `ap-southeast`, `3`. */
function wordsAndNumber(name) {
    const match = /^([a-z-]*?)-?(\d+)$/.exec(name);
    return match ? { words: match[1] ?? '', number: match[2] ?? '' } : undefined;
}
/**
 * The known region `name` misspells: one whose number is `name`'s and whose words are at most two
 * edits from `name`'s (`cn-nort-4`, `ap-sotheast-3`, `cn-north4`); undefined for a known region
 * and for any other name (`cn-north-13`, new words), which may be a region that opened since.
 */
function misspeltRegion(name) {
    const value = name.trim().toLowerCase();
    const parts = wordsAndNumber(value);
    if (KNOWN.has(value) || !parts)
        return undefined;
    let best;
    for (const region of REGIONS) {
        const known = wordsAndNumber(region);
        if (known?.number !== parts.number)
            continue;
        const distance = editDistance(parts.words, known.words);
        if (distance <= 2 && (!best || distance < best.distance))
            best = { region, distance };
    }
    return best?.region;
}
/**
 * A hint for a region that is not a Huawei Cloud region this action knows (for errors that a
 * wrong region leads to, like IAM's empty project list); undefined for a known region.
 */
function regionHint(region) {
    if (KNOWN.has(region.trim().toLowerCase()))
        return undefined;
    const closest = closestRegion(region);
    return closest
        ? `region ${region} is not a Huawei Cloud region this action knows: did you mean ${closest}?`
        : `region ${region} is not a Huawei Cloud region this action knows (e.g. cn-north-4, ap-southeast-3, eu-west-101)`;
}
/** Levenshtein distance. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}

;// CONCATENATED MODULE: ./src/config/input-names.ts
/**
 * Every `with:` key that is not an input: the runner passes it silently, so a near miss
 * (`service_typ`, a hyphenated or camelCase twin) is an error, any other unknown key a warning.
 */


/** Names other Huawei Cloud actions use for the same thing (huaweicloud/swr-login, auth-action). */
const TWINS = {
    accesskeysecret: 'secret_access_key',
    secretkey: 'secret_access_key',
    accesskey: 'access_key_id',
    ak: 'access_key_id',
    sk: 'secret_access_key',
    token: 'auth_token'
};
/** The most edits a key may be from an input to count as a near miss (an error). */
const NEAR_MISS_EDITS = 2;
/** A name as the runner may have mangled it: upper-cased, with - or _ or spaces or none. */
function folded(name) {
    return name.toLowerCase().replace(/[-_ ]/g, '');
}
/** Every INPUT_* variable that is not an input, with the input it looks like. */
function unknownInputs(env) {
    const names = INPUT_NAMES;
    const known = new Set(names);
    const result = { errors: [], warnings: [] };
    for (const key of Object.keys(env).sort()) {
        if (!key.startsWith('INPUT_'))
            continue;
        // The runner upper-cases the name and keeps hyphens; core.getInput reads spaces as _.
        const given = key.slice('INPUT_'.length).toLowerCase();
        if (known.has(given) || known.has(given.replace(/ /g, '_')))
            continue;
        const key_ = folded(given);
        const twin = names.find(name => folded(name) === key_) ?? TWINS[key_];
        if (twin && known.has(twin)) {
            result.errors.push(`${given} is not an input: this action's name for it is ${twin} (refused rather than ignored, so nothing is registered without it)`);
            continue;
        }
        const near = closest(key_, names);
        if (near && near.distance <= NEAR_MISS_EDITS) {
            result.errors.push(`${given} is not an input: did you mean ${near.name}? (refused rather than ignored: a registration's attributes cannot be changed afterwards)`);
        }
        else if (near && near.distance <= Math.floor(key_.length / 4)) {
            result.warnings.push(`unknown input ${given} is ignored: did you mean ${near.name}?`);
        }
        else {
            result.warnings.push(`unknown input ${given} is ignored: this action's inputs are: ${names.join(', ')}`);
        }
    }
    return result;
}
/** The input closest to a folded name, compared folded. */
function closest(key, names) {
    let best;
    for (const name of names) {
        const distance = editDistance(key, folded(name));
        if (!best || distance < best.distance)
            best = { name, distance };
    }
    return best;
}

;// CONCATENATED MODULE: ./src/base/docker-path.ts
/**
 * Docker's rule for where an image path's registry ends (a dot, a colon or `localhost`), for
 * inputs and records alike.
 */
/** The registry a path starts with, if any, and the rest of the path. */
function splitRegistry(path) {
    const [first, ...others] = path.split('/');
    if (others.length && (first.includes('.') || first.includes(':') || first === 'localhost'))
        return { registry: first, rest: others.join('/') };
    return { rest: path };
}

;// CONCATENATED MODULE: ./src/config/swr-path.ts
/**
 * Parses `[registry[:port]]/namespace/name:tag` the way Docker reads image references, and puts the
 * region's SWR registry in front when none is given.
 */




// Docker's path component grammar: lower-case alphanumerics separated by ., _, __ or dashes.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const ACCEPTS = 'registry/namespace/name:tag, e.g. swr.cn-north-4.myhuaweicloud.com/my-org/my-image:1.0.0';
function refuse(why) {
    throw new errors/* InputError */.dz([`swr_path: ${why}; expected ${ACCEPTS}`]);
}
/** Checks the syntax of an swr_path and splits it; the registry may be missing. */
function parseSwrPath(value) {
    const path = value.trim();
    if (!path)
        refuse('required');
    if ((0,base_text/* hasControl */.a)(path))
        refuse('must not contain line breaks or other control characters');
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(path);
    if (scheme) {
        refuse(`"${path}" starts with ${scheme[1]}://: an image path has no scheme; drop it and give ${path.slice(scheme[0].length)}`);
    }
    if (/\s/.test(path))
        refuse(`must not contain spaces, got "${path}"`);
    if (path.includes('@')) {
        refuse(`"${path}" is a digest reference; ModelArts registers tags: push a tag and give that (docker push registry/namespace/name:tag)`);
    }
    const { registry, rest } = splitRegistry(path);
    const parts = rest.split('/');
    if (registry !== undefined)
        checkRegistry(registry);
    if (parts.length < 2)
        refuse(`"${path}" has no namespace (SWR organization) before the image name`);
    const last = parts.pop();
    const colon = last.lastIndexOf(':');
    if (colon < 0)
        refuse(`"${path}" has no tag; give the tag you pushed (":latest" is not assumed)`);
    const tag = last.slice(colon + 1);
    if (!tag) {
        refuse(`"${path}" ends in ":": the tag is empty (built from an expression that is empty, like \${{ github.ref_name }} outside a tag push?)`);
    }
    const repositoryParts = [...parts, last.slice(0, colon)];
    const namespace = repositoryParts.shift();
    if (!TAG.test(tag))
        refuse(`tag "${tag}" must be 1 to 128 of A-Z a-z 0-9 _ . - and not start with . or -`);
    for (const component of [namespace, ...repositoryParts]) {
        if (!COMPONENT.test(component)) {
            refuse(`"${component}" must be lower-case letters and digits, separated by single ".", "_", "__" or "-"`);
        }
    }
    if (namespace.length > 64)
        refuse(`namespace "${namespace}" is longer than 64 characters`);
    return { registry, namespace, name: repositoryParts.join('/'), tag };
}
/** A host name or IPv4 address, with an optional port 1 to 65535. */
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(\d{1,5}))?$/i;
function checkRegistry(registry) {
    const match = REGISTRY.exec(registry);
    const port = match?.[1] === undefined ? undefined : Number(match[1]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
        refuse(`registry "${registry}" must be a host name (letters, digits, - and .) with an optional port from 1 to 65535`);
    }
}
/** Puts the region's registry in front when the path has none, and checks the API's length rule. */
function completeSwrPath(parts, region) {
    const shared = sharedRegistryOf(region);
    const registry = parts.registry ?? shared;
    const swrPath = `${registry}/${parts.namespace}/${parts.name}:${parts.tag}`;
    if (swrPath.length < 16 || swrPath.length > 2048) {
        refuse(`must be 16 to 2048 characters with the registry, got ${swrPath.length} ("${swrPath.slice(0, 80)}")`);
    }
    return { ...parts, registry, swrPath, sharedSwr: sameRegistry(registry, shared) };
}

;// CONCATENATED MODULE: ./src/config/inputs.ts
/**
 * parseConfig, the one reader of the inputs and environment: every problem reported at once, each
 * naming its input and what it accepts, before any request is sent.
 */









/**
 * Refused inputs, with the warnings found on the way (unknown inputs, an unknown region), so that
 * both are reported whatever else is wrong.
 */
class ConfigError extends errors/* InputError */.dz {
    warnings;
    constructor(problems, warnings) {
        super(problems);
        this.warnings = warnings;
    }
}
/**
 * Validates all inputs; throws one ConfigError (an InputError) listing every problem. In order:
 * unknown inputs, credentials, location (swr_path and region), the inputs read alone, then what
 * follows from them.
 */
function parseConfig(source) {
    const found = { collect: new ProblemCollector(), warnings: [], notes: [] };
    const read = name => source.input(name).trim();
    checkInputNames(source.env, found);
    // Credentials first: secrets are masked before anything else can print them.
    const credentials = found.collect.take(() => parseCredentials(source));
    const location = parseLocation(read, source.env, found);
    const context = {
        env: source.env,
        defaults: location.defaults,
        warn: message => found.warnings.push(message)
    };
    const refusals = new Map();
    const take = (name, parse, fallback = '') => {
        const own = new ProblemCollector();
        refusals.set(name, own);
        const parsed = own.take(() => parse(read(name) || fallback));
        // A refused input's value is never read: a problem means no Config.
        return parsed.ok ? parsed.value : undefined;
    };
    const attributes = definedOnly(readAttributes(take, context));
    const fields = readFields(take, context);
    // Reported in action.yml's order, whichever reader read the input.
    for (const name of INPUT_NAMES)
        for (const p of refusals.get(name)?.problems ?? [])
            found.collect.add(p);
    checkCombinations(fields, found.collect);
    const { image, region } = location;
    if (found.collect.problems.length > 0 || !credentials.ok || !image.ok || !region.ok)
        throw new ConfigError(found.collect.problems, found.warnings);
    return Object.freeze({
        ...fields,
        image: image.value,
        attributes,
        region: region.value,
        credentials: credentials.value,
        checkImage: checkImageDecided(image.value, fields, found.notes, {
            swrEndpointGiven: Boolean(read('swr_endpoint')),
            instanceId: attributes.swr_instance_id
        }),
        warnings: found.warnings,
        notes: found.notes
    });
}
/** The attributes given: one not given is not sent, so it is not there at all. */
function definedOnly(attributes) {
    return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}
/** Unknown inputs: near misses are errors, other keys warnings; reported whatever else is wrong. */
function checkInputNames(env, found) {
    const unknown = unknownInputs(env);
    for (const problem of unknown.errors)
        found.collect.add(problem);
    found.warnings.push(...unknown.warnings);
}
/**
 * swr_path and region, read together: the registry can name the region, the region completes a
 * path without a registry, and the two must be on the same site.
 */
function parseLocation(read, env, found) {
    const { collect } = found;
    const rawPath = read('swr_path');
    // image_id alone: wait on that registration; there is no path to parse (and none is required).
    const waitOnly = !rawPath && read('image_id') !== '';
    // A scheme is the one mistake here; its error says so, and the region is read past it.
    const registrySite = siteOfRegistry(rawPath.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
    // With no swr_path at all, "required" says it; a missing region would only add noise.
    const needsRegion = rawPath || waitOnly || read('region') || env.HUAWEI_CLOUD_REGION;
    const region = needsRegion
        ? collect.take(() => resolveRegion(read('region'), env, registrySite?.region))
        : { ok: true, value: '' };
    const parts = waitOnly ? { ok: false } : collect.take(() => parseSwrPath(rawPath));
    const image = waitOnly
        ? { ok: true, value: undefined }
        : completeImage(parts, region, collect);
    const regionName = region.ok ? region.value : '';
    // The site (international or EU) follows the region: its endpoints exist only there.
    const site = regionName ? siteOfRegion(regionName) : 'international';
    if (regionName)
        checkRegion(regionName, site, registrySite, found);
    if (regionName)
        checkEndpoints(regionName, site, read, found);
    if (parts.ok)
        inputs_checkRegistry(parts.value, registrySite, found.warnings);
    return { image, region, defaults: regionName ? defaultEndpoints(regionName, site) : undefined };
}
/** A path without a registry needs the region; when that failed, its error already says so. */
function completeImage(parts, region, collect) {
    return parts.ok && region.ok && region.value
        ? collect.take(() => completeSwrPath(parts.value, region.value))
        : { ok: false };
}
function resolveRegion(input, env, fromRegistry) {
    const [value, from] = input
        ? [input, 'region']
        : env.HUAWEI_CLOUD_REGION?.trim()
            ? [env.HUAWEI_CLOUD_REGION.trim(), 'region (from HUAWEI_CLOUD_REGION)']
            : [fromRegistry, 'region'];
    if (!value) {
        throw new errors/* InputError */.dz([
            'region: required (e.g. cn-north-4): set region, HUAWEI_CLOUD_REGION, or give swr_path with its swr.{region}.myhuaweicloud.com registry'
        ]);
    }
    return parseRegion(from, value);
}
/**
 * A misspelt region (a known region's number, its words one or two edits off) is an error; any other
 * region Huawei Cloud does not list is used as given, with a warning naming the closest; a registry
 * on the other site is an error, one in another region a warning.
 */
function checkRegion(region, site, registrySite, found) {
    const meant = misspeltRegion(region);
    if (meant) {
        found.collect.add(`region ${region} is not a Huawei Cloud region: did you mean ${meant}?`);
        return;
    }
    const hint = regionHint(region);
    if (hint)
        found.warnings.push(`${hint} (it is used as given)`);
    if (registrySite && registrySite.site !== site) {
        found.collect.add(`region: ${region} is on the ${SITE_NAMES[site]} site, but swr_path's registry is on the ` +
            `${SITE_NAMES[registrySite.site]} one (${registrySite.region}); ModelArts in a region pulls from that ` +
            `site's SWR: set region: ${registrySite.region}, or push to ${defaultEndpoints(region, site).registry}`);
    }
    else if (registrySite && registrySite.region !== region) {
        found.warnings.push(`region is ${region} but swr_path's registry is in ${registrySite.region}; ModelArts in ${region} may not be able to pull it`);
    }
}
/**
 * A region of a cloud with its own domains (Open Telekom Cloud's eu-de) is used only with its
 * endpoints given (and swr_endpoint for the check); a region without ModelArts gets a warning
 * naming the nearest that has it, unless endpoint says where ModelArts is.
 */
function checkEndpoints(region, site, read, found) {
    if (site === 'own-domain') {
        const needed = ['endpoint', 'iam_endpoint'];
        if (read('check_image') !== 'false')
            needed.push('swr_endpoint');
        for (const name of needed.filter(input => !read(input)))
            found.collect.add(`${name}: required with region ${region}, of a cloud built on Huawei Cloud with its own domains ` +
                `(${OWN_DOMAIN_REGIONS[region] ?? ''}): give endpoint, iam_endpoint` +
                (needed.includes('swr_endpoint') ? ' and swr_endpoint (or set check_image: false)' : ''));
        return;
    }
    const warning = read('endpoint') ? undefined : noModelArtsWarning(region);
    if (warning)
        found.warnings.push(warning);
}
const SITE_NAMES = {
    international: 'international',
    eu: 'European',
    'own-domain': "own domains'"
};
/** A registry that is not SWR's gets a warning: ModelArts registers images from SWR. */
function inputs_checkRegistry(parts, registrySite, warnings) {
    if (parts.registry && !registrySite && !isSwrLike(parts.registry)) {
        warnings.push(`swr_path's registry ${parts.registry} is not SWR: ModelArts registers images from SWR (swr.{region}.myhuaweicloud.com); push the image there and register that path`);
    }
}
/** Inputs that are each valid but cannot go together. */
function checkCombinations(fields, collect) {
    if (fields.keepLast !== undefined && fields.wait === false)
        collect.add('keep_last: needs wait: true (it deletes only once the image is ACTIVE, which wait: false never sees); remove keep_last or wait: false');
}
/**
 * What follows from the inputs, decided once: whether to check the image (and where). The
 * shared SWR's registries are checked there; with swr_instance_id, the image in that instance. Other registries have no SWR API to ask, unless swr_endpoint says where it is;
 * but a Huawei Cloud host that is not the shared SWR's is an instance's, which the shared SWR's
 * calls do not know, whatever swr_endpoint says.
 */
function checkImageDecided(image, values, notes, where) {
    const shared = image !== undefined && siteOfRegistry(image.swrPath) !== undefined;
    const instanceImage = image !== undefined && !shared && isHuaweiCloudHost(image.registry);
    const checkable = image !== undefined &&
        (Boolean(where.instanceId) || (!instanceImage && (where.swrEndpointGiven || shared)));
    const wanted = values.checkImage && values.imageId === undefined;
    if (wanted && !checkable && image) {
        notes.push(instanceImage
            ? `the image is not checked: ${image.registry} is not the region's shared SWR; if it is an SWR Enterprise Edition instance's, give swr_instance_id to check the image there`
            : `the image is not checked in SWR: ${image.registry} is not the region's SWR registry (set swr_endpoint to check another SWR)`);
    }
    return wanted && checkable;
}

;// CONCATENATED MODULE: ./src/model/image.ts
/** The status of a registration that can be used. */
const ACTIVE = 'ACTIVE';
/** What ModelArts reports once a registration is gone, and what a vanished one is treated as. */
const DELETED = 'DELETED';
/** The statuses a registration that failed keeps until it is deleted. */
const FAILED = ['CREATE_FAILED', 'ERROR'];
/** The statuses a registration ends in when it did not become ACTIVE. */
const FAILED_STATUSES = new Set([...FAILED, DELETED]);
/** Registrations nobody waits on any more, still there: ACTIVE or failed. */
const SETTLED_STATUSES = new Set([ACTIVE, ...FAILED]);
/** The six statuses ModelArts reports, in the API's spelling. */
const STATUSES = ['INIT', 'CREATING', ACTIVE, ...FAILED, DELETED];
/** ACTIVE or failed: nothing more will happen to it. */
function isFinal(status) {
    return status === ACTIVE || FAILED_STATUSES.has(status);
}
/** The architectures ModelArts registers. */
const ARCHES = ['X86_64', 'AARCH64'];
/** What ModelArts registers when no arch is sent. */
const DEFAULT_ARCH = 'X86_64';
/**
 * The arch a RegisterImage body or an image record stands for: its own (a record's is still to be
 * read through the verdict), else what ModelArts registers without one.
 */
function archOrDefault(item) {
    return item.arch ?? DEFAULT_ARCH;
}
/** A manifest or blob digest as SWR and the registry write it. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;

// EXTERNAL MODULE: ./src/model/service-codes.ts
var service_codes = __webpack_require__(8221);
;// CONCATENATED MODULE: ./src/decide/outcome.ts
/**
 * How the step ends, as data: what happened (a kind), why, and the facts the words need.
 * report/conclusion.ts puts it in words; nothing here is presentation.
 */



/** How the step ends, from what the run learned. */
function endingOf(result) {
    const { outcome, image } = result;
    switch (outcome.kind) {
        case 'dry-run':
            return { kind: 'dry-run', plan: outcome.plan };
        case 'final':
        case 'not-waited':
            if (image && FAILED_STATUSES.has(image.status))
                return { kind: 'registration-failed', image };
            if (outcome.kind === 'not-waited')
                return { kind: 'not-waited' };
            return { kind: result.created ? 'active' : 'reused' };
        case 'timeout':
            return { kind: 'timeout', ...(outcome.lastProblem && { lastProblem: outcome.lastProblem }) };
        case 'cancelled':
            return { kind: 'cancelled' };
        case 'error':
            return errorEnding(result, outcome.error);
    }
}
/** An error's ending: which kind, and the error as facts. */
function errorEnding(result, error) {
    const { image, config } = result;
    const code = error instanceof errors/* ApiError */.hD ? (0,service_codes/* meaningOf */.P)(error.errorCode) : undefined;
    const facts = (cause) => ({
        message: (0,errors/* messageOf */.bD)(error),
        cause,
        ...(code && { code }),
        ...(result.writes && { writes: result.writes })
    });
    const other = { kind: 'other' };
    if (error instanceof errors/* CancelledError */.cc)
        return { kind: 'cancelled', error: facts(other) };
    if (error instanceof errors/* DeadlineError */.j3)
        return { kind: 'deadline', error: facts(other) };
    const cause = causeOf(error);
    if (config?.dryRun)
        return { kind: 'dry-run-fail', error: facts(cause) };
    if (result.created === true && image)
        return { kind: 'failed-after-register', error: facts(cause) };
    if (config?.imageId && !image && !(error instanceof errors/* InputError */.dz)) {
        const unknown = error instanceof errors/* ServiceStateError */.hy;
        return { kind: 'not-found', error: facts(unknown ? { kind: 'unknown-image-id' } : cause) };
    }
    return { kind: 'not-registered', error: facts(cause) };
}
/** Why nothing was registered, told apart by class and field, never by message. */
function causeOf(error) {
    if (error instanceof errors/* ArchRefusedError */.pr)
        return { kind: 'arch-refused', refusal: error.refusal };
    if (error instanceof errors/* InputError */.dz)
        return { kind: 'invalid-inputs', count: error.problems.length };
    if (error instanceof errors/* AlreadyRegisteredError */.Fx)
        return { kind: error.reason === 'if-exists-fail' ? 'if-exists-fail' : 'differs' };
    if (error instanceof errors/* TagRegisteredElsewhereError */.f5)
        return { kind: 'registered-elsewhere' };
    if (error instanceof errors/* ApiError */.hD ||
        error instanceof errors/* NetworkError */.Dr ||
        error instanceof errors/* ServiceStateError */.hy)
        return { kind: 'service', what: error.what };
    return { kind: 'other' };
}

;// CONCATENATED MODULE: ./src/model/permissions.ts
/**
 * The IAM action each call needs, as Huawei's API pages name them: a 403 names what to grant, and a
 * test holds the README's policy to them.
 */
/** Every call the action makes that an IAM policy governs, and the action it needs. */
const PERMISSIONS = {
    registerImage: 'modelarts:image:register',
    showImage: 'modelarts:image:get',
    listImages: 'modelarts:image:list',
    deleteImage: 'modelarts:image:delete',
    showRepoTag: 'swr:repo:getRepoTag',
    listRepoTags: 'swr:repo:listRepoTags',
    createLoginSecret: 'swr::createLoginSecret',
    showInstance: 'swr:instance:get',
    listInstanceTags: 'swr:repository:listTags',
    createInstanceTempCredential: 'swr:instance:createTempCredential',
    /** A pull from the shared SWR's registry (the classic syntax's name), with a temporary login. */
    pullShared: 'swr:repo:download',
    /** A pull from an Enterprise Edition instance's registry. */
    pullInstance: 'swr:repository:downloadArtifact',
    listProjects: 'iam:projects:listProjects'
};
/**
 * What RegisterImage also needs under a classic policy ("Version": "1.1"): the SWR actions Huawei
 * lists as its dependencies. Without one, ModelArts answers that it cannot read the image.
 */
const REGISTER_DEPENDENCIES = [
    'swr:repo:listRepos',
    'swr:repo:listRepoTags',
    'swr:repo:getRepo',
    'swr:repo:getRepoDomain',
    'swr:repo:createRepoDomain',
    'swr:repository:listRepositories',
    'swr:repository:listArtifacts',
    'swr:repository:getTag'
];

;// CONCATENATED MODULE: ./src/report/advice.ts
/**
 * The next step for what a service's error code means (model/service-codes.ts): where in the
 * console, what to grant, what to check. Fixed words; the region is the input's.
 */

const ADVICE = {
    'no-agency': region => `ModelArts is not authorized to use SWR for you in region ${region}: in the ModelArts console of that region, ` +
        'open Settings (Global Configuration) \u2192 Add Authorization, authorize this IAM user (or all users) with an agency, and re-run the job',
    'cannot-read-image': () => 'ModelArts could not read the image in SWR: check that the tag was pushed, that the SWR organization exists in this region ' +
        'and that swr_path names the image; with a classic policy ("Version": "1.1") RegisterImage also needs ' +
        `${REGISTER_DEPENDENCIES.join(', ')} (the answer does not say which is missing)`,
    'too-large': () => 'the image is larger than ModelArts registers: make it smaller (a slimmer base image, fewer layers) and push it again',
    throttled: () => "the account's API rate limit is shared by every job: stagger the jobs, or raise timeout",
    'no-such-api': () => 'the endpoint has no such API: check endpoint, iam_endpoint and region (or leave the endpoints to the region)'
};
/** What to do about an answer whose code means `meaning`, in region `region` (when known). */
function adviceFor(meaning, region) {
    return ADVICE[meaning](region || 'the region');
}

;// CONCATENATED MODULE: ./src/report/arch-refusal.ts
/** The platform to build for an arch (`AARCH64` \u2192 `linux/arm64`). */
const platformFor = (arch) => (arch === 'AARCH64' ? 'linux/arm64' : 'linux/amd64');
function archRefusalLine(refusal) {
    const { asked, swrPath, digest, platforms, usable } = refusal;
    const builtFor = platforms.length ? platforms.join(', ') : 'no platform';
    const image = `${swrPath} (${digest})`;
    if (!asked)
        return `${image} is built for ${builtFor}, and ModelArts runs linux/amd64 (X86_64) or linux/arm64 (AARCH64) only: build and push one of those`;
    const alternative = usable[0] ? `set arch: ${usable[0]}, or ` : '';
    return `arch is ${asked} but ${image} is built for ${builtFor} only: ${alternative}build and push ${platformFor(asked)}`;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/** Markdown for text that must be read literally (server text, names, ids). */
/** Text inside a Markdown code span, fenced past its own backticks (a table escapes its own `|`). */
function codeSpan(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}

;// CONCATENATED MODULE: ./src/report/conclusion.ts
/**
 * How the step ends, in words: the error line (or none), the summary's headline and the next
 * step, all from decide/outcome.ts's ending, so they cannot disagree.
 */





const RERUN = 're-run the job to wait again (the registration is reused), or raise timeout';
const CANCELLED = '\u23f9\ufe0f Cancelled';
/** How the step ends, in words, from what the run learned. */
function conclude(result) {
    const ending = endingOf(result);
    const words = 'error' in ending ? errorWords(result, ending) : endingWords(result, ending);
    return { kind: ending.kind, ...words };
}
/** The words of an ending that is not an error. */
function endingWords(result, ending) {
    const { image, config } = result;
    const status = codeSpan(image?.status ?? 'unknown');
    switch (ending.kind) {
        case 'dry-run':
            return {
                headline: `\ud83e\uddea Dry run: ${planWords(result, ending.plan, codeSpan)}`,
                nextStep: 'set dry_run: false (or remove it) to do this'
            };
        case 'registration-failed': {
            const failed = ending.image;
            const message = failed.status_message ? `: ${failed.status_message}` : '';
            return {
                failure: `image ${failed.id} (${config?.image?.swrPath ?? failed.swr_path}) is ${failed.status}${message}`,
                headline: `\u274c Registration failed: ${status}`,
                nextStep: 'read the status message, fix the image (or the inputs), and re-run the job: a failed registration is replaced'
            };
        }
        case 'not-waited':
            return {
                headline: `\u2705 Registered, not waited for: status ${status}`,
                nextStep: 'later steps must wait for ACTIVE before they use the image (wait: true does)'
            };
        case 'active':
            return { headline: '\u2705 ACTIVE: registered by this run' };
        case 'reused':
            return { headline: '\u2705 Reused: the existing registration is ACTIVE' };
        case 'timeout': {
            const last = ending.lastProblem ? `; the last check failed: ${ending.lastProblem}` : '';
            const seen = image ? `image ${image.id} is still ${image.status}` : 'no image record was read';
            return {
                failure: `timed out after ${elapsed(result)} (timeout ${(0,base_runtime/* formatDuration */.a)(config?.timeoutMs ?? 0)}): ` +
                    `${seen}${last}. ModelArts goes on with it: ${RERUN}`,
                headline: `\u23f1\ufe0f Timed out waiting for ACTIVE: status ${status}`,
                nextStep: RERUN
            };
        }
        case 'cancelled':
            return { failure: cancelled(result), headline: CANCELLED };
    }
}
/** An error's words: its kind's, then a known code's next step, then what was left half done. */
function errorWords(result, ending) {
    const { error } = ending;
    const words = errorKindWords(result, ending);
    const advice = error.code && adviceFor(error.code, result.config?.region);
    const notes = [];
    const deleted = error.writes?.deletedId;
    if (deleted) {
        const gone = (id) => `the old registration ${id} was deleted; no new one was made: re-run to register`;
        notes.push([gone(deleted), gone(codeSpan(deleted))]);
    }
    if (error.writes?.answerLost) {
        const text = 'a registration may exist: a re-run reuses it';
        notes.push([text, text]);
    }
    const nextStep = advice ?? words.nextStep;
    return {
        failure: [words.failure, advice, ...notes.map(([line]) => line)].filter(Boolean).join('; '),
        headline: [words.headline, ...notes.map(([, headline]) => headline)].join('; '),
        ...(nextStep && { nextStep })
    };
}
function errorKindWords(result, ending) {
    const { cause } = ending.error;
    const message = cause.kind === 'arch-refused' ? archRefusalLine(cause.refusal) : ending.error.message;
    const why = causeWords(cause);
    switch (ending.kind) {
        case 'cancelled':
            return { failure: cancelled(result), headline: CANCELLED };
        case 'deadline':
            return {
                failure: `timed out after ${elapsed(result)}: ${message}`,
                headline: '\u23f1\ufe0f Timed out',
                nextStep: 'raise timeout, or re-run the job'
            };
        case 'dry-run-fail':
            return {
                failure: `dry run: would fail: ${message}`,
                headline: `\ud83e\uddea Dry run: would fail: ${why.words}`,
                nextStep: why.nextStep
            };
        case 'failed-after-register':
            return {
                failure: message,
                headline: `\u274c Failed after registering image ${codeSpan(result.image?.id ?? '')}`,
                nextStep: 're-run the job: the registration is found and reused'
            };
        case 'not-found':
            return {
                failure: message,
                headline: `\u274c Not found: image ${codeSpan(result.config?.imageId ?? '')}`,
                nextStep: why.nextStep
            };
        case 'not-registered':
            return {
                failure: message,
                headline: `\u274c Not registered: ${why.words}`,
                nextStep: why.nextStep
            };
    }
}
/** Why nothing was registered, in fixed words, and what to do about it. */
function causeWords(cause) {
    switch (cause.kind) {
        case 'arch-refused':
            return {
                words: 'the image is not built for this architecture',
                nextStep: 'push the image for that architecture (docker buildx --platform), or change arch'
            };
        case 'invalid-inputs':
            return {
                words: cause.count > 1 ? `${cause.count} inputs are invalid` : 'an input is invalid',
                nextStep: 'fix the workflow\u2019s with: inputs and re-run the job'
            };
        case 'if-exists-fail':
            return {
                words: 'already registered, and if_exists is fail',
                nextStep: 'use another tag, or set if_exists: reuse or if_exists: replace'
            };
        case 'differs':
            return {
                words: 'the existing registration differs',
                nextStep: 'fix the inputs (or the tag), or set if_exists: replace to register it again'
            };
        case 'registered-elsewhere':
            return {
                words: 'the tag is registered from another registry',
                nextStep: 'use another tag, or another workspace'
            };
        case 'service':
            return {
                words: `${cause.what} failed`,
                nextStep: 'fix what the error names (credentials, permissions, the endpoint) and re-run the job'
            };
        case 'unknown-image-id':
            return {
                words: 'no registration has that image_id',
                nextStep: 'check that image_id names a registration in this region and project (the step that registered it sets it as its image_id output), and re-run the job'
            };
        case 'other':
            return { words: 'the step failed', nextStep: 'fix what the error names and re-run the job' };
    }
}
/**
 * What a dry run would do, the plan's one rendering: `would register \u2026`, `would reuse image \u2026
 * (ACTIVE)`, `would delete image \u2026 and register again`, `would wait on image \u2026 (CREATING)`; each
 * server-derived part through `literal` (a code span in the headline, as it is in the log).
 */
function planWords(result, plan, literal) {
    switch (plan.action) {
        case 'register': {
            const arch = result.arch ? ` as ${literal(result.arch)}` : '';
            return `would register ${literal(result.config?.image?.swrPath ?? '')}${arch}`;
        }
        case 'reuse':
            return `would reuse image ${literal(plan.image.id)} (${literal(plan.image.status)})`;
        case 'replace':
            return `would delete image ${literal(plan.image.id)} and register again`;
        case 'wait':
            return `would wait on image ${literal(plan.image.id)} (${literal(plan.image.status)})`;
    }
}
/** The plan for the log: as it is, and a replace says why. */
function planText(result, plan) {
    const why = plan.action === 'replace' ? ` (${plan.why})` : '';
    return `${planWords(result, plan, text => text)}${why}`;
}
function elapsed(result) {
    return (0,base_runtime/* formatDuration */.a)(result.elapsedMs);
}
function cancelled(result) {
    const image = result.image;
    const state = image ? `; image ${image.id} was ${image.status}` : '';
    return `cancelled after ${elapsed(result)}${state}`;
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
/** GitHub accepts outputs up to 1 MiB; the image record is cut down well below that. */
const MAX_IMAGE_OUTPUT_CHARS = 64 * 1024;
/** Every output the run knows, name \u2192 value. */
function outputsOf(result) {
    const { image } = result;
    const outputs = {};
    if (result.facts?.digest)
        outputs.digest = result.facts.digest;
    if (result.arch && (image || result.outcome.kind === 'dry-run'))
        outputs.arch = result.arch;
    if (result.config?.keepLast !== undefined)
        outputs.deleted_image_ids = JSON.stringify((result.retention?.deleted ?? []).map(i => i.id));
    if (image)
        return { ...outputs, ...imageOutputs(result, image) };
    if (result.outcome.kind === 'dry-run')
        outputs.created = 'false';
    return outputs;
}
/** The outputs that describe the image record. */
function imageOutputs(result, image) {
    return {
        image_id: image.id,
        status: image.status,
        name: image.name ?? '',
        namespace: image.namespace ?? '',
        tag: image.tag ?? '',
        swr_path: image.swr_path ?? result.config?.image?.swrPath ?? '',
        status_message: image.status_message ?? '',
        created: String(result.created ?? false),
        image: imageJson(image)
    };
}
/** Sets each output, redacted. */
function setOutputs(result, setOutput, redact) {
    for (const [name, value] of Object.entries(outputsOf(result)))
        setOutput(name, redact(value));
}
/** The record as JSON; a record too large for an output keeps only the fields the action knows. */
function imageJson(image) {
    const whole = JSON.stringify(image);
    if (whole.length <= MAX_IMAGE_OUTPUT_CHARS)
        return whole;
    const { id, status, name, namespace, tag, swr_path, status_message, workspace_id } = image;
    const known = { id, status, name, namespace, tag, swr_path, status_message, workspace_id };
    return JSON.stringify(known);
}

;// CONCATENATED MODULE: ./src/model/run.ts
/** The run's page: `{server}/{repo}/actions/runs/{id}`, with `/attempts/{n}` after a re-run. */
function runUrl(p) {
    if (!p.serverUrl || !p.repository || !p.runId)
        return undefined;
    const attempt = p.runAttempt && p.runAttempt !== '1' ? `/attempts/${p.runAttempt}` : '';
    return `${p.serverUrl}/${p.repository}/actions/runs/${p.runId}${attempt}`;
}

;// CONCATENATED MODULE: ./src/decide/same-image.ts
/**
 * Why a record is not a registration of `image`, or undefined when it is: it must say what it
 * registers, that must be `image` (a host-less record only in the region's shared SWR; registries
 * compared as hosts are, in any case), and it must be in the workspace and DEDICATED when it
 * reports them.
 */
function whyNotThisImage(record, image, workspaceId) {
    if (!saysWhatItIs(record))
        return 'does not say which image it registers (no swr_path)';
    if (!registers(record, image))
        return `registers ${record.swr_path ?? 'another path'}`;
    return notOurs(record, workspaceId);
}
/**
 * Why a record is not one of this run's images whatever its path, or undefined: in another
 * workspace, or not this account's (type not DEDICATED), each when reported.
 */
function notOurs(record, workspaceId) {
    if (record.workspace_id !== undefined && record.workspace_id !== workspaceId)
        return `is in workspace ${record.workspace_id}`;
    if (record.type !== undefined && String(record.type).toUpperCase() !== 'DEDICATED')
        return "is not a registration of this account's (type is not DEDICATED)";
    return undefined;
}
/**
 * Whether a record says which image it registers: its `swr_path`, or all of `namespace`, `name`
 * and `tag`. One that does not is never adopted on its word (a register answer like that is read
 * back with ShowImage).
 */
function saysWhatItIs(record) {
    return (record.swr_path !== undefined ||
        [record.namespace, record.name, record.tag].every(part => part !== undefined));
}
/**
 * Whether the record names `image`: by its swr_path when it has one (its parts, when reported,
 * agreeing with it and the image), else by namespace, name and tag, from any registry (ModelArts keys a registration by
 * them).
 */
function registers(record, image) {
    const path = record.swr_path;
    const parts = agrees(record.namespace, image.namespace) &&
        agrees(record.name, image.name) &&
        agrees(record.tag, image.tag);
    if (path === undefined)
        return parts && [record.namespace, record.name, record.tag].every(isText);
    const tag = typeof path === 'string' ? tagIn(path, image) : undefined;
    return parts && tag !== undefined && agrees(tag, image.tag) && agrees(record.tag, tag);
}
const isText = (part) => typeof part === 'string';
/** A part not reported (or not asked for) agrees; one reported agrees only when equal. */
function agrees(reported, wanted) {
    return reported === undefined || wanted === undefined || reported === wanted;
}
/**
 * The tag `path` names in `image`'s repository, or undefined when it names another: as
 * `registry/namespace/name:tag` (the host in any case), or host-less in the shared SWR only. Read
 * against the image, not parsed alone: `my.org/app:1` is a host-less path of namespace `my.org`.
 */
function tagIn(path, image) {
    const host = `${image.registry}/`;
    const hosted = path.slice(0, host.length).toLowerCase() === host.toLowerCase();
    const rest = hosted ? path.slice(host.length) : image.sharedSwr === true ? path : undefined;
    const repository = `${image.namespace}/${image.name}:`;
    if (rest === undefined || !rest.startsWith(repository))
        return undefined;
    const tag = rest.slice(repository.length);
    return /^[^/:@]+$/.test(tag) ? tag : undefined;
}

;// CONCATENATED MODULE: ./src/decide/retention.ts
/**
 * Which older registrations keep_last deletes (pure: the one decision that destroys data): the
 * newest N of the same image and arch kept, the handed-out one always, what may be in use never.
 */




/** Registrations younger than this before the step started may be a sibling job's: never deleted. */
const RECENT_MS = 60 * 60_000;
/** No ModelArts registration is older than this: an earlier create_at is not a time in ms. */
const EARLIEST_CREATE_AT = Date.UTC(2018, 0, 1);
/** A create_at more than a day past the step's start is not a time that can be ordered. */
const FUTURE_ALLOWANCE_MS = 24 * 60 * 60_000;
/** The statuses of registrations nobody waits on any more; only these are ever deleted. */
const DELETABLE_STATUSES = SETTLED_STATUSES;
/** Reasons that set a record aside: never deleted, and not counted in the N. */
const SET_ASIDE = new Set(['keep_tags', 'no-create-at', 'implausible']);
/** The records as keep_last will list them once the plan is carried out. */
function afterPlan(records, planned) {
    if (!planned)
        return records;
    return [...records.filter(r => r.id !== planned.replacing), planned.registers];
}
/** The tag a record registers: its `tag`, else the part of its swr_path after the last `:`. */
function tagOf(record) {
    if (typeof record.tag === 'string' && record.tag)
        return record.tag;
    const path = record.swr_path;
    if (typeof path !== 'string')
        return undefined;
    const colon = path.lastIndexOf(':');
    return colon > path.lastIndexOf('/') ? path.slice(colon + 1) : undefined;
}
/** A record's architecture (upper case, as read); a record without one is the default; undefined: not text. */
function archOf(record) {
    const arch = archOrDefault(record);
    return typeof arch === 'string' ? arch : undefined;
}
/**
 * The registry and repository (`namespace/name`) a record's swr_path names, a host-less path's
 * registry being the region's shared SWR; undefined when the path is missing or not `\u2026:tag`. A
 * first part that looks like a host is still a namespace when nothing else would be one
 * (`my.org/app:1`) or the record says so (`namespace: my.org`).
 */
function repositoryOf(record, sharedRegistry) {
    const path = record.swr_path;
    if (typeof path !== 'string' || path.includes('@'))
        return undefined;
    const split = splitRegistry(path);
    const hostless = !split.rest.includes('/') ||
        (typeof record.namespace === 'string' && path.startsWith(`${record.namespace}/`));
    const { registry = sharedRegistry, rest } = hostless ? { rest: path } : split;
    const colon = rest.lastIndexOf(':');
    if (colon <= rest.lastIndexOf('/') || colon === rest.length - 1)
        return undefined;
    return { registry: registry.toLowerCase(), repository: rest.slice(0, colon) };
}
/**
 * Whether a listed record is a registration of the same image (same-image.ts, any tag) and of the
 * same architecture. One without a swr_path is never touched: nothing in it says which registry
 * it is from, and an Enterprise Edition instance's registration looks the same.
 */
function isSameImage(record, rules) {
    const { image } = rules;
    const sharedSwr = sameRegistry(image.registry, rules.sharedRegistry);
    return (typeof record.swr_path === 'string' &&
        archOf(record) === rules.arch &&
        whyNotThisImage(record, { ...image, sharedSwr }, rules.workspaceId) === undefined);
}
/** Why a candidate is never deleted (set aside, or only counted), or undefined when it may be. */
function protectionOf(record, rules) {
    const tag = tagOf(record);
    if (rules.keepTags && tag !== undefined && rules.keepTags(tag))
        return { reason: 'keep_tags', why: `tag ${tag} matches keep_tags` };
    // What cannot be ordered comes before the status: it cannot be counted either.
    if (!Number.isFinite(record.create_at))
        return { reason: 'no-create-at', why: 'it has no create_at' };
    const created = record.create_at;
    if (created < EARLIEST_CREATE_AT || created > rules.startedAt + FUTURE_ALLOWANCE_MS)
        return { reason: 'implausible', why: `create_at ${created} is not a plausible time` };
    const { status } = record;
    if (!DELETABLE_STATUSES.has(status))
        return { reason: 'status', why: `status ${status}: someone may be waiting on it` };
    if (created > rules.startedAt - RECENT_MS)
        return { reason: 'recent', why: 'registered less than an hour before this step started' };
    return undefined;
}
/** Each id once (its first record). */
function oncePerId(records) {
    const seen = new Set();
    return records.filter(record => !seen.has(record.id) && Boolean(seen.add(record.id)));
}
/** Newest first; equal times by id, so a plan never depends on the order of the list. */
function newestFirst(a, b) {
    return b.create_at - a.create_at || (a.id < b.id ? -1 : 1);
}
/**
 * The plan: the newest N of the image by create_at kept, counting every one that can be ordered
 * (the handed-out and the recent ones included), and the handed-out one whatever its place; past
 * the N, what might be in use is protected and the rest deleted; keep_tags matches and records
 * that cannot be ordered are set aside.
 */
function planRetention(records, rules) {
    const protect = [];
    const counted = [];
    let handedOut;
    for (const image of oncePerId(records)) {
        if (!isSameImage(image, rules))
            continue;
        if (image.status === DELETED)
            continue;
        const protection = protectionOf(image, rules);
        const handed = image.id === rules.keptId;
        if (handed)
            handedOut = image;
        if (!protection || !SET_ASIDE.has(protection.reason))
            counted.push({ image, protection });
        else if (!handed)
            protect.push({ image, ...protection });
    }
    counted.sort((a, b) => newestFirst(a.image, b.image));
    const newest = counted.slice(0, rules.keepLast).map(c => c.image);
    const older = counted.slice(rules.keepLast).filter(c => c.image !== handedOut);
    for (const { image, protection } of older)
        if (protection)
            protect.push({ image, ...protection });
    return {
        delete: older.filter(c => !c.protection).map(c => c.image),
        keep: [...(handedOut ? [handedOut] : []), ...newest.filter(r => r !== handedOut)],
        protect
    };
}

;// CONCATENATED MODULE: ./src/report/retention-summary.ts
/**
 * The job summary's keep_last section: kept, deleted (or would be), not deleted, protected and
 * why; each list cut at 20 entries, server text in code spans only.
 */



/** The most entries one list shows. */
const LIST_CAP = 20;
const NOT_DELETED_TITLES = [
    ['not deleted', 'Not deleted'],
    ['not confirmed', 'Not confirmed'],
    ['unknown', 'Unknown: check the image list']
];
/** A titled list, cut at LIST_CAP entries. */
function section(title, items) {
    if (!items.length)
        return [];
    const more = items.length - LIST_CAP;
    return [
        `${title}:`,
        '',
        ...items.slice(0, LIST_CAP),
        ...(more > 0 ? [`- and ${more} more`] : []),
        ''
    ];
}
/** Markdown for the section, or undefined when keep_last did not run. */
function retentionMarkdown(retention, redact) {
    if (!retention)
        return undefined;
    const literal = (text) => codeSpan((0,base_text/* serverText */.T)(redact(text), 256));
    const item = (image, note) => `- image ${literal(image.id)} (tag ${literal(tagOf(image) ?? 'unknown')})${note ? `: ${literal(note)}` : ''}`;
    const reasons = new Map();
    for (const p of retention.protect)
        reasons.set(p.reason, (reasons.get(p.reason) ?? 0) + 1);
    const lines = [
        '**keep_last:**',
        '',
        ...section('Kept', retention.kept.map(i => item(i))),
        ...section(retention.dryRun ? 'Would delete' : 'Deleted', (retention.dryRun ? retention.chosen : retention.deleted).map(i => item(i))),
        ...NOT_DELETED_TITLES.flatMap(([kind, title]) => section(title, retention.notDeleted.filter(n => n.kind === kind).map(n => item(n.image, n.why)))),
        ...(retention.protect.length
            ? [
                `Protected, never deleted: ${retention.protect.length} (${[...reasons].map(([reason, n]) => `${n} ${REASONS[reason]}`).join(', ')})`,
                ''
            ]
            : []),
        ...section('Protected', retention.protect.map(p => item(p.image, p.why)))
    ];
    if (retention.listChanged)
        lines.push('The image list changed while it was read: nothing was deleted; the next run tries again.');
    else if (!retention.chosen.length)
        lines.push('Nothing older to delete.');
    return lines.join('\n').trimEnd();
}
const REASONS = {
    keep_tags: 'matching keep_tags',
    status: 'not final (INIT, CREATING, or an unknown status)',
    'no-create-at': 'without create_at',
    implausible: 'with an implausible create_at',
    recent: 'registered less than an hour before the step',
    'in-use': 'in use (ModelArts refused to delete them)'
};

;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary, on every exit path. Server text is masked, shortened, then put in code spans
 * (which keep a quoted secret whole for the runner's masking); the whole stays under 64 KiB.
 */






/** A Markdown summary of `result`, under the headline `conclusion` gives. */
function summaryMarkdown(result, conclusion, redact = text => text) {
    const literal = (text, max = 2000) => codeSpan((0,base_text/* serverText */.T)(redact(text), max));
    const parts = [`### ${conclusion.headline}`];
    const why = reason(result, conclusion);
    if (why.length === 1)
        parts.push(`**Why:** ${literal(why[0] ?? '')}`);
    if (why.length > 1)
        parts.push(`**Why:** ${why.length} inputs are invalid:\n\n${list(why, literal)}`);
    const where = whereText(result, conclusion);
    if (where)
        parts.push(where);
    if (conclusion.nextStep)
        parts.push(`**Next:** ${conclusion.nextStep}`);
    const warnings = result.warnings ?? [];
    if (warnings.length)
        parts.push(`**Warnings:**\n\n${list(warnings, literal)}`);
    parts.push(table(['What', 'Value'], knownRows(result, conclusion, literal)));
    const retention = retentionMarkdown(result.retention, redact);
    if (retention)
        parts.push(retention);
    const body = bodyRows(result, conclusion, literal);
    if (body.length)
        parts.push(`**Attributes it would register:**\n\n${table(['Attribute', 'Value'], body)}`);
    return capped(`${parts.join('\n\n')}\n`);
}
/** GitHub shows a step's summary up to 1 MiB; this one stays under 64 KiB. */
const SUMMARY_MAX_BYTES = 64 * 1024;
/** `markdown` within SUMMARY_MAX_BYTES: whole lines up to the cap, then a note of what was cut. */
function capped(markdown, max = SUMMARY_MAX_BYTES) {
    if (Buffer.byteLength(markdown) < max)
        return markdown;
    const lines = markdown.split('\n');
    const room = max - 200;
    let bytes = 0;
    let kept = 0;
    while (kept < lines.length && bytes + Buffer.byteLength(lines[kept] ?? '') + 1 <= room)
        bytes += Buffer.byteLength(lines[kept++] ?? '') + 1;
    const cut = lines.length - kept;
    return `${lines.slice(0, kept).join('\n')}\n\n_The summary was cut at ${max / 1024} KiB: ${cut} more lines are not shown; the step's log has them._\n`;
}
/** The failure, one problem an item: an InputError's several problems, else the error line. */
function reason(result, conclusion) {
    const { outcome } = result;
    if (outcome.kind === 'error' && outcome.error instanceof errors/* InputError */.dz) {
        const { problems } = outcome.error;
        if (problems.length > 1)
            return [...problems];
    }
    return conclusion.failure ? [conclusion.failure] : [];
}
function knownRows(result, conclusion, literal) {
    const { image, config } = result;
    const field = (name) => {
        const value = image?.[name];
        if (Array.isArray(value))
            return value.filter(v => typeof v === 'string').join(', ') || undefined;
        return typeof value === 'string' && value ? value : undefined;
    };
    const rows = [
        ['Image', config?.image?.swrPath ?? image?.swr_path],
        ['Image id', image?.id],
        ['Status', image?.status],
        ['Architecture', result.arch],
        ['Also in the tag, not registered', platformText(result.facts?.otherPlatform)],
        ['Digest', result.facts?.digest],
        ['Service type', field('service_type')],
        ['Visibility', field('visibility')],
        ['Region', config?.region]
    ];
    const out = [];
    for (const [name, value] of rows)
        if (value)
            out.push([name, literal(value)]);
    if (result.created !== undefined)
        out.push(['Registration', registrationText(result)]);
    const message = statusMessageRow(image?.status_message, conclusion);
    if (message)
        out.push(['Status message', literal(message)]);
    out.push(['Elapsed', (0,base_runtime/* formatDuration */.a)(result.elapsedMs)]);
    const url = result.provenance ? runUrl(result.provenance) : undefined;
    if (url)
        out.push(['Run', `[${codeSpan(result.provenance?.runId ?? 'run')}](${url})`]);
    return out;
}
/** The cause is said once: a failure's status message gets a row only when the Why does not quote it. */
function statusMessageRow(message, conclusion) {
    return conclusion.failure && message && !conclusion.failure.includes(message)
        ? message
        : undefined;
}
const SUCCESS = new Set(['active', 'reused', 'not-waited']);
/** The outputs a success names (checked against the table of outputs), and `image`. */
const WHERE_OUTPUTS = [
    'image_id',
    'status',
    'name',
    'namespace',
    'tag',
    'swr_path',
    'arch',
    'digest'
];
/** On a success: where the image is in the console, and what the outputs hold. */
function whereText(result, conclusion) {
    if (!SUCCESS.has(conclusion.kind) || !result.image)
        return undefined;
    const region = result.config?.region ? `, region ${codeSpan(result.config.region)}` : '';
    return (`**Where:** ModelArts console \u2192 Image Management${region}. The step's outputs hold its ` +
        `${WHERE_OUTPUTS.map(name => `\`${name}\``).join(', ')} and the record as JSON (\`image\`).`);
}
/** Where the registration came from; a dry run says what it would do with an existing one. */
function registrationText(result) {
    if (result.created)
        return 'created by this run';
    if (result.outcome.kind !== 'dry-run')
        return 'existing, reused';
    const action = result.outcome.plan.action;
    return `existing, would be ${action === 'wait' ? 'waited on' : action === 'replace' ? 'replaced' : 'reused'}`;
}
/** A dry run's RegisterImage body, one attribute a row. */
function bodyRows(result, conclusion, literal) {
    if (conclusion.kind !== 'dry-run' || !result.body)
        return [];
    const action = result.outcome.kind === 'dry-run' ? result.outcome.plan.action : undefined;
    if (action === 'reuse' || action === 'wait')
        return [];
    const rows = [];
    for (const [name, value] of Object.entries(result.body)) {
        if (value === undefined || value === null || value === '')
            continue;
        const text = typeof value === 'string'
            ? value
            : Array.isArray(value) && value.every(v => typeof v === 'string')
                ? value.join(', ')
                : JSON.stringify(value);
        rows.push([codeSpan(name), literal(text)]);
    }
    return rows;
}
function platformText(platform) {
    if (!platform)
        return undefined;
    const variant = platform.variant ? `/${platform.variant}` : '';
    const digest = platform.digest ? ` (${platform.digest})` : '';
    return `${platform.os}/${platform.architecture}${variant}${digest}`;
}
function list(items, literal) {
    return items.map(item => `- ${literal(item)}`).join('\n');
}
function table(header, rows) {
    return [
        `| ${header[0]} | ${header[1]} |`,
        '|---|---|',
        ...rows.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)
    ].join('\n');
}
/** A table cell's text: `|` would end the cell, even inside a code span, so it is escaped. */
function cell(text) {
    return text.replace(/\|/g, '\\|');
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/report/write-summary.ts
/** Writing the job summary where the runner reads it. */



/**
 * Appends to the file GITHUB_STEP_SUMMARY names, as core.summary does; read from the run's own
 * environment because core.summary keeps the first path it saw for the life of the process.
 */
async function writeSummary(markdown, env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!file)
        return core/* debug */.Yz('no GITHUB_STEP_SUMMARY: no job summary written');
    try {
        await (0,promises_.appendFile)(file, markdown, 'utf8');
    }
    catch (error) {
        core/* warning */.$e(`could not write the job summary: ${(0,errors/* messageOf */.bD)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/base/promises.ts
/**
 * Work started now and awaited later, its rejection handled at once: never an unhandled rejection.
 */
/** The same promise, its rejection marked as handled; whoever awaits it still gets the error. */
function observed(promise) {
    promise.catch(() => undefined);
    return promise;
}

;// CONCATENATED MODULE: ./src/budget.ts
/**
 * The step's one time budget (timeout's deadline, the cancel signal) every request and pause draws
 * on; best-effort work gets an earlier-ending slice of it (bestEffortSliceMs).
 */

class Budget {
    runtime;
    deadline;
    signal;
    base;
    constructor(runtime, 
    /** Epoch ms at which the budget is spent. */
    deadline, signal, 
    /** The budget without grace, when this one is `withGrace`'s. */
    base) {
        this.runtime = runtime;
        this.deadline = deadline;
        this.signal = signal;
        this.base = base;
    }
    /** Milliseconds left; 0 or less once spent. */
    remainingMs() {
        return this.deadline - this.runtime.now();
    }
    /**
     * Throws CancelledError or DeadlineError when no more work may start. The grace `withGrace`
     * gives is for an answer already on its way: nothing starts in it.
     */
    assertOpen(what) {
        if (this.signal.aborted)
            throw new errors/* CancelledError */.cc();
        if (this.withoutGrace().remainingMs() <= 0)
            throw new errors/* DeadlineError */.j3(what);
    }
    /**
     * A pause that ends before the budget does; one that would not is not taken (DeadlineError),
     * since the step's timeout comes first. `untilEnd`: it ends with the budget instead (a wait that
     * has nothing left to do but time out). Rejects with CancelledError on cancel.
     */
    async pause(ms, what, { untilEnd = false } = {}) {
        if (this.signal.aborted)
            throw new errors/* CancelledError */.cc();
        const remaining = this.remainingMs();
        if (ms >= remaining && !untilEnd)
            throw new errors/* DeadlineError */.j3(what);
        await this.runtime.sleep(Math.min(ms, Math.max(remaining, 0)), this.signal);
    }
    /** A budget that ends `ms` from now, or with this one if that is sooner. */
    slice(ms) {
        return new Budget(this.runtime, Math.min(this.deadline, this.runtime.now() + ms), this.signal);
    }
    /**
     * The same budget with a stop of its own: `stop()` ends the work that uses it (CancelledError)
     * and nothing else, as a cancel of the step still does. For work that its caller may no longer
     * need while it is under way.
     */
    stoppable() {
        const own = new AbortController();
        const signal = AbortSignal.any([this.signal, own.signal]);
        return { budget: new Budget(this.runtime, this.deadline, signal), stop: () => own.abort() };
    }
    /**
     * The same budget, `ms` longer: for the answer of the last status check, sent before the
     * deadline. Only that answer: its start, a retry of it and its pause draw on `withoutGrace()`.
     */
    withGrace(ms) {
        return new Budget(this.runtime, this.deadline + ms, this.signal, this.withoutGrace());
    }
    /** The budget without the grace `withGrace` gave (itself when it has none). */
    withoutGrace() {
        return this.base ?? this;
    }
}
/**
 * A best-effort slice (the image check's registry reads, the path look-up's re-reads, keep_last's
 * confirmations): a quarter of `timeout` or of what is left, and at most a minute.
 */
function bestEffortSliceMs(timeoutMs) {
    return Math.min(Math.floor(timeoutMs / 4), 60_000);
}
/** How long the last status check may run past the end of the budget. */
const FINAL_CHECK_GRACE_MS = 3_000;

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/base/json.ts
var json = __webpack_require__(3659);
// EXTERNAL MODULE: ./src/cloud/answer.ts
var cloud_answer = __webpack_require__(4603);
// EXTERNAL MODULE: ./src/cloud/http.ts + 2 modules
var cloud_http = __webpack_require__(6425);
;// CONCATENATED MODULE: ./src/cloud/registry.ts
/**
 * A registry's Docker v2 API (shared SWR or an Enterprise Edition instance): manifest and blob behind
 * the Bearer challenge; credentials go only to the registry's own host, never across a redirect.
 */






const MAX_REDIRECTS = 3;
const REDIRECTS = [301, 302, 303, 307, 308];
/** Every manifest type the action reads: OCI index and manifest, Docker list and manifest. */
const MANIFEST_ACCEPT = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json'
].join(', ');
/** The Docker Registry v2 API of the registry in an swr_path. */
class RegistryClient {
    http;
    login;
    mask;
    budget;
    permission;
    origin;
    /** `namespace/name`, as the registry's paths and scopes spell it (real `/`, not `$`). */
    repository;
    /** The pull token, once a challenge was answered: later requests send it at once. */
    bearer;
    constructor(http, image, 
    /**
     * `user:password` of a temporary login, sent only to a token realm on this registry's host; it
     * may still be on its way: the first request (the challenge) needs none.
     */
    login, 
    /** Hides the registry's token from the log the moment it is read. */
    mask, 
    /** The best-effort slice of the step's budget that the registry may use. */
    budget, 
    /** The IAM action a pull needs (model/permissions.ts): a 403 names it. */
    permission) {
        this.http = http;
        this.login = login;
        this.mask = mask;
        this.budget = budget;
        this.permission = permission;
        this.origin = registryOrigin(image.registry);
        this.repository = `${image.namespace}/${image.name}`;
    }
    /** The manifest of `reference` (a tag or digest), with the digest of the bytes received. */
    async manifest(reference) {
        const what = 'read the manifest in the registry';
        const answer = await this.get(what, `/v2/${this.repository}/manifests/${reference}`, {
            Accept: MANIFEST_ACCEPT
        });
        if (answer.status !== 200)
            throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, answer, 'a redirect for a manifest');
        return {
            digest: sha256(answer.text),
            manifest: (0,json/* isObject */.G)(answer.body) ? answer.body : undefined
        };
    }
    /**
     * The config blob, parsed (at most 3 redirects). Undefined when it is not a JSON object;
     * unreadable when its bytes are not the blob the digest names.
     */
    async configBlob(configDigest) {
        const what = 'read the image config in the registry';
        let answer = await this.get(what, `/v2/${this.repository}/blobs/${configDigest}`);
        for (let redirects = 0; REDIRECTS.some(s => s === answer.status); redirects++) {
            if (redirects >= MAX_REDIRECTS)
                throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, answer, `more than ${MAX_REDIRECTS} redirects`);
            const target = redirectTarget(what, answer, this.origin);
            answer = await this.http.send({
                what,
                method: 'GET',
                endpoint: target.origin,
                path: target.pathname,
                rawQuery: target.search.slice(1) || undefined,
                // Never an Authorization header to another host (object storage signs its own URLs).
                auth: cloud_http/* noAuth */.CM,
                budget: this.budget,
                retry: 'transient',
                passStatuses: REDIRECTS
            });
        }
        if (sha256(answer.text) !== configDigest)
            throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, answer, `the config blob does not match its digest ${configDigest}`);
        return (0,json/* isObject */.G)(answer.body) ? answer.body : undefined;
    }
    /**
     * A GET on the registry: with the token when there is one; otherwise unauthenticated first,
     * and after a 401 challenge again with a token from its realm. Redirects are handed back.
     */
    async get(what, path, headers = {}) {
        const request = (extra, pass) => ({
            what,
            method: 'GET',
            endpoint: this.origin,
            path,
            headers: { ...headers, ...extra },
            auth: cloud_http/* noAuth */.CM,
            budget: this.budget,
            retry: 'transient',
            passStatuses: pass,
            permission: this.permission
        });
        if (this.bearer)
            return this.http.send(request({ Authorization: `Bearer ${this.bearer}` }, REDIRECTS));
        const challenge = await this.http.send(request({}, [401, ...REDIRECTS]));
        if (challenge.status !== 401)
            return challenge;
        this.bearer = await this.token(what, challenge);
        return this.http.send(request({ Authorization: `Bearer ${this.bearer}` }, REDIRECTS));
    }
    /** A pull token from the realm the 401 challenge names, with the temporary login. */
    async token(what, challenge) {
        const header = challenge.headers['www-authenticate'];
        const params = parseBearerChallenge(Array.isArray(header) ? header.join(', ') : header);
        if (!params?.realm)
            throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, challenge, 'the registry sent no Bearer challenge');
        let realm;
        try {
            realm = new URL(params.realm);
        }
        catch {
            throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, challenge, 'the Bearer realm is not a URL');
        }
        const registry = new URL(this.origin);
        if (realm.host !== registry.host || realm.protocol !== registry.protocol) {
            // The login is an SWR credential: it goes to the registry's own host and nowhere else.
            throw new errors/* ServiceStateError */.hy(what, `the registry's token realm is on ${realm.protocol}//${realm.host}, not on the registry's own host; the login was not sent`);
        }
        const login = await this.login;
        const query = Object.fromEntries(realm.searchParams);
        if (params.service)
            query.service = params.service;
        query.scope = `repository:${this.repository}:pull`;
        const response = await this.http.send({
            what: 'get a registry token',
            method: 'GET',
            endpoint: realm.origin,
            path: realm.pathname,
            query,
            headers: { Authorization: `Basic ${Buffer.from(login).toString('base64')}` },
            auth: cloud_http/* noAuth */.CM,
            budget: this.budget,
            retry: 'transient',
            permission: this.permission,
            answerSecrets: {
                of: ({ body }) => ((0,json/* isObject */.G)(body) ? [body.token, body.access_token] : []),
                mask: this.mask
            }
        });
        const body = (0,json/* isObject */.G)(response.body) ? response.body : {};
        const token = typeof body.token === 'string' ? body.token : body.access_token;
        if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token))
            throw (0,cloud_answer/* unreadableAnswer */.Cw)('get a registry token', response, 'the answer has no token');
        return token;
    }
}
/** `https://{host}`; `http://` only for a loopback registry (tests, a local mirror). */
function registryOrigin(registry) {
    return `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${registry}`;
}
/**
 * The parameters of the Bearer challenge in a WWW-Authenticate value (`Bearer realm="\u2026",service="\u2026"`),
 * which may hold other challenges too (`Basic realm="\u2026"`, joined by Node with `, ` when the header
 * comes twice): a parameter belongs to the challenge whose scheme precedes it, so another scheme's
 * realm never replaces the Bearer one.
 */
function parseBearerChallenge(header) {
    if (!header)
        return undefined;
    let scheme;
    let bearer;
    const pattern = /(?:^|,)\s*(?:([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+)?([A-Za-z_]+)=(?:"([^"]*)"|([^,\s]*))/g;
    for (const [, newScheme, key, quoted, bare] of header.matchAll(pattern)) {
        if (newScheme) {
            scheme = newScheme.toLowerCase();
            if (scheme === 'bearer' && !bearer)
                bearer = {};
            else if (scheme === 'bearer')
                break;
        }
        if (scheme === 'bearer' && bearer && key)
            bearer[key.toLowerCase()] = quoted ?? bare ?? '';
    }
    return bearer;
}
function redirectTarget(what, answer, base) {
    const location = answer.headers.location;
    const value = Array.isArray(location) ? location[0] : location;
    try {
        const target = new URL(value ?? '', base);
        if (target.protocol === 'https:' || isLoopbackRegistry(target.host))
            return target;
    }
    catch {
        // fall through
    }
    throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, answer, 'a redirect without a usable https location');
}
/** `sha256:\u2026` of a text's UTF-8 bytes. */
function sha256(text) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex')}`;
}

;// CONCATENATED MODULE: ./src/decide/platforms.ts
/**
 * The platforms a tag's manifest says it is built for, and which ModelArts runs. Pure; what cannot
 * be read for certain is `unknown`, which the image check turns into a warning, never a failure.
 */


const INDEX_TYPES = new Set([
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json'
]);
const MANIFEST_TYPES = new Set([
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json'
]);
/** Reads a manifest: an index lists its platforms; an image manifest names its config blob. */
function platformSource(manifest) {
    if (!manifest)
        return { kind: 'unknown', why: 'SWR returned no readable manifest' };
    const mediaType = typeof manifest.mediaType === 'string' ? manifest.mediaType : '';
    if (INDEX_TYPES.has(mediaType) || (!mediaType && 'manifests' in manifest))
        return indexPlatforms(manifest.manifests);
    if (MANIFEST_TYPES.has(mediaType) || (!mediaType && (0,json/* isObject */.G)(manifest.config))) {
        const config = (0,json/* isObject */.G)(manifest.config) ? manifest.config.digest : undefined;
        if (typeof config === 'string' && DIGEST.test(config))
            return { kind: 'config', configDigest: config };
        return { kind: 'unknown', why: 'the image manifest names no config blob' };
    }
    return {
        kind: 'unknown',
        why: `manifest type ${mediaType || 'unknown'} is not one the action reads`
    };
}
/**
 * An index's platforms, leaving out the attestation manifests `docker buildx` adds. An entry
 * without a readable platform, or a nested index, makes the whole list unreadable: the platform
 * it hides could be the one asked for.
 */
function indexPlatforms(entries) {
    if (!Array.isArray(entries))
        return { kind: 'unknown', why: 'the index lists no manifests' };
    const platforms = [];
    for (const entry of entries) {
        if (!(0,json/* isObject */.G)(entry))
            return { kind: 'unknown', why: 'an index entry is not an object' };
        if (typeof entry.mediaType === 'string' && INDEX_TYPES.has(entry.mediaType))
            return { kind: 'unknown', why: 'the index holds another index' };
        if (isAttestation(entry))
            continue;
        const platform = platformOf((0,json/* isObject */.G)(entry.platform) ? entry.platform : undefined);
        if (!platform)
            return { kind: 'unknown', why: 'an index entry names no platform' };
        const digest = typeof entry.digest === 'string' && DIGEST.test(entry.digest) ? entry.digest : undefined;
        platforms.push(digest ? { ...platform, digest } : platform);
    }
    return { kind: 'index', platforms };
}
/** `docker buildx` adds attestation manifests (platform unknown/unknown): not platforms. */
function isAttestation(entry) {
    const annotations = (0,json/* isObject */.G)(entry.annotations) ? entry.annotations : {};
    if (annotations['vnd.docker.reference.type'] === 'attestation-manifest')
        return true;
    const platform = (0,json/* isObject */.G)(entry.platform) ? entry.platform : {};
    return platform.os === 'unknown' && platform.architecture === 'unknown';
}
/** A platform from `{os, architecture, variant}` (an index entry's or a config blob's). */
function platformOf(value) {
    if (!value)
        return undefined;
    const { os, architecture, variant } = value;
    if (typeof os !== 'string' || typeof architecture !== 'string')
        return undefined;
    const clean = (text) => text.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 32);
    if (!clean(os) || !clean(architecture))
        return undefined;
    return {
        os: clean(os),
        architecture: clean(architecture),
        ...(typeof variant === 'string' && clean(variant) ? { variant: clean(variant) } : {})
    };
}
/** `linux/arm64/v8`. */
function platformName(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/**
 * ModelArts' `arch` for a platform it can run: Linux only, `amd64` \u2192 X86_64, `arm64` (any variant
 * v8 or none) \u2192 AARCH64; undefined for anything else (`windows/amd64`, `linux/arm/v7`, `linux/s390x`).
 */
function archOfPlatform(p) {
    if (p.os !== 'linux')
        return undefined;
    if (p.architecture === 'amd64')
        return 'X86_64';
    if (p.architecture === 'arm64' && (p.variant === undefined || p.variant === 'v8'))
        return 'AARCH64';
    return undefined;
}

;// CONCATENATED MODULE: ./src/decide/arch.ts


/**
 * - `given` and built for it: that arch; built for others only: refused.
 * - not given: one usable platform \u2192 it; several \u2192 X86_64 when amd64 is among them (and the
 *   arm64 platform is reported as `other`, so the user can register it under a tag of its own);
 *   none usable \u2192 refused.
 */
function decideArch(image, digest, platforms, given) {
    const usable = platforms.filter(p => archOfPlatform(p) !== undefined);
    const arches = [...new Set(usable.map(archOfPlatform))];
    const names = platforms.map(platformName);
    const [first] = arches;
    if (given ? !arches.includes(given) : !first) {
        const refusal = { swrPath: image.swrPath, digest, platforms: names, usable: arches };
        return { kind: 'refused', ...(given ? { asked: given } : {}), ...refusal };
    }
    if (given)
        return { kind: 'arch', arch: given };
    const arch = arches.includes(DEFAULT_ARCH) ? DEFAULT_ARCH : first;
    const other = usable.find(p => archOfPlatform(p) !== arch);
    const builtFor = names.join(', ');
    return {
        kind: 'arch',
        arch,
        note: `arch not given: registering as ${arch}, from the image's platforms (${builtFor})`,
        ...(other ? { other } : {})
    };
}

;// CONCATENATED MODULE: ./src/steps/image-check.ts
/**
 * The SWR check before anything is written: the tag, its digest and platforms, and the arch decided
 * once. Only definite facts fail the step; what cannot be read is a warning.
 */










/**
 * swr_endpoint is the region's default: a gateway's "no such API" there is the region lacking the
 * call, never the user's endpoint.
 */
const onDefaultEndpoint = ({ config }) => config.swrEndpoint === defaultEndpointsOf(config.region)?.swr;
/** The image was not checked; the reason says why and what to do. */
const notChecked = (log, why) => {
    log.warning(`the image was not checked: ${why}`);
    return undefined;
};
/**
 * Reads the tag and its platforms, and decides the arch: the one place it is decided (the input's
 * when the image is not checked). Throws only for definite facts.
 */
async function checkImage(run) {
    const { config, log } = run;
    const { arch, swr_instance_id: instanceId } = config.attributes;
    const given = arch ? { arch } : {};
    const { image } = config;
    if (!image || !config.checkImage)
        return given;
    // With swr_instance_id the image is checked in that SWR Enterprise Edition instance.
    const tag = instanceId
        ? await instanceTag(run, image, {
            id: instanceId,
            api: run.swr.instance({ projectId: run.projectId, instanceId })
        })
        : await sharedTag(run, image);
    if (!tag)
        return given;
    const platforms = await tag.platforms();
    if (!platforms)
        return { digest: tag.digest, ...given };
    const decision = decideArch(image, tag.digest, platforms, arch);
    if (decision.kind === 'refused') {
        // The digest was read before the arch was refused: the summary shows it.
        run.result.facts = { digest: tag.digest };
        throw new errors/* ArchRefusedError */.pr(decision);
    }
    if (decision.note)
        log.info(decision.note);
    if (decision.other)
        log.warning(otherPlatformNote(image, decision.arch, decision.other));
    return {
        digest: tag.digest,
        arch: decision.arch,
        ...(decision.other ? { otherPlatform: decision.other } : {})
    };
}
/** ShowRepoTag in the shared SWR; the platforms from its manifest (and config blob). */
async function sharedTag(run, image) {
    const tag = await readSharedTag(run, image);
    if (!tag)
        return undefined;
    run.log.info(`${image.swrPath} is ${tag.digest} in SWR`);
    const { manifest } = tag;
    return {
        digest: tag.digest,
        platforms: () => readPlatforms(run, image, platformSource(manifest))
    };
}
/** How a shared-SWR read fails: where, and what a missing tag means. */
const inSharedSwr = (image) => ({
    where: 'SWR',
    missing: () => `swr_path: ${image.swrPath} is not in SWR (organization ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
        'push it first, or check the path. An image shared from another account cannot be checked: set check_image: false'
});
/**
 * ShowRepoTag; where the gateway knows no such API (a region whose SWR lacks it), the list of the
 * repository's tags; when that cannot be asked either, as readFailure says. Undefined: not
 * checked (warned).
 */
async function readSharedTag(run, image) {
    const how = inSharedSwr(image);
    try {
        return await run.swr.showTag(image);
    }
    catch (error) {
        if (!isNoSuchApi(error))
            return readFailure(run, image, error, how);
    }
    run.log.info("SWR's ShowRepoTag is not offered here: the tag is read from the repository's tag list");
    let listed;
    try {
        listed = await run.swr.findTag(image);
    }
    catch (error) {
        return readFailure(run, image, error, how);
    }
    if (!listed)
        throw new errors/* InputError */.dz([how.missing()]);
    return listed;
}
/**
 * ShowInstance and ListInstanceTags, side by side (neither needs the other): the instance must
 * serve the swr_path's registry, and hold the tag. The platforms come from its registry.
 */
async function instanceTag(run, image, instance) {
    const where = `SWR Enterprise Edition instance ${instance.id}`;
    const [address, listed] = await Promise.allSettled([
        instance.api.accessAddress(),
        instance.api.findTag(image)
    ]);
    if (address.status === 'rejected') {
        return readFailure(run, image, address.reason, {
            where,
            missing: () => `swr_instance_id: instance ${instance.id} was not found in region ${run.config.region} (check swr_instance_id and region)`
        });
    }
    if (!servesRegistry(address.value, image.registry)) {
        throw new errors/* InputError */.dz([
            `swr_path's registry is ${image.registry}, but instance ${instance.id} serves ${instanceHost(address.value) ?? address.value}: ` +
                'push the image to the instance and use its address in swr_path, or check swr_instance_id'
        ]);
    }
    const missing = () => `swr_path: ${image.swrPath} is not in ${where} (namespace ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
        'push it first, or check the path';
    if (listed.status === 'rejected')
        return readFailure(run, image, listed.reason, { where, missing });
    if (!listed.value)
        throw new errors/* InputError */.dz([missing()]);
    const { digest } = listed.value;
    run.log.info(`${image.swrPath} is ${digest} in ${where}`);
    return { digest, platforms: () => instancePlatforms(run, image, instance.api, digest) };
}
/** The gateway (shared APIGW., dedicated APIG.) knows no such API at this endpoint. */
function isNoSuchApi(error) {
    return (error instanceof errors/* ApiError */.hD &&
        error.status === 404 &&
        (0,service_codes/* meaningOf */.P)(error.errorCode) === 'no-such-api');
}
/**
 * What a failed SWR read means: a definite fact fails the step (no such API at a swr_endpoint the
 * user gave, no such tag or instance); no permission (the error names it), no such API on the
 * region's default endpoint, or an SWR that keeps failing, is a warning (undefined).
 */
function readFailure(run, image, error, how) {
    if (isNoSuchApi(error)) {
        if (onDefaultEndpoint(run))
            return notChecked(run.log, `the region's SWR could not be asked (${(0,errors/* messageOf */.bD)(error)})`);
        throw new errors/* InputError */.dz([
            `swr_endpoint: SWR's API is not at this endpoint (${(0,errors/* messageOf */.bD)(error)}); check swr_endpoint, or set check_image: false`
        ]);
    }
    if (error instanceof errors/* ApiError */.hD && error.status === 404)
        throw new errors/* InputError */.dz([how.missing()]);
    if (error instanceof errors/* ApiError */.hD && error.status === 403) {
        return notChecked(run.log, `no permission to read it in ${how.where} (${(0,errors/* messageOf */.bD)(error)}), or set check_image: false`);
    }
    if ((0,errors/* isTransient */.dg)(error))
        return notChecked(run.log, `${how.where} did not answer (${(0,errors/* messageOf */.bD)(error)})`);
    throw error;
}
/**
 * ModelArts registers one arch per tag: the other platform of a multi-arch tag needs a tag of its
 * own. The exact command that gives it one, then the arch to register it with.
 */
function otherPlatformNote(image, registered, other) {
    const arch = archOfPlatform(other);
    const suffix = other.architecture;
    const repository = `${image.registry}/${image.namespace}/${image.name}`;
    const source = other.digest
        ? `${repository}@${other.digest}`
        : `${image.swrPath} (its ${platformName(other)} manifest)`;
    return (`${image.swrPath} also holds ${platformName(other)}, which is not registered (registered: ${registered}). ` +
        `To register it, give it a tag of its own: docker buildx imagetools create --tag ${repository}:${image.tag}-${suffix} ${source} ` +
        `and register that tag with arch: ${arch}`);
}
/** A warning that the platforms were not read, and undefined. */
function platformsUnchecked(run, image, why) {
    run.log.warning(`the image's platforms were not checked: ${why}`);
    return undefined;
}
/**
 * A temporary registry login, or undefined (with a warning). Refused credentials (401) fail the
 * step: more requests would count toward locking the key.
 */
async function loginFor(run, image, login) {
    try {
        return await login();
    }
    catch (error) {
        if (error instanceof errors/* ApiError */.hD && error.status === 401)
            throw error;
        if (error instanceof errors/* CancelledError */.cc)
            throw error;
        return platformsUnchecked(run, image, (0,errors/* messageOf */.bD)(error));
    }
}
/**
 * Reads from the registry while the temporary login is on its way: the first request (the
 * registry's challenge) needs none, so it goes out beside the login's; the token waits for it.
 * The same requests are sent; a login that fails wins (the read is stopped, what it read dropped,
 * the login's warning said). Undefined: nothing read, and a warning said why.
 */
async function readWithLogin(run, image, budget, getLogin, read) {
    const permission = run.config.attributes.swr_instance_id
        ? PERMISSIONS.pullInstance
        : PERMISSIONS.pullShared;
    const login = observed(loginFor(run, image, getLogin));
    const usable = login.then(value => value ?? Promise.reject(new Error('no temporary login')));
    // Without a login the read is not needed: it is stopped, so no request of the check (nor a
    // retry of its challenge) goes out after its verdict, beside the registration.
    const reader = budget.stoppable();
    const registry = new RegistryClient(run.http, image, observed(usable), run.mask, reader.budget, permission);
    const reading = observed(read(registry));
    if ((await login) === undefined) {
        reader.stop();
        return undefined;
    }
    try {
        return { value: await reading, registry };
    }
    catch (error) {
        if (error instanceof errors/* CancelledError */.cc)
            throw error;
        return platformsUnchecked(run, image, (0,errors/* messageOf */.bD)(error));
    }
}
/** The platforms of a shared-SWR tag, or undefined (with a warning) when they cannot be read. */
async function readPlatforms(run, image, source) {
    if (source.kind === 'index')
        return source.platforms;
    if (source.kind === 'unknown')
        return platformsUnchecked(run, image, source.why);
    const budget = run.budget.slice(bestEffortSliceMs(run.config.timeoutMs));
    const blob = await readWithLogin(run, image, budget, async () => {
        const login = await run.swr.temporaryLogin(run.config.region, image.registry, run.mask, budget);
        if (!login)
            throw new Error(`SWR gave no temporary login for ${image.registry}`);
        return login;
    }, registry => registry.configBlob(source.configDigest));
    return blob && platformsOfBlob(run, image, blob.value);
}
/**
 * The platforms of an instance's tag, from its registry: the temporary credential, the manifest
 * (its bytes must be the digest the instance reported), and for a single manifest its config blob.
 */
async function instancePlatforms(run, image, api, digest) {
    const budget = run.budget.slice(bestEffortSliceMs(run.config.timeoutMs));
    const read = await readWithLogin(run, image, budget, () => api.temporaryLogin(run.mask, budget), 
    // The digest is the reference, as for every instance call; the tag may have moved since.
    registry => registry.manifest(digest));
    if (!read)
        return undefined;
    const { value: manifest, registry } = read;
    if (manifest.digest !== digest)
        return platformsUnchecked(run, image, `the registry's manifest of ${image.swrPath} is ${manifest.digest}, not ${digest} as the instance reports`);
    const source = platformSource(manifest.manifest);
    if (source.kind === 'index')
        return source.platforms;
    if (source.kind === 'unknown')
        return platformsUnchecked(run, image, source.why);
    try {
        return platformsOfBlob(run, image, await registry.configBlob(source.configDigest));
    }
    catch (error) {
        if (error instanceof errors/* CancelledError */.cc)
            throw error;
        return platformsUnchecked(run, image, (0,errors/* messageOf */.bD)(error));
    }
}
/** A single manifest's platform, from its config blob. */
function platformsOfBlob(run, image, blob) {
    const platform = platformOf(blob);
    return platform ? [platform] : platformsUnchecked(run, image, 'its config names no architecture');
}

// EXTERNAL MODULE: ./src/cloud/retry.ts
var retry = __webpack_require__(6451);
;// CONCATENATED MODULE: ./src/decide/verdict.ts
/**
 * The one verdict on a ModelArts record: is it the image this run asked for? Every record is judged
 * before it is adopted, reused, waited on or written to an output: a green step hands on no other.
 */



/** How far the service's clock may be behind ours before a record counts as older than the step. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** Attributes as the record names them, when they differ from the request's. */
const RECORD_FIELDS = {
    resource_category: ['resource_categories', 'resource_category'],
    services: ['dev_services', 'services']
};
/** The attributes a reuse compares, besides arch; read_me and description are not compared. */
const COMPARED_ATTRIBUTES = [
    'service_type',
    'visibility',
    'resource_category',
    'services',
    'origin',
    'flavor_type'
];
/** Identity, then attributes: the whole verdict on `record`. */
function judge(record, wanted) {
    const identity = identityOf(record, wanted);
    if (identity.kind === 'not-this-image')
        return identity;
    const { image, arch } = identity;
    const differences = wanted.body
        ? attributeDifferences(image, arch, wanted.body)
        : wanted.given
            ? attributeDifferences(image, arch, wanted.given, true)
            : [];
    return differences.length === 0
        ? { kind: 'same', image, arch }
        : { kind: 'differs', image, arch, differences };
}
/**
 * Whether the record is a registration of the path asked for (same-image.ts: this tag), and
 * readable enough to hand on: a known status; a known arch.
 */
function identityOf(record, wanted) {
    const not = (why) => ({ kind: 'not-this-image', why });
    const why = wanted.image
        ? whyNotThisImage(record, wanted.image, wanted.workspaceId)
        : notOurs(record, wanted.workspaceId);
    if (why)
        return not(`image ${record.id} ${why}`);
    const status = knownValue(record.status, STATUSES);
    if (!status)
        return not(`image ${record.id} has an unknown status`);
    const arch = knownValue(archOrDefault(record), ARCHES);
    if (!arch)
        return not(`image ${record.id} has an unknown arch`);
    const image = { ...record, status };
    if (record.arch !== undefined && record.arch !== null)
        image.arch = arch;
    return { kind: 'ok', image, arch };
}
/**
 * Whether a record registers the same namespace, name and tag as `image`, from any registry (the
 * shared SWR's host-less record, another Enterprise Edition instance): what ModelArts keys a
 * registration on, so such a record holds the tag in the workspace.
 */
function holdsTag(record, image) {
    const wanted = `${image.namespace}/${image.name}:${image.tag}`;
    // A host-less path is read as the wanted one first: `my.org/app:1` is namespace my.org.
    if (record.swr_path !== undefined)
        return record.swr_path === wanted || splitRegistry(record.swr_path).rest === wanted;
    return `${record.namespace}/${record.name}:${record.tag}` === wanted;
}
/**
 * The fields in which the record differs from what this run would register, each with both
 * values: arch (the record's, or the service default it stands for) and every attribute given,
 * case-insensitive, lists as sets. An attribute the record does not report is not compared.
 * `onlyGiven`: only what was given as inputs is compared, arch too (a wait on image_id).
 */
function attributeDifferences(record, recordArch, wanted, onlyGiven = false) {
    const found = [];
    const wantedArch = onlyGiven ? wanted.arch : archOrDefault(wanted);
    if (wantedArch !== undefined && normalized(recordArch) !== normalized(wantedArch))
        found.push(`arch is ${normalized(recordArch)} (this run: ${normalized(wantedArch)})`);
    for (const field of COMPARED_ATTRIBUTES) {
        const want = wanted[field];
        if (want === undefined)
            continue;
        const have = (RECORD_FIELDS[field] ?? [field])
            .map(name => record[name])
            .find(value => value !== undefined && value !== null);
        if (have === undefined)
            continue;
        if (normalized(have) !== normalized(want))
            found.push(`${field} is ${normalized(have)} (this run: ${normalized(want)})`);
    }
    return found;
}
/**
 * Whether a record found after a lost answer or a conflict was made by this run: the look-up
 * before the registration did not show it, and it is not older than the step (allowing for the
 * service's clock being a little behind). Otherwise it is an existing registration.
 */
function madeByThisRun(record, seenBefore, startedAt) {
    if (seenBefore.has(record.id))
        return false;
    return record.create_at === undefined || record.create_at >= startedAt - CLOCK_SKEW_MS;
}
/** Statuses of a registration still being made: a concurrent run is waiting on it. */
const IN_PROGRESS = new Set(['INIT', 'CREATING']);
/**
 * Why `replace` must not delete this registration, or undefined when it may: one still being made
 * (INIT, CREATING), one that does not say when it was made, or one created less than two minutes
 * before the step started or after it (a sibling job's, allowing for a service clock that is behind
 * ours). Such a one is waited on instead.
 */
function inUseByAnotherRun(record, startedAt) {
    // Records arrive with their status in upper case (cloud/modelarts.ts reads them).
    const { status } = record;
    if (IN_PROGRESS.has(status))
        return `it is still ${status}: a concurrent run may be waiting on it`;
    // In doubt, keep: a record that does not say when it was made may be a sibling's of a moment ago.
    if (typeof record.create_at !== 'number' || !Number.isFinite(record.create_at))
        return 'it does not say when it was registered (no create_at): it may be a concurrent run\u2019s';
    if (record.create_at >= startedAt - CLOCK_SKEW_MS)
        return 'it was registered less than two minutes before this step started, or after: a concurrent run\u2019s';
    return undefined;
}
/** The value in the API's spelling when it is one of `known` in any case, else undefined. */
function knownValue(value, known) {
    if (typeof value !== 'string')
        return undefined;
    const upper = value.toUpperCase();
    return known.find(k => k === upper);
}
function normalized(value) {
    return (Array.isArray(value) ? value.map(String) : [String(value)])
        .map(v => v.toUpperCase())
        .sort()
        .join(', ');
}

;// CONCATENATED MODULE: ./src/steps/path-look-up.ts
/**
 * Is this swr_path registered in the workspace? A look-up that siblings registering and deleting
 * in the same repository cannot break: a changing list is read again, never a failed step.
 */






/** The pauses between readings of a changing list: full jitter, so siblings do not re-read in step. */
const REREAD_PAUSES = { baseMs: 1_000, maxMs: 8_000 };
/**
 * The records holding this path's namespace, name and tag (from any registry), from every reading.
 * A record of the path seen in any reading is found: the look-up ends there. Absence needs a
 * reading that did not change; while readings keep changing, the list is read again after a
 * jittered pause, within a best-effort slice of the budget (sized on what is left of it). When
 * the slice ends unsettled, the records seen are returned all the same: registering is then safe,
 * since ModelArts refuses a duplicate and the conflict path looks the registration up again.
 */
async function lookUpPath(run, image) {
    const { modelArts: client, workspaceId, budget, log } = run;
    const slice = budget.slice(bestEffortSliceMs(budget.remainingMs()));
    const seen = new Map();
    for (let reading = 1;; reading++) {
        const { images, changed } = await client.readList(image, workspaceId, record => holdsTag(record, image));
        for (const record of images)
            seen.set(record.id, record);
        const records = [...seen.values()];
        if (!changed || records.some(record => isRegistration(record, image, workspaceId)))
            return records;
        const pause = (0,retry/* backoffMs */.jo)(reading, undefined, REREAD_PAUSES, run.runtime.random);
        if (pause >= slice.remainingMs()) {
            log.info(`the image list kept changing while it was read (${reading} readings; other runs registering or deleting): going on without a settled reading; ModelArts refuses a duplicate`);
            return records;
        }
        log.info(`the image list changed while it was read (other runs registering or deleting): reading it again in ${(0,base_runtime/* formatDuration */.a)(pause)}`);
        await slice.pause(pause, 'look up existing registration');
    }
}
/** A record of the path that still stands: found, whatever a later reading shows. */
function isRegistration(record, image, workspaceId) {
    return whyNotThisImage(record, image, workspaceId) === undefined && record.status !== DELETED;
}

;// CONCATENATED MODULE: ./src/steps/provenance.ts
/**
 * Where a run comes from, for the default description and the summary's run link; @actions/github
 * is loaded once the inputs are valid and the first requests are written, so its evaluation
 * overlaps their answers.
 */

/**
 * Reads @actions/github's context once the event loop has polled for I/O: the requests the run
 * started meanwhile are written first, and the package's evaluation (Octokit) overlaps their answers.
 */
async function loadProvenance() {
    // An immediate set from an immediate runs after the next poll, whichever phase this starts in.
    await new Promise(resolve => setImmediate(() => setImmediate(resolve)));
    const { context } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    let repository;
    try {
        repository = `${context.repo.owner}/${context.repo.repo}`;
    }
    catch {
        repository = undefined; // not in a workflow run: no GITHUB_REPOSITORY and no event payload
    }
    const number = (value) => Number.isInteger(value) && value > 0 ? String(value) : undefined;
    return {
        repository,
        sha: context.sha || undefined,
        workflow: context.workflow || undefined,
        runId: number(context.runId),
        runAttempt: number(context.runAttempt),
        serverUrl: context.serverUrl || undefined
    };
}
/**
 * "Registered by GitHub Actions from owner/repo@abc1234 (workflow, run 42): <run url>", ending with
 * the image's digest when it is known; at most 512 characters (the API's limit), the digest kept.
 */
function provenanceDescription(p, digest) {
    const parts = [
        p.repository
            ? `Registered by GitHub Actions from ${p.repository}${p.sha ? `@${p.sha.slice(0, 12)}` : ''}`
            : 'Registered by modelarts-register-image-action'
    ];
    const about = [p.workflow, p.runId && `run ${p.runId}`].filter(Boolean).join(', ');
    if (p.repository && about)
        parts.push(`(${about})`);
    const url = runUrl(p);
    if (url)
        parts.push(url);
    const tail = digest ? ` ${digest}` : '';
    return parts.join(' ').slice(0, 512 - tail.length) + tail;
}

;// CONCATENATED MODULE: ./src/steps/look-ups.ts
/**
 * The look-ups before anything is written, side by side: the SWR check and ModelArts' list of the
 * path's registrations; neither waits for the other. Then what the run asks for, decided once.
 */





/**
 * Starts the SWR check and the list, waits for the check, and records what it learned and what the
 * run asks for. A cancel or the deadline ends both (they share the budget); a look-up left running
 * when the other fails is observed, never an unhandled rejection, and ends with the step.
 */
async function lookUp(run, provenance) {
    const { subject, workspaceId, config } = run;
    if ('imageId' in subject) {
        // image_id: no look-up; the attributes given are compared with the record as for a reuse.
        const facts = await learned(run, checkImage(run), provenance);
        const body = config.image && asked(run, config.image, facts);
        if (body)
            record(run, body);
        run.wanted = { image: config.image, workspaceId, given: config.attributes };
        return subject;
    }
    const { image } = subject;
    const checking = observed(checkImage(run));
    const listed = observed(lookUpPath(run, image));
    const facts = await learned(run, checking, provenance, 'look up existing registration');
    const body = asked(run, image, facts);
    record(run, body);
    run.wanted = { image, workspaceId, body };
    return { image, listed, body };
}
/**
 * What the SWR check learned, and where the run comes from, on the run's result. `deadline`: the
 * list may have come back long before the check ended; the deadline is met here, where the list
 * would have gone out after the check, so a check that ran past it ends the step as timed out (its
 * registry part only warns), never a decision taken after the step's time.
 */
async function learned(run, checking, provenance, deadline) {
    const facts = await checking;
    if (deadline)
        run.budget.assertOpen(deadline);
    Object.assign(run.result, { facts, provenance: await provenance });
    return facts;
}
/** The body decided, on the run's result. */
function record(run, body) {
    Object.assign(run.result, { arch: archOrDefault(body), body: { ...body } });
}
/** The RegisterImage body, built once: the path, the attributes given, the arch decided, a description. */
function asked({ config, result }, image, facts) {
    return {
        swr_path: image.swrPath,
        ...config.attributes,
        ...(facts.arch ? { arch: facts.arch } : {}),
        description: config.description ?? provenanceDescription(result.provenance ?? {}, facts.digest),
        ...(config.workspaceInput ? { workspace_id: config.workspaceInput } : {})
    };
}

;// CONCATENATED MODULE: ./src/cloud/list-reading.ts
/**
 * Reading a paged list others write to, as pure decisions: new records, a change told apart, its
 * end.
 */
function startReading() {
    return { seen: new Set(), offset: 0, changed: false, started: false };
}
/**
 * Takes one page into the reading: returns the records not seen before (the caller keeps what it
 * needs of them) and whether the reading has ended. It ends on an empty page, once `total` is
 * reached, or on a page that brings nothing new (a server repeating a page would otherwise be
 * read forever): that one counts as a change, since what the list holds past it was never seen.
 */
function takePage(reading, page) {
    const { records, total } = page;
    if (!reading.started) {
        reading.started = true;
        if (total !== undefined)
            reading.firstTotal = total;
    }
    else if (total !== reading.firstTotal)
        reading.changed = true;
    const fresh = [];
    for (const record of records) {
        if (reading.seen.has(record.id)) {
            // Twice on one page is the same record; on a later page it means the list shifted.
            if (!fresh.some(taken => taken.id === record.id))
                reading.changed = true;
            continue;
        }
        reading.seen.add(record.id);
        fresh.push(record);
    }
    reading.offset += records.length;
    if (records.length === 0)
        return { fresh, ended: true };
    if (fresh.length === 0) {
        reading.changed = true;
        return { fresh, ended: true };
    }
    return { fresh, ended: total !== undefined && reading.offset >= total };
}

;// CONCATENATED MODULE: ./src/cloud/modelarts.ts
/**
 * The ModelArts image API (register, show, list, delete, confirm gone); every record is checked and
 * normalised where it is read, so an id that is not one, or another image's record, is unreadable.
 */








/** ModelArts' answer when the image does not exist (with HTTP 400 or 404). */
const NOT_FOUND_CODE = 'ModelArts.6404';
/** ModelArts' answers when the tag is registered already (6737 for images, 2884 seen elsewhere). */
const CONFLICT_CODES = new Set(['ModelArts.6737', 'ModelArts.2884']);
/** ModelArts reports "no such image" as ModelArts.6404, with HTTP 400 or 404. */
function isNotFound(error) {
    return (error instanceof errors/* ApiError */.hD &&
        (error.errorCode === NOT_FOUND_CODE ||
            // A gateway's 404 (shared APIGW., dedicated APIG.) is a wrong endpoint, not a missing image.
            (error.status === 404 && !/^APIGW?\./.test(error.errorCode))));
}
/**
 * DeleteImage refused an image in use. Huawei documents the refusal but no code for it: a 4xx
 * (not 401 or 403: a missing modelarts:image:delete must not pass for one) whose message says so.
 */
function isInUse(error) {
    return (error instanceof errors/* ApiError */.hD &&
        error.status >= 400 &&
        error.status < 500 &&
        !AUTH_STATUSES.has(error.status) &&
        /\b(in use|being used|is used by)\b/i.test(error.errorMsg));
}
/** 401 and 403 are credentials and permissions whatever their message says: never "in use". */
const AUTH_STATUSES = new Set([401, 403]);
/** The answer to a registration: the tag is registered already. */
function isConflict(error) {
    return error instanceof errors/* ApiError */.hD && CONFLICT_CODES.has(error.errorCode);
}
const PAGE_SIZE = 100;
/** The list API documents names as lower-case letters, digits, -, _ and . only. */
const LISTABLE_NAME = /^[a-z0-9._-]{1,512}$/;
/** A ModelArts client for one project. */
class ModelArtsClient {
    http;
    endpoint;
    projectId;
    auth;
    extraHeaders;
    constructor(http, endpoint, projectId, auth, 
    /** Headers every ModelArts call carries (X-Project-Id with AK/SK, as the SDKs send). */
    extraHeaders = {}) {
        this.http = http;
        this.endpoint = endpoint;
        this.projectId = projectId;
        this.auth = auth;
        this.extraHeaders = extraHeaders;
    }
    /** RegisterImage. Only a 429 is retried here: the caller decides what a lost answer means. */
    async register(body) {
        const what = 'register image';
        const response = await this.request(what, 'POST', this.imagesPath(), {
            body,
            retry: 'throttled-only',
            permission: PERMISSIONS.registerImage
        });
        return readImage(what, response.body, response, this.http.redact);
    }
    /** ShowImage; the answer must be the record of `id`. `budget`: the last check's grace. */
    async show(id, budget) {
        const what = 'check image status';
        const response = await this.request(what, 'GET', this.imagePath(id), {
            budget,
            permission: PERMISSIONS.showImage
        });
        const image = readImage(what, response.body, response, this.http.redact);
        if (image.id !== id)
            throw unreadable(what, response, `the answer is for image ${image.id}`);
        return image;
    }
    /**
     * The registration, or undefined once it is gone: ModelArts says it does not exist, or shows it
     * as DELETED.
     */
    async showUnlessGone(id, budget) {
        try {
            const image = await this.show(id, budget);
            return image.status === DELETED ? undefined : image;
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
    }
    /**
     * The one test of a delete having taken effect: ShowImage until the image is gone, pausing
     * `pauseMs(n)` after check n, at most `checks` times, within `budget`. An error ends it (thrown)
     * unless `bestEffort`: then a failed check is noted and the next one tried, and a cancel or the
     * end of the budget ends it too, saying so (`stopped`). `last`: what the last check saw.
     */
    async confirmGone(id, budget, schedule) {
        let last = 'no answer';
        const stop = (error) => {
            if (!schedule.bestEffort)
                return undefined;
            if (error instanceof errors/* CancelledError */.cc)
                return 'cancel';
            return error instanceof errors/* DeadlineError */.j3 ? 'deadline' : undefined;
        };
        for (let check = 0; check < (schedule.checks ?? Infinity); check++) {
            try {
                const image = await this.showUnlessGone(id, budget);
                if (!image)
                    return { gone: true, last };
                last = `still listed as ${image.status}`;
            }
            catch (error) {
                const stopped = stop(error);
                if (stopped)
                    return { gone: false, last, stopped };
                if (!schedule.bestEffort)
                    throw error;
                last = (0,errors/* messageOf */.bD)(error);
            }
            try {
                await budget.pause(schedule.pauseMs(check), `confirm the delete of image ${id}`);
            }
            catch (error) {
                const stopped = stop(error);
                if (!stopped)
                    throw error;
                return { gone: false, last, stopped };
            }
        }
        return { gone: false, last };
    }
    /**
     * One reading of the list, every page however many (no cap: a namespace may hold 20,000), each
     * id once, keeping only the records `keep` accepts; `changed` when the list changed between
     * pages (`total` differs, an id came back, a page brought nothing new): then some record may
     * have been missed. The list API defaults to preset images (type=BUILD_IN) and fuzzy names, so
     * both are set explicitly; there is no tag or path filter, so the caller compares paths. A
     * repository name the name filter does not accept (one with `/`) is listed by namespace alone.
     * Pages are followed until one comes back empty, brings no record not seen before, or `total`
     * is reached, whatever page size the service chose: a partial list never passes for the whole.
     */
    async readList(image, workspaceId, keep) {
        const reading = startReading();
        const kept = [];
        for (;;) {
            const page = await this.listPage(image, workspaceId, reading.offset);
            const { fresh, ended } = takePage(reading, page);
            for (const record of fresh)
                if (keep(record))
                    kept.push(record);
            if (ended)
                return { images: kept, changed: reading.changed };
        }
    }
    async listPage(image, workspaceId, offset) {
        const what = 'look up existing registration';
        const byName = LISTABLE_NAME.test(image.name);
        const response = await this.request(what, 'GET', this.imagesPath(), {
            query: {
                type: 'DEDICATED',
                ...(byName ? { name: image.name, name_fuzzy_match: 'false' } : {}),
                namespace: image.namespace,
                workspace_id: workspaceId,
                limit: String(PAGE_SIZE),
                offset: String(offset)
            },
            permission: PERMISSIONS.listImages
        });
        const body = response.body;
        const data = (0,json/* isObject */.G)(body) ? body.data : undefined;
        if (!Array.isArray(data))
            throw unreadable(what, response, 'the answer has no data list');
        const records = data.map(entry => readImage(what, entry, response, this.http.redact));
        const total = (0,json/* isObject */.G)(body) && typeof body.total === 'number' ? body.total : undefined;
        return { records, total };
    }
    /**
     * DeleteImage, never forced: a forced delete would also delete the image in SWR. Its answer is
     * not proof: the caller confirms with `confirmGone`.
     */
    async delete(id) {
        await this.request('delete existing registration', 'DELETE', this.imagePath(id), {
            body: { is_force: false },
            permission: PERMISSIONS.deleteImage
        });
    }
    /** The one send of this client: its endpoint, headers and auth; retried when transient unless told. */
    request(what, method, path, rest) {
        return this.http.send({
            retry: 'transient',
            ...rest,
            what,
            method,
            endpoint: this.endpoint,
            path,
            headers: this.extraHeaders,
            auth: this.auth
        });
    }
    imagesPath() {
        return `/v1/${encodeURIComponent(this.projectId)}/images`;
    }
    imagePath(id) {
        return `${this.imagesPath()}/${encodeURIComponent(id)}`;
    }
}
const TEXT_FIELDS = ['name', 'namespace', 'tag', 'swr_path', 'status_message', 'workspace_id'];
/**
 * An image record, checked: `id` is 1 to 128 of [A-Za-z0-9_-], `status` a string, and every text
 * field the action prints is cleaned of control characters, known secrets masked before it is cut;
 * status and arch in upper case, as the API spells them, here once. Else an unreadable answer.
 */
function readImage(what, value, response, redact) {
    if (!(0,json/* isObject */.G)(value))
        throw unreadable(what, response, 'an image record is not an object');
    const { id, status } = value;
    if (typeof id !== 'string' || !IMAGE_ID.test(id))
        throw unreadable(what, response, 'an image record has no valid id');
    if (typeof status !== 'string' || status.trim() === '')
        throw unreadable(what, response, `image ${id} has no status`);
    const image = { ...value, id, status: (0,base_text/* serverText */.T)(redact(status), 64).toUpperCase() };
    if (typeof value.arch === 'string')
        image.arch = value.arch.toUpperCase();
    for (const field of TEXT_FIELDS) {
        const text = value[field];
        if (text === undefined || text === null)
            delete image[field];
        else if (typeof text === 'string')
            image[field] = (0,base_text/* serverText */.T)(redact(text), 2048);
        else
            throw unreadable(what, response, `image ${id} has a ${field} that is not text`);
    }
    if (typeof value.create_at !== 'number')
        delete image.create_at;
    return image;
}
const unreadable = cloud_answer/* unreadableAnswer */.Cw;

;// CONCATENATED MODULE: ./src/steps/registration.ts
/**
 * Find or register, never twice: if_exists applied, a lost answer or a conflict looked up again,
 * every record adopted through the verdict; what is left half done is noted on the run.
 */








/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3;
/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
async function findOrRegister(run, path) {
    const plan = await planRegistration(run, path);
    switch (plan.action) {
        case 'reuse':
            run.log.info(`${alreadyRegistered(path, plan.image)}: reusing it (${plan.why})`);
            return { image: plan.image, arch: plan.arch, created: false };
        case 'replace':
            run.log.info(`${alreadyRegistered(path, plan.image)}: deleting it and registering again (${plan.why})`);
            if (!(await deleteAndConfirm(run, plan.image.id)))
                return keptInUse(run, path, plan);
            run.writes.deletedId = plan.image.id;
            return register(run, path, plan.seen);
        case 'register':
            return register(run, path, plan.seen);
    }
}
/**
 * Judges the listed registrations and decides, writing nothing: what a dry run reports, and what a
 * real run does. Throws AlreadyRegisteredError where the step must fail before any write.
 */
async function planRegistration(run, path) {
    const { ifExists } = run.config;
    const { found: existing, seen } = judgeListed(run, await path.listed);
    if (!existing)
        return { action: 'register', seen };
    const { image } = existing;
    if (ifExists === 'fail')
        stopOn(run, existing, 'if-exists-fail', `${alreadyRegistered(path, image)}, and if_exists is fail`);
    const failed = FAILED_STATUSES.has(image.status);
    // A sibling job's registration (being made, or made just now) is waited on even with replace:
    // deleting it would undo that job's work.
    const inUse = ifExists === 'replace' ? inUseByAnotherRun(image, run.startedAt) : undefined;
    if (!failed && (ifExists === 'reuse' || inUse)) {
        assertSame(run, path, existing);
        const why = inUse ? `not replaced: ${inUse}` : 'if_exists: reuse';
        return { action: 'reuse', image, arch: existing.arch, why };
    }
    const why = ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one';
    const differences = existing.kind === 'differs' ? existing.differences : [];
    return { action: 'replace', image, arch: existing.arch, differences, why, seen };
}
/**
 * A replace that ModelArts refused because the image is in use: nothing was deleted, so the step
 * goes on with the registration (and fails if it failed) only when it is the image asked for.
 */
function keptInUse(run, path, { image, arch, differences }) {
    if (differences.length)
        stopOn(run, { image, arch }, 'differs', `${differsFrom(path, image, differences)}. It is in use (ModelArts refused to delete it), so it could not be replaced, ` +
            'and going on with it would hand later steps the wrong image: fix the inputs (or the tag), or re-run once nothing uses it');
    run.log.warning(`image ${image.id} kept: in use (ModelArts refused to delete it); waiting on it instead of replacing it`);
    return { image, arch, created: false };
}
/**
 * The registration of the path among the listed records, judged; and every id the list showed, so
 * that a record found later can be told from one that existed already.
 */
function judgeListed(run, records) {
    const seen = new Set(records.map(record => record.id));
    for (const record of records) {
        const verdict = judge(record, run.wanted);
        if (verdict.kind !== 'not-this-image' && verdict.image.status !== DELETED)
            return { found: verdict, seen };
    }
    return { seen };
}
function alreadyRegistered({ image: path }, image) {
    return `${path.swrPath} is already registered as image ${image.id} (status ${image.status})`;
}
/** The registration that stops the step, recorded on the run's result: the summary shows it. */
function stopOn(run, { image, arch }, reason, message) {
    Object.assign(run.result, { image, arch, created: false });
    throw new errors/* AlreadyRegisteredError */.Fx(reason, message);
}
/** The registration, and each field in which it differs from what this run would register. */
function differsFrom(path, image, differences) {
    return `${alreadyRegistered(path, image)}, but it differs from what this run would register: ${differences.join('; ')}`;
}
/** Reuse hands later steps an existing registration, so it must be the one asked for. */
function assertSame(run, path, found) {
    if (found.kind === 'same')
        return;
    stopOn(run, found, 'differs', `${differsFrom(path, found.image, found.differences)}. ` +
        'Reusing it would hand later steps the wrong image: fix the inputs (or the tag), or set if_exists: replace to register it again');
}
async function register(run, path, seenBefore) {
    const { log } = run;
    let answerLost = false;
    for (let attempt = 1;; attempt++) {
        try {
            const answer = await send(run, path);
            const verdict = judge(answer, run.wanted);
            if (verdict.kind !== 'same') {
                const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why;
                throw (0,cloud_answer/* unreadableAnswer */.Cw)('register image', { status: 200 }, `the answer is not the image asked for (${why})`);
            }
            log.info(`registered ${path.image.swrPath} as image ${verdict.image.id} (status ${verdict.image.status})`);
            done(run);
            return { image: verdict.image, arch: verdict.arch, created: true };
        }
        catch (error) {
            const conflict = isConflict(error);
            if (!conflict && !(0,errors/* isTransient */.dg)(error))
                throw error;
            log.info(`${(0,errors/* messageOf */.bD)(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`);
            // Looked up again as the first look-up did.
            const again = await lookUpPath(run, path.image);
            const { found } = judgeListed(run, again);
            if (found)
                return adopt(run, path, found, (!conflict || answerLost) && madeByThisRun(found.image, seenBefore, run.startedAt));
            if (conflict)
                throw await conflictUnexplained(run, path, again, (0,errors/* messageOf */.bD)(error));
            answerLost = true;
            if (attempt >= MAX_REGISTER_ATTEMPTS)
                throw error;
            const pause = 1000 * attempt * (0.5 + run.runtime.random() / 2);
            log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`);
            await run.budget.pause(pause, 'register image');
        }
    }
}
/**
 * A conflict that no registration of the path explains. A record listed (first or now) that holds
 * the same namespace, name and tag from another registry is the cause: named. Otherwise ModelArts
 * does not list what it says is there (an Enterprise Edition registration, perhaps).
 */
async function conflictUnexplained(run, path, again, answer) {
    const { image } = path;
    const { workspaceId } = run;
    const listed = [...again, ...(await path.listed)];
    const holder = listed.find(record => holdsTag(record, image) && record.status !== DELETED);
    if (holder) {
        const swrPath = holder.swr_path ?? `${holder.namespace}/${holder.name}:${holder.tag}`;
        const registry = splitRegistry(swrPath).registry ?? 'the shared SWR of the region (no host in its swr_path)';
        return new errors/* TagRegisteredElsewhereError */.f5({ id: holder.id, swrPath, registry }, image.swrPath, workspaceId);
    }
    const instance = path.body.swr_instance_id;
    return new errors/* ServiceStateError */.hy('register image', `ModelArts reports the tag as registered (${answer}) but does not list a registration of ${image.swrPath} in workspace ${workspaceId}` +
        (instance
            ? ` (swr_instance_id ${instance}: it may not list SWR Enterprise Edition registrations)`
            : '') +
        `, so if_exists: ${run.config.ifExists} could not be applied`);
}
/**
 * RegisterImage, its answer read back with ShowImage when it does not say which image it is
 * (`{id, status}`). Until an answer is read, the POST counts as one whose answer was lost.
 */
async function send(run, path) {
    refuseInDryRun(run, 'register');
    const { modelArts, writes } = run;
    const lostBefore = writes.answerLost === true;
    writes.answerLost = true;
    let answer;
    try {
        answer = await modelArts.register(path.body);
    }
    catch (error) {
        // An answer the service sent (a refusal, a conflict) is not lost.
        if (error instanceof errors/* ApiError */.hD && !(0,errors/* isTransient */.dg)(error))
            writes.answerLost = lostBefore;
        throw error;
    }
    writes.answerLost = lostBefore;
    if (saysWhatItIs(answer))
        return answer;
    run.log.info(`the register answer for image ${answer.id} does not say which image it is: reading it back`);
    try {
        return await modelArts.show(answer.id);
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
        // Like an answer that is not this image: looked up, as a lost one is.
        throw (0,cloud_answer/* unreadableAnswer */.Cw)('register image', { status: 200 }, `the answer names image ${answer.id}, which ModelArts does not show (${(0,errors/* messageOf */.bD)(error)})`);
    }
}
/** The registration is made: nothing is left half done. */
function done(run) {
    Object.assign(run.writes, { deletedId: undefined, answerLost: false });
}
/**
 * A registration found after a lost answer or a conflict. This run's own (the look-up before the
 * POST did not show it, and it is not older than the step) or another's, in which case if_exists
 * applies; either way it is handed on only when it is the image asked for.
 */
function adopt(run, path, found, ours) {
    const { image } = found;
    const { swrPath } = path.image;
    done(run);
    if (!ours && run.config.ifExists === 'fail')
        stopOn(run, found, 'if-exists-fail', `${swrPath} is registered as image ${image.id}, not by this run, and if_exists is fail`);
    if (ours && found.kind === 'differs')
        throw new errors/* ServiceStateError */.hy('register image', `ModelArts registered ${swrPath} as image ${image.id} for this run, but not as asked: ` +
            `${found.differences.join('; ')}. The service registered something else; it is not handed on: ` +
            `check the inputs, then delete image ${image.id} and re-run`);
    assertSame(run, path, found);
    run.log.info(`found image ${image.id} (status ${image.status}): ${ours ? 'adopting this run\u2019s registration' : 'reusing it'}`);
    return { image, arch: found.arch, created: ours };
}
/**
 * Deletes a registration and waits until ModelArts no longer shows it, so the path is free again;
 * false when ModelArts refuses because the image is in use (nothing was deleted).
 */
async function deleteAndConfirm(run, id) {
    refuseInDryRun(run, `delete image ${id}`);
    try {
        await run.modelArts.delete(id);
    }
    catch (error) {
        if (isInUse(error))
            return false;
        if (!isNotFound(error))
            throw error;
    }
    const gone = await run.modelArts.confirmGone(id, run.budget, REPLACE_CONFIRMS);
    if (gone.gone)
        return true;
    throw new errors/* ServiceStateError */.hy(`delete image ${id}`, 'ModelArts still shows it after the delete; try again later');
}
/** replace waits for the path to be free: 30 checks, 1 s apart doubling to 5 s, on the step's budget. */
const REPLACE_CONFIRMS = {
    checks: 30,
    pauseMs: (check) => Math.min(1000 * 2 ** check, 5000)
};
/** Every write checks dry_run itself, whoever called it. */
function refuseInDryRun(run, what) {
    if (run.config.dryRun)
        throw new Error(`internal: asked to ${what} in a dry run`);
}

;// CONCATENATED MODULE: ./src/steps/retention.ts
/**
 * keep_last, once the step has succeeded: deletes what decide/retention.ts plans, each confirmed
 * gone; its failures are warnings, and only a cancel changes how the step ends.
 */






/** keep_last's confirmations: one a second, until the slice ends. */
const CONFIRMS = { pauseMs: () => 1_000, bestEffort: true };
const describe = (image) => `image ${image.id} (tag ${tagOf(image) ?? 'unknown'})`;
/** Lists every registration of the image, picks the older ones, deletes and confirms them. */
async function keepNewest(run, rules, planned) {
    const { log } = run;
    const { dryRun } = run.config;
    const { registry, namespace, name } = rules.image;
    const reference = { registry, namespace, name, tag: '', swrPath: '' };
    // Only the same image's records are kept from the list: a namespace may hold 20,000.
    const listing = await run.modelArts.readList(reference, rules.workspaceId, record => isSameImage(record, rules));
    const result = emptyResult(dryRun);
    if (listing.changed) {
        log.warning('keep_last: the image list changed while it was read (another run registering or deleting): nothing was deleted; the next run tries again');
        return { ...result, listChanged: true };
    }
    // One planning call for a dry run and a real one: a dry run lists what the real run deletes.
    const plan = planRetention(afterPlan(listing.images, planned), rules);
    Object.assign(result, { chosen: plan.delete, kept: plan.keep, protect: plan.protect });
    log.info(`keep_last ${rules.keepLast}: keeping ${plan.keep.length}, ${dryRun ? 'would delete' : 'deleting'} ${plan.delete.length}` +
        (plan.protect.length ? `, ${plan.protect.length} protected` : ''));
    if (dryRun) {
        for (const image of plan.delete)
            log.info(`would delete ${describe(image)}`);
        return result;
    }
    const sent = await sendDeletes(run, plan.delete, result);
    await confirmDeletes(run, sent, result);
    return result;
}
/** Sends the deletes one by one; returns those the service accepted (or already had not). */
async function sendDeletes(run, chosen, result) {
    // Defence in depth: whoever calls this, a dry run sends no DELETE.
    if (run.config.dryRun)
        throw new Error('internal: keep_last was asked to delete in a dry run');
    const sent = [];
    for (const [index, image] of chosen.entries()) {
        let sending = false;
        try {
            run.budget.assertOpen('delete older registrations');
            sending = true;
            await run.modelArts.delete(image.id);
            sent.push(image);
        }
        catch (error) {
            if (isNotFound(error))
                sent.push(image);
            else if (isInUse(error))
                retention_keptInUse(run, image, result);
            else if (error instanceof errors/* CancelledError */.cc || error instanceof errors/* DeadlineError */.j3) {
                stopSending(run, { left: chosen.slice(index), sending, error }, result);
                break;
            }
            else {
                result.notDeleted.push({ image, kind: 'not deleted', why: (0,errors/* messageOf */.bD)(error) });
                run.log.warning(`keep_last: could not delete ${describe(image)}: ${(0,errors/* messageOf */.bD)(error)}`);
            }
        }
    }
    return sent;
}
/** A delete refused because the image is in use: kept (protected), a warning, never a failure. */
function retention_keptInUse(run, image, result) {
    const why = 'kept: in use (ModelArts refused to delete it)';
    result.protect.push({ image, reason: 'in-use', why });
    run.log.warning(`keep_last: ${describe(image)} ${why}`);
}
/**
 * A cancel or the timeout while deleting: the delete in flight (its answer cut off) is unknown,
 * the rest are left for the next run. A cancel ends the step cancelled; a timeout leaves it green.
 */
function stopSending(run, stop, result) {
    const cancelled = stop.error instanceof errors/* CancelledError */.cc;
    if (cancelled)
        result.cancelled = true;
    const [first, ...rest] = stop.left;
    const inFlight = stop.sending && first !== undefined;
    if (first && inFlight)
        result.notDeleted.push({
            image: first,
            kind: 'unknown',
            why: 'unknown: the delete was sent and its answer cut off; check the image list'
        });
    const notSent = inFlight ? rest : stop.left;
    const cause = `the step's ${cancelled ? 'cancel' : 'timeout'} came first`;
    for (const image of notSent)
        result.notDeleted.push({ image, kind: 'not deleted', why: `left for the next run: ${cause}` });
    run.log.warning(`keep_last: ${notSent.length} older registration(s) left for the next run${inFlight ? ', 1 unknown (check the image list)' : ''}: ${cause}`);
}
/**
 * Confirms the deletes side by side (ShowImage: DELETED or not found) within a quarter of
 * `timeout`, at most a minute; only those confirmed go to `deleted`.
 */
async function confirmDeletes(run, sent, result) {
    const slice = run.budget.slice(bestEffortSliceMs(run.config.timeoutMs));
    const answers = await Promise.all(sent.map(image => run.modelArts.confirmGone(image.id, slice, CONFIRMS)));
    for (const [index, image] of sent.entries()) {
        const answer = answers[index];
        if (answer?.gone) {
            result.deleted.push(image);
            run.log.info(`deleted ${describe(image)}`);
            continue;
        }
        const end = answer?.stopped === 'cancel' ? 'the step was cancelled' : 'the time to confirm ran out';
        const why = `${answer?.last ?? 'no answer'} when ${end}; the next run deletes it if it is still there`;
        result.notDeleted.push({ image, kind: 'not confirmed', why });
        run.log.warning(`keep_last: the delete of ${describe(image)} is not confirmed: ${why}`);
    }
    if (run.budget.signal.aborted)
        result.cancelled = true;
}
/** How a dry run names the registration it would make: no image id has brackets or spaces. */
const NEW_REGISTRATION = '(the new registration)';
/** The registration a dry run would make, as keep_last would list it: this path, arch and workspace, now. */
function plannedOf(run, { registers, arch }) {
    const { config } = run;
    if (!registers || !config.image)
        return undefined;
    const record = {
        id: NEW_REGISTRATION,
        status: ACTIVE,
        swr_path: config.image.swrPath,
        tag: config.image.tag,
        arch,
        type: 'DEDICATED',
        workspace_id: run.workspaceId,
        create_at: run.startedAt
    };
    return { registers: record, ...(registers.replacing && { replacing: registers.replacing }) };
}
/**
 * The image whose registrations keep_last prunes: with image_id, the waited-on record's own path
 * (a host-less one in the region's shared SWR); otherwise the path given. Undefined: none usable.
 */
function imageToPrune(config, image, shared) {
    if (!config.imageId && config.image) {
        const { registry, namespace, name } = config.image;
        return { registry, namespace, name };
    }
    const where = image && repositoryOf(image, shared);
    const slash = where ? where.repository.indexOf('/') : -1;
    if (!where || slash < 1)
        return undefined;
    return {
        registry: where.registry,
        namespace: where.repository.slice(0, slash),
        name: where.repository.slice(slash + 1)
    };
}
/**
 * keep_last, once the image is ACTIVE (or, in a dry run, what it would delete). Its failures are
 * warnings: the step has succeeded, and the next run tries again. Only a cancel changes how the
 * step ends (result.cancelled).
 */
async function retain(run, handedOut) {
    const { config, log } = run;
    const { image } = handedOut;
    const { keepLast, dryRun } = config;
    if (keepLast === undefined)
        return undefined;
    if (!dryRun && image?.status !== ACTIVE)
        return undefined;
    const shared = sharedRegistryOf(config.region);
    const pruned = imageToPrune(config, image, shared);
    if (!pruned) {
        log.warning(`keep_last: image ${image?.id ?? 'unknown'} has no usable swr_path (registry/namespace/name:tag) to know which image to keep: nothing was deleted`);
        return undefined;
    }
    const planned = dryRun ? plannedOf(run, handedOut) : undefined;
    try {
        const rules = {
            image: pruned,
            arch: handedOut.arch,
            sharedRegistry: shared,
            workspaceId: run.workspaceId,
            keptId: planned?.registers.id ?? image?.id ?? '',
            keepLast,
            ...(run.keepTags && { keepTags: run.keepTags }),
            startedAt: run.startedAt
        };
        return await keepNewest(run, rules, planned);
    }
    catch (error) {
        log.warning(`keep_last: older registrations were not deleted: ${(0,errors/* messageOf */.bD)(error)}`);
        return error instanceof errors/* CancelledError */.cc ? { ...emptyResult(dryRun), cancelled: true } : undefined;
    }
}
/** A result with nothing in it yet: fresh lists, as the steps fill them in. */
function emptyResult(dryRun) {
    return { chosen: [], deleted: [], notDeleted: [], kept: [], protect: [], dryRun };
}

;// CONCATENATED MODULE: ./src/cloud/swr.ts
/**
 * SWR's management API, signed: the shared SWR's tag (ShowRepoTag, else the tag list) and
 * temporary login; an Enterprise Edition instance's registry host, tag digest and temporary login.
 */






/**
 * The one request shape of the SWR management API, for the region's calls and an instance's: its
 * endpoint, headers and auth, retried when transient (look-ups, and logins, which harm nothing
 * when issued twice).
 */
function request({ endpoint, auth, headers }, what, path) {
    return { what, method: 'GET', endpoint, path, headers, auth, retry: 'transient' };
}
/** The SWR management API of one region. */
class SwrClient {
    http;
    endpoint;
    auth;
    headers;
    constructor(http, endpoint, auth, 
    /** Signed into every call: X-Project-Id with AK/SK, as the SDKs send it. */
    headers = {}) {
        this.http = http;
        this.endpoint = endpoint;
        this.auth = auth;
        this.headers = headers;
    }
    /** The calls about one SWR Enterprise Edition instance, signed like this client's. */
    instance(instance) {
        const { http, endpoint, auth, headers } = this;
        return new SwrInstanceApi({ http, endpoint, auth, headers }, instance);
    }
    /** ShowRepoTag. A `/` inside the repository name is written `$`, as the API asks. */
    async showTag(image) {
        const what = 'read the tag in SWR';
        const path = `${repositoryPath(image)}/tags/${encodeURIComponent(image.tag)}`;
        return this.http.send({ ...this.request(what, path), permission: PERMISSIONS.showRepoTag }, response => readTag(what, response));
    }
    /**
     * ListRepositoryTags (v2), for a region whose SWR lacks ShowRepoTag: every page until the tag,
     * compared exactly here (the `tag` filter may match more). Undefined when it is not listed.
     */
    async findTag(image) {
        const what = 'list the tags in SWR';
        for (let page = 0, offset = 0; page < MAX_TAG_PAGES; page++) {
            const { found, rows, total } = await this.http.send({
                ...this.request(what, `${repositoryPath(image)}/tags`),
                query: { tag: image.tag, limit: String(TAG_PAGE), offset: String(offset) },
                permission: PERMISSIONS.listRepoTags
            }, response => readTagPage(what, response, image.tag));
            if (found)
                return found;
            offset += rows;
            // A service may serve shorter pages than asked: Content-Range's total, when given, says
            // where the list ends; only without it does a short page end it.
            if (rows === 0 || (total === undefined ? rows < TAG_PAGE : offset >= total))
                return undefined;
        }
        throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, { status: 200 }, `the tag list did not end after ${MAX_TAG_PAGES} pages`);
    }
    /**
     * CreateSecret: a temporary docker login for `registryHost`, as `user:password`. Undefined when
     * the answer has none for that host. Every login of the answer, its password and its base64 form
     * are masked before anything of the answer is written.
     */
    async temporaryLogin(region, registryHost, mask, budget) {
        const what = 'get a temporary SWR login';
        const response = await this.http.send({
            ...this.request(what, '/v2/manage/utils/secret'),
            method: 'POST',
            budget,
            query: { projectname: region },
            permission: PERMISSIONS.createLoginSecret,
            answerSecrets: { of: ({ body }) => [...loginsOf(body).values()].flatMap(loginForms), mask }
        });
        const auth = loginsOf(response.body).get(registryHost);
        if (!auth)
            return undefined;
        const login = Buffer.from(auth, 'base64').toString('utf8');
        return login.includes(':') ? login : undefined;
    }
    request(what, path) {
        const { endpoint, auth, headers } = this;
        return request({ endpoint, auth, headers }, what, path);
    }
}
/** The instance calls of the SWR management API (Enterprise Edition). */
class SwrInstanceApi {
    swr;
    instance;
    base;
    constructor(swr, instance) {
        this.swr = swr;
        this.instance = instance;
        this.base = `/v2/${encodeURIComponent(instance.projectId)}/instances/${encodeURIComponent(instance.instanceId)}`;
    }
    /** ShowInstance: the instance's registry address (`access_address`), as the answer gives it. */
    async accessAddress() {
        const what = `read SWR Enterprise Edition instance ${this.instance.instanceId}`;
        const request = { ...this.get(what, this.base), permission: PERMISSIONS.showInstance };
        return this.swr.http.send(request, response => {
            const address = (0,json/* isObject */.G)(response.body) ? response.body.access_address : undefined;
            if (typeof address !== 'string' || !instanceHost(address))
                throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, response, 'the instance has no usable access_address');
            return address;
        });
    }
    /**
     * The tag's digest, from ListInstanceTags (which has no name filter: every page is read until
     * the tag, compared exactly). ShowInstanceArtifact takes a digest, not a tag, so the tag is
     * resolved here. Undefined when the tag is not listed. A `/` inside the repository name is
     * written `%2F` and then escaped with the rest (`%252F` on the wire), as the API reference asks;
     * this call alone has no project id in its path.
     */
    async findTag(image) {
        const what = 'list the tags in the SWR Enterprise Edition instance';
        const path = `/v2/instances/${encodeURIComponent(this.instance.instanceId)}` +
            `/namespaces/${encodeURIComponent(image.namespace)}` +
            `/repositories/${encodeURIComponent(image.name.split('/').join('%2F'))}/tags`;
        for (let page = 0, offset = 0; page < MAX_TAG_PAGES; page++) {
            const request = {
                ...this.get(what, path),
                query: { offset: String(offset), limit: String(INSTANCE_TAG_PAGE) },
                permission: PERMISSIONS.listInstanceTags
            };
            const { found, rows, total } = await this.swr.http.send(request, response => readInstanceTagPage(what, response, image.tag));
            if (found)
                return found;
            offset += INSTANCE_TAG_PAGE;
            if (offset >= total)
                return undefined;
            // Offsets are multiples of the page size: a short page before the total is not the end.
            if (rows < INSTANCE_TAG_PAGE)
                throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, { status: 200 }, `a page of ${rows} tags before the end (total ${total})`);
        }
        throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, { status: 200 }, `the tag list did not end after ${MAX_TAG_PAGES} pages`);
    }
    /**
     * CreateInstanceTempCredential: a temporary login to the instance's registry, `user:password`.
     * The password, and the login in its base64 form, are masked before anything of the answer is
     * written.
     */
    async temporaryLogin(mask, budget) {
        const what = 'get a temporary login to the SWR Enterprise Edition instance';
        const response = await this.swr.http.send({
            ...this.get(what, `${this.base}/temp-credential`),
            method: 'POST',
            budget,
            permission: PERMISSIONS.createInstanceTempCredential,
            answerSecrets: { of: ({ body }) => instanceLoginSecrets(body), mask }
        });
        const body = (0,json/* isObject */.G)(response.body) ? response.body : {};
        const { auth_token: password, user_id: user } = body;
        if (typeof password !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(password))
            throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, response, 'the answer has no auth_token');
        if (typeof user !== 'string' || !/^[\x21-\x39\x3b-\x7e]{1,256}$/.test(user))
            throw (0,cloud_answer/* unreadableAnswer */.Cw)(what, response, 'the answer has no user_id');
        return `${user}:${password}`;
    }
    get(what, path) {
        return request(this.swr, what, path);
    }
}
/** CreateSecret's `auths`: each registry host's login, base64 `user:password` as Docker keeps it. */
function loginsOf(body) {
    const auths = (0,json/* isObject */.G)(body) ? body.auths : undefined;
    const entries = (0,json/* isObject */.G)(auths) ? Object.entries(auths) : [];
    return new Map(entries.flatMap(([host, entry]) => {
        const auth = (0,json/* isObject */.G)(entry) ? entry.auth : undefined;
        return typeof auth === 'string' && auth ? [[host, auth]] : [];
    }));
}
/** A login's secret forms: as given (base64), decoded, its password, and re-encoded. */
function loginForms(auth) {
    const login = Buffer.from(auth, 'base64').toString('utf8');
    if (!login.includes(':'))
        return [auth];
    return [auth, login, login.slice(login.indexOf(':') + 1), Buffer.from(login).toString('base64')];
}
/** CreateInstanceTempCredential's secrets: the password, and the login in its base64 form. */
function instanceLoginSecrets(body) {
    const { auth_token: password, user_id: user } = (0,json/* isObject */.G)(body) ? body : {};
    if (typeof password !== 'string')
        return [];
    return typeof user === 'string'
        ? [password, Buffer.from(`${user}:${password}`).toString('base64')]
        : [password];
}
/** Pages of a tag list: the shared SWR's up to 1000 rows, an instance's up to 100. */
const TAG_PAGE = 100;
const INSTANCE_TAG_PAGE = 100;
/** 100,000 tags: past that the budget, not the page count, would have ended the read. */
const MAX_TAG_PAGES = 1000;
/** `/v2/manage/namespaces/{namespace}/repos/{repository}`, a `/` in the name written `$`. */
function repositoryPath(image) {
    return (`/v2/manage/namespaces/${encodeURIComponent(image.namespace)}` +
        `/repos/${image.name.split('/').map(encodeURIComponent).join('$')}`);
}
/**
 * One page of ListRepositoryTags: a bare array of tag records (`Tag` capitalised), the total in
 * Content-Range (`0-99/250`). The record whose tag is exactly `tag`, read as ShowRepoTag's is.
 */
function readTagPage(what, response, tag) {
    const rows = response.body;
    if (!Array.isArray(rows))
        throw swr_unreadable(what, response, 'the answer is not a tag list');
    const range = /\/(\d+)\s*$/.exec((0,cloud_answer/* headerValue */.Z)(response.headers['content-range']) ?? '');
    const total = range ? Number(range[1]) : undefined;
    const record = rows.find(row => (0,json/* isObject */.G)(row) && (row.Tag ?? row.tag) === tag);
    return {
        found: record === undefined ? undefined : readTag(what, response, record),
        rows: rows.length,
        total
    };
}
/** One page of ListInstanceTags: `{tags: [{name, digest, \u2026}], total}`; the tag named exactly `tag`. */
function readInstanceTagPage(what, response, tag) {
    const body = (0,json/* isObject */.G)(response.body) ? response.body : {};
    const { tags, total } = body;
    if (!Array.isArray(tags) || typeof total !== 'number')
        throw swr_unreadable(what, response, 'the answer has no tag list and total');
    const record = tags.find(row => (0,json/* isObject */.G)(row) && row.name === tag);
    if (record === undefined)
        return { found: undefined, rows: tags.length, total };
    const digest = (0,json/* isObject */.G)(record) ? record.digest : undefined;
    if (typeof digest !== 'string' || !DIGEST.test(digest))
        throw swr_unreadable(what, response, `tag ${tag} has no sha256 digest`);
    return { found: { digest }, rows: tags.length, total };
}
/** A ShowRepoTag answer: a sha256 digest, and the manifest only when its text is the digest's. */
function readTag(what, response, body = response.body) {
    if (!(0,json/* isObject */.G)(body))
        throw swr_unreadable(what, response, 'the answer is not a tag record');
    const { digest, manifest } = body;
    if (typeof digest !== 'string' || !DIGEST.test(digest))
        throw swr_unreadable(what, response, 'the tag has no sha256 digest');
    // Only the text the digest stands for says what the tag is.
    if (typeof manifest !== 'string' || sha256(manifest) !== digest)
        return { digest, manifest: undefined };
    let parsed;
    try {
        parsed = JSON.parse(manifest);
    }
    catch {
        parsed = undefined;
    }
    return { digest, manifest: (0,json/* isObject */.G)(parsed) ? parsed : undefined };
}
/** An SWR answer that cannot be used is unreadable like any other: retried by reads. */
const swr_unreadable = cloud_answer/* unreadableAnswer */.Cw;

;// CONCATENATED MODULE: ./src/cloud/iam.ts
/** IAM: the project of a region, and a GitHub OIDC id token exchanged for an IAM token. */







/**
 * The region's project id: KeystoneListAuthProjects (`GET /v3/auth/projects`, the projects these
 * credentials can use; no permission needed) first, then KeystoneListProjects by name
 * (`iam:projects:listProjects`) only when that does not settle it (refused, or no single match).
 */
async function lookUpProjectId(http, iamEndpoint, region, auth) {
    const what = `look up the project of region ${region}`;
    const ask = {
        what,
        method: 'GET',
        endpoint: iamEndpoint,
        auth,
        retry: 'transient'
    };
    const usable = await http
        .send({ ...ask, path: '/v3/auth/projects' })
        .then(response => projectOf(what, response, region))
        .catch((error) => {
        // Refused, or not served here: the named look-up may still answer. A 401 is the key's
        // (wrong secret, clock): asking again would only count toward locking it.
        if (error instanceof errors/* ApiError */.hD && (error.status === 403 || error.status === 404))
            return undefined;
        throw error;
    });
    if (usable && 'id' in usable)
        return usable.id;
    const response = await http.send({
        ...ask,
        path: '/v3/projects',
        query: { name: region },
        permission: PERMISSIONS.listProjects
    });
    const found = projectOf(what, response, region);
    if ('id' in found)
        return found.id;
    const { ids } = found;
    const named = ids.length === 0 ? 'no project' : `${ids.length} projects (${ids.join(', ')})`;
    // No project for a misspelt region: say which region was probably meant.
    const hint = ids.length === 0 ? regionHint(region) : undefined;
    throw new errors/* ServiceStateError */.hy(what, `IAM has ${named} named ${region} for these credentials${hint ? ` (${hint})` : ''}; set project_id (or HUAWEI_CLOUD_PROJECT_ID)`);
}
/** The projects of a list answer named exactly `region`: one id, or every id found (0 or several). */
function projectOf(what, response, region) {
    const projects = (0,json/* isObject */.G)(response.body) ? response.body.projects : undefined;
    if (!Array.isArray(projects)) {
        throw new errors/* ApiError */.hD({
            what,
            status: response.status,
            errorMsg: 'the answer has no project list',
            requestId: response.requestId
        });
    }
    const ids = [];
    for (const project of projects) {
        const { id, name } = (0,json/* isObject */.G)(project) ? project : {};
        if (name !== region)
            continue;
        if (typeof id !== 'string' || !PROJECT_ID.test(id)) {
            throw new errors/* ApiError */.hD({
                what,
                status: response.status,
                errorMsg: `the project named ${region} has no valid id`,
                requestId: response.requestId
            });
        }
        ids.push(id);
    }
    const [only] = ids;
    return only !== undefined && ids.length === 1 ? { id: only } : { ids };
}
/**
 * CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens` with X-Idp-Id, scoped to the project
 * when it is known, else to the region's project by name. The token comes back in X-Subject-Token,
 * given to `mask` before anything of the answer is written.
 */
async function exchangeIdToken(http, iamEndpoint, request, mask) {
    const what = `exchange the GitHub OIDC token at IAM (identity provider ${request.identityProvider})`;
    const project = request.projectId ? { id: request.projectId } : { name: request.region };
    const response = await http.send({
        what,
        method: 'POST',
        endpoint: iamEndpoint,
        path: '/v3.0/OS-AUTH/id-token/tokens',
        headers: { 'X-Idp-Id': request.identityProvider },
        body: { auth: { id_token: { id: request.idToken }, scope: { project } } },
        auth: cloud_http/* noAuth */.CM,
        // Issuing a token twice harms nothing, so the exchange is retried like a look-up.
        retry: 'transient',
        answerSecrets: { of: ({ headers }) => [headers['x-subject-token']], mask }
    });
    const token = response.headers['x-subject-token'];
    if (typeof token !== 'string' || token === '' || (0,base_text/* hasControl */.a)(token)) {
        throw new errors/* ApiError */.hD({
            what,
            status: response.status,
            errorMsg: 'the answer has no X-Subject-Token header',
            requestId: response.requestId
        });
    }
    const scoped = response.body?.token
        ?.project?.id;
    if (scoped !== undefined && (typeof scoped !== 'string' || !PROJECT_ID.test(scoped))) {
        throw new errors/* ApiError */.hD({
            what,
            status: response.status,
            errorMsg: 'the token names a project without a valid id',
            requestId: response.requestId
        });
    }
    return { token, projectId: scoped };
}

;// CONCATENATED MODULE: ./src/steps/credentials.ts
/**
 * Turns the configured credentials into an authenticator and a project id: an access key (given, or
 * an agency's from STS), an IAM token, or one exchanged for the runner's OIDC id token.
 */



/** Resolves credentials and the project id, making the IAM calls that needs. */
async function resolveCredentials(config, deps) {
    const { credentials } = config;
    switch (credentials.kind) {
        case 'access-key': {
            const auth = (0,cloud_http/* accessKeyAuth */.Y5)(credentials);
            const projectId = config.projectId ?? (await findProject(config, deps, auth));
            return {
                auth,
                projectId,
                projectHeaders: { 'X-Project-Id': projectId },
                description: `${credentials.securityToken ? 'temporary access key' : 'access key'} from ${credentials.source}`
            };
        }
        case 'token': {
            const auth = (0,cloud_http/* tokenAuth */.o$)(credentials.token);
            const projectId = config.projectId ?? (await findProject(config, deps, auth));
            return { auth, projectId, projectHeaders: {}, description: 'IAM token (auth_token)' };
        }
        case 'agency':
            return agencyCredentials(config, credentials, deps);
        case 'oidc': {
            const idToken = await runnerIdToken('identity_provider', credentials.audience, deps);
            const scoped = await exchangeIdToken(deps.http, config.iamEndpoint, {
                identityProvider: credentials.identityProvider,
                idToken,
                region: config.region,
                projectId: config.projectId
            }, deps.mask);
            const projectId = config.projectId ?? scoped.projectId;
            if (!projectId) {
                throw new errors/* ServiceStateError */.hy('exchange the GitHub OIDC token at IAM', `IAM returned a token without a project for region ${config.region}; set project_id`);
            }
            return {
                auth: (0,cloud_http/* tokenAuth */.o$)(scoped.token),
                projectId,
                projectHeaders: {},
                description: `OIDC (identity provider ${credentials.identityProvider})`
            };
        }
    }
}
/**
 * The runner's OIDC id token, masked at once. Without `id-token: write` the runner gives no way to
 * ask: the error says to add exactly that.
 */
async function runnerIdToken(input, audience, deps) {
    if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new errors/* InputError */.dz([
            `${input}: this job cannot request a GitHub OIDC token. Add "permissions: id-token: write" to the job ` +
                '(pull requests from forks never get one; use access keys there)'
        ]);
    }
    // The runner's token service obeys the step's deadline and cancellation like every request.
    const idToken = await deps.http.within('get the GitHub OIDC id token from the runner', deps.getIdToken(audience));
    deps.mask(idToken);
    return idToken;
}
/** The agency's temporary key pair from STS, then signed like any temporary key. */
async function agencyCredentials(config, credentials, deps) {
    const idToken = await runnerIdToken('agency_urn', credentials.audience, deps);
    // Loaded here, in a chunk of its own: only runs with agency_urn use STS.
    const { assumeAgency } = await __webpack_require__.e(/* import() */ 842).then(__webpack_require__.bind(__webpack_require__, 8842));
    const assumed = await assumeAgency(deps.http, {
        stsEndpoint: config.stsEndpoint,
        agencyUrn: credentials.agencyUrn,
        providerUrn: credentials.providerUrn,
        idToken,
        timeoutMs: config.timeoutMs,
        provenance: await deps.provenance
    }, { log: deps.log, mask: deps.mask });
    const until = assumed.expiresAt ? ` until ${assumed.expiresAt.toISOString()}` : '';
    deps.log.info(`assumed agency ${credentials.agencyUrn} as session ${assumed.sessionName}: temporary credentials${until}`);
    const auth = (0,cloud_http/* accessKeyAuth */.Y5)(assumed);
    const projectId = config.projectId ?? (await findProject(config, deps, auth));
    return {
        auth,
        projectId,
        projectHeaders: { 'X-Project-Id': projectId },
        description: `agency ${credentials.agencyUrn} (keyless, STS)`
    };
}
async function findProject(config, deps, auth) {
    const projectId = await lookUpProjectId(deps.http, config.iamEndpoint, config.region, auth);
    deps.log.info(`project_id not given: IAM says region ${config.region} is project ${projectId}`);
    return projectId;
}

;// CONCATENATED MODULE: ./src/steps/run.ts
/**
 * The run: what every step draws on (config, clients, budget, log), passed as it is, and what the
 * steps learned, recorded on it as they learn it.
 */







/**
 * The budget (ended on a cancel, and when the steps are done: a look-up left running then stops at
 * once), the one HTTP client, the credentials and the project, and the clients of the run.
 */
async function openRun(around, opening) {
    const { config, secrets, log, startedAt } = opening;
    const subject = subjectOf(config);
    const { budget, stop } = new Budget(around.runtime, startedAt + config.timeoutMs, around.signal).stoppable();
    const redact = (text) => secrets.redact(text);
    const { runtime, requestTimeoutMs } = around;
    const http = new cloud_http/* HttpApi */.RF({ runtime, log, budget, requestTimeoutMs, redact });
    const close = () => {
        stop();
        http.dispose();
    };
    const mask = (secret) => secrets.add(secret);
    try {
        const { env, getIdToken } = around;
        const credentials = await resolveCredentials(config, {
            http,
            log,
            env,
            getIdToken,
            mask,
            provenance: opening.provenance
        });
        const { auth, projectId, projectHeaders: headers } = credentials;
        log.info(`ModelArts ${config.endpoint}, project ${projectId}, ${credentials.description}`);
        const workspaceId = workspaceOf(config);
        return {
            config,
            ...(opening.keepTags && { keepTags: opening.keepTags }),
            subject,
            workspaceId,
            runtime,
            log,
            budget,
            startedAt,
            http,
            modelArts: new ModelArtsClient(http, config.endpoint, projectId, auth, headers),
            swr: new SwrClient(http, config.swrEndpoint, auth, headers),
            projectId,
            mask,
            wanted: { image: config.image, workspaceId },
            writes: {},
            result: { config },
            close
        };
    }
    catch (error) {
        close();
        throw error;
    }
}
/** image_id, else swr_path: the input reader asks for one of them. */
function subjectOf({ image, imageId }) {
    if (imageId)
        return { imageId };
    if (image)
        return { image };
    throw new errors/* InputError */.dz(['swr_path: give the image to register (or image_id)']);
}

;// CONCATENATED MODULE: ./src/steps/status.ts
/**
 * The status of the registration waited on, always read through the verdict; and the registration
 * image_id names (its path and every attribute given compared as for a reuse).
 */





/**
 * ShowImage through the verdict: a record for another id, path, workspace, type or arch is not
 * this image, and is reported as an unreadable answer (the wait tries again), never adopted.
 */
async function showJudged(run, id, budget) {
    const record = await run.modelArts.show(id, budget);
    const verdict = judge(record, run.wanted);
    if (verdict.kind === 'same')
        return verdict.image;
    const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why;
    throw (0,cloud_answer/* unreadableAnswer */.Cw)('check image status', { status: 200 }, `the answer is not the image asked for (${why})`);
}
/**
 * image_id: the existing registration to wait on, checked to be a registration of swr_path with
 * the attributes given (no SWR check, no look-up, no write). Fails naming the id when ModelArts
 * has no such image, and naming each field (both values) when the record differs.
 */
async function existingRegistration(run, id) {
    const { wanted } = run;
    let record;
    try {
        record = await run.modelArts.show(id);
    }
    catch (error) {
        if (isNotFound(error))
            throw new errors/* ServiceStateError */.hy('find image_id', `ModelArts has no image ${id} in this project (${(0,errors/* messageOf */.bD)(error)}): check image_id`);
        throw error;
    }
    const verdict = judge(record, wanted);
    if (verdict.kind === 'not-this-image')
        throw new errors/* ServiceStateError */.hy('find image_id', `image ${id} is not a registration of ${wanted.image?.swrPath ?? 'this path'}: ${verdict.why}`);
    if (verdict.kind === 'differs')
        throw new errors/* ServiceStateError */.hy('find image_id', `image ${id} differs from the inputs: ${verdict.differences.join('; ')}; waiting on it would hand later steps another image: fix the inputs or image_id`);
    return { image: verdict.image, arch: verdict.arch, created: false };
}
/**
 * ShowImage, where "not found" means the registration was deleted while we waited: a final status
 * to report like the others, not an error.
 */
async function showOrDeleted(run, current, budget) {
    try {
        return await showJudged(run, current.id, budget);
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
        return {
            ...current,
            status: DELETED,
            status_message: `deleted while waiting (${(0,errors/* messageOf */.bD)(error)})`
        };
    }
}
/**
 * A dry run's plan with image_id: the record it names, judged as for a real wait: one that has
 * failed or is gone fails the wait (and keep_last never runs).
 */
async function planWait(run, id) {
    const registration = await existingRegistration(run, id);
    const { image } = registration;
    if (isFinal(image.status) && image.status !== ACTIVE) {
        const message = image.status_message ? `: ${image.status_message}` : '';
        throw new errors/* ServiceStateError */.hy('wait on image_id', `image ${id} is ${image.status}${message}`);
    }
    return registration;
}

;// CONCATENATED MODULE: ./src/steps/wait.ts
/**
 * Polls an image until it is final, the deadline passes or the run is cancelled, pausing through
 * the budget; clock and dice are the injected Runtime's, so the schedule is tested without real time.
 */





/** The first check comes this long after registering; each pause then doubles up to poll_interval. */
const FIRST_PAUSE_MS = 1_000;
/** Jitter only shortens a pause, by up to this share, so that it never delays noticing ACTIVE. */
const JITTER_SHARE = 0.1;
/**
 * The last check is due this long before the deadline: no request starts after it, and a timer on
 * a busy runner fires late. Its answer may then take the grace (FINAL_CHECK_GRACE_MS).
 */
const LAST_CHECK_LEAD_MS = 1_000;
/**
 * The pause before check number `index` (0 for the first check): 1 s, 2 s, 4 s \u2026 capped at
 * `pollIntervalMs`, shortened by up to 10% at random so a matrix of jobs does not poll in step.
 */
function pauseBeforeCheck(index, pollIntervalMs, random) {
    const base = Math.min(FIRST_PAUSE_MS * 2 ** Math.min(index, 30), pollIntervalMs);
    return Math.round(base * (1 - JITTER_SHARE * random()));
}
/** Waits on the registration, each status read through the verdict (steps/status.ts). */
function waitFor(run, image) {
    // The last check starts before the deadline; its answer gets a short grace.
    const lastCheck = run.budget.withGrace(FINAL_CHECK_GRACE_MS);
    const { pollIntervalMs } = run.config;
    return waitUntilFinal(image, current => showOrDeleted(run, current, lastCheck), {
        ...run,
        pollIntervalMs
    });
}
/**
 * Waits until `initial` is final. A check that fails with a transient error (after the HTTP
 * layer's own retries) does not end the wait: the next one may succeed, and only the deadline
 * decides when to give up. The last check is due LAST_CHECK_LEAD_MS before the deadline; after
 * it, the wait sits out the budget (nothing may start) and times out.
 */
async function waitUntilFinal(initial, show, options) {
    const { runtime, budget, log, startedAt, pollIntervalMs } = options;
    let image = initial;
    let checks = 0;
    let last = false;
    let lastProblem;
    while (!isFinal(image.status)) {
        const remaining = budget.remainingMs();
        if (remaining <= 0 || last)
            return timedOut(budget, image, lastProblem);
        const untilLast = Math.max(remaining - LAST_CHECK_LEAD_MS, 0);
        const planned = pauseBeforeCheck(checks, pollIntervalMs, runtime.random);
        last = planned >= untilLast;
        const pause = Math.min(planned, untilLast);
        log.info(`status ${image.status} (elapsed ${(0,base_runtime/* formatDuration */.a)(runtime.now() - startedAt)}, next check in ${(0,base_runtime/* formatDuration */.a)(pause)})`);
        try {
            await budget.pause(pause, 'wait for the image', { untilEnd: true });
            checks++;
            image = await show(image);
            lastProblem = undefined;
        }
        catch (error) {
            if (error instanceof errors/* CancelledError */.cc)
                return { outcome: { kind: 'cancelled' }, image };
            if (!(0,errors/* isTransient */.dg)(error) && !(error instanceof errors/* DeadlineError */.j3))
                return { outcome: { kind: 'error', error }, image };
            lastProblem = (0,errors/* messageOf */.bD)(error);
            const next = last ? '' : '; trying again until the timeout';
            log.warning(`could not check the status: ${lastProblem}${next}`);
        }
    }
    log.info(`status ${image.status} (elapsed ${(0,base_runtime/* formatDuration */.a)(runtime.now() - startedAt)})`);
    return { outcome: { kind: 'final' }, image };
}
/** The wait's end at the deadline, the last check done: the rest of the budget sat out. */
async function timedOut(budget, image, lastProblem) {
    try {
        const rest = budget.remainingMs();
        if (rest > 0)
            await budget.pause(rest, 'wait for the image', { untilEnd: true });
    }
    catch (error) {
        if (error instanceof errors/* CancelledError */.cc)
            return { outcome: { kind: 'cancelled' }, image };
        throw error;
    }
    return { outcome: { kind: 'timeout', lastProblem }, image };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The story in order: inputs, credentials, the look-ups, find or register, wait, keep_last, outputs
 * and summary. Each step records what it learns on the run; `conclude` says how the step ends.
 */


















/**
 * Entry point: runs the action in this process. `signal` aborts on SIGINT/SIGTERM; index.ts sets
 * the handlers before anything else loads.
 */
async function run(signal) {
    await runAction({
        runtime: base_runtime/* systemRuntime */.g,
        env: process.env,
        signal,
        getIdToken: audience => core/* getIDToken */.V9(audience)
    });
}
/** Runs the action once; never throws: every failure ends in core.setFailed. */
async function runAction(deps) {
    const secrets = new Secrets(core/* setSecret */.Pq);
    const startedAt = deps.runtime.now();
    // Every warning goes to the log as it happens, and to the job summary at the end.
    const warnings = [];
    const log = {
        info: core/* info */.pq,
        debug: core/* debug */.Yz,
        warning: message => {
            warnings.push(message);
            core/* warning */.$e(message);
        }
    };
    const learned = await execute(deps, secrets, startedAt, log).catch((error) => ({
        outcome: { kind: 'error', error }
    }));
    const result = {
        ...learned,
        ...(warnings.length ? { warnings } : {}),
        elapsedMs: deps.runtime.now() - startedAt
    };
    const conclusion = conclude(result);
    const problems = conclusion.failure ? [conclusion.failure] : [];
    try {
        setOutputs(result, core/* setOutput */.uH, text => secrets.redact(text));
    }
    catch (error) {
        problems.push(`could not write the step's outputs: ${(0,errors/* messageOf */.bD)(error)}`);
    }
    await writeSummary(summaryMarkdown(result, conclusion, text => secrets.redact(text)), deps.env);
    if (problems.length)
        core/* setFailed */.C1(secrets.redact(problems.join('; ')));
    else if (result.outcome.kind !== 'dry-run' && result.image)
        core/* info */.pq(`image ${result.image.id} is ${result.image.status}`);
}
/** The steps in order; returns what was learned, however far it got. */
async function execute(deps, secrets, startedAt, log) {
    const inputs = await main_readInputs(deps, secrets, log);
    if ('outcome' in inputs)
        return inputs;
    // Loaded beside the first requests; needed for the description and the summary's run link.
    const provenance = (deps.provenance ?? loadProvenance)().catch(() => ({}));
    let run;
    try {
        run = await openRun(deps, { ...inputs, secrets, log, startedAt, provenance });
    }
    catch (error) {
        return {
            config: inputs.config,
            provenance: await provenance,
            outcome: { kind: 'error', error }
        };
    }
    try {
        const outcome = await story(run, provenance);
        return { ...run.result, outcome };
    }
    catch (error) {
        // What the registration step left half done is said in the error and the headline.
        const { writes } = run;
        const halfDone = writes.deletedId || writes.answerLost ? { writes: { ...writes } } : {};
        Object.assign(run.result, { provenance: await provenance, ...halfDone });
        return { ...run.result, outcome: { kind: 'error', error } };
    }
    finally {
        run.close();
    }
}
/** The story: look up, then find or register (or, dry, plan), wait, keep_last. */
async function story(run, provenance) {
    const target = await lookUp(run, provenance);
    if (run.config.dryRun)
        return dryRun(run, target);
    const registration = 'imageId' in target
        ? await existingRegistration(run, target.imageId)
        : await findOrRegister(run, target);
    Object.assign(run.result, registration);
    // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
    core/* setOutput */.uH('image_id', registration.image.id);
    return waitAndRetain(run, registration);
}
/** The inputs, read once; on a refused input, the run as it ends (unknown inputs still warned of). */
async function main_readInputs(deps, secrets, log) {
    let config;
    let keepTags;
    try {
        config = parseConfig({
            input: name => core/* getInput */.V4(name),
            env: deps.env,
            mask: secret => secrets.add(secret)
        });
        // keep_tags compiled (re2js, loaded only then) before any request: what RE2 refuses is an input error.
        if (config.keepTags)
            keepTags = await compileKeepTags(config.keepTags);
    }
    catch (error) {
        // Unknown inputs and unknown regions are worth a warning even when other inputs fail.
        if (error instanceof ConfigError)
            for (const warning of error.warnings)
                log.warning(warning);
        return { outcome: { kind: 'error', error } };
    }
    for (const warning of config.warnings)
        log.warning(warning);
    for (const note of config.notes)
        core/* info */.pq(note);
    return keepTags ? { config, keepTags } : { config };
}
/**
 * dry_run, whatever else is given: the plan (with image_id, the record read once and judged) and
 * what keep_last would delete after it, planned as the real run plans it; nothing is written.
 */
async function dryRun(run, target) {
    const plan = await dryPlan(run, target);
    const { result } = run;
    const handed = plan.action === 'reuse' || plan.action === 'wait' ? plan : undefined;
    const handedOut = handed?.image;
    const arch = handed ? handed.arch : archOrDefault(run.wanted.body ?? {});
    const image = plan.action === 'register' ? undefined : plan.image;
    Object.assign(result, { arch, image, created: image ? false : undefined });
    core/* info */.pq(`dry run: ${planText(result, plan)}; nothing was written`);
    // A register or a replace hands out a registration not made yet: keep_last counts it as made now.
    const registers = plan.action === 'register'
        ? {}
        : plan.action === 'replace'
            ? { replacing: plan.image.id }
            : undefined;
    result.retention = await retain(run, { image: handedOut, arch, ...(registers && { registers }) });
    return { kind: 'dry-run', plan };
}
/** What a dry run would do: with image_id, wait on the record it names; else find or register. */
async function dryPlan(run, target) {
    if (!('imageId' in target))
        return planRegistration(run, target);
    const { image, arch } = await planWait(run, target.imageId);
    return { action: 'wait', image, arch };
}
/** Waits until the registration is final (unless wait is false), then keep_last. */
async function waitAndRetain(run, { image, arch }) {
    const { result } = run;
    if (isFinal(image.status)) {
        // Final at once (reused, or registered ACTIVE): no wait, but keep_last applies.
        result.retention = await retain(run, { image, arch });
        return result.retention?.cancelled ? { kind: 'cancelled' } : { kind: 'final' };
    }
    if (!run.config.wait) {
        run.log.info(`wait is false: not waiting for image ${image.id} (status ${image.status})`);
        return { kind: 'not-waited' };
    }
    const waited = await waitFor(run, image);
    result.image = waited.image;
    result.retention = await retain(run, { image: waited.image, arch });
    // A cancel while keep_last deletes ends the step as cancelled.
    return result.retention?.cancelled ? { kind: 'cancelled' } : waited.outcome;
}


/***/ }),

/***/ 8221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ meaningOf)
/* harmony export */ });
/* unused harmony export CODE_MEANINGS */
/**
 * What the services' error codes mean, as data: what cloud/ retries and what report/ words the
 * next step from.
 */
/** Every code the action has a rule for, and what it means. */
const CODE_MEANINGS = {
    'ModelArts.2785': 'no-agency',
    'ModelArts.6379': 'no-agency',
    'ModelArts.0428': 'no-agency',
    'ModelArts.2885': 'cannot-read-image',
    'ModelArts.6797': 'cannot-read-image',
    'ModelArts.2810': 'cannot-read-image',
    'ModelArts.6771': 'too-large',
    'ModelArts.2845': 'too-large',
    'APIG.0308': 'throttled',
    'APIGW.0308': 'throttled',
    'ModelArts.2799': 'throttled',
    'ModelArts.4206': 'throttled',
    'ModelArts.6101': 'throttled',
    'APIG.0101': 'no-such-api',
    'APIGW.0101': 'no-such-api'
};
/** The meaning of a service's error code; undefined for a code the action has no rule for. */
function meaningOf(code) {
    return Object.hasOwn(CODE_MEANINGS, code) ? CODE_MEANINGS[code] : undefined;
}


/***/ })

};
