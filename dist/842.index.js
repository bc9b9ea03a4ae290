export const id = 842;
export const ids = [842];
export const modules = {

/***/ 8842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assumeAgency: () => (/* binding */ assumeAgency)
});

// UNUSED EXPORTS: claimsOf, sessionDuration, sessionName

// EXTERNAL MODULE: ./src/base/errors.ts
var errors = __webpack_require__(4758);
// EXTERNAL MODULE: ./src/base/json.ts
var json = __webpack_require__(3659);
// EXTERNAL MODULE: ./src/base/text.ts
var base_text = __webpack_require__(766);
// EXTERNAL MODULE: ./src/cloud/http.ts + 2 modules
var cloud_http = __webpack_require__(6425);
// EXTERNAL MODULE: ./src/cloud/answer.ts
var answer = __webpack_require__(4603);
;// CONCATENATED MODULE: ./src/cloud/sts.ts
/**
 * STS AssumeAgencyWithOIDC: unsigned (the id token is the proof); its temporary credentials read
 * as data and masked.
 */



/**
 * POST /v5/agencies/assume-with-oidc, unsigned; the secrets of the answer go to `mask` before
 * anything of it is written or read.
 */
async function assumeAgencyWithOidc(http, stsEndpoint, request, mask) {
    const what = `assume agency ${request.agencyUrn} with the GitHub OIDC token at STS`;
    return http.send({
        what,
        method: 'POST',
        endpoint: stsEndpoint,
        path: '/v5/agencies/assume-with-oidc',
        body: {
            id_token: request.idToken,
            provider_urn: request.providerUrn,
            agency_urn: request.agencyUrn,
            agency_session_name: request.sessionName,
            duration_seconds: request.durationSeconds
        },
        auth: cloud_http/* noAuth */.CM,
        // Assuming twice harms nothing: retried like a look-up (429, 5xx, a garbled answer).
        retry: 'transient',
        answerSecrets: {
            of: ({ body }) => [
                credentialsOf(body).secret_access_key,
                credentialsOf(body).security_token
            ],
            mask
        }
    }, response => readCredentials(what, response));
}
/** The fields of the answer's `credentials`, unchecked ({} when there are none). */
function credentialsOf(body) {
    const credentials = (0,json/* isObject */.G)(body) ? body.credentials : undefined;
    return (0,json/* isObject */.G)(credentials) ? credentials : {};
}
/** The answer's credentials (its secrets masked already): each a one-line string. */
function readCredentials(what, response) {
    const fields = credentialsOf(response.body);
    const { access_key_id: ak, secret_access_key: sk, security_token: token } = fields;
    const missing = [
        typeof ak === 'string' && /^[A-Za-z0-9]{1,128}$/.test(ak) ? '' : 'access_key_id',
        oneLine(sk) ? '' : 'secret_access_key',
        oneLine(token) ? '' : 'security_token'
    ].filter(Boolean);
    if (missing.length)
        throw (0,answer/* unreadableAnswer */.Cw)(what, response, `the answer has no valid ${missing.map(field => `credentials.${field}`).join(', ')}`);
    return {
        accessKeyId: ak,
        secretAccessKey: sk,
        securityToken: token,
        expiresAt: parseExpiration(fields.expiration)
    };
}
/** Visible ASCII only: these go into signed headers, where any other character fails every call. */
function oneLine(value) {
    return typeof value === 'string' && /^[\x21-\x7e]+$/.test(value);
}
/**
 * ISO 8601 in UTC, with milliseconds (`.158Z`) or microseconds (`.158000Z`: the Java SDK accepts
 * both); anything else is undefined, never an error: the expiration is only reported.
 */
