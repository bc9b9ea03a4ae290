export const id = 36;
export const ids = [36];
export const modules = {

/***/ 4036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: runAction

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(143);
;// CONCATENATED MODULE: ./src/base/text.ts
/**
 * Text from servers and from inputs, made safe to print. A CR or LF in a log line lets whatever
 * follows start a workflow command of its own (`::add-mask::`, `::set-output`, `::error`), so every
 * string a server wrote passes through `serverText` before it reaches a log line, an error, the
 * summary or an output. Bidirectional overrides and isolates go too: they make a line read other
 * than it is.
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
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
/** Whether a string holds a control character (an input that cannot be sent in a header). */
function hasControl(value) {
    return ONE_CONTROL.test(value);
}

;// CONCATENATED MODULE: ./src/base/errors.ts
/**
 * Errors as values with fields: what was being done, the service's answer, the reason. Every layer
 * throws these and `decide/outcome.ts` tells them apart by class and field, never by message. Every
 * string that came from a server is cleaned (`serverText`) before it is stored here.
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
/** The image is not built for an arch ModelArts can register as asked; carries the digest read. */
class ArchRefusedError extends InputError {
    digest;
    constructor(message, digest) {
        super([message]);
        this.digest = digest;
    }
}
/**
 * The path is registered already and the step must not go on with it: if_exists says to fail, or
 * the registration differs from what this run would register. Carries that registration (a
 * ModelArts image record) and its arch.
 */
class AlreadyRegisteredError extends Error {
    image;
    arch;
    reason;
    constructor(image, arch, reason, message) {
        super(message);
        this.image = image;
        this.arch = arch;
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
    constructor(fields) {
        const errorCode = serverText(fields.errorCode ?? '', 64);
        const errorMsg = serverText(fields.errorMsg, 512);
        const requestId = fields.requestId === undefined ? undefined : serverText(fields.requestId, 128);
        const code = errorCode ? ` ${errorCode}` : '';
        const id = requestId ? ` (request id ${requestId})` : '';
        super(`${fields.what} failed: HTTP ${fields.status}${code}: ${errorMsg}${id}`);
        this.name = 'ApiError';
        this.what = fields.what;
        this.status = fields.status;
        this.errorCode = errorCode;
        this.errorMsg = errorMsg;
        this.requestId = requestId;
        this.retryable = fields.retryable ?? false;
        this.retryAfterSeconds = fields.retryAfterSeconds;
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
/** True for answers that say the request may succeed if sent again. */
function isTransient(error) {
    return (error instanceof ApiError && error.retryable) || error instanceof NetworkError;
}
/** The message of anything thrown. */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/base/runtime.ts
/**
 * Time and chance, injected: the waiting and retry logic takes these instead of reading the clock,
 * so tests run it on a fake clock without real pauses.
 */

/** Real time. */
const systemRuntime = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(new CancelledError());
        const onAbort = () => {
            clearTimeout(timer);
            reject(new CancelledError());
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

;// CONCATENATED MODULE: ./src/base/secrets.ts
/**
 * The secrets this run knows. Each is masked (core.setSecret) the moment it is read, in every form
 * a server may echo it in (as given, URL-encoded, base64: the runner masks only exact strings),
 * and remembered so that text the action writes itself (the job summary, a quoted answer, the
 * outputs) can have each form replaced by `***` before that text is escaped or shortened: escaping
 * can split a secret (`a\_b` is not `a_b`) and shortening can cut one, and the runner's masking
 * only finds a secret whole.
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

;// CONCATENATED MODULE: ./src/budget.ts
/**
 * The step's one time budget: the deadline `timeout` sets and the cancel signal. Every request,
 * retry pause, re-registration pause and poll draws on it, so nothing waits past it; look-ups that
 * run side by side share it, so a cancel or the deadline ends them all. Best-effort work (the
 * registry part of the SWR check) gets a slice with an earlier end; only the last status check may
 * run a little past the end, through `withGrace`.
 */

class Budget {
    runtime;
    deadline;
    signal;
    constructor(runtime, 
    /** Epoch ms at which the budget is spent. */
    deadline, signal) {
        this.runtime = runtime;
        this.deadline = deadline;
        this.signal = signal;
    }
    /** Milliseconds left; 0 or less once spent. */
    remainingMs() {
        return this.deadline - this.runtime.now();
    }
    /** Throws CancelledError or DeadlineError when no more work may start. */
    assertOpen(what) {
        if (this.signal.aborted)
            throw new CancelledError();
        if (this.remainingMs() <= 0)
            throw new DeadlineError(what);
    }
    /**
     * A pause that ends before the budget does; one that would not is not taken (DeadlineError),
     * since the step's timeout comes first. Rejects with CancelledError on cancel.
     */
    async pause(ms, what) {
        if (this.signal.aborted)
            throw new CancelledError();
        if (ms >= this.remainingMs())
            throw new DeadlineError(what);
        await this.runtime.sleep(ms, this.signal);
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
    /** The same budget, `ms` longer: for the last status check, whose answer may be on its way. */
    withGrace(ms) {
        return new Budget(this.runtime, this.deadline + ms, this.signal);
    }
}
/** The best-effort parts of the SWR check get a quarter of `timeout`, and at most a minute. */
function bestEffortSliceMs(timeoutMs) {
    return Math.min(Math.floor(timeoutMs / 4), 60_000);
}
/** How long the last status check may run past the end of the budget. */
const FINAL_CHECK_GRACE_MS = 3_000;

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
;// CONCATENATED MODULE: ./src/cloud/retry.ts
/**
 * The retry policy, as pure decisions: whether a failed attempt may be sent again under a rule,
 * and how long to pause first. The HTTP layer (cloud/http.ts) only acts on these.
 */

/** Whether `error` may succeed when the request is sent again under `rule`. */
function mayRetry(rule, error) {
    if (error instanceof ApiError)
        return rule === 'transient' ? error.retryable : error.status === 429;
    return rule === 'transient' && error instanceof NetworkError;
}
/** A 429 is retried until the deadline; it does not count toward the attempt limit. */
function isThrottled(error) {
    return error instanceof ApiError && error.status === 429;
}
/**
 * The pause before retry number `retry` (1 for the first): full jitter, a random pause up to the
 * ceiling, so a matrix of jobs does not retry in step; never shorter than Retry-After.
 */
function backoffMs(retry, error, limits, random) {
    const ceiling = Math.min(limits.maxMs, limits.baseMs * 2 ** (retry - 1));
    const jittered = Math.round(random() * ceiling);
    const retryAfterMs = error instanceof ApiError && error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : 0;
    return Math.max(jittered, retryAfterMs);
}

;// CONCATENATED MODULE: ./src/cloud/answer.ts
/**
 * Reading an answer: JSON or not, Huawei's error shapes, the request id, Retry-After, and the one
 * way an answer that cannot be used is reported (`unreadableAnswer`), with the one rule for
 * retrying it: a garbled answer may be the one bad answer of a healthy service, so reads send it
 * again, and writes (which retry only 429) do not.
 */

/** The answer to `what` arrived but cannot be used: retried like a 5xx by reads. */
function unreadableAnswer(what, answer, detail) {
    return new ApiError({
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
    // SWR's legacy errors are a bare array: [{"errorCode": "SVCSTG.SWR.4040115", "errorMessage": …}].
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/cloud/signer.ts
/**
 * Huawei Cloud API request signing, SDK-HMAC-SHA256 (the "AK/SK" scheme of the API gateway).
 *
 * Pure: a request description in, the headers to add out. It knows nothing of HTTP clients or of
 * ModelArts, so it can be checked byte for byte against the official SDK's vectors.
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
 * How a request is authenticated: AK/SK signing (with a temporary key's token), an IAM token, or
 * nothing (the OIDC exchange and the registry carry their own proof).
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
 * The one request function: authenticate, send over @actions/http-client (so HTTPS_PROXY and
 * NO_PROXY work), bound each attempt by a timeout, the step's deadline, cancellation and a size
 * limit (the transport's timers are here), read the answer (answer.ts), and retry what may succeed
 * when sent again (cloud/retry.ts).
 */









const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
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
        const budget = request.budget ?? this.options.budget;
        // A 429 means "later", not "no": throttled answers are retried until the deadline, and only
        // other transient failures count toward maxAttempts.
        let failures = 0;
        for (let retry = 1;; retry++) {
            try {
                const response = await this.sendOnce(request, budget);
                return read ? read(response) : response;
            }
            catch (error) {
                if (!mayRetry(request.retry, error))
                    throw error;
                const throttled = isThrottled(error);
                if (!throttled && ++failures >= this.maxAttempts)
                    throw error;
                const delay = backoffMs(retry, error, { baseMs: this.baseBackoffMs, maxMs: this.maxBackoffMs }, this.options.runtime.random);
                if (delay >= budget.remainingMs()) {
                    log.info(`${request.what}: ${brief(error)}; no retry: the step's timeout comes first`);
                    throw error;
                }
                const count = throttled
                    ? `throttled, retry ${retry} (429 is retried until the step's timeout)`
                    : `retry ${failures} of ${this.maxAttempts - 1}`;
                log.info(`${request.what}: ${brief(error)}; ${count} in ${formatDuration(delay)}`);
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
            throw new CancelledError();
        const remaining = budget.remainingMs();
        if (remaining <= 0)
            throw new DeadlineError(what);
        const done = new AbortController();
        const either = AbortSignal.any([signal, done.signal]);
        const deadline = runtime.sleep(remaining, either).then(() => Promise.reject(new DeadlineError(what)), () => (signal.aborted ? Promise.reject(new CancelledError()) : new Promise(() => { })));
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
        const parsed = parseJson(text);
        const rawRequestId = headerValue(responseHeaders['x-request-id']) ?? stringField(parsed.value, 'request_id');
        const requestId = rawRequestId === undefined ? undefined : serverText(rawRequestId, 128);
        log.debug(`${request.method} ${path} -> ${status} (request id ${requestId ?? 'none'}, ${runtime.now() - started} ms)`);
        if (request.passStatuses?.includes(status))
            return { status, body: parsed.value, text, requestId, headers: responseHeaders };
        if (status >= 200 && status < 300) {
            if (!parsed.ok)
                throw unreadableAnswer(request.what, { status, requestId }, `the answer was not JSON: ${this.snippet(text)}`);
            return { status, body: parsed.value, text, requestId, headers: responseHeaders };
        }
        const { code, message: errorMessage } = errorFields(parsed.value);
        throw new ApiError({
            what: request.what,
            status,
            errorCode: code,
            errorMsg: (errorMessage === undefined ? undefined : this.snippet(errorMessage, 512)) ??
                (this.snippet(text) || message.statusMessage || 'no message'),
            requestId,
            retryable: RETRYABLE_STATUSES.has(status),
            retryAfterSeconds: parseRetryAfter(headerValue(responseHeaders['retry-after']), runtime.now())
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
            if (error instanceof CancelledError)
                throw error;
            if (error instanceof TooLarge)
                throw unreadableAnswer(request.what, { status: error.status }, `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`);
            const timedOut = error instanceof TimeoutSignal;
            const detail = timedOut
                ? `no answer within ${formatDuration(timeoutMs)}`
                : `${error.code ?? 'network error'}: ${messageOf(error)}`;
            this.options.log.debug(`${request.method} ${path} -> ${detail}`);
            if (timedOut && timeoutMs < this.requestTimeoutMs)
                throw new DeadlineError(request.what, detail);
            throw new NetworkError(request.what, detail);
        }
    }
    /** Quoted answer text: known secrets replaced first, then flattened, then shortened. */
    snippet(text, max = 120) {
        const redacted = this.options.redact ? this.options.redact(text) : text;
        return serverText(redacted.replace(/\s+/g, ' '), max);
    }
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
        const onAbort = () => finish(() => reject(new CancelledError()));
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
    if (error instanceof ApiError) {
        // A 2xx that could not be read says why; an error status says enough with its code.
        const why = error.status >= 200 && error.status < 300 ? `: ${error.errorMsg}` : '';
        return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}${why}${error.requestId ? ` (request id ${error.requestId})` : ''}`;
    }
    if (error instanceof NetworkError)
        return error.detail;
    return messageOf(error);
}

;// CONCATENATED MODULE: ./src/config/config.ts
const IF_EXISTS = ['reuse', 'fail', 'replace'];
/**
 * TableFields' fields that every Config has, and whether each always has a value ('always': its
 * input has a default in the table, or, for the endpoints, the region's) or is undefined when its
 * input is not given ('when-given'). tsc keeps this list equal to TableFields.
 */
const PRESENT_FIELDS = {
    description: 'when-given',
    workspaceInput: 'when-given',
    projectId: 'when-given',
    endpoint: 'always',
    iamEndpoint: 'always',
    swrEndpoint: 'always',
    checkImage: 'always',
    dryRun: 'always',
    ifExists: 'always',
    wait: 'always',
    timeoutMs: 'always',
    pollIntervalMs: 'always'
};
/** The workspace ModelArts puts an image in when workspace_id is not given. */
const DEFAULT_WORKSPACE = '0';
/** The workspace the image lives in: workspace_id as given, else the service's default. */
function workspaceOf(config) {
    return config.workspaceInput ?? DEFAULT_WORKSPACE;
}

;// CONCATENATED MODULE: ./src/base/hosts.ts
/**
 * Which hosts are this machine's own (loopback), where plain http:// crosses no network: local
 * emulators and registry mirrors. One rule for the endpoints, the registry and the SWR check.
 */
/** localhost, 127.0.0.0/8, or ::1 (with or without brackets), in any case; a port is not part of it. */
function isLoopbackHost(host) {
    const name = host.toLowerCase();
    return (name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name));
}

;// CONCATENATED MODULE: ./src/config/credential-inputs.ts
/**
 * Which credentials a run uses, from inputs and environment: exactly one kind, in this order:
 * identity_provider, auth_token, an input key pair, then the environment (HUAWEI_CLOUD_*, then
 * HUAWEICLOUD_SDK_*). Inputs and environment never mix within a kind: a key id from one place and
 * a secret from another is how a job ends up signing with a stale key. Secrets are masked the
 * moment they are read.
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
    if (hasControl(trimmed)) {
        throw new InputError([
            `${name}: holds a line break or another control character; give the value alone, on one line`
        ]);
    }
    return trimmed;
}
/** One kind of credentials at most; audience only with identity_provider. */
function checkOneKind(given) {
    const kinds = [
        given.identityProvider && 'identity_provider',
        given.token && 'auth_token',
        (given.accessKeyId || given.secretAccessKey || given.securityToken) &&
            'access_key_id/secret_access_key'
    ].filter(Boolean);
    if (kinds.length > 1) {
        throw new InputError([`credentials: give one kind of credentials, not ${kinds.join(' and ')}`]);
    }
    if (given.audience && !given.identityProvider) {
        throw new InputError([
            'audience: only used with identity_provider (keyless OIDC); remove it or set identity_provider'
        ]);
    }
}
function oidc(identityProvider, audience) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(identityProvider)) {
        throw new InputError([
            `identity_provider: the IAM identity provider id (1 to 64 letters, digits, - and _), got "${identityProvider}"`
        ]);
    }
    return { kind: 'oidc', identityProvider, audience: audience || undefined };
}
/** The key pair given as inputs: both halves there, or an error that says which is missing. */
function inputKeyPair(given, env) {
    const { accessKeyId, secretAccessKey, securityToken } = given;
    if (!accessKeyId)
        throw new InputError([
            givenEmpty(env, 'access_key_id') ??
                'access_key_id: required when secret_access_key or security_token is given'
        ]);
    if (!secretAccessKey) {
        const inEnv = ENV_KEY_PAIRS.map(pair => pair.secret).filter(name => env[name]?.trim());
        throw new InputError([
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
    throw new InputError([
        'credentials: none given. Provide one of: access_key_id and secret_access_key (from repository secrets); ' +
            'huaweicloud/auth-action in an earlier step (it sets HUAWEI_CLOUD_ACCESS_KEY_ID and HUAWEI_CLOUD_SECRET_ACCESS_KEY); ' +
            'or keyless OIDC with identity_provider (and permissions: id-token: write)' +
            (halfSet.length ? `. Note: ${halfSet.join('; ')}` : '') +
            emptyPairNote(env)
    ]);
}
function accessKey(accessKeyId, secretAccessKey, securityToken, source, idName) {
    if (!/^[A-Za-z0-9]{8,128}$/.test(accessKeyId)) {
        // The key id is not secret, but a malformed one only earns a 401 that counts toward the key's lockout.
        throw new InputError([
            `${idName}: an access key id is letters and digits (like HPUA…), got ${accessKeyId.length} characters that are not`
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
/**
 * Regions, sites and the default endpoints of each. Huawei Cloud runs two public sites: the
 * international one (`myhuaweicloud.com`) and the European one (`myhuaweicloud.eu`), each with its
 * own IAM.
 */

/** Regions served by the European site. */
const EU_SITE_REGIONS = new Set(['eu-west-101']);
const SITE_DOMAIN = {
    international: 'myhuaweicloud.com',
    eu: 'myhuaweicloud.eu'
};
/** Two letters, one or more lower-case words, a number: cn-north-4, eu-west-101, my-kualalumpur-1. */
function parseRegion(name, value) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d{1,3}$/.test(value)) {
        throw new InputError([
            `${name}: a region id like cn-north-4, ap-southeast-3, eu-west-101 or my-kualalumpur-1, got "${value}"`
        ]);
    }
    return value;
}
/** The region and site of an `swr.{region}.myhuaweicloud.com` (or `.eu`) registry in a path. */
function siteOfRegistry(swrPath) {
    const match = /^swr\.([a-z]{2}(?:-[a-z]+)+-\d{1,3})\.myhuaweicloud\.(com|eu)(:\d+)?\//.exec(swrPath.trim());
    if (!match)
        return undefined;
    return { region: match[1], site: match[2] === 'eu' ? 'eu' : 'international' };
}
function siteOfRegion(region) {
    return EU_SITE_REGIONS.has(region) ? 'eu' : 'international';
}
/** The region's shared SWR registry host: `swr.{region}.myhuaweicloud.com` (or `.eu`). */
function sharedRegistryOf(region) {
    return defaultEndpoints(region, siteOfRegion(region)).registry;
}
/** A host under Huawei Cloud's domains (an SWR Enterprise Edition instance's, when not swr.{region}). */
function isHuaweiCloudHost(registry) {
    const host = registry.replace(/:\d+$/, '').toLowerCase();
    return Object.values(SITE_DOMAIN).some(domain => host.endsWith(`.${domain}`));
}
/** Default ModelArts, IAM, SWR management API and SWR registry endpoints for a region. */
function defaultEndpoints(region, site) {
    const domain = SITE_DOMAIN[site];
    // CN-Hong Kong's ModelArts endpoint is on .cn (Huawei's Go SDK region table).
    const modelartsDomain = region === 'ap-southeast-1' ? 'myhuaweicloud.cn' : domain;
    return {
        modelarts: `https://modelarts.${region}.${modelartsDomain}`,
        // The international site's global IAM endpoint serves every region there; the EU site has its own.
        iam: site === 'eu' ? `https://iam.${region}.${domain}` : `https://iam.${domain}`,
        swr: `https://swr-api.${region}.${domain}`,
        registry: `swr.${region}.${domain}`
    };
}

;// CONCATENATED MODULE: ./src/config/parsers.ts
/**
 * Strict parsers for input values. Each takes the input's name, so that every refusal names the
 * input and says what it accepts; none guesses (`yes` is not a boolean, `15 minutes` is not a
 * duration).
 */


/** The longest part of an input an error quotes; a longer one is cut and ends in an ellipsis. */
const QUOTE_MAX = 200;
/** An input as an error quotes it: in double quotes, at most QUOTE_MAX characters of it. */
function quoted(value) {
    return `"${value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value}"`;
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
        throw new InputError([
            `${name}: an https:// URL like https://modelarts.cn-north-4.myhuaweicloud.com, got ${quoted(shown)}`
        ]);
    }
    if (url.hostname.startsWith('[')) {
        // @actions/http-client hands the bracketed name to DNS, so an IPv6 literal cannot connect.
        throw new InputError([
            `${name}: an IPv6 address cannot be used as the host; give a host name or 127.0.0.1, got ${quoted(shown)}`
        ]);
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new InputError([
            `${name}: must be https:// (http:// is allowed only for 127.0.0.1 or localhost), got ${quoted(shown)}`
        ]);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new InputError([
            `${name}: a plain endpoint URL without credentials, query or fragment, got ${quoted(shown)}`
        ]);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
/**
 * Collects the problems of many parses, so that every bad input is reported at once, and hands
 * back typed values only when there were none.
 */
class ProblemCollector {
    problems = [];
    /** Runs one parse; an InputError's problems are collected, anything else is thrown. */
    take(parse) {
        try {
            return { ok: true, value: parse() };
        }
        catch (error) {
            if (!(error instanceof InputError))
                throw error;
            this.problems.push(...error.problems);
            return { ok: false };
        }
    }
    add(problem) {
        this.problems.push(problem);
    }
    /** The values of every parse; throws one InputError listing every problem when there was any. */
    finish(parsed) {
        const values = {};
        for (const [key, result] of Object.entries(parsed)) {
            if (result.ok)
                values[key] = result.value;
        }
        if (this.problems.length > 0)
            throw new InputError(this.problems);
        return values;
    }
}
/** One of `allowed` in any case, returned in the API's spelling; undefined when empty. */
function optionalEnum(name, value, allowed) {
    if (!value)
        return undefined;
    const upper = value.toUpperCase();
    if (!allowed.includes(upper))
        throw new InputError([`${name}: one of ${allowed.join(', ')}, got ${quoted(value)}`]);
    return upper;
}
/**
 * One of `allowed` in any case, returned as spelled there. An empty value is refused like any other
 * that is not allowed: the input's default (the table's) is given in its place.
 */
function parseEnum(name, value, allowed) {
    const found = allowed.find(option => option.toLowerCase() === value.toLowerCase());
    if (!found)
        throw new InputError([`${name}: one of ${allowed.join(', ')}, got ${quoted(value)}`]);
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
        throw new InputError([
            `${name}: a list (commas or newlines) of ${allowed.join(', ')}; not allowed: ${bad.map(quoted).join(', ')}`
        ]);
    }
    return [...new Set(items.map(item => item.toUpperCase()))];
}
/**
 * `true` or `false` in any case; anything else, empty included, is refused rather than guessed (the
 * input's default, the table's, is given in place of an empty value).
 */
function parseBoolean(name, value) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new InputError([`${name}: true or false, got ${quoted(value)}`]);
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
        throw new InputError([`${name}: ${accepted}, got ${quoted(value)}`]);
    const [, hours, minutes, secs, bare] = units;
    const seconds = Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(secs ?? bare ?? 0);
    if (seconds < bounds.min || seconds > bounds.max)
        throw new InputError([`${name}: ${limits}, got ${quoted(value)}`]);
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
/**
 * The shapes of Huawei Cloud ids, one place for the input parsers and the answers' validation: an
 * id outside its shape is refused as an input and is an unreadable answer from a server.
 */
/** A ModelArts image id: UUIDs in practice; anything that could be an id, nothing that changes a path. */
const IMAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** A project id: hex in practice; anything that is not letters and digits would change a request path. */
const PROJECT_ID = /^[A-Za-z0-9]{1,64}$/;

;// CONCATENATED MODULE: ./src/config/value-parsers.ts
/**
 * Parsers for single inputs of the table (input-table.ts) that parsers.ts's general ones do not
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
        throw new InputError([`${name}: at most ${max} characters, got ${length}`]);
    return value;
}
/** ModelArts' longest read_me, in characters. */
const READ_ME_MAX = 3000;
/**
 * read_me within READ_ME_MAX characters: a longer text is cut at the last line break before the
 * limit and ends with a line `…`, and `warn` says how much was cut; it is never refused.
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
    const cut = `${kept}\n…`;
    warn(`read_me: ${chars.length} characters, ModelArts takes at most ${READ_ME_MAX}: cut at the last line break before that, ` +
        `${chars.length - [...kept].length} characters left out (the guide ends with a line …)`);
    return cut;
}
function parseArch(value) {
    if (!value)
        return undefined;
    const arch = ARCH_SPELLINGS[value.toUpperCase()];
    if (arch)
        return arch;
    throw new InputError([
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
        throw new InputError([
            `workspace_id: "0" or 32 characters of 0-9 and a-z, got ${quoted(value)}`
        ]);
    return value;
}
function parseSwrInstanceId(value) {
    if (!value)
        return undefined;
    if (!/^[\x21-\x7e]{1,128}$/.test(value)) {
        throw new InputError([
            `swr_instance_id: the SWR Enterprise Edition instance id, 1 to 128 printable characters without spaces, got ${quoted(value)}`
        ]);
    }
    return value;
}
function parseImageId(value) {
    if (!value)
        return undefined;
    if (!IMAGE_ID.test(value)) {
        throw new InputError([
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
        throw new InputError([`keep_last: a whole number from 1 to 1000, got ${quoted(value)}`]);
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
            return `${found[1]} ${text.startsWith('(') ? `${text}…)` : text}`;
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
const KEEP_TAGS_ACCEPTS = 'a regular expression in RE2 syntax (e.g. ^v\\d+\\.\\d+\\.\\d+$)';
/**
 * keep_tags, checked for what RE2 syntax has not (cheaply, with no engine loaded); the expression
 * is compiled by `compileKeepTags`, which main awaits before any request.
 */
function parseKeepTags(value) {
    if (!value)
        return undefined;
    const construct = unsupportedByRe2(value);
    if (construct)
        throw new InputError([
            `keep_tags: ${construct} is not supported by RE2 syntax (it needs backtracking, which can make a step hang); got ${quoted(value)}: give ${KEEP_TAGS_ACCEPTS}`
        ]);
    return value;
}
/**
 * keep_tags as a linear-time matcher (re2js, loaded only here: runs without keep_tags never load
 * it): no tag a server returns can make the step hang. Matches anywhere in the tag, as RegExp.test.
 */
async function compileKeepTags(source) {
    const { RE2JS } = await __webpack_require__.e(/* import() */ 856).then(__webpack_require__.bind(__webpack_require__, 2856));
    try {
        const expression = RE2JS.compile(source);
        return tag => expression.test(tag);
    }
    catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new InputError([
            `keep_tags: not RE2 syntax (${why}), got ${quoted(source)}: give ${KEEP_TAGS_ACCEPTS}`
        ]);
    }
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
        throw new InputError([`${name}: letters and digits only, got ${quoted(value)}`]);
    return value;
}

;// CONCATENATED MODULE: ./src/config/input-table.ts
/**
 * Every input of the action, declared once: its name, action.yml's default, where its value goes
 * (an ImageAttributes field sent in the RegisterImage body, a Config field, or a group parsed
 * together), and its parser. INPUT_NAMES, the unknown-input check, parseConfig and the docs
 * tests all derive from this table; tests keep action.yml and the README in step with it.
 */



/** The RegisterImage body's pass-through fields: exactly the keys of ImageAttributes (tsc checks). */
const ATTRIBUTE_FIELDS = {
    arch: true,
    origin: true,
    resource_category: true,
    service_type: true,
    services: true,
    visibility: true,
    flavor_type: true,
    read_me: true,
    swr_instance_id: true
};
/** Whole seconds; a job's own limit is 6 h. */
const TIMEOUT_BOUNDS = { min: 1, max: 6 * 3600 };
const POLL_BOUNDS = { min: 1, max: 6 * 3600 };
const ORIGIN = ['CUSTOMIZE', 'IMAGE_SAVE'];
const RESOURCE_CATEGORY = ['CPU', 'GPU', 'ASCEND'];
const SERVICE_TYPE = ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN'];
/** The RegisterImage page lists NOTEBOOK and SSH; the current API (the Go SDK's enum) the rest. */
const SERVICES = ['NOTEBOOK', 'SSH', 'WEB_IDE', 'TENSOR_BOARD', 'AI_FLOW', 'MA_STUDIO'];
const VISIBILITY = ['PRIVATE', 'PUBLIC'];
const FLAVOR_TYPE = ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3'];
const attribute = (field) => ({ kind: 'attribute', field });
const config = (field) => ({ kind: 'config', field });
const credentials = { kind: 'group', group: 'credentials', field: 'credentials' };
/** The inputs, in action.yml's order. */
const INPUT_TABLE = [
    {
        name: 'swr_path',
        default: '',
        // Required unless image_id is given; parseConfig says so when both are missing.
        target: { kind: 'group', group: 'location', field: 'image' },
        example: 'swr.cn-north-4.myhuaweicloud.com/other-org/other-image:2.0.0'
    },
    { name: 'arch', default: '', target: attribute('arch'), parse: parseArch, example: 'arm64' },
    {
        name: 'description',
        default: '',
        target: config('description'),
        parse: value => maxLength('description', value, 512) || undefined,
        example: 'built by CI'
    },
    {
        name: 'origin',
        default: '',
        target: attribute('origin'),
        parse: value => optionalEnum('origin', value, ORIGIN),
        example: 'image_save'
    },
    {
        name: 'resource_category',
        default: '',
        target: attribute('resource_category'),
        parse: value => optionalList('resource_category', value, RESOURCE_CATEGORY),
        example: 'CPU, ASCEND'
    },
    {
        name: 'service_type',
        default: '',
        target: attribute('service_type'),
        parse: value => optionalEnum('service_type', value, SERVICE_TYPE),
        example: 'train'
    },
    {
        name: 'services',
        default: '',
        target: attribute('services'),
        parse: value => optionalList('services', value, SERVICES),
        example: 'notebook\nweb_ide'
    },
    {
        name: 'visibility',
        default: '',
        target: attribute('visibility'),
        parse: value => optionalEnum('visibility', value, VISIBILITY),
        example: 'public'
    },
    {
        name: 'workspace_id',
        default: '',
        target: config('workspaceInput'),
        parse: parseWorkspaceId,
        example: '0123456789abcdefghijklmnopqrstuv'
    },
    {
        name: 'flavor_type',
        default: '',
        target: attribute('flavor_type'),
        parse: value => optionalEnum('flavor_type', value, FLAVOR_TYPE),
        example: 'ascend_snt9b'
    },
    {
        name: 'read_me',
        default: '',
        target: attribute('read_me'),
        parse: (value, context) => parseReadMe(value, context.warn ?? (() => undefined)),
        example: '## Release 2.0\n\n  - how to use it'
    },
    {
        name: 'swr_instance_id',
        default: '',
        target: attribute('swr_instance_id'),
        parse: parseSwrInstanceId,
        example: 'a1b2c3d4-instance'
    },
    {
        name: 'image_id',
        default: '',
        target: config('imageId'),
        parse: parseImageId,
        example: 'b4f9a2c0-1d2e-4f5a-8b9c-0d1e2f3a4b5c'
    },
    {
        name: 'keep_last',
        default: '',
        target: config('keepLast'),
        parse: parseKeepLast,
        example: '5'
    },
    {
        name: 'keep_tags',
        default: '',
        target: config('keepTags'),
        parse: parseKeepTags,
        example: '^v\\d+\\.\\d+\\.\\d+$'
    },
    {
        name: 'region',
        default: '',
        target: { kind: 'group', group: 'location', field: 'region' },
        example: 'cn-east-3'
    },
    {
        name: 'project_id',
        default: '',
        target: config('projectId'),
        parse: (value, { env }) => parseProjectId(value, env),
        example: '0123456789abcdef0123456789abcdef'
    },
    { name: 'access_key_id', default: '', target: credentials, example: 'HPUAEXAMPLEAK0000002' },
    {
        name: 'secret_access_key',
        default: '',
        target: credentials,
        example: 'otherSecretKey00000000000000000000000000'
    },
    { name: 'security_token', default: '', target: credentials, example: 'a-security-token' },
    { name: 'auth_token', default: '', target: credentials, example: 'an-iam-token' },
    { name: 'identity_provider', default: '', target: credentials, example: 'github-oidc' },
    { name: 'audience', default: '', target: credentials, example: 'my-client-id' },
    {
        name: 'endpoint',
        default: '',
        target: config('endpoint'),
        parse: (value, { defaults }) => parseEndpoint('endpoint', value, defaults?.modelarts),
        example: 'http://127.0.0.1:8080'
    },
    {
        name: 'iam_endpoint',
        default: '',
        target: config('iamEndpoint'),
        parse: (value, { defaults }) => parseEndpoint('iam_endpoint', value, defaults?.iam),
        example: 'http://127.0.0.1:8081'
    },
    {
        name: 'swr_endpoint',
        default: '',
        target: config('swrEndpoint'),
        parse: (value, { defaults }) => parseEndpoint('swr_endpoint', value, defaults?.swr),
        example: 'http://127.0.0.1:8082'
    },
    {
        name: 'check_image',
        default: 'true',
        target: config('checkImage'),
        parse: value => parseBoolean('check_image', value),
        example: 'false'
    },
    {
        name: 'dry_run',
        default: 'false',
        target: config('dryRun'),
        parse: value => parseBoolean('dry_run', value),
        example: 'true'
    },
    {
        name: 'if_exists',
        default: 'reuse',
        target: config('ifExists'),
        parse: value => parseEnum('if_exists', value, IF_EXISTS),
        example: 'replace'
    },
    {
        name: 'wait',
        default: 'true',
        target: config('wait'),
        parse: value => parseBoolean('wait', value),
        example: 'false'
    },
    {
        name: 'timeout',
        default: '15m',
        target: config('timeoutMs'),
        parse: value => parseDuration('timeout', value, TIMEOUT_BOUNDS),
        example: '1h30m'
    },
    {
        name: 'poll_interval',
        default: '10s',
        target: config('pollIntervalMs'),
        parse: value => parseDuration('poll_interval', value, POLL_BOUNDS),
        example: '30s'
    }
];
/** The table's problems against action.yml's input names: missing either way, or out of order. */
function tableProblems(table, actionInputs) {
    const names = table.map(entry => entry.name);
    const problems = [
        ...actionInputs
            .filter(name => !names.includes(name))
            .map(name => `${name}: in action.yml, not in the table`),
        ...names
            .filter(name => !actionInputs.includes(name))
            .map(name => `${name}: in the table, not in action.yml`),
        ...names.filter((name, i) => names.indexOf(name) !== i).map(name => `${name}: declared twice`)
    ];
    if (problems.length === 0 && names.join() !== actionInputs.join())
        problems.push('the table and action.yml list the inputs in different orders');
    return problems;
}

;// CONCATENATED MODULE: ./src/config/regions.ts
/**
 * The Huawei Cloud region names this action knows, in one place. A name whose words are one or two
 * edits from a known region's words, with that region's number (`cn-nort-4`), is a misspelling
 * (misspeltRegion: an input error). Any other well-formed name that is not known still works (new
 * regions open), but gets a warning with the closest known name, and the IAM "no project" error can
 * say which region was probably meant.
 */
/** Region ids from Huawei's SDK region tables and docs (../reference/huawei-cloud-api.md §4.1, §6). */
const REGIONS = [
    'cn-north-1',
    'cn-north-2',
    'cn-north-4',
    'cn-north-9',
    'cn-north-11',
    'cn-north-12',
    'cn-east-2',
    'cn-east-3',
    'cn-east-4',
    'cn-east-5',
    'cn-south-1',
    'cn-south-2',
    'cn-southwest-2',
    'cn-southwest-3',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'af-south-1',
    'af-north-1',
    'la-north-2',
    'la-south-2',
    'sa-brazil-1',
    'na-mexico-1',
    'tr-west-1',
    'me-east-1',
    'ae-ad-1',
    'ru-northwest-2',
    'ru-moscow-1',
    'eu-west-0',
    'eu-west-101',
    'my-kualalumpur-1'
];
const KNOWN = new Set(REGIONS);
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
/** A name's words and its number: `cn-nort-4` → `cn-nort`, `4`; `ap-southeast3` → `ap-southeast`, `3`. */
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
 * The inputs' names (from the input table, which a test keeps equal to action.yml's), and what to
 * say about every `with:` key that is none of them. The runner passes unknown keys silently, so
 * `service_typ: TRAIN` would register as UNKNOWN, and a registration's attributes cannot be changed
 * afterwards: a near miss (one or two edits from an input, or its hyphenated or camelCase twin) is
 * an error; any other unknown key a warning.
 */


const INPUT_NAMES = INPUT_TABLE.map(entry => entry.name);
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
function unknownInputs(env, names = INPUT_NAMES) {
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
 * Docker's rule for where an image path's registry ends: the first part is a registry when it has
 * a dot or a colon or is `localhost` (`docker push org/app` goes to Docker Hub, `a.b/org/app` to
 * a.b). Inputs and ModelArts' records are split by the same rule.
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
    throw new InputError([`swr_path: ${why}; expected ${ACCEPTS}`]);
}
/** Checks the syntax of an swr_path and splits it; the registry may be missing. */
function parseSwrPath(value) {
    const path = value.trim();
    if (!path)
        refuse('required');
    if (hasControl(path))
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
    return { ...parts, registry, swrPath, sharedSwr: registry.toLowerCase() === shared };
}

;// CONCATENATED MODULE: ./src/config/inputs.ts
/**
 * parseConfig: reads every input and the environment once, validates them all, and returns one
 * frozen Config. Nothing else in the action reads inputs. Every problem is reported at once, each
 * naming the input and what it accepts, before any request is sent.
 */










/**
 * Refused inputs, with the warnings found on the way (unknown inputs, an unknown region), so that
 * both are reported whatever else is wrong.
 */
class ConfigError extends InputError {
    warnings;
    constructor(problems, warnings) {
        super(problems);
        this.warnings = warnings;
    }
}
/**
 * Validates all inputs; throws one ConfigError (an InputError) listing every problem. The stages,
 * in order: unknown inputs, credentials, location (swr_path and region), the table's other inputs,
 * then what follows from them.
 */
function parseConfig(source, table = INPUT_TABLE) {
    const found = { collect: new ProblemCollector(), warnings: [], notes: [] };
    const read = name => source.input(name).trim();
    checkInputNames(source.env, table, found);
    // Credentials first: secrets are masked before anything else can print them.
    const credentials = found.collect.take(() => parseCredentials(source));
    const location = parseLocation(read, source.env, found);
    const context = {
        env: source.env,
        defaults: location.defaults,
        warn: message => found.warnings.push(message)
    };
    const { fields, attributes } = parseTable(table, read, context, found.collect);
    checkCombinations(fields, found.collect);
    const { image, region } = location;
    if (found.collect.problems.length > 0 || !credentials.ok || !image.ok || !region.ok)
        throw new ConfigError(found.collect.problems, found.warnings);
    const values = tableFields(fields);
    return Object.freeze({
        ...values,
        image: image.value,
        attributes: attributes,
        region: region.value,
        credentials: credentials.value,
        ...derived(image.value, values, found.notes, {
            swrEndpointGiven: Boolean(read('swr_endpoint')),
            instanceId: attributes.swr_instance_id
        }),
        warnings: found.warnings,
        notes: found.notes
    });
}
/** Unknown inputs: near misses are errors, other keys warnings; reported whatever else is wrong. */
function checkInputNames(env, table, found) {
    const unknown = unknownInputs(env, table.map(entry => entry.name));
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
        throw new InputError([
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
        found.collect.add(`region: ${region} is on the ${site === 'eu' ? 'European' : 'international'} site, but swr_path's registry is on the ` +
            `${registrySite.site === 'eu' ? 'European' : 'international'} one (${registrySite.region}); ModelArts in a region pulls from that ` +
            `site's SWR: set region: ${registrySite.region}, or push to ${defaultEndpoints(region, site).registry}`);
    }
    else if (registrySite && registrySite.region !== region) {
        found.warnings.push(`region is ${region} but swr_path's registry is in ${registrySite.region}; ModelArts in ${region} may not be able to pull it`);
    }
}
/** A registry that is not SWR's gets a warning: ModelArts registers images from SWR. */
function inputs_checkRegistry(parts, registrySite, warnings) {
    if (parts.registry && !registrySite && !isSwrLike(parts.registry)) {
        warnings.push(`swr_path's registry ${parts.registry} is not SWR: ModelArts registers images from SWR (swr.{region}.myhuaweicloud.com); push the image there and register that path`);
    }
}
/** SWR's registries, its enterprise instances, and loopback (emulators, local mirrors). */
function isSwrLike(registry) {
    const host = registry.replace(/:\d+$/, '');
    return /(^|\.)swr\.|myhuaweicloud\./.test(host) || isLoopbackHost(host);
}
/** Inputs that are each valid but cannot go together. */
function checkCombinations(fields, collect) {
    if (fields.keepLast !== undefined && fields.wait === false)
        collect.add('keep_last: needs wait: true (it deletes only once the image is ACTIVE, which wait: false never sees); remove keep_last or wait: false');
}
/**
 * Every input of the table but the groups': each parser gets the input, or the table's default when
 * it is empty, and its value (when not undefined) goes to its Config or attribute field.
 */
function parseTable(table, read, context, collect) {
    const values = { fields: {}, attributes: {} };
    for (const entry of table) {
        const { parse, target } = entry;
        if (!parse || target.kind === 'group')
            continue;
        const parsed = collect.take(() => parse(read(entry.name) || entry.default, context));
        if (!parsed.ok || parsed.value === undefined)
            continue;
        if (target.kind === 'attribute')
            values.attributes[target.field] = parsed.value;
        else
            values.fields[target.field] = parsed.value;
    }
    return values;
}
/**
 * The table's fields, once no input was refused: each of PRESENT_FIELDS there (undefined when not
 * given). One that must always have a value and has none is a bug of the table (its input has no
 * default), not an input's problem.
 */
function tableFields(fields) {
    const present = Object.entries(PRESENT_FIELDS);
    const missing = present.filter(([field, kind]) => kind === 'always' && fields[field] === undefined);
    if (missing.length > 0) {
        const names = missing.map(([field]) => field).join(', ');
        throw new Error(`the input table gave no value for ${names} (a default is missing)`);
    }
    const given = Object.fromEntries(present.map(([field]) => [field, fields[field]]));
    return { ...fields, ...given };
}
/**
 * What follows from the inputs, decided once: whether to check the image (and where). The
 * shared SWR's registries are checked there; with swr_instance_id, the image in that instance. Other registries have no SWR API to ask, unless swr_endpoint says where it is;
 * but a Huawei Cloud host that is not the shared SWR's is an instance's, which the shared SWR's
 * calls do not know, whatever swr_endpoint says.
 */
function derived(image, values, notes, where) {
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
    return { checkImage: wanted && checkable };
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
 * The arch a RegisterImage body or an image record stands for: its own (as written, any case; a
 * record's is still to be read), else what ModelArts registers without one.
 */
function archOrDefault(item) {
    return item.arch ?? DEFAULT_ARCH;
}
/** A manifest or blob digest as SWR and the registry write it. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;

;// CONCATENATED MODULE: ./src/decide/outcome.ts
/**
 * How the step ends, from what the run learned (model/run.ts): the error line (or none), the
 * summary's headline and the next step all come from `conclude`, so they cannot disagree.
 */



/** Text inside a Markdown code span, fenced past its own backticks (a table escapes its own `|`). */
function codeSpan(text) {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
const RERUN = 're-run the job to wait again (the registration is reused), or raise timeout';
/** How the step ends, from what the run learned. */
function conclude(result) {
    const { outcome, image, config } = result;
    const elapsed = formatDuration(result.elapsedMs);
    const status = codeSpan(image?.status ?? 'unknown');
    switch (outcome.kind) {
        case 'dry-run':
            return {
                kind: 'dry-run',
                headline: `🧪 Dry run: ${planHeadline(result, outcome.plan)}`,
                nextStep: 'set dry_run: false (or remove it) to do this'
            };
        case 'final':
        case 'not-waited':
            return concludeFinal(result, outcome.kind === 'not-waited', status);
        case 'timeout': {
            const last = outcome.lastProblem ? `; the last check failed: ${outcome.lastProblem}` : '';
            return {
                kind: 'timeout',
                failure: `timed out after ${elapsed} (timeout ${formatDuration(config?.timeoutMs ?? 0)}): ` +
                    `${image ? `image ${image.id} is still ${image.status}` : 'no image record was read'}${last}. ModelArts goes on with it: ${RERUN}`,
                headline: `⏱️ Timed out waiting for ACTIVE: status ${status}`,
                nextStep: RERUN
            };
        }
        case 'cancelled':
            return { kind: 'cancelled', failure: cancelled(elapsed, image), headline: '⏹️ Cancelled' };
        case 'error':
            return withWrites(concludeError(result, outcome.error, elapsed), result.writes);
    }
}
/** A failure that left a write half done says so in the error line and the headline. */
function withWrites(conclusion, writes) {
    const notes = [];
    if (writes?.deletedId)
        notes.push([
            `the old registration ${writes.deletedId} was deleted; no new one was made: re-run to register`,
            `the old registration ${codeSpan(writes.deletedId)} was deleted; no new one was made: re-run to register`
        ]);
    if (writes?.answerLost) {
        const text = 'a registration may exist: a re-run reuses it';
        notes.push([text, text]);
    }
    // An error's conclusion always has a failure; with no notes, both stay as they are.
    return {
        ...conclusion,
        failure: [conclusion.failure, ...notes.map(([line]) => line)].join('; '),
        headline: [conclusion.headline, ...notes.map(([, words]) => words)].join('; ')
    };
}
/** A registration that is final (or, not waited for, on its way): failed, ACTIVE or pending. */
function concludeFinal(result, notWaited, status) {
    const { image, config } = result;
    if (image && FAILED_STATUSES.has(image.status)) {
        const message = image.status_message ? `: ${image.status_message}` : '';
        return {
            kind: 'registration-failed',
            failure: `image ${image.id} (${config?.image?.swrPath ?? image.swr_path}) is ${image.status}${message}`,
            headline: `❌ Registration failed: ${status}`,
            nextStep: 'read the status message, fix the image (or the inputs), and re-run the job: a failed registration is replaced'
        };
    }
    if (notWaited)
        return {
            kind: 'not-waited',
            headline: `✅ Registered, not waited for: status ${status}`,
            nextStep: 'later steps must wait for ACTIVE before they use the image (wait: true does)'
        };
    return result.created
        ? { kind: 'active', headline: '✅ ACTIVE: registered by this run' }
        : { kind: 'reused', headline: '✅ Reused: the existing registration is ACTIVE' };
}
function concludeError(result, error, elapsed) {
    const { image, config } = result;
    if (error instanceof CancelledError)
        return { kind: 'cancelled', failure: cancelled(elapsed, image), headline: '⏹️ Cancelled' };
    if (error instanceof DeadlineError) {
        return {
            kind: 'timeout',
            failure: `timed out after ${elapsed}: ${error.message}`,
            headline: '⏱️ Timed out',
            nextStep: 'raise timeout, or re-run the job'
        };
    }
    const why = notRegistered(error);
    if (config?.dryRun)
        return {
            kind: 'dry-run-fail',
            failure: `dry run: would fail: ${messageOf(error)}`,
            headline: `🧪 Dry run: would fail: ${why.words}`,
            nextStep: why.nextStep
        };
    if (result.created === true && image)
        return {
            kind: 'failed-after-register',
            failure: messageOf(error),
            headline: `❌ Failed after registering image ${codeSpan(image.id)}`,
            nextStep: 're-run the job: the registration is found and reused'
        };
    if (config?.imageId && !image && !(error instanceof InputError))
        return {
            kind: 'not-found',
            failure: messageOf(error),
            headline: `❌ Not found: image ${codeSpan(config.imageId)}`,
            nextStep: error instanceof ServiceStateError ? IMAGE_ID_NEXT : why.nextStep
        };
    return {
        kind: 'not-registered',
        failure: messageOf(error),
        headline: `❌ Not registered: ${why.words}`,
        nextStep: why.nextStep
    };
}
const IMAGE_ID_NEXT = 'check that image_id names a registration in this region and project (the step that registered it sets it as its image_id output), and re-run the job';
const API_NEXT = 'fix what the error names (credentials, permissions, the endpoint) and re-run the job';
/** Why nothing was registered, in fixed words, and what to do about it. */
function notRegistered(error) {
    if (error instanceof ArchRefusedError)
        return {
            words: 'the image is not built for this architecture',
            nextStep: 'push the image for that architecture (docker buildx --platform), or change arch'
        };
    if (error instanceof InputError) {
        const count = error.problems.length;
        return {
            words: count > 1 ? `${count} inputs are invalid` : 'an input is invalid',
            nextStep: 'fix the workflow’s with: inputs and re-run the job'
        };
    }
    if (error instanceof AlreadyRegisteredError) {
        if (error.reason === 'if-exists-fail')
            return {
                words: 'already registered, and if_exists is fail',
                nextStep: 'use another tag, or set if_exists: reuse or if_exists: replace'
            };
        return {
            words: 'the existing registration differs',
            nextStep: 'fix the inputs (or the tag), or set if_exists: replace to register it again'
        };
    }
    if (error instanceof ApiError ||
        error instanceof NetworkError ||
        error instanceof ServiceStateError)
        return {
            words: `${error.what} failed`,
            nextStep: API_NEXT
        };
    return { words: 'the step failed', nextStep: 'fix what the error names and re-run the job' };
}
/** `would register …`, `would reuse image … (ACTIVE)`, `would delete image … and register again`. */
function planText(result, plan) {
    const path = result.config?.image?.swrPath ?? '';
    const arch = result.arch ? ` as ${result.arch}` : '';
    switch (plan.action) {
        case 'register':
            return `would register ${path}${arch}`;
        case 'reuse':
            return `would reuse image ${plan.image.id} (${plan.image.status})`;
        case 'replace':
            return `would delete image ${plan.image.id} and register again (${plan.why})`;
    }
}
/** planText's words for a headline: every server-derived part inside a code span. */
function planHeadline(result, plan) {
    switch (plan.action) {
        case 'register': {
            const arch = result.arch ? ` as ${codeSpan(result.arch)}` : '';
            return `would register ${codeSpan(result.config?.image?.swrPath ?? '')}${arch}`;
        }
        case 'reuse':
            return `would reuse image ${codeSpan(plan.image.id)} (${codeSpan(plan.image.status)})`;
        case 'replace':
            return `would delete image ${codeSpan(plan.image.id)} and register again`;
    }
}
function cancelled(elapsed, image) {
    const state = image ? `; image ${image.id} was ${image.status}` : '';
    return `cancelled after ${elapsed}${state}`;
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
/** GitHub accepts outputs up to 1 MiB; the image record is cut down well below that. */
const MAX_IMAGE_OUTPUT_CHARS = 64 * 1024;
/** Every output the run knows, name → value. */
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

;// CONCATENATED MODULE: ./src/decide/verdict.ts

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
 * Whether the record is a registration of the path asked for, and readable enough to hand on:
 * `swr_path` (or its host-less form, for the region's shared SWR) when reported, else namespace,
 * name and tag; `workspace_id` and `type` when reported; a known status; a known arch.
 */
function identityOf(record, wanted) {
    const not = (why) => ({ kind: 'not-this-image', why });
    if (wanted.image && !saysWhatItIs(record))
        return not(`image ${record.id} does not say which image it registers (no swr_path)`);
    if (wanted.image && !registersPath(record, wanted.image))
        return not(`image ${record.id} registers ${record.swr_path ?? 'another path'}`);
    if (record.workspace_id !== undefined && record.workspace_id !== wanted.workspaceId)
        return not(`image ${record.id} is in workspace ${record.workspace_id}`);
    if (record.type !== undefined && String(record.type).toUpperCase() !== 'DEDICATED')
        return not(`image ${record.id} is not a registration of this account's (type is not DEDICATED)`);
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
 * Whether a record says which image it registers: its `swr_path`, or all of `namespace`, `name`
 * and `tag`. One that does not is never adopted on its word (a register answer like that is read
 * back with ShowImage).
 */
function saysWhatItIs(record) {
    return (record.swr_path !== undefined ||
        [record.namespace, record.name, record.tag].every(part => part !== undefined));
}
/**
 * Whether a record registers `image`: its swr_path is ours exactly, or ours without the registry
 * host (as ModelArts' own ma-cli registers it: `org/name:tag`), which means the region's shared
 * SWR and so counts only when that is the registry asked for. A record that reports no path is
 * compared by namespace, name and tag, all three of which it must report.
 */
function registersPath(record, image) {
    const hostless = `${image.namespace}/${image.name}:${image.tag}`;
    if (record.swr_path !== undefined)
        return (record.swr_path === image.swrPath ||
            (image.sharedSwr === true && record.swr_path === hostless));
    return (record.namespace === image.namespace && record.name === image.name && record.tag === image.tag);
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
    const status = String(record.status).toUpperCase();
    if (IN_PROGRESS.has(status))
        return `it is still ${status}: a concurrent run may be waiting on it`;
    // In doubt, keep: a record that does not say when it was made may be a sibling's of a moment ago.
    if (typeof record.create_at !== 'number' || !Number.isFinite(record.create_at))
        return 'it does not say when it was registered (no create_at): it may be a concurrent run’s';
    if (record.create_at >= startedAt - CLOCK_SKEW_MS)
        return 'it was registered less than two minutes before this step started, or after: a concurrent run’s';
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

;// CONCATENATED MODULE: ./src/decide/retention.ts
/**
 * Which older registrations `keep_last` deletes. Pure: the listed records and the rules in, the
 * records to delete, keep and protect out. Only registrations of the same image are candidates
 * (workspace, namespace and name, registry, architecture); of those, anything that might be in use
 * (INIT, CREATING, an unknown status, registered within the hour before the step started) or whose
 * age cannot be trusted is never deleted and not counted. The newest N are kept, and so is the
 * registration this run hands out.
 */



/** Registrations younger than this before the step started may be a sibling job's: never deleted. */
const RECENT_MS = 60 * 60_000;
/** No ModelArts registration is older than this: an earlier create_at is not a time in ms. */
const EARLIEST_CREATE_AT = Date.UTC(2018, 0, 1);
/** A create_at this far past the step's start is a clock that cannot be trusted. */
const FUTURE_ALLOWANCE_MS = CLOCK_SKEW_MS;
/** The statuses of registrations nobody waits on any more; only these are ever deleted. */
const DELETABLE_STATUSES = SETTLED_STATUSES;
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
/** A record's architecture, upper case; a record without one is the default; undefined: not text. */
function archOf(record) {
    const arch = archOrDefault(record);
    return typeof arch === 'string' ? arch.toUpperCase() : undefined;
}
/**
 * The registry and repository (`namespace/name`) a record's swr_path names, a host-less path's
 * registry being the region's shared SWR; undefined when the path is missing or not `…:tag`.
 */
function repositoryOf(record, sharedRegistry) {
    const path = record.swr_path;
    if (typeof path !== 'string' || path.includes('@'))
        return undefined;
    const { registry = sharedRegistry, rest } = splitRegistry(path);
    const colon = rest.lastIndexOf(':');
    if (colon <= rest.lastIndexOf('/') || colon === rest.length - 1)
        return undefined;
    return { registry: registry.toLowerCase(), repository: rest.slice(0, colon) };
}
/**
 * Whether a listed record is a registration of the same image (any tag): DEDICATED, in the same
 * workspace, with the same namespace and name, from the same registry, of the same architecture.
 * A record that does not say enough (no swr_path) is another image: it is never touched.
 */
function isSameImage(record, rules) {
    const { image } = rules;
    if (record.type !== undefined && String(record.type).toUpperCase() !== 'DEDICATED')
        return false;
    if (record.workspace_id !== undefined && record.workspace_id !== rules.workspaceId)
        return false;
    if (record.namespace !== undefined && record.namespace !== image.namespace)
        return false;
    if (record.name !== undefined && record.name !== image.name)
        return false;
    if (archOf(record) !== rules.arch.toUpperCase())
        return false;
    const where = repositoryOf(record, rules.sharedRegistry);
    return (where !== undefined &&
        where.registry === image.registry.toLowerCase() &&
        where.repository === `${image.namespace}/${image.name}`);
}
/** Why a candidate is never deleted, or undefined when it may be. */
function protectionOf(record, rules) {
    const tag = tagOf(record);
    if (rules.keepTags && tag !== undefined && rules.keepTags(tag))
        return { reason: 'keep_tags', why: `tag ${tag} matches keep_tags` };
    const status = String(record.status).toUpperCase();
    if (!DELETABLE_STATUSES.has(status))
        return { reason: 'status', why: `status ${status}: someone may be waiting on it` };
    if (!Number.isFinite(record.create_at))
        return { reason: 'no-create-at', why: 'it has no create_at' };
    const created = record.create_at;
    if (created < EARLIEST_CREATE_AT || created > rules.startedAt + FUTURE_ALLOWANCE_MS)
        return { reason: 'implausible', why: `create_at ${created} is not a plausible time` };
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
/** The plan: the newest N of the image kept, and the handed-out one; the rest deleted; the protected left alone. */
function planRetention(records, rules) {
    const protect = [];
    const candidates = [];
    let handedOut;
    for (const record of oncePerId(records)) {
        if (!isSameImage(record, rules))
            continue;
        if (String(record.status).toUpperCase() === DELETED)
            continue;
        const protection = protectionOf(record, rules);
        if (record.id === rules.keptId)
            handedOut = record;
        if (protection && record.id !== rules.keptId)
            protect.push({ image: record, ...protection });
        if (!protection)
            candidates.push(record);
    }
    candidates.sort(newestFirst);
    const newest = candidates.slice(0, rules.keepLast);
    return {
        delete: candidates.slice(rules.keepLast).filter(r => r !== handedOut),
        keep: [...(handedOut ? [handedOut] : []), ...newest.filter(r => r !== handedOut)],
        protect
    };
}

;// CONCATENATED MODULE: ./src/report/retention-summary.ts
/**
 * The job summary's keep_last section: what was kept, deleted (or, in a dry run, would be), not
 * deleted, not confirmed or unknown, and protected (how many, and why). Each list shows at most
 * 20 entries ("and 312 more"), so thousands of records still give a small summary. Ids, tags and
 * reasons come from the service: code spans only.
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
    const literal = (text) => codeSpan(serverText(redact(text), 256));
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
    recent: 'registered less than an hour before the step'
};

;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary, written on every exit path: what happened in words (the headline `conclude`
 * gives), the reason (said once: no table row repeats it), where a registered image is in the
 * console, what to do next, warnings, then a table of what is known: rows for stages
 * never reached are left out. Server text is masked first (known secrets become ***), then
 * shortened, then put in code spans: a code span keeps a quoted secret's characters together,
 * where backslash escapes (`\_`) would split it so that the runner's masking no longer finds it.
 * Only table cells escape `|` (GFM splits cells before it reads code spans). The whole summary
 * stays under 64 KiB whatever the servers send: past that, it is cut at a line, with a note.
 */






/** A Markdown summary of `result`, under the headline `conclusion` gives. */
function summaryMarkdown(result, conclusion, redact = text => text) {
    const literal = (text, max = 2000) => codeSpan(serverText(redact(text), max));
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
    if (outcome.kind === 'error' && outcome.error instanceof InputError) {
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
        out.push(['Registration', result.created ? 'created by this run' : 'existing, reused']);
    const message = statusMessageRow(image?.status_message, conclusion);
    if (message)
        out.push(['Status message', literal(message)]);
    out.push(['Elapsed', formatDuration(result.elapsedMs)]);
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
    return (`**Where:** ModelArts console → Image Management${region}. The step's outputs hold its ` +
        `${WHERE_OUTPUTS.map(name => `\`${name}\``).join(', ')} and the record as JSON (\`image\`).`);
}
/** A dry run's RegisterImage body, one attribute a row. */
function bodyRows(result, conclusion, literal) {
    if (conclusion.kind !== 'dry-run' || !result.body)
        return [];
    if (result.outcome.kind === 'dry-run' && result.outcome.plan.action === 'reuse')
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
        core/* warning */.$e(`could not write the job summary: ${messageOf(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/base/json.ts
/** Answers are parsed JSON of unknown shape; this is the one check every reader starts from. */
/** A JSON object (not null, not an array). */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/cloud/iam.ts
/**
 * The two IAM calls the action makes: find the project of a region, and exchange a GitHub OIDC id
 * token for an IAM token.
 */






/** KeystoneListProjects by name: the region's project id; exactly one match or an error. */
async function lookUpProjectId(http, iamEndpoint, region, auth) {
    const what = `look up the project of region ${region}`;
    const response = await http
        .send({
        what,
        method: 'GET',
        endpoint: iamEndpoint,
        path: '/v3/projects',
        query: { name: region },
        auth,
        retry: 'transient'
    })
        .catch((error) => {
        throw error instanceof ApiError && error.status === 403 ? listRefused(error) : error;
    });
    const projects = isObject(response.body) ? response.body.projects : undefined;
    if (!Array.isArray(projects)) {
        throw new ApiError({
            what,
            status: response.status,
            errorMsg: 'the answer has no project list',
            requestId: response.requestId
        });
    }
    const ids = [];
    for (const project of projects) {
        const { id, name } = isObject(project) ? project : {};
        if (name !== region)
            continue;
        if (typeof id !== 'string' || !PROJECT_ID.test(id)) {
            throw new ApiError({
                what,
                status: response.status,
                errorMsg: `the project named ${region} has no valid id`,
                requestId: response.requestId
            });
        }
        ids.push(id);
    }
    const [only] = ids;
    if (only === undefined || ids.length > 1) {
        const found = ids.length === 0 ? 'no project' : `${ids.length} projects (${ids.join(', ')})`;
        // No project for a misspelt region: say which region was probably meant.
        const hint = ids.length === 0 ? regionHint(region) : undefined;
        throw new ServiceStateError(what, `IAM has ${found} named ${region} for these credentials${hint ? ` (${hint})` : ''}; set project_id (or HUAWEI_CLOUD_PROJECT_ID)`);
    }
    return only;
}
/** A refused project look-up (IAM.0002 style), with what to do about it. */
function listRefused(error) {
    return new ApiError({
        what: error.what,
        status: error.status,
        errorCode: error.errorCode,
        errorMsg: `${error.errorMsg} (grant iam:projects:listProjects, or set project_id)`,
        requestId: error.requestId
    });
}
/**
 * CreateTokenWithIdToken: `POST /v3.0/OS-AUTH/id-token/tokens` with X-Idp-Id, scoped to the project
 * when it is known, else to the region's project by name. The token comes back in X-Subject-Token.
 */
async function exchangeIdToken(http, iamEndpoint, request) {
    const what = `exchange the GitHub OIDC token at IAM (identity provider ${request.identityProvider})`;
    const project = request.projectId ? { id: request.projectId } : { name: request.region };
    const response = await http.send({
        what,
        method: 'POST',
        endpoint: iamEndpoint,
        path: '/v3.0/OS-AUTH/id-token/tokens',
        headers: { 'X-Idp-Id': request.identityProvider },
        body: { auth: { id_token: { id: request.idToken }, scope: { project } } },
        auth: noAuth,
        // Issuing a token twice harms nothing, so the exchange is retried like a look-up.
        retry: 'transient'
    });
    const token = response.headers['x-subject-token'];
    if (typeof token !== 'string' || token === '' || hasControl(token)) {
        throw new ApiError({
            what,
            status: response.status,
            errorMsg: 'the answer has no X-Subject-Token header',
            requestId: response.requestId
        });
    }
    const scoped = response.body?.token
        ?.project?.id;
    if (scoped !== undefined && (typeof scoped !== 'string' || !PROJECT_ID.test(scoped))) {
        throw new ApiError({
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
 * Turns the configured credentials into an authenticator and a project id: signs with an access
 * key, sends an IAM token, or exchanges the runner's OIDC id token for one.
 */



/** Resolves credentials and the project id, making the IAM calls that needs. */
async function resolveCredentials(config, deps) {
    const { credentials } = config;
    switch (credentials.kind) {
        case 'access-key': {
            const auth = accessKeyAuth(credentials);
            const projectId = config.projectId ?? (await findProject(config, deps, auth));
            return {
                auth,
                projectId,
                projectHeaders: { 'X-Project-Id': projectId },
                description: `${credentials.securityToken ? 'temporary access key' : 'access key'} from ${credentials.source}`
            };
        }
        case 'token': {
            const auth = tokenAuth(credentials.token);
            const projectId = config.projectId ?? (await findProject(config, deps, auth));
            return { auth, projectId, projectHeaders: {}, description: 'IAM token (auth_token)' };
        }
        case 'oidc': {
            if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
                throw new InputError([
                    'identity_provider: this job cannot request a GitHub OIDC token. Add "permissions: id-token: write" to the job ' +
                        '(pull requests from forks never get one; use access keys there)'
                ]);
            }
            // The runner's token service obeys the step's deadline and cancellation like every request.
            const idToken = await deps.http.within('get the GitHub OIDC id token from the runner', deps.getIdToken(credentials.audience));
            deps.mask(idToken);
            const scoped = await exchangeIdToken(deps.http, config.iamEndpoint, {
                identityProvider: credentials.identityProvider,
                idToken,
                region: config.region,
                projectId: config.projectId
            });
            deps.mask(scoped.token);
            const projectId = config.projectId ?? scoped.projectId;
            if (!projectId) {
                throw new ServiceStateError('exchange the GitHub OIDC token at IAM', `IAM returned a token without a project for region ${config.region}; set project_id`);
            }
            return {
                auth: tokenAuth(scoped.token),
                projectId,
                projectHeaders: {},
                description: `OIDC (identity provider ${credentials.identityProvider})`
            };
        }
    }
}
async function findProject(config, deps, auth) {
    const projectId = await lookUpProjectId(deps.http, config.iamEndpoint, config.region, auth);
    deps.log.info(`project_id not given: IAM says region ${config.region} is project ${projectId}`);
    return projectId;
}

;// CONCATENATED MODULE: ./src/base/promises.ts
/**
 * Work started now and awaited later (a look-up beside another): its rejection is marked as
 * handled at once, so a look-up left behind when another fails is never an unhandled rejection.
 */
/** The same promise, its rejection marked as handled; whoever awaits it still gets the error. */
function observed(promise) {
    promise.catch(() => undefined);
    return promise;
}

;// CONCATENATED MODULE: ./src/cloud/modelarts.ts
/**
 * The ModelArts image API: register, show, list (every page, each id once, a changing list told
 * apart), delete (never forced). Typed, validated records in
 * and out; HTTP, auth and retries are http.ts's business. Every record is checked before anything
 * uses it: an id that is not an id, or a record for another image, is an unreadable answer.
 */






/** ModelArts' answer when the image does not exist (with HTTP 400 or 404). */
const NOT_FOUND_CODE = 'ModelArts.6404';
/** ModelArts' answers when the tag is registered already (6737 for images, 2884 seen elsewhere). */
const CONFLICT_CODES = new Set(['ModelArts.6737', 'ModelArts.2884']);
/** ModelArts reports "no such image" as ModelArts.6404, with HTTP 400 or 404. */
function isNotFound(error) {
    return (error instanceof ApiError &&
        (error.errorCode === NOT_FOUND_CODE ||
            // A gateway's 404 (shared APIGW., dedicated APIG.) is a wrong endpoint, not a missing image.
            (error.status === 404 && !/^APIGW?\./.test(error.errorCode))));
}
/** The answer to a registration: the tag is registered already. */
function isConflict(error) {
    return error instanceof ApiError && CONFLICT_CODES.has(error.errorCode);
}
const PAGE_SIZE = 100;
const MAX_PAGES = 50;
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
        const response = await this.http.send({
            what,
            method: 'POST',
            endpoint: this.endpoint,
            path: this.imagesPath(),
            body,
            headers: this.extraHeaders,
            auth: this.auth,
            retry: 'throttled-only'
        });
        return readImage(what, response.body, response);
    }
    /** ShowImage; the answer must be the record of `id`. `budget`: the last check's grace. */
    async show(id, budget) {
        const what = 'check image status';
        const response = await this.http.send({
            what,
            budget,
            method: 'GET',
            endpoint: this.endpoint,
            path: `${this.imagesPath()}/${encodeURIComponent(id)}`,
            headers: this.extraHeaders,
            auth: this.auth,
            retry: 'transient'
        });
        const image = readImage(what, response.body, response);
        if (image.id !== id)
            throw unreadable(what, response, `the answer is for image ${image.id}`);
        return image;
    }
    /**
     * The registration, or undefined once it is gone: ModelArts says it does not exist, or shows it
     * as DELETED. The one test of a delete having taken effect.
     */
    async showUnlessGone(id, budget) {
        try {
            const image = await this.show(id, budget);
            return String(image.status).toUpperCase() === DELETED ? undefined : image;
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
    }
    /**
     * Every DEDICATED record of this repository in the workspace, from every page, each id once. A
     * list that changed while it was read (a sibling registered or deleted) is read once more; when it
     * changes again this throws: a look-up never concludes "not registered" from part of a list.
     */
    async listRegistrations(image, workspaceId) {
        const first = await this.listImages(image, workspaceId);
        if (!first.changed)
            return first.images;
        const second = await this.listImages(image, workspaceId);
        if (!second.changed)
            return second.images;
        throw new ServiceStateError('look up existing registration', 'the image list changed while it was read, twice; not concluding from part of it');
    }
    /**
     * One reading of the list, every page, each id once; `changed` when the list changed between
     * pages (`total` differs, or an id is on two pages): then some record may have been missed.
     * The list API defaults to preset images (type=BUILD_IN) and fuzzy names, so both are set
     * explicitly; there is no tag or path filter, so the caller compares paths. A repository name
     * the name filter does not accept (one with `/`) is listed by namespace alone. Pages are
     * followed until one comes back empty or `total` is reached, whatever page size the service
     * chose: a partial list never passes for the whole.
     */
    async listImages(image, workspaceId) {
        const byId = new Map();
        let offset = 0;
        let changed = false;
        let firstTotal;
        for (let page = 0; page < MAX_PAGES; page++) {
            const { records, total } = await this.listPage(image, workspaceId, offset);
            firstTotal ??= total;
            if (total !== firstTotal)
                changed = true;
            const onPage = new Set();
            for (const record of records) {
                if (byId.has(record.id) && !onPage.has(record.id))
                    changed = true;
                if (!byId.has(record.id))
                    byId.set(record.id, record);
                onPage.add(record.id);
            }
            offset += records.length;
            if (records.length === 0 || (total !== undefined && offset >= total))
                return { images: [...byId.values()], changed };
        }
        throw new ServiceStateError('look up existing registration', `the image list did not end after ${MAX_PAGES} pages; not concluding from part of it`);
    }
    async listPage(image, workspaceId, offset) {
        const what = 'look up existing registration';
        const byName = LISTABLE_NAME.test(image.name);
        const response = await this.http.send({
            what,
            method: 'GET',
            endpoint: this.endpoint,
            path: this.imagesPath(),
            query: {
                type: 'DEDICATED',
                ...(byName ? { name: image.name, name_fuzzy_match: 'false' } : {}),
                namespace: image.namespace,
                workspace_id: workspaceId,
                limit: String(PAGE_SIZE),
                offset: String(offset)
            },
            headers: this.extraHeaders,
            auth: this.auth,
            retry: 'transient'
        });
        const body = response.body;
        const data = isObject(body) ? body.data : undefined;
        if (!Array.isArray(data))
            throw unreadable(what, response, 'the answer has no data list');
        const records = data.map(entry => readImage(what, entry, response));
        const total = isObject(body) && typeof body.total === 'number' ? body.total : undefined;
        return { records, total };
    }
    /**
     * DeleteImage, never forced: a forced delete would also delete the image in SWR. Its answer is
     * not proof: the caller confirms with ShowImage (DELETED, or not found).
     */
    async delete(id) {
        await this.http.send({
            what: 'delete existing registration',
            method: 'DELETE',
            endpoint: this.endpoint,
            path: `${this.imagesPath()}/${encodeURIComponent(id)}`,
            body: { is_force: false },
            headers: this.extraHeaders,
            auth: this.auth,
            retry: 'transient'
        });
    }
    imagesPath() {
        return `/v1/${encodeURIComponent(this.projectId)}/images`;
    }
}
const TEXT_FIELDS = ['name', 'namespace', 'tag', 'swr_path', 'status_message', 'workspace_id'];
/**
 * An image record, checked: `id` is 1 to 128 of [A-Za-z0-9_-], `status` a string, and every text
 * field the action prints is cleaned of control characters. Anything else is an unreadable answer.
 */
function readImage(what, value, response) {
    if (!isObject(value))
        throw unreadable(what, response, 'an image record is not an object');
    const { id, status } = value;
    if (typeof id !== 'string' || !IMAGE_ID.test(id))
        throw unreadable(what, response, 'an image record has no valid id');
    if (typeof status !== 'string' || status.trim() === '')
        throw unreadable(what, response, `image ${id} has no status`);
    const image = { ...value, id, status: serverText(status, 64) };
    for (const field of TEXT_FIELDS) {
        const text = value[field];
        if (text === undefined || text === null)
            delete image[field];
        else if (typeof text === 'string')
            image[field] = serverText(text, 2048);
        else
            throw unreadable(what, response, `image ${id} has a ${field} that is not text`);
    }
    if (typeof value.create_at !== 'number')
        delete image.create_at;
    return image;
}
const unreadable = unreadableAnswer;

;// CONCATENATED MODULE: ./src/cloud/registry.ts
/**
 * The Docker Registry v2 API of the registry in an swr_path (the shared SWR's, or an SWR Enterprise
 * Edition instance's): a manifest by tag, a config blob by digest, behind the Bearer challenge the
 * registry answers with. A pull token comes from the realm the challenge names, with a temporary
 * login given by the caller (it may still be on its way when the challenge is sent); that login goes only to a realm on the registry's own host (same
 * scheme), the token is masked the moment it is read, and no Authorization header follows a
 * redirect to another host. Every answer is checked before use.
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
    budget) {
        this.http = http;
        this.login = login;
        this.mask = mask;
        this.budget = budget;
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
            throw unreadableAnswer(what, answer, 'a redirect for a manifest');
        return {
            digest: sha256(answer.text),
            manifest: isObject(answer.body) ? answer.body : undefined
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
                throw unreadableAnswer(what, answer, `more than ${MAX_REDIRECTS} redirects`);
            const target = redirectTarget(what, answer, this.origin);
            answer = await this.http.send({
                what,
                method: 'GET',
                endpoint: target.origin,
                path: target.pathname,
                rawQuery: target.search.slice(1) || undefined,
                // Never an Authorization header to another host (object storage signs its own URLs).
                auth: noAuth,
                budget: this.budget,
                retry: 'transient',
                passStatuses: REDIRECTS
            });
        }
        if (sha256(answer.text) !== configDigest)
            throw unreadableAnswer(what, answer, `the config blob does not match its digest ${configDigest}`);
        return isObject(answer.body) ? answer.body : undefined;
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
            auth: noAuth,
            budget: this.budget,
            retry: 'transient',
            passStatuses: pass
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
            throw unreadableAnswer(what, challenge, 'the registry sent no Bearer challenge');
        let realm;
        try {
            realm = new URL(params.realm);
        }
        catch {
            throw unreadableAnswer(what, challenge, 'the Bearer realm is not a URL');
        }
        const registry = new URL(this.origin);
        if (realm.host !== registry.host || realm.protocol !== registry.protocol) {
            // The login is an SWR credential: it goes to the registry's own host and nowhere else.
            throw new ServiceStateError(what, `the registry's token realm is on ${realm.protocol}//${realm.host}, not on the registry's own host; the login was not sent`);
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
            auth: noAuth,
            budget: this.budget,
            retry: 'transient'
        });
        const body = isObject(response.body) ? response.body : {};
        const token = typeof body.token === 'string' ? body.token : body.access_token;
        if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token))
            throw unreadableAnswer('get a registry token', response, 'the answer has no token');
        this.mask(token);
        return token;
    }
}
/** `https://{host}`; `http://` only for a loopback registry (tests, a local mirror). */
function registryOrigin(registry) {
    return `${isLoopback(registry) ? 'http' : 'https'}://${registry}`;
}
/** Whether a registry host (with or without its port) is this machine. */
function isLoopback(registry) {
    return isLoopbackHost(registry.replace(/:\d+$/, ''));
}
/**
 * The parameters of the Bearer challenge in a WWW-Authenticate value (`Bearer realm="…",service="…"`),
 * which may hold other challenges too (`Basic realm="…"`, joined by Node with `, ` when the header
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
        if (target.protocol === 'https:' || isLoopback(target.host))
            return target;
    }
    catch {
        // fall through
    }
    throw unreadableAnswer(what, answer, 'a redirect without a usable https location');
}
/** `sha256:…` of a text's UTF-8 bytes. */
function sha256(text) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex')}`;
}

;// CONCATENATED MODULE: ./src/cloud/swr.ts
/**
 * SWR's management API (`swr-api.{region}`), signed like every other call: for the shared SWR,
 * ShowRepoTag (the tag's digest and manifest) and CreateSecret (a temporary docker login); for an
 * SWR Enterprise Edition instance, ShowInstance (its registry host), ShowInstanceArtifact (the
 * tag's digest) and CreateInstanceTempCredential (a temporary login to its registry). Every
 * answer is checked before use. The registries themselves are registry.ts's.
 */




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
        return this.http.send({
            what,
            method: 'GET',
            endpoint: this.endpoint,
            path: `/v2/manage/namespaces/${encodeURIComponent(image.namespace)}` +
                `/repos/${image.name.split('/').map(encodeURIComponent).join('$')}` +
                `/tags/${encodeURIComponent(image.tag)}`,
            headers: this.headers,
            auth: this.auth,
            retry: 'transient'
        }, response => readTag(what, response));
    }
    /**
     * CreateSecret: a temporary docker login for `registryHost`, as `user:password`. Undefined when
     * the answer has none for that host. The login, its password and its base64 form are masked
     * before anything else reads them.
     */
    async temporaryLogin(region, registryHost, mask, budget) {
        const what = 'get a temporary SWR login';
        const response = await this.http.send({
            budget,
            what,
            method: 'POST',
            endpoint: this.endpoint,
            path: '/v2/manage/utils/secret',
            query: { projectname: region },
            headers: this.headers,
            auth: this.auth,
            // Issuing a temporary login twice harms nothing, so it is retried like a look-up.
            retry: 'transient'
        });
        const auths = isObject(response.body) ? response.body.auths : undefined;
        const entry = isObject(auths) ? auths[registryHost] : undefined;
        const auth = isObject(entry) ? entry.auth : undefined;
        if (typeof auth !== 'string' || !auth)
            return undefined;
        mask(auth);
        const login = Buffer.from(auth, 'base64').toString('utf8');
        if (!login.includes(':'))
            return undefined;
        mask(login);
        mask(login.slice(login.indexOf(':') + 1));
        mask(Buffer.from(login).toString('base64'));
        return login;
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
        return this.swr.http.send(this.get(what, this.base), response => {
            const address = isObject(response.body) ? response.body.access_address : undefined;
            if (typeof address !== 'string' || !instanceHost(address))
                throw unreadableAnswer(what, response, 'the instance has no usable access_address');
            return address;
        });
    }
    /**
     * ShowInstanceArtifact by tag. A `/` inside the repository name is written `%2F` and then
     * escaped with the rest (`%252F` on the wire), as the API reference asks.
     */
    async showArtifact(image) {
        const what = 'read the tag in the SWR Enterprise Edition instance';
        const path = `${this.base}/namespaces/${encodeURIComponent(image.namespace)}` +
            `/repositories/${encodeURIComponent(image.name.split('/').join('%2F'))}` +
            `/artifacts/${encodeURIComponent(image.tag)}`;
        return this.swr.http.send(this.get(what, path), response => {
            const body = isObject(response.body) ? response.body : {};
            const { digest } = body;
            if (typeof digest !== 'string' || !DIGEST.test(digest))
                throw unreadableAnswer(what, response, 'the artifact has no sha256 digest');
            const type = body.manifest_media_type ?? body.media_type;
            return { digest, mediaType: typeof type === 'string' ? type : undefined };
        });
    }
    /**
     * CreateInstanceTempCredential: a temporary login to the instance's registry, `user:password`.
     * The password, and the login in its base64 form, are masked before anything else reads them.
     */
    async temporaryLogin(mask, budget) {
        const what = 'get a temporary login to the SWR Enterprise Edition instance';
        const response = await this.swr.http.send({
            ...this.get(what, `${this.base}/temp-credential`),
            method: 'POST',
            budget,
            // Issuing a temporary login twice harms nothing, so it is retried like a look-up.
            retry: 'transient'
        });
        const body = isObject(response.body) ? response.body : {};
        const { auth_token: password, user_id: user } = body;
        if (typeof password === 'string' && password)
            mask(password);
        if (typeof password !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(password))
            throw unreadableAnswer(what, response, 'the answer has no auth_token');
        if (typeof user !== 'string' || !/^[\x21-\x39\x3b-\x7e]{1,256}$/.test(user))
            throw unreadableAnswer(what, response, 'the answer has no user_id');
        mask(Buffer.from(`${user}:${password}`).toString('base64'));
        return `${user}:${password}`;
    }
    get(what, path) {
        const { endpoint, auth, headers } = this.swr;
        return { what, method: 'GET', endpoint, path, headers, auth, retry: 'transient' };
    }
}
/**
 * The registry host an `access_address` names, lower case, without scheme, path or default port:
 * `https://team.example:443/` and `team.example` are both `team.example`. Undefined when it names
 * no host.
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
    const name = (host) => host.replace(/:\d+$/, '');
    if (name(served) !== name(asked))
        return false;
    return !/:\d+$/.test(served) || served === asked;
}
/** A ShowRepoTag answer: a sha256 digest, and the manifest only when its text is the digest's. */
function readTag(what, response) {
    const body = response.body;
    if (!isObject(body))
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
    return { digest, manifest: isObject(parsed) ? parsed : undefined };
}
/** An SWR answer that cannot be used is unreadable like any other: retried by reads. */
const swr_unreadable = unreadableAnswer;

;// CONCATENATED MODULE: ./src/decide/platforms.ts
/**
 * What a tag's manifest says about the platforms it is built for, and which of them ModelArts can
 * run. Pure: a parsed manifest in, platforms (or why they cannot be read) out. Only definite facts
 * come back as platforms; anything the action cannot read for certain is `unknown`, which the
 * image check turns into a warning, never a failure.
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
    if (MANIFEST_TYPES.has(mediaType) || (!mediaType && isObject(manifest.config))) {
        const config = isObject(manifest.config) ? manifest.config.digest : undefined;
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
        if (!isObject(entry))
            return { kind: 'unknown', why: 'an index entry is not an object' };
        if (typeof entry.mediaType === 'string' && INDEX_TYPES.has(entry.mediaType))
            return { kind: 'unknown', why: 'the index holds another index' };
        if (isAttestation(entry))
            continue;
        const platform = platformOf(isObject(entry.platform) ? entry.platform : undefined);
        if (!platform)
            return { kind: 'unknown', why: 'an index entry names no platform' };
        const digest = typeof entry.digest === 'string' && DIGEST.test(entry.digest) ? entry.digest : undefined;
        platforms.push(digest ? { ...platform, digest } : platform);
    }
    return { kind: 'index', platforms };
}
/** `docker buildx` adds attestation manifests (platform unknown/unknown): not platforms. */
function isAttestation(entry) {
    const annotations = isObject(entry.annotations) ? entry.annotations : {};
    if (annotations['vnd.docker.reference.type'] === 'attestation-manifest')
        return true;
    const platform = isObject(entry.platform) ? entry.platform : {};
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
 * ModelArts' `arch` for a platform it can run: Linux only, `amd64` → X86_64, `arm64` (any variant
 * v8 or none) → AARCH64; undefined for anything else (`windows/amd64`, `linux/arm/v7`, `linux/s390x`).
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
 * - `given` and built for it: that arch; built for others only: refused, naming both.
 * - not given: one usable platform → it; several → X86_64 when amd64 is among them (and the
 *   arm64 platform is reported as `other`, so the user can register it under a tag of its own);
 *   none usable → refused, naming the platforms.
 */
function decideArch(image, digest, platforms, given) {
    const usable = platforms.filter(p => archOfPlatform(p) !== undefined);
    const arches = [...new Set(usable.map(archOfPlatform))];
    const names = platforms.map(platformName);
    const builtFor = names.length ? names.join(', ') : 'no platform';
    if (given) {
        if (arches.includes(given))
            return { kind: 'arch', arch: given };
        const wanted = given === 'AARCH64' ? 'linux/arm64' : 'linux/amd64';
        const alternative = arches[0] ? `set arch: ${arches[0]}, or ` : '';
        return {
            kind: 'refused',
            message: `arch is ${given} but ${image.swrPath} (${digest}) is built for ${builtFor} only: ${alternative}build and push ${wanted}`
        };
    }
    const [first] = arches;
    if (!first) {
        return {
            kind: 'refused',
            message: `${image.swrPath} (${digest}) is built for ${builtFor}, and ModelArts runs linux/amd64 (X86_64) or linux/arm64 (AARCH64) only: build and push one of those`
        };
    }
    const arch = arches.includes(DEFAULT_ARCH) ? DEFAULT_ARCH : first;
    const other = usable.find(p => archOfPlatform(p) !== arch);
    return {
        kind: 'arch',
        arch,
        note: `arch not given: registering as ${arch}, from the image's platforms (${builtFor})`,
        ...(other ? { other } : {})
    };
}

;// CONCATENATED MODULE: ./src/steps/image-check.ts
/**
 * Checks the image before anything is written to ModelArts: that the tag was pushed, its digest,
 * and the platforms it was built for, then decides the architecture to register. In the shared
 * SWR (ShowRepoTag) or, with swr_instance_id, in an SWR Enterprise Edition instance (ShowInstance
 * and ShowInstanceArtifact side by side, then its registry, whose challenge goes out beside the
 * temporary login), with the same decisions and messages. The arch is decided here once: the
 * input's when the image is not checked. Only definite facts fail the step (no such tag; a path
 * on another registry than the instance's; an arch the image lacks; no platform ModelArts can
 * run); what cannot be read (no permission, an unknown manifest, a registry that does not answer)
 * is a warning, and registration goes on. The registry part is best effort: it gets a slice of
 * the step's budget, so a registry that never answers costs that slice, not the step.
 */







/** The image was not checked; the reason says why and what to do. */
const notChecked = (log, why) => {
    log.warning(`the image was not checked: ${why}`);
    return undefined;
};
/**
 * Reads the tag and its platforms, and decides the arch: the one place it is decided (the input's
 * when the image is not checked). Throws only for definite facts.
 */
async function checkImage(context) {
    const given = context.arch ? { arch: context.arch } : {};
    const { image, log } = context;
    if (!image || !context.enabled)
        return given;
    const ctx = { ...context, image };
    const tag = ctx.instance ? await instanceTag(ctx, ctx.instance) : await sharedTag(ctx);
    if (!tag)
        return given;
    const platforms = await tag.platforms();
    if (!platforms)
        return { digest: tag.digest, ...given };
    const decision = decideArch(image, tag.digest, platforms, ctx.arch);
    if (decision.kind === 'refused')
        throw new ArchRefusedError(decision.message, tag.digest);
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
async function sharedTag(ctx) {
    const { image } = ctx;
    let tag;
    try {
        tag = await ctx.swr.showTag(image);
    }
    catch (error) {
        return readFailure(ctx, error, {
            where: 'SWR',
            grant: 'Grant SWR read permission (swr:repo:getRepo, swr:repository:getTag)',
            missing: () => `swr_path: ${image.swrPath} is not in SWR (organization ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
                'push it first, or check the path. An image shared from another account cannot be checked: set check_image: false'
        });
    }
    ctx.log.info(`${image.swrPath} is ${tag.digest} in SWR`);
    const { manifest } = tag;
    return { digest: tag.digest, platforms: () => readPlatforms(ctx, platformSource(manifest)) };
}
/**
 * ShowInstance and ShowInstanceArtifact, side by side (neither needs the other): the instance
 * must serve the swr_path's registry, and hold the tag. The platforms come from its registry.
 */
async function instanceTag(ctx, instance) {
    const { image } = ctx;
    const where = `SWR Enterprise Edition instance ${instance.id}`;
    const [address, artifact] = await Promise.allSettled([
        instance.api.accessAddress(),
        instance.api.showArtifact(image)
    ]);
    if (address.status === 'rejected') {
        return readFailure(ctx, address.reason, {
            where,
            grant: 'Grant swr:instance:get and swr:repository:getArtifact',
            missing: () => `swr_instance_id: instance ${instance.id} was not found in region ${ctx.region} (check swr_instance_id and region)`
        });
    }
    if (!servesRegistry(address.value, image.registry)) {
        throw new InputError([
            `swr_path's registry is ${image.registry}, but instance ${instance.id} serves ${instanceHost(address.value) ?? address.value}: ` +
                'push the image to the instance and use its address in swr_path, or check swr_instance_id'
        ]);
    }
    if (artifact.status === 'rejected') {
        return readFailure(ctx, artifact.reason, {
            where,
            grant: 'Grant swr:repository:getArtifact',
            missing: () => `swr_path: ${image.swrPath} is not in ${where} (namespace ${image.namespace}, repository ${image.name}, tag ${image.tag}): ` +
                'push it first, or check the path'
        });
    }
    const { digest } = artifact.value;
    ctx.log.info(`${image.swrPath} is ${digest} in ${where}`);
    return { digest, platforms: () => instancePlatforms(ctx, instance.api, digest) };
}
/**
 * What a failed SWR read means: a definite fact fails the step (no such API at swr_endpoint, no
 * such tag or instance); no permission, or an SWR that keeps failing, is a warning (undefined).
 */
function readFailure(ctx, error, how) {
    if (error instanceof ApiError && error.status === 404 && /^APIGW?\./.test(error.errorCode)) {
        // The gateway (shared APIGW., dedicated APIG.) knows no such API: the endpoint is not SWR's.
        throw new InputError([
            `swr_endpoint: SWR's API is not at this endpoint (${messageOf(error)}); check swr_endpoint, or set check_image: false`
        ]);
    }
    if (error instanceof ApiError && error.status === 404)
        throw new InputError([how.missing()]);
    if (error instanceof ApiError && error.status === 403) {
        return notChecked(ctx.log, `no permission to read it in ${how.where} (${messageOf(error)}). ${how.grant} or set check_image: false`);
    }
    if (isTransient(error))
        return notChecked(ctx.log, `${how.where} did not answer (${messageOf(error)})`);
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
function platformsUnchecked(ctx, why) {
    ctx.log.warning(`the image's platforms were not checked: ${why}`);
    return undefined;
}
/**
 * A temporary registry login, or undefined (with a warning). Refused credentials (401) fail the
 * step: more requests would count toward locking the key.
 */
async function loginFor(ctx, login) {
    try {
        return await login();
    }
    catch (error) {
        if (error instanceof ApiError && error.status === 401)
            throw error;
        if (error instanceof CancelledError)
            throw error;
        return platformsUnchecked(ctx, messageOf(error));
    }
}
/**
 * Reads from the registry while the temporary login is on its way: the first request (the
 * registry's challenge) needs none, so it goes out beside the login's; the token waits for it.
 * The same requests are sent; a login that fails wins (the read is stopped, what it read dropped,
 * the login's warning said). Undefined: nothing read, and a warning said why.
 */
async function readWithLogin(ctx, budget, getLogin, read) {
    const login = observed(loginFor(ctx, getLogin));
    const usable = login.then(value => value ?? Promise.reject(new Error('no temporary login')));
    // Without a login the read is not needed: it is stopped, so no request of the check (nor a
    // retry of its challenge) goes out after its verdict, beside the registration.
    const reader = budget.stoppable();
    const registry = new RegistryClient(ctx.http, ctx.image, observed(usable), ctx.mask, reader.budget);
    const reading = observed(read(registry));
    if ((await login) === undefined) {
        reader.stop();
        return undefined;
    }
    try {
        return { value: await reading, registry };
    }
    catch (error) {
        if (error instanceof CancelledError)
            throw error;
        return platformsUnchecked(ctx, messageOf(error));
    }
}
/** The platforms of a shared-SWR tag, or undefined (with a warning) when they cannot be read. */
async function readPlatforms(ctx, source) {
    if (source.kind === 'index')
        return source.platforms;
    if (source.kind === 'unknown')
        return platformsUnchecked(ctx, source.why);
    const budget = ctx.budget.slice(bestEffortSliceMs(ctx.timeoutMs));
    const blob = await readWithLogin(ctx, budget, async () => {
        const login = await ctx.swr.temporaryLogin(ctx.region, ctx.image.registry, ctx.mask, budget);
        if (!login)
            throw new Error(`SWR gave no temporary login for ${ctx.image.registry}`);
        return login;
    }, registry => registry.configBlob(source.configDigest));
    return blob && platformsOfBlob(ctx, blob.value);
}
/**
 * The platforms of an instance's tag, from its registry: the temporary credential, the manifest
 * (its bytes must be the digest the instance reported), and for a single manifest its config blob.
 */
async function instancePlatforms(ctx, api, digest) {
    const budget = ctx.budget.slice(bestEffortSliceMs(ctx.timeoutMs));
    const read = await readWithLogin(ctx, budget, () => api.temporaryLogin(ctx.mask, budget), registry => registry.manifest(ctx.image.tag));
    if (!read)
        return undefined;
    const { value: manifest, registry } = read;
    if (manifest.digest !== digest)
        return platformsUnchecked(ctx, `the registry's manifest of ${ctx.image.swrPath} is ${manifest.digest}, not ${digest} as the instance reports`);
    const source = platformSource(manifest.manifest);
    if (source.kind === 'index')
        return source.platforms;
    if (source.kind === 'unknown')
        return platformsUnchecked(ctx, source.why);
    try {
        return platformsOfBlob(ctx, await registry.configBlob(source.configDigest));
    }
    catch (error) {
        if (error instanceof CancelledError)
            throw error;
        return platformsUnchecked(ctx, messageOf(error));
    }
}
/** A single manifest's platform, from its config blob. */
function platformsOfBlob(ctx, blob) {
    const platform = platformOf(blob);
    return platform ? [platform] : platformsUnchecked(ctx, 'its config names no architecture');
}

;// CONCATENATED MODULE: ./src/steps/registration.ts
/**
 * Find or register: never registers the same swr_path twice. Judges the registrations of the path
 * (listed beside the SWR check, before the arch was known), applies if_exists (replace never deletes a concurrent run's registration: it waits on it),
 * and when a registration's answer is lost (timeout, reset, 5xx), is not this image, or conflicts,
 * looks again before sending it anew; an answer that does not say which image it is is read back
 * with ShowImage. Every record it adopts has passed the one verdict (decide/verdict.ts). Returns
 * what it learned, and notes in `writes` what it left half done (a deleted registration not yet
 * replaced, a POST whose answer was lost); decides nothing about how the step ends.
 */





/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3;
/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
async function findOrRegister(ctx) {
    const plan = await planRegistration(ctx);
    switch (plan.action) {
        case 'reuse':
            ctx.log.info(`${alreadyRegistered(ctx, plan.image)}: reusing it (${plan.why})`);
            return { image: plan.image, arch: plan.arch, created: false };
        case 'replace':
            ctx.log.info(`${alreadyRegistered(ctx, plan.image)}: deleting it and registering again (${plan.why})`);
            await deleteAndConfirm(ctx, plan.image.id);
            if (ctx.writes)
                ctx.writes.deletedId = plan.image.id;
            return register(ctx, plan.seen);
        case 'register':
            return register(ctx, plan.seen);
    }
}
/**
 * Judges the listed registrations and decides, writing nothing: what a dry run reports, and what a
 * real run does. Throws AlreadyRegisteredError where the step must fail before any write.
 */
async function planRegistration(ctx) {
    const { found: existing, seen } = judgeListed(await ctx.listed, ctx.wanted);
    if (!existing)
        return { action: 'register', seen };
    const { image } = existing;
    const what = alreadyRegistered(ctx, image);
    if (ctx.ifExists === 'fail')
        throw new AlreadyRegisteredError(image, existing.arch, 'if-exists-fail', `${what}, and if_exists is fail`);
    const failed = FAILED_STATUSES.has(image.status);
    // A sibling job's registration (being made, or made just now) is waited on even with replace:
    // deleting it would undo that job's work.
    const inUse = ctx.ifExists === 'replace' ? inUseByAnotherRun(image, ctx.startedAt) : undefined;
    if (!failed && (ctx.ifExists === 'reuse' || inUse)) {
        assertSame(ctx, existing);
        const why = inUse ? `not replaced: ${inUse}` : 'if_exists: reuse';
        return { action: 'reuse', image, arch: existing.arch, why };
    }
    const why = ctx.ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one';
    return { action: 'replace', image, why, seen };
}
/** Lists the registrations of the repository in the workspace (the path's among them). */
function listRegistrations(client, wanted) {
    return client.listRegistrations(wanted.image, wanted.workspaceId);
}
/**
 * The registration of the path among the listed records, judged; and every id the list showed, so
 * that a record found later can be told from one that existed already.
 */
function judgeListed(records, wanted) {
    const seen = new Set(records.map(record => record.id));
    for (const record of records) {
        const verdict = judge(record, wanted);
        if (verdict.kind !== 'not-this-image' && verdict.image.status !== DELETED)
            return { found: verdict, seen };
    }
    return { seen };
}
function alreadyRegistered(ctx, image) {
    return `${ctx.wanted.image.swrPath} is already registered as image ${image.id} (status ${image.status})`;
}
/** Reuse hands later steps an existing registration, so it must be the one asked for. */
function assertSame(ctx, found) {
    if (found.kind === 'same')
        return;
    throw new AlreadyRegisteredError(found.image, found.arch, 'differs', `${alreadyRegistered(ctx, found.image)}, but it differs from what this run would register: ${found.differences.join('; ')}. ` +
        'Reusing it would hand later steps the wrong image: fix the inputs (or the tag), or set if_exists: replace to register it again');
}
async function register(ctx, seenBefore) {
    const { log, runtime, wanted } = ctx;
    let answerLost = false;
    for (let attempt = 1;; attempt++) {
        try {
            const answer = await send(ctx);
            const verdict = judge(answer, wanted);
            if (verdict.kind !== 'same') {
                const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why;
                throw unreadableAnswer('register image', { status: 200 }, `the answer is not the image asked for (${why})`);
            }
            log.info(`registered ${wanted.image.swrPath} as image ${verdict.image.id} (status ${verdict.image.status})`);
            done(ctx);
            return { image: verdict.image, arch: verdict.arch, created: true };
        }
        catch (error) {
            const conflict = isConflict(error);
            if (!conflict && !isTransient(error))
                throw error;
            log.info(`${messageOf(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`);
            const { found } = judgeListed(await listRegistrations(ctx.client, wanted), wanted);
            if (found)
                return adopt(ctx, found, (!conflict || answerLost) && madeByThisRun(found.image, seenBefore, ctx.startedAt));
            if (conflict) {
                throw new ServiceStateError('register image', conflictNotListed(ctx, messageOf(error)));
            }
            answerLost = true;
            if (attempt >= MAX_REGISTER_ATTEMPTS)
                throw error;
            const pause = 1000 * attempt * (0.5 + runtime.random() / 2);
            log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`);
            await ctx.budget.pause(pause, 'register image');
        }
    }
}
/** A conflict, yet the look-up lists nothing: say so, naming the instance (Enterprise Edition). */
function conflictNotListed({ wanted, ifExists }, answer) {
    const instance = wanted.body.swr_instance_id;
    return (`ModelArts reports the tag as registered (${answer}) but does not list a registration of ${wanted.image.swrPath} in workspace ${wanted.workspaceId}` +
        (instance
            ? ` (swr_instance_id ${instance}: it may not list SWR Enterprise Edition registrations)`
            : '') +
        `, so if_exists: ${ifExists} could not be applied`);
}
/**
 * RegisterImage, its answer read back with ShowImage when it does not say which image it is
 * (`{id, status}`). Until an answer is read, the POST counts as one whose answer was lost.
 */
async function send(ctx) {
    const { client, wanted, writes } = ctx;
    const lostBefore = writes?.answerLost === true;
    if (writes)
        writes.answerLost = true;
    let answer;
    try {
        answer = await client.register(wanted.body);
    }
    catch (error) {
        // An answer the service sent (a refusal, a conflict) is not lost.
        if (writes && error instanceof ApiError && !isTransient(error))
            writes.answerLost = lostBefore;
        throw error;
    }
    if (writes)
        writes.answerLost = lostBefore;
    if (saysWhatItIs(answer))
        return answer;
    ctx.log.info(`the register answer for image ${answer.id} does not say which image it is: reading it back`);
    try {
        return await client.show(answer.id);
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
        // Like an answer that is not this image: looked up, as a lost one is.
        throw unreadableAnswer('register image', { status: 200 }, `the answer names image ${answer.id}, which ModelArts does not show (${messageOf(error)})`);
    }
}
/** The registration is made: nothing is left half done. */
function done(ctx) {
    if (ctx.writes)
        Object.assign(ctx.writes, { deletedId: undefined, answerLost: false });
}
/**
 * A registration found after a lost answer or a conflict. This run's own (the look-up before the
 * POST did not show it, and it is not older than the step) or another's, in which case if_exists
 * applies; either way it is handed on only when it is the image asked for.
 */
function adopt(ctx, found, ours) {
    const { image } = found;
    done(ctx);
    if (!ours && ctx.ifExists === 'fail') {
        throw new AlreadyRegisteredError(image, found.arch, 'if-exists-fail', `${ctx.wanted.image.swrPath} is registered as image ${image.id}, not by this run, and if_exists is fail`);
    }
    if (ours && found.kind === 'differs')
        throw new ServiceStateError('register image', `ModelArts registered ${ctx.wanted.image.swrPath} as image ${image.id} for this run, but not as asked: ` +
            `${found.differences.join('; ')}. The service registered something else; it is not handed on: ` +
            `check the inputs, then delete image ${image.id} and re-run`);
    assertSame(ctx, found);
    ctx.log.info(`found image ${image.id} (status ${image.status}): ${ours ? 'adopting this run’s registration' : 'reusing it'}`);
    return { image, arch: found.arch, created: ours };
}
/** Deletes a registration and waits until ModelArts no longer shows it, so the path is free again. */
async function deleteAndConfirm(ctx, id) {
    const { client } = ctx;
    try {
        await client.delete(id);
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
    }
    for (let check = 0; check < 30; check++) {
        if (!(await client.showUnlessGone(id)))
            return;
        await ctx.budget.pause(Math.min(1000 * 2 ** check, 5000), `confirm the delete of image ${id}`);
    }
    throw new ServiceStateError(`delete image ${id}`, 'ModelArts still shows it after the delete; try again later');
}

;// CONCATENATED MODULE: ./src/steps/look-ups.ts
/**
 * The look-ups before anything is written, side by side once the project is known: the SWR check
 * (in the shared SWR, or with swr_instance_id in an SWR Enterprise Edition instance) and ModelArts'
 * list of the repository's registrations; neither waits for the other. Their errors keep the
 * stages' order: the check's first, then the list's (met where the list is judged).
 */





/**
 * Starts the SWR check and the list, then waits for the check. A cancel or the deadline ends both
 * (they share the budget); a look-up left running when the other fails is observed, never an
 * unhandled rejection, and ends with the step.
 */
async function lookUpSideBySide(stage, credentials) {
    const { config, http, log } = stage;
    const { auth, projectId, projectHeaders } = credentials;
    log.info(`ModelArts ${config.endpoint}, project ${projectId}, ${credentials.description}`);
    const swr = new SwrClient(http, config.swrEndpoint, auth, projectHeaders);
    const instanceId = config.attributes.swr_instance_id;
    const checking = observed(checkImage({
        swr,
        // With swr_instance_id the image is checked in that SWR Enterprise Edition instance.
        ...(instanceId && {
            instance: { id: instanceId, api: swr.instance({ projectId, instanceId }) }
        }),
        http,
        budget: stage.budget,
        timeoutMs: config.timeoutMs,
        image: config.image,
        enabled: config.checkImage,
        region: config.region,
        arch: config.attributes.arch,
        log,
        mask: secret => stage.secrets.add(secret)
    }));
    const client = new ModelArtsClient(http, config.endpoint, projectId, auth, projectHeaders);
    const { image } = config;
    // image_id: wait on an existing registration; no SWR check, no look-up, no write.
    const listed = image && !config.imageId
        ? observed(listRegistrations(client, { image, workspaceId: stage.workspaceId }))
        : undefined;
    const facts = await checking;
    // The list may have come back long before the check ended: the deadline is met here, where the
    // list would have gone out after the check, so a check that ran past it ends the step as timed
    // out (its registry part only warns), never a decision taken after the step's time.
    if (listed)
        stage.budget.assertOpen('look up existing registration');
    return { client, facts, ...(listed ? { listed } : {}) };
}

;// CONCATENATED MODULE: ./src/steps/provenance.ts
/**
 * Where a run comes from (repository, commit, workflow, run and attempt, server), read from
 * @actions/github's `context`, for the default description and the summary's run link. The
 * package is loaded only when a run gets this far: a run that stops at its inputs never pays for it.
 */

/** Reads @actions/github's context. */
async function loadProvenance() {
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

;// CONCATENATED MODULE: ./src/steps/retention.ts
/**
 * keep_last: once the step has succeeded, delete the older registrations of the same image and
 * keep the newest N (decide/retention.ts picks them). A list that changed while it was read
 * deletes nothing. Deletes are never forced and each is confirmed (ShowImage: DELETED or not
 * found), side by side within a best-effort slice of the budget; a delete that fails is a warning,
 * never a failed step. A cancel while deleting ends the step cancelled.
 */






/** The pause between two confirmations of the same delete. */
const CONFIRM_PAUSE_MS = 1_000;
const describe = (image) => `image ${image.id} (tag ${tagOf(image) ?? 'unknown'})`;
/** Lists every registration of the image, picks the older ones, deletes and confirms them. */
async function keepNewest(ctx) {
    const { client, rules, log } = ctx;
    const { registry, namespace, name } = rules.image;
    const reference = { registry, namespace, name, tag: '', swrPath: '' };
    const listing = await client.listImages(reference, rules.workspaceId);
    const result = emptyResult(ctx.dryRun);
    if (listing.changed) {
        log.warning('keep_last: the image list changed while it was read (another run registering or deleting): nothing was deleted; the next run tries again');
        return { ...result, listChanged: true };
    }
    const plan = planRetention(listing.images, rules);
    Object.assign(result, { chosen: plan.delete, kept: plan.keep, protect: plan.protect });
    log.info(`keep_last ${rules.keepLast}: keeping ${plan.keep.length}, ${ctx.dryRun ? 'would delete' : 'deleting'} ${plan.delete.length}` +
        (plan.protect.length ? `, ${plan.protect.length} protected` : ''));
    if (ctx.dryRun) {
        for (const image of plan.delete)
            log.info(`would delete ${describe(image)}`);
        return result;
    }
    const sent = await sendDeletes(ctx, plan.delete, result);
    await confirmDeletes(ctx, sent, result);
    return result;
}
/** Sends the deletes one by one; returns those the service accepted (or already had not). */
async function sendDeletes(ctx, chosen, result) {
    const sent = [];
    for (const [index, image] of chosen.entries()) {
        let sending = false;
        try {
            ctx.budget.assertOpen('delete older registrations');
            sending = true;
            await ctx.client.delete(image.id);
            sent.push(image);
        }
        catch (error) {
            if (isNotFound(error))
                sent.push(image);
            else if (error instanceof CancelledError || error instanceof DeadlineError) {
                stopSending(ctx, { left: chosen.slice(index), sending, error }, result);
                break;
            }
            else {
                result.notDeleted.push({ image, kind: 'not deleted', why: messageOf(error) });
                ctx.log.warning(`keep_last: could not delete ${describe(image)}: ${messageOf(error)}`);
            }
        }
    }
    return sent;
}
/**
 * A cancel or the timeout while deleting: the delete in flight (its answer cut off) is unknown,
 * the rest are left for the next run. A cancel ends the step cancelled; a timeout leaves it green.
 */
function stopSending(ctx, stop, result) {
    const cancelled = stop.error instanceof CancelledError;
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
    ctx.log.warning(`keep_last: ${notSent.length} older registration(s) left for the next run${inFlight ? ', 1 unknown (check the image list)' : ''}: ${cause}`);
}
/**
 * Confirms the deletes side by side (ShowImage: DELETED or not found) within a quarter of
 * `timeout`, at most a minute; only those confirmed go to `deleted`.
 */
async function confirmDeletes(ctx, sent, result) {
    const slice = ctx.budget.slice(bestEffortSliceMs(ctx.timeoutMs));
    const answers = await Promise.all(sent.map(image => confirmGone(ctx.client, image.id, slice)));
    for (const [index, image] of sent.entries()) {
        const why = answers[index];
        if (why === undefined) {
            result.deleted.push(image);
            ctx.log.info(`deleted ${describe(image)}`);
            continue;
        }
        result.notDeleted.push({ image, kind: 'not confirmed', why });
        ctx.log.warning(`keep_last: the delete of ${describe(image)} is not confirmed: ${why}`);
    }
    if (ctx.budget.signal.aborted)
        result.cancelled = true;
}
/** Undefined once ShowImage says the image is gone; otherwise why it is not confirmed. */
async function confirmGone(client, id, slice) {
    let last = 'no answer';
    for (;;) {
        try {
            const image = await client.showUnlessGone(id, slice);
            if (!image)
                return undefined;
            last = `still listed as ${image.status}`;
        }
        catch (error) {
            if (error instanceof CancelledError)
                return `${last} when the step was cancelled`;
            if (error instanceof DeadlineError)
                return `${last} when the time to confirm ran out`;
            last = messageOf(error);
        }
        try {
            await slice.pause(CONFIRM_PAUSE_MS, 'confirm deletes');
        }
        catch (error) {
            const end = error instanceof CancelledError ? 'the step was cancelled' : 'the time to confirm ran out';
            return `${last} when ${end}; the next run deletes it if it is still there`;
        }
    }
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
async function retain(request) {
    const { config, image, log, dryRun } = request;
    if (config.keepLast === undefined)
        return undefined;
    if (!dryRun && image?.status !== ACTIVE)
        return undefined;
    const shared = sharedRegistryOf(config.region);
    const pruned = imageToPrune(config, image, shared);
    if (!pruned) {
        log.warning(`keep_last: image ${image?.id ?? 'unknown'} has no usable swr_path (registry/namespace/name:tag) to know which image to keep: nothing was deleted`);
        return undefined;
    }
    try {
        const rules = {
            image: pruned,
            arch: request.arch,
            sharedRegistry: shared,
            workspaceId: request.workspaceId,
            keptId: image?.id ?? '',
            keepLast: config.keepLast,
            ...(request.keepTags && { keepTags: request.keepTags }),
            startedAt: request.startedAt
        };
        const { client, budget, log: logger } = request;
        return await keepNewest({
            client,
            rules,
            budget,
            log: logger,
            dryRun,
            timeoutMs: config.timeoutMs
        });
    }
    catch (error) {
        log.warning(`keep_last: older registrations were not deleted: ${messageOf(error)}`);
        return error instanceof CancelledError ? { ...emptyResult(dryRun), cancelled: true } : undefined;
    }
}
/** A result with nothing in it yet: fresh lists, as the steps fill them in. */
function emptyResult(dryRun) {
    return { chosen: [], deleted: [], notDeleted: [], kept: [], protect: [], dryRun };
}

;// CONCATENATED MODULE: ./src/steps/status.ts
/**
 * Reading the status of the registration being waited on, always through the verdict, and the
 * existing registration that image_id names (its path, and every attribute given, compared as for
 * a reuse).
 */





/**
 * ShowImage through the verdict: a record for another id, path, workspace, type or arch is not
 * this image, and is reported as an unreadable answer (the wait tries again), never adopted.
 */
async function showJudged(client, wanted, id, options = {}) {
    const record = await client.show(id, options.budget);
    const verdict = judge(record, wanted);
    if (verdict.kind === 'same')
        return verdict.image;
    const why = verdict.kind === 'differs' ? verdict.differences.join('; ') : verdict.why;
    throw unreadableAnswer('check image status', { status: 200 }, `the answer is not the image asked for (${why})`);
}
/**
 * image_id: the existing registration to wait on, checked to be a registration of swr_path with
 * the attributes given (no SWR check, no look-up, no write). Fails naming the id when ModelArts
 * has no such image, and naming each field (both values) when the record differs.
 */
async function existingRegistration(client, wanted, id) {
    let record;
    try {
        record = await client.show(id);
    }
    catch (error) {
        if (isNotFound(error))
            throw new ServiceStateError('find image_id', `ModelArts has no image ${id} in this project (${messageOf(error)}): check image_id`);
        throw error;
    }
    const verdict = judge(record, wanted);
    if (verdict.kind === 'not-this-image')
        throw new ServiceStateError('find image_id', `image ${id} is not a registration of ${wanted.image?.swrPath ?? 'this path'}: ${verdict.why}`);
    if (verdict.kind === 'differs')
        throw new ServiceStateError('find image_id', `image ${id} differs from the inputs: ${verdict.differences.join('; ')}; waiting on it would hand later steps another image: fix the inputs or image_id`);
    return { image: verdict.image, arch: verdict.arch, created: false };
}
/**
 * ShowImage, where "not found" means the registration was deleted while we waited: a final status
 * to report like the others, not an error.
 */
async function showOrDeleted(client, wanted, current, budget) {
    try {
        return await showJudged(client, wanted, current.id, { budget });
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
        return {
            ...current,
            status: DELETED,
            status_message: `deleted while waiting (${messageOf(error)})`
        };
    }
}

;// CONCATENATED MODULE: ./src/steps/wait.ts
/**
 * Polls an image until it is final, the deadline passes or the run is cancelled. Clock, sleep and
 * dice come from the injected Runtime, so the schedule is tested without real time.
 */



/** The first check comes this long after registering; each pause then doubles up to poll_interval. */
const FIRST_PAUSE_MS = 1_000;
/** Jitter only shortens a pause, by up to this share, so that it never delays noticing ACTIVE. */
const JITTER_SHARE = 0.1;
/**
 * The pause before check number `index` (0 for the first check): 1 s, 2 s, 4 s … capped at
 * `pollIntervalMs`, shortened by up to 10% at random so a matrix of jobs does not poll in step.
 */
function pauseBeforeCheck(index, pollIntervalMs, random) {
    const base = Math.min(FIRST_PAUSE_MS * 2 ** Math.min(index, 30), pollIntervalMs);
    return Math.round(base * (1 - JITTER_SHARE * random()));
}
/**
 * Waits until `initial` is final. A check that fails with a transient error (after the HTTP
 * layer's own retries) does not end the wait: the next one may succeed, and only the deadline
 * decides when to give up.
 */
async function waitUntilFinal(initial, show, options) {
    const { runtime, budget, log, startedAt, pollIntervalMs } = options;
    let image = initial;
    let checks = 0;
    let lastProblem;
    while (!isFinal(image.status)) {
        const remaining = budget.remainingMs();
        if (remaining <= 0)
            return { outcome: 'timeout', image, lastProblem };
        const pause = Math.min(pauseBeforeCheck(checks, pollIntervalMs, runtime.random), remaining);
        log.info(`status ${image.status} (elapsed ${formatDuration(runtime.now() - startedAt)}, next check in ${formatDuration(pause)})`);
        try {
            await runtime.sleep(pause, budget.signal);
            checks++;
            image = await show(image);
            lastProblem = undefined;
        }
        catch (error) {
            if (error instanceof CancelledError)
                return { outcome: 'cancelled', image, lastProblem };
            if (!isTransient(error) && !(error instanceof DeadlineError))
                return { outcome: 'error', image, error };
            lastProblem = messageOf(error);
            log.warning(`could not check the status: ${lastProblem}; trying again until the timeout`);
        }
    }
    log.info(`status ${image.status} (elapsed ${formatDuration(runtime.now() - startedAt)})`);
    return { outcome: 'final', image };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The story in order: inputs → credentials → the SWR check beside ModelArts' look-up → find or
 * register (or, with image_id, the registration named) → wait → keep_last → outputs and summary.
 * Each stage returns what it learned; `conclude` decides how the step ends, and this is the one
 * place that acts on it.
 */





















/**
 * Entry point: runs the action in this process. `signal` aborts on SIGINT/SIGTERM; index.ts sets
 * the handlers before anything else loads.
 */
async function run(signal) {
    await runAction({
        runtime: systemRuntime,
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
        problems.push(`could not write the step's outputs: ${messageOf(error)}`);
    }
    await writeSummary(summaryMarkdown(result, conclusion, text => secrets.redact(text)), deps.env);
    if (problems.length)
        core/* setFailed */.C1(secrets.redact(problems.join('; ')));
    else if (result.outcome.kind !== 'dry-run' && result.image)
        core/* info */.pq(`image ${result.image.id} is ${result.image.status}`);
}
const ended = (outcome, learned = {}) => ({
    ...learned,
    outcome
});
/** The stages in order; returns what was learned, however far it got. */
async function execute(deps, secrets, startedAt, log) {
    const inputs = await main_readInputs(deps, secrets, log);
    if ('outcome' in inputs)
        return inputs;
    const { config } = inputs;
    // Loaded while the credentials resolve; needed for the description and the summary's run link.
    const provenance = (deps.provenance ?? loadProvenance)().catch(() => ({}));
    const stage = openStage(deps, inputs, secrets, log, startedAt);
    let learned = { config };
    try {
        const credentials = await resolveCredentials(config, {
            http: stage.http,
            log,
            env: deps.env,
            getIdToken: deps.getIdToken,
            mask: secret => secrets.add(secret)
        });
        const lookUps = await lookUpSideBySide(stage, credentials);
        learned = { config, facts: lookUps.facts, provenance: await provenance };
        const body = bodyOf(stage, lookUps.facts, learned.provenance ?? {});
        if (body)
            learned = { ...learned, arch: archOrDefault(body), body: { ...body } };
        const wanted = wantedOf(stage, body);
        if (config.dryRun && !config.imageId)
            return await dryRun(stage, lookUps, wanted, learned);
        const registration = await registrationOf(stage, lookUps, wanted);
        learned = { ...learned, ...registration };
        // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
        core/* setOutput */.uH('image_id', registration.image.id);
        return await waitAndRetain(stage, lookUps, wanted, registration, learned);
    }
    catch (error) {
        return ended({ kind: 'error', error }, { ...learnedFrom(error, learned, stage.writes), provenance: await provenance });
    }
    finally {
        stage.close();
    }
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
        return ended({ kind: 'error', error });
    }
    for (const warning of config.warnings)
        log.warning(warning);
    for (const note of config.notes)
        core/* info */.pq(note);
    return keepTags ? { config, keepTags } : { config };
}
/**
 * The step's one budget (every request and pause draws on it) and the one HTTP client. The budget
 * ends on a cancel, and when the stages are done: a look-up left running then stops at once.
 */
function openStage(deps, { config, keepTags }, secrets, log, startedAt) {
    const { budget, stop } = new Budget(deps.runtime, startedAt + config.timeoutMs, deps.signal).stoppable();
    const http = new HttpApi({
        runtime: deps.runtime,
        log,
        budget,
        requestTimeoutMs: deps.requestTimeoutMs,
        redact: text => secrets.redact(text)
    });
    const close = () => {
        stop();
        http.dispose();
    };
    const workspaceId = workspaceOf(config);
    const writes = {};
    return {
        deps,
        config,
        secrets,
        log,
        budget,
        http,
        startedAt,
        workspaceId,
        writes,
        close,
        ...(keepTags && { keepTags })
    };
}
/**
 * What a failed run reports besides the error: the registration an AlreadyRegisteredError carries,
 * the digest read before the arch was refused, and a write left half done.
 */
function learnedFrom(error, learned, writes) {
    const halfDone = writes.deletedId || writes.answerLost ? { writes: { ...writes } } : {};
    if (error instanceof AlreadyRegisteredError)
        return { ...learned, image: error.image, arch: error.arch, created: false, ...halfDone };
    // The digest was read before the arch was refused: later steps (and the summary) get it.
    if (error instanceof ArchRefusedError)
        return { ...learned, facts: { ...learned.facts, digest: error.digest }, ...halfDone };
    return { ...learned, ...halfDone };
}
/** The RegisterImage body, built once: the path, the attributes given, the arch decided, a description. */
function bodyOf(stage, facts, provenance) {
    const { config } = stage;
    const { image } = config;
    // No body without a path: image_id alone waits on whatever registration it names.
    if (!image)
        return undefined;
    return {
        swr_path: image.swrPath,
        ...config.attributes,
        ...(facts.arch ? { arch: facts.arch } : {}),
        description: config.description ?? provenanceDescription(provenance, facts.digest),
        ...(config.workspaceInput ? { workspace_id: config.workspaceInput } : {})
    };
}
/**
 * What the run asks for, built once: the path, the workspace and the body to register; with
 * image_id, the attributes given instead, compared with the record it names as for a reuse.
 */
function wantedOf(stage, body) {
    const { config, workspaceId } = stage;
    const { image } = config;
    if (config.imageId)
        return { image, workspaceId, given: config.attributes };
    return { image, workspaceId, ...(body ? { body } : {}) };
}
/** dry_run: the plan and what keep_last would delete; nothing is written. */
async function dryRun(stage, lookUps, wanted, learned) {
    const context = registrationContext(stage, lookUps, wanted);
    const plan = await planRegistration(context);
    const image = plan.action === 'register' ? undefined : plan.image;
    const arch = plan.action === 'reuse' ? plan.arch : archOrDefault(context.wanted.body);
    const result = ended({ kind: 'dry-run', plan }, { ...learned, arch, image, created: image ? false : undefined });
    core/* info */.pq(`dry run: ${planText(result, plan)}; nothing was written`);
    if (plan.action === 'replace')
        return result;
    const kept = plan.action === 'reuse' ? plan.image : undefined;
    const retention = await retain({ ...keeping(stage, lookUps, arch), image: kept, dryRun: true });
    return { ...result, retention };
}
/** The registration to go on with: the one image_id names, else found or registered. */
function registrationOf(stage, lookUps, wanted) {
    const { config } = stage;
    if (config.imageId)
        return existingRegistration(lookUps.client, wanted, config.imageId);
    return findOrRegister(registrationContext(stage, lookUps, wanted));
}
function registrationContext(stage, lookUps, wanted) {
    const { image, body } = wanted;
    if (!image || !body || !lookUps.listed)
        throw new Error('no swr_path and no image_id');
    return {
        client: lookUps.client,
        wanted: { image, workspaceId: wanted.workspaceId, body },
        listed: lookUps.listed,
        ifExists: stage.config.ifExists,
        log: stage.log,
        runtime: stage.deps.runtime,
        budget: stage.budget,
        startedAt: stage.startedAt,
        writes: stage.writes
    };
}
/** Waits until the registration is final (unless wait is false), then keep_last. */
async function waitAndRetain(stage, lookUps, wanted, registration, learned) {
    const { config, budget, log } = stage;
    const { image } = registration;
    if (isFinal(image.status)) {
        // Final at once (reused, or registered ACTIVE): no wait, but keep_last applies.
        const retention = await retain({
            ...keeping(stage, lookUps, registration.arch),
            image,
            dryRun: false
        });
        return ended(retention?.cancelled ? { kind: 'cancelled' } : { kind: 'final' }, {
            ...learned,
            retention
        });
    }
    if (!config.wait) {
        log.info(`wait is false: not waiting for image ${image.id} (status ${image.status})`);
        return ended({ kind: 'not-waited' }, learned);
    }
    // The last check may start right at the deadline; its answer gets a short grace.
    const lastCheck = budget.withGrace(FINAL_CHECK_GRACE_MS);
    const waited = await waitUntilFinal(image, current => showOrDeleted(lookUps.client, wanted, current, lastCheck), {
        runtime: stage.deps.runtime,
        budget,
        log,
        startedAt: stage.startedAt,
        pollIntervalMs: config.pollIntervalMs
    });
    const retention = await retain({
        ...keeping(stage, lookUps, registration.arch),
        image: waited.image,
        dryRun: false
    });
    // A cancel while keep_last deletes ends the step as cancelled.
    const outcome = retention?.cancelled ? { kind: 'cancelled' } : outcomeOfWait(waited);
    return ended(outcome, { ...learned, image: waited.image, retention });
}
/** What keep_last needs from the run: the inputs, the client, the budget, the run's arch. */
function keeping(stage, lookUps, arch) {
    const { config, budget, log, startedAt, workspaceId, keepTags } = stage;
    return {
        config,
        client: lookUps.client,
        budget,
        log,
        startedAt,
        workspaceId,
        arch,
        ...(keepTags && { keepTags })
    };
}
function outcomeOfWait(waited) {
    switch (waited.outcome) {
        case 'final':
            return { kind: 'final' };
        case 'timeout':
            return { kind: 'timeout', lastProblem: waited.lastProblem };
        case 'cancelled':
            return { kind: 'cancelled' };
        case 'error':
            return { kind: 'error', error: waited.error };
    }
}


/***/ })

};