function parseExpiration(value) {
    if (typeof value !== 'string')
        return undefined;
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(value);
    if (!match)
        return undefined;
    const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
    const date = new Date(`${match[1]}.${millis}Z`);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

;// CONCATENATED MODULE: ./src/steps/agency.ts
/**
 * Keyless with an agency: the session asked of STS (its length and name) and refusals that say
 * what to change in the trust policy, the provider or the inputs.
 */




/** What every agency allows (its max_session_duration is 3600 s unless raised). */
const SAFE_DURATION_S = 3600;
const MIN_DURATION_S = 900;
const MAX_DURATION_S = 43_200;
/** Past the step's timeout: the last status read and the outputs still need valid credentials. */
const MARGIN_S = 300;
/** The session length asked for: the step's timeout and five minutes, within what STS accepts. */
function sessionDuration(timeoutMs) {
    const wanted = Math.ceil(timeoutMs / 1000) + MARGIN_S;
    return Math.min(MAX_DURATION_S, Math.max(MIN_DURATION_S, wanted));
}
/**
 * The session's name, for the audit trail: repository, run id and attempt, in the characters STS
 * is known to take ([A-Za-z0-9_.-], 2 to 128), the repository cut first so the run id survives.
 */
function sessionName(provenance) {
    const clean = (text) => text.replace(/[^A-Za-z0-9_.-]+/g, '-');
    const run = [provenance.runId, provenance.runAttempt].filter(Boolean).join('-');
    const tail = clean(run ? `-${run}` : '').slice(0, 64);
    const head = clean(provenance.repository ?? 'modelarts-register-image').slice(0, 128 - tail.length);
    const name = `${head}${tail}`.replace(/^-+/, '');
    return name.length >= 2 ? name : 'modelarts-register-image';
}
/** Reads the JWT's payload locally (no verification: only to say what STS saw). */
function claimsOf(idToken) {
    let payload;
    try {
        payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    }
    catch {
        payload = undefined;
    }
    const claims = (0,json/* isObject */.G)(payload) ? payload : {};
    const text = (value) => typeof value === 'string' ? (0,base_text/* serverText */.T)(value, 256) : undefined;
    const aud = Array.isArray(claims.aud) ? claims.aud.find(a => typeof a === 'string') : claims.aud;
    return { sub: text(claims.sub), aud: text(aud) };
}
/**
 * Assumes the agency for the step's length; when STS refuses a session longer than every agency
 * allows (any 4xx: the code for it is unconfirmed), asks once more for 3600 s and warns.
 */
async function assumeAgency(http, request, { log, mask }) {
    const name = sessionName(request.provenance);
    const durationSeconds = sessionDuration(request.timeoutMs);
    const assume = (seconds) => assumeAgencyWithOidc(http, request.stsEndpoint, { ...request, sessionName: name, durationSeconds: seconds }, mask);
    try {
        try {
            return { ...(await assume(durationSeconds)), sessionName: name };
        }
        catch (error) {
            if (!(durationSeconds > SAFE_DURATION_S && isRefusal(error)))
                throw error;
            const again = await assume(SAFE_DURATION_S);
            log.warning(`STS refused a session of ${durationSeconds} s (${refusalText(error)}): the agency allows less (its maximum session duration); ` +
                `got ${SAFE_DURATION_S} s instead, so a step longer than an hour may end with expired credentials: ` +
                `raise the agency's maximum session duration, or shorten timeout`);
            return { ...again, sessionName: name };
        }
    }
    catch (error) {
        throw isRefusal(error) ? refusal(error, request) : error;
    }
}
/** A 4xx other than throttling (429 is retried until the deadline by the HTTP client). */
function isRefusal(error) {
    return (error instanceof errors/* ApiError */.hD && error.status >= 400 && error.status < 500 && error.status !== 429);
}
function refusalText(error) {
    return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}: ${error.errorMsg}`;
}
/** STS's refusal, with what to change: the trust policy for this token, the audience, or a URN. */
function refusal(error, request) {
    const { sub, aud } = claimsOf(request.idToken);
    const said = `STS refused (${refusalText(error)}${error.requestId ? `, request id ${error.requestId}` : ''})`;
    const claims = `the id token has sub ${JSON.stringify(sub ?? '?')} and aud ${JSON.stringify(aud ?? '?')}`;
    const text = `${error.errorCode} ${error.errorMsg}`.toLowerCase();
    let advice;
    if (error.errorCode === 'STS5.2001' || /\baud(ience)?\b|client.?id/.test(text))
        advice = `${claims}: add ${JSON.stringify(aud ?? '?')} to the client ids of provider ${request.providerUrn}, or set audience to one of them`;
    else if (error.status === 403 || error.errorCode === 'STS5.1001')
        advice =
            `${claims}: the trust policy of agency ${request.agencyUrn} does not allow it. ` +
                `Allow it with a condition such as "StringMatch": {"oidc:sub": [${JSON.stringify(sub ?? '?')}]}` +
                ` and "StringEquals": {"oidc:aud": [${JSON.stringify(aud ?? '?')}]}, or run from a branch or environment the policy names`;
    else if (/provider/.test(text))
        advice = `check provider_urn: ${request.providerUrn} (the OIDC provider's URN in the new IAM)`;
    else if (/agency/.test(text))
        advice = `check agency_urn: ${request.agencyUrn} (the agency's URN in the new IAM)`;
    else
        advice = `check agency_urn (${request.agencyUrn}), provider_urn (${request.providerUrn}) and the agency's trust policy; ${claims}`;
    return new errors/* ServiceStateError */.hy(error.what, `${said}; ${advice}`);
}


/***/ })

};
