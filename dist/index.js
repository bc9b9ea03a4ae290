import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(278);
var tls = __nccwpck_require__(756);
var http = __nccwpck_require__(611);
var https = __nccwpck_require__(692);
var events = __nccwpck_require__(434);
var assert = __nccwpck_require__(613);
var util = __nccwpck_require__(23);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 392:
/***/ ((module) => {


/**
 * Stands in for undici in this action's bundle (package.json "overrides").
 *
 * @actions/http-client imports undici only for getAgentDispatcher(), the proxy dispatcher that
 * fetch() users need. This action sends every request through HttpClient's node:http agents
 * (which honour HTTPS_PROXY and NO_PROXY through `tunnel`) and never calls getAgentDispatcher().
 * Bundling undici anyway made the bundle five times larger and cost every run about 60 ms of
 * start-up and 5 MiB of memory (npm run bench). Should a future code path call it, it fails loudly
 * here instead of silently doing something else.
 */
class ProxyAgent {
  constructor() {
    throw new Error(
      'undici is not bundled with this action: @actions/http-client getAgentDispatcher() is not available'
    )
  }
}

module.exports = { ProxyAgent }


/***/ }),

/***/ 407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(490);
/**
 * The action's entry point. It calls run() unconditionally: a `require.main === module` guard
 * would silently do nothing inside the ncc ES module bundle.
 */

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 490:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// UNUSED EXPORTS: runAction

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
// EXTERNAL MODULE: ./tools/undici-stub/index.js
var undici_stub = __nccwpck_require__(392);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici_stub.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_namespaceObject.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = (/* unused pure expression or super */ null && (_summary));
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "assert"
var external_assert_ = __nccwpck_require__(613);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec_exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = tr.argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new tr.ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec_exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_namespaceObject.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function core_warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_namespaceObject.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Errors as values with fields. Lower layers throw these; `main.ts` turns them into the one line
 * a user reads.
 */
/** A refused input, found before any request is sent. One error may carry several problems. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? problems[0]
            : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`);
        this.problems = problems;
        this.name = 'InputError';
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
    constructor(
    /** What was being done, e.g. "register image". */
    what, status, errorCode, errorMsg, requestId, 
    /** Worth another try: 429, 5xx, or a 2xx that was not JSON. */
    retryable, 
    /** Seconds the service asked to wait (Retry-After), if it said. */
    retryAfterSeconds) {
        const code = errorCode ? ` ${errorCode}` : '';
        const id = requestId ? ` (request id ${requestId})` : '';
        super(`${what} failed: HTTP ${status}${code}: ${errorMsg}${id}`);
        this.what = what;
        this.status = status;
        this.errorCode = errorCode;
        this.errorMsg = errorMsg;
        this.requestId = requestId;
        this.retryable = retryable;
        this.retryAfterSeconds = retryAfterSeconds;
        this.name = 'ApiError';
    }
}
/** No answer: connection refused or reset, DNS failure, or the per-request timeout. */
class NetworkError extends Error {
    what;
    detail;
    timedOut;
    constructor(what, detail, timedOut) {
        super(`${what} failed: ${detail}`);
        this.what = what;
        this.detail = detail;
        this.timedOut = timedOut;
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
/** True for answers that say the request may succeed if sent again. */
function isTransient(error) {
    return (error instanceof ApiError && error.retryable) || error instanceof NetworkError;
}
/** ModelArts reports "no such image" as ModelArts.6404, with HTTP 400 or 404. */
function isNotFound(error) {
    return (error instanceof ApiError &&
        (error.errorCode === 'ModelArts.6404' ||
            (error.status === 404 && !error.errorCode.startsWith('APIGW'))));
}
/** The message of anything thrown. */
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/runtime.ts
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

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/signer.ts
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
    const signature = (0,external_node_crypto_namespaceObject.createHmac)('sha256', key.secretAccessKey).update(stringToSign).digest('hex');
    return {
        ...added,
        Authorization: `${SIGNING_ALGORITHM} Access=${key.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`
    };
}
function sha256Hex(data) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(data, 'utf8').digest('hex');
}
function safeDecode(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}

;// CONCATENATED MODULE: ./src/http.ts
/**
 * The one request function: authenticate, send over @actions/http-client (so HTTPS_PROXY and
 * NO_PROXY work), bound each attempt by a timeout, the step's deadline and cancellation, read
 * Huawei's error shapes, and retry what may succeed when sent again.
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
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
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
        this.client = new HttpClient(options.userAgent ?? 'modelarts-register-image-action', [], {
            keepAlive: true,
            allowRetries: false,
            allowRedirects: false,
            socketTimeout: this.requestTimeoutMs
        });
    }
    /** Milliseconds left before the deadline. */
    remainingMs() {
        return this.options.deadline - this.options.runtime.now();
    }
    /** Sends `request`, retrying per its rule; throws ApiError, NetworkError, DeadlineError or CancelledError. */
    async send(request) {
        const { runtime, log, signal } = this.options;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.sendOnce(request);
            }
            catch (error) {
                if (!this.mayRetry(request.retry, error) || attempt >= this.maxAttempts)
                    throw error;
                const delay = this.backoffMs(attempt, error);
                if (delay >= this.remainingMs()) {
                    log.info(`${request.what}: ${brief(error)}; no retry: the step's timeout comes first`);
                    throw error;
                }
                log.info(`${request.what}: ${brief(error)}; retry ${attempt} of ${this.maxAttempts - 1} in ${formatDuration(delay)}`);
                await runtime.sleep(delay, signal);
            }
        }
    }
    /** Closes kept-alive connections, so the process can exit at once. */
    dispose() {
        this.client.dispose();
    }
    mayRetry(rule, error) {
        if (error instanceof ApiError)
            return rule === 'transient' ? error.retryable : error.status === 429;
        return rule === 'transient' && error instanceof NetworkError;
    }
    /** Full jitter (a random pause up to the ceiling), but never shorter than Retry-After. */
    backoffMs(attempt, error) {
        const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempt - 1));
        const jittered = Math.round(this.options.runtime.random() * ceiling);
        const retryAfterMs = error instanceof ApiError && error.retryAfterSeconds !== undefined
            ? error.retryAfterSeconds * 1000
            : 0;
        return Math.max(jittered, retryAfterMs);
    }
    async sendOnce(request) {
        const { runtime, log, signal } = this.options;
        if (signal.aborted)
            throw new CancelledError();
        const remaining = this.remainingMs();
        if (remaining <= 0)
            throw new DeadlineError(request.what);
        const base = new URL(request.endpoint);
        const path = base.pathname.replace(/\/+$/, '') + request.path;
        const query = canonicalQueryString(request.query ?? {});
        const body = request.body === undefined ? '' : JSON.stringify(request.body);
        const headers = {
            'Content-Type': 'application/json',
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
        const authHeaders = request.auth(signable, new Date(runtime.now()));
        const url = `${base.origin}${path}${query ? `?${query}` : ''}`;
        const started = runtime.now();
        const timeoutMs = Math.min(this.requestTimeoutMs, remaining);
        const exchange = (async () => {
            const response = await this.client.request(request.method, url, body === '' ? null : body, {
                ...headers,
                ...authHeaders,
                Accept: 'application/json'
            });
            return { response, text: await response.readBody() };
        })();
        let result;
        try {
            result = await bounded(exchange, timeoutMs, signal);
        }
        catch (error) {
            if (error instanceof CancelledError)
                throw error;
            const timedOut = error instanceof TimeoutSignal;
            const detail = timedOut
                ? `no answer within ${formatDuration(timeoutMs)}`
                : `${error.code ?? 'network error'}: ${messageOf(error)}`;
            log.debug(`${request.method} ${path} -> ${detail}`);
            if (timedOut && timeoutMs < this.requestTimeoutMs)
                throw new DeadlineError(request.what, detail);
            throw new NetworkError(request.what, detail, timedOut);
        }
        const status = result.response.message.statusCode ?? 0;
        const responseHeaders = result.response.message.headers;
        const parsed = parseJson(result.text);
        const requestId = headerValue(responseHeaders['x-request-id']) ?? stringField(parsed.value, 'request_id');
        log.debug(`${request.method} ${path} -> ${status} (request id ${requestId ?? 'none'}, ${runtime.now() - started} ms)`);
        if (status >= 200 && status < 300) {
            if (!parsed.ok) {
                throw new ApiError(request.what, status, '', `the answer was not JSON: ${snippet(result.text)}`, requestId, true);
            }
            return { status, body: parsed.value, requestId, headers: responseHeaders };
        }
        const { code, message } = errorFields(parsed.value);
        throw new ApiError(request.what, status, code, message ?? (snippet(result.text) || result.response.message.statusMessage || 'no message'), requestId, RETRYABLE_STATUSES.has(status), parseRetryAfter(headerValue(responseHeaders['retry-after']), runtime.now()));
    }
}
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
/** Reads `{error_code, error_msg}` (ModelArts, API gateway) and `{error: {code, message}}` (IAM). */
function errorFields(body) {
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
function snippet(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
function brief(error) {
    if (error instanceof ApiError) {
        return `HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''}${error.requestId ? ` (request id ${error.requestId})` : ''}`;
    }
    if (error instanceof NetworkError)
        return error.detail;
    return messageOf(error);
}

;// CONCATENATED MODULE: ./src/iam.ts
/**
 * The two IAM calls the action makes: find the project of a region, and exchange a GitHub OIDC id
 * token for an IAM token.
 */


/** KeystoneListProjects by name: the region's project id; exactly one match or an error. */
async function lookUpProjectId(http, iamEndpoint, region, auth) {
    const what = `look up the project of region ${region}`;
    const response = await http.send({
        what,
        method: 'GET',
        endpoint: iamEndpoint,
        path: '/v3/projects',
        query: { name: region },
        auth,
        retry: 'transient'
    });
    const projects = response.body
        ?.projects;
    if (!Array.isArray(projects)) {
        throw new ApiError(what, response.status, '', 'the answer has no project list', response.requestId, false);
    }
    const ids = projects
        .filter(p => p.name === region && typeof p.id === 'string')
        .map(p => p.id);
    if (ids.length !== 1) {
        const found = ids.length === 0 ? 'no project' : `${ids.length} projects (${ids.join(', ')})`;
        throw new Error(`${what} failed: IAM has ${found} named ${region} for these credentials; set project_id (or HUAWEI_CLOUD_PROJECT_ID)`);
    }
    return ids[0];
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
    if (typeof token !== 'string' || token === '') {
        throw new ApiError(what, response.status, '', 'the answer has no X-Subject-Token header', response.requestId, false);
    }
    const scoped = response.body?.token
        ?.project?.id;
    return { token, projectId: typeof scoped === 'string' ? scoped : undefined };
}

;// CONCATENATED MODULE: ./src/credentials.ts
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
            // The SDKs send and sign X-Project-Id with AK/SK; the gateway uses it to pick the project.
            return {
                auth,
                projectId,
                modelartsHeaders: { 'X-Project-Id': projectId },
                description: `${credentials.securityToken ? 'temporary access key' : 'access key'} from ${credentials.source}`
            };
        }
        case 'token': {
            const auth = tokenAuth(credentials.token);
            const projectId = config.projectId ?? (await findProject(config, deps, auth));
            return { auth, projectId, modelartsHeaders: {}, description: 'IAM token (auth_token)' };
        }
        case 'oidc': {
            if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
                throw new Error('identity_provider: this job cannot request a GitHub OIDC token. Add "permissions: id-token: write" to the job ' +
                    '(pull requests from forks never get one; use access keys there)');
            }
            const idToken = await deps.getIdToken(credentials.audience);
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
                throw new Error(`IAM returned a token without a project for region ${config.region}; set project_id`);
            }
            return {
                auth: tokenAuth(scoped.token),
                projectId,
                modelartsHeaders: {},
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

;// CONCATENATED MODULE: ./src/parsers.ts
/**
 * Strict parsers for input values. Each takes the input's name, so that every refusal names the
 * input and says what it accepts; none guesses (`yes` is not a boolean, `15 minutes` is not a
 * duration).
 */

const MAX_DURATION_MS = 24 * 3600 * 1000;
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
/** An https:// endpoint; http:// only on a loopback host, for local emulators. */
function parseEndpoint(name, value, fallback) {
    if (!value)
        return fallback;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError([
            `${name}: an https:// URL like https://modelarts.cn-north-4.myhuaweicloud.com, got "${value}"`
        ]);
    }
    const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new InputError([
            `${name}: must be https:// (http:// is allowed only for 127.0.0.1, localhost or [::1]), got "${value}"`
        ]);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new InputError([
            `${name}: a plain endpoint URL without credentials, query or fragment, got "${value}"`
        ]);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
/** One of `allowed` in any case, returned in the API's spelling; undefined when empty. */
function optionalEnum(name, value, allowed, aliases = {}) {
    if (!value)
        return undefined;
    const upper = value.toUpperCase();
    const canonical = aliases[upper] ?? (allowed.includes(upper) ? upper : undefined);
    if (!canonical)
        throw new InputError([`${name}: one of ${allowed.join(', ')}, got "${value}"`]);
    return canonical;
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
            `${name}: a list (commas or newlines) of ${allowed.join(', ')}; not allowed: ${bad.map(b => `"${b}"`).join(', ')}`
        ]);
    }
    return [...new Set(items.map(item => item.toUpperCase()))];
}
/** `true` or `false` in any case; anything else is refused rather than guessed. */
function parseBoolean(name, value, fallback) {
    if (!value)
        return fallback;
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new InputError([`${name}: true or false, got "${value}"`]);
}
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** `90` (seconds), `90s`, `15m`, `1h`, `1h30m`, `500ms`; above zero, at most 24h. */
function parseDuration(name, value) {
    const accepted = 'a duration like 90 (seconds), 90s, 15m, 1h or 1h30m';
    const trimmed = value.trim().toLowerCase();
    let ms;
    if (/^\d+(\.\d+)?$/.test(trimmed)) {
        ms = Number(trimmed) * 1000;
    }
    else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) {
        ms = 0;
        for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
            ms += Number(amount) * UNIT_MS[unit];
        }
    }
    else {
        throw new InputError([`${name}: ${accepted}, got "${value}"`]);
    }
    ms = Math.round(ms);
    if (ms <= 0)
        throw new InputError([`${name}: must be above zero, got "${value}"`]);
    if (ms > MAX_DURATION_MS)
        throw new InputError([`${name}: at most 24h, got "${value}"`]);
    return ms;
}

;// CONCATENATED MODULE: ./src/endpoints.ts
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
    const match = /^swr\.([a-z0-9-]+)\.myhuaweicloud\.(com|eu)(:\d+)?\//.exec(swrPath.trim());
    if (!match)
        return undefined;
    return { region: match[1], site: match[2] === 'eu' ? 'eu' : 'international' };
}
function siteOfRegion(region) {
    return EU_SITE_REGIONS.has(region) ? 'eu' : 'international';
}
/** Default ModelArts, IAM and SWR registry endpoints for a region. */
function defaultEndpoints(region, site) {
    const domain = SITE_DOMAIN[site];
    // CN-Hong Kong's ModelArts endpoint is on .cn (Huawei's Go SDK region table).
    const modelartsDomain = region === 'ap-southeast-1' ? 'myhuaweicloud.cn' : domain;
    return {
        modelarts: `https://modelarts.${region}.${modelartsDomain}`,
        // The international site's global IAM endpoint serves every region there; the EU site has its own.
        iam: site === 'eu' ? `https://iam.${region}.${domain}` : `https://iam.${domain}`,
        registry: `swr.${region}.${domain}`
    };
}

;// CONCATENATED MODULE: ./src/swr-path.ts
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
/** Docker's rule: the first part is a registry when it has a dot or a colon or is `localhost`. */
function hasRegistry(path) {
    const parts = path.trim().split('/');
    const first = parts[0];
    return parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
}
/** Checks the syntax of an swr_path and splits it; the registry may be missing. */
function parseSwrPath(value) {
    const path = value.trim();
    if (!path)
        refuse('required');
    if (/\s/.test(path))
        refuse(`must not contain spaces, got "${path}"`);
    if (path.includes('@')) {
        refuse(`"${path}" is a digest reference; ModelArts registers tags: push a tag and give that (docker push registry/namespace/name:tag)`);
    }
    const parts = path.split('/');
    const registry = hasRegistry(path) ? parts.shift() : undefined;
    if (parts.length < 2)
        refuse(`"${path}" has no namespace (SWR organization) before the image name`);
    const last = parts.pop();
    const colon = last.lastIndexOf(':');
    if (colon < 0)
        refuse(`"${path}" has no tag; give the tag you pushed (":latest" is not assumed)`);
    const tag = last.slice(colon + 1);
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
/** Puts the region's registry in front when the path has none, and checks the API's length rule. */
function completeSwrPath(parts, region) {
    const registry = parts.registry ?? defaultEndpoints(region, siteOfRegion(region)).registry;
    const swrPath = `${registry}/${parts.namespace}/${parts.name}:${parts.tag}`;
    if (swrPath.length < 16 || swrPath.length > 2048) {
        refuse(`must be 16 to 2048 characters with the registry, got ${swrPath.length} ("${swrPath.slice(0, 80)}")`);
    }
    return { ...parts, registry, swrPath };
}

;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * Reads every input and the environment once, validates them all, and returns one frozen Config.
 * Nothing else in the action reads inputs. Every problem is reported at once, each naming the
 * input and what it accepts, before any request is sent.
 */




const ARCH = ['X86_64', 'AARCH64'];
/** Docker's platform names, so a matrix over `amd64`/`arm64` can pass them through. */
const ARCH_ALIASES = {
    AMD64: 'X86_64',
    X86_64: 'X86_64',
    ARM64: 'AARCH64',
    AARCH64: 'AARCH64'
};
const ORIGIN = ['CUSTOMIZE', 'IMAGE_SAVE'];
const RESOURCE_CATEGORY = ['CPU', 'GPU', 'ASCEND'];
const SERVICE_TYPE = ['COMMON', 'INFERENCE', 'TRAIN', 'DEV', 'UNKNOWN'];
const SERVICES = ['NOTEBOOK', 'SSH'];
const VISIBILITY = ['PRIVATE', 'PUBLIC'];
const FLAVOR_TYPE = ['ASCEND_SNT9', 'ASCEND_SNT9B', 'ASCEND_SNT3'];
const IF_EXISTS = ['reuse', 'fail', 'replace'];
/** Validates all inputs; throws one InputError listing every problem. */
function parseConfig(source, provenance = {}) {
    const problems = [];
    const warnings = [];
    const read = (name) => source.input(name).trim();
    const attempt = (parse) => {
        try {
            return parse();
        }
        catch (error) {
            if (error instanceof InputError)
                problems.push(...error.problems);
            else
                throw error;
            return undefined;
        }
    };
    // Credentials first: secrets are masked before anything else can print them.
    const credentials = attempt(() => parseCredentials(source));
    const rawPath = read('swr_path');
    const registrySite = rawPath ? siteOfRegistry(rawPath) : undefined;
    // With no swr_path at all, "required" says it; a missing region would only add noise.
    const needsRegion = rawPath || read('region') || source.env.HUAWEI_CLOUD_REGION;
    const region = needsRegion
        ? attempt(() => resolveRegion(read('region'), source.env, registrySite?.region))
        : undefined;
    const parts = attempt(() => parseSwrPath(rawPath));
    // A path without a registry needs the region; when that failed, its error already says so.
    const image = parts && region ? attempt(() => completeSwrPath(parts, region)) : undefined;
    if (region && registrySite?.region && registrySite.region !== region) {
        warnings.push(`region is ${region} but swr_path's registry is in ${registrySite.region}; ModelArts in ${region} may not be able to pull it`);
    }
    const site = registrySite?.site ?? (region ? siteOfRegion(region) : 'international');
    const defaults = region ? defaultEndpoints(region, site) : undefined;
    const projectId = attempt(() => optionalProjectId(read('project_id'), source.env));
    const endpoint = attempt(() => parseEndpoint('endpoint', read('endpoint'), defaults?.modelarts));
    const iamEndpoint = attempt(() => parseEndpoint('iam_endpoint', read('iam_endpoint'), defaults?.iam));
    const description = read('description');
    if (description.length > 512)
        problems.push(`description: at most 512 characters, got ${description.length}`);
    const workspaceId = read('workspace_id');
    if (workspaceId && !/^(0|[0-9a-z]{32})$/.test(workspaceId)) {
        problems.push(`workspace_id: "0" or 32 characters of 0-9 and a-z, got "${workspaceId}"`);
    }
    const registration = {
        swr_path: image?.swrPath ?? '',
        arch: attempt(() => optionalEnum('arch', read('arch'), ARCH, ARCH_ALIASES)),
        description: description || provenanceDescription(provenance),
        origin: attempt(() => optionalEnum('origin', read('origin'), ORIGIN)),
        resource_category: attempt(() => optionalList('resource_category', read('resource_category'), RESOURCE_CATEGORY)),
        service_type: attempt(() => optionalEnum('service_type', read('service_type'), SERVICE_TYPE)),
        services: attempt(() => optionalList('services', read('services'), SERVICES)),
        visibility: attempt(() => optionalEnum('visibility', read('visibility'), VISIBILITY)),
        workspace_id: workspaceId || undefined,
        flavor_type: attempt(() => optionalEnum('flavor_type', read('flavor_type'), FLAVOR_TYPE))
    };
    const ifExistsRaw = read('if_exists').toLowerCase() || 'reuse';
    if (!IF_EXISTS.includes(ifExistsRaw)) {
        problems.push(`if_exists: one of ${IF_EXISTS.join(', ')}, got "${read('if_exists')}"`);
    }
    const wait = attempt(() => parseBoolean('wait', read('wait'), true));
    const timeoutMs = attempt(() => parseDuration('timeout', read('timeout') || '15m'));
    const pollIntervalMs = attempt(() => parseDuration('poll_interval', read('poll_interval') || '10s'));
    if (problems.length > 0)
        throw new InputError(problems);
    return Object.freeze({
        image: image,
        registration: dropUndefined(registration),
        workspaceId: workspaceId || '0',
        region: region,
        site,
        projectId,
        credentials: credentials,
        endpoint: endpoint,
        iamEndpoint: iamEndpoint,
        ifExists: ifExistsRaw,
        wait: wait,
        timeoutMs: timeoutMs,
        pollIntervalMs: pollIntervalMs,
        warnings
    });
}
/**
 * Exactly one kind, in this order: identity_provider, auth_token, an input key pair, then the
 * environment. Inputs and environment never mix within a kind.
 */
function parseCredentials({ input, env, mask }) {
    const read = (name) => input(name).trim();
    const secret = (value) => {
        const trimmed = value?.trim();
        if (trimmed)
            mask(trimmed);
        return trimmed || undefined;
    };
    const identityProvider = read('identity_provider');
    const audience = read('audience');
    const token = secret(input('auth_token'));
    const accessKeyId = read('access_key_id');
    const secretAccessKey = secret(input('secret_access_key'));
    const securityToken = secret(input('security_token'));
    const given = [
        identityProvider && 'identity_provider',
        token && 'auth_token',
        (accessKeyId || secretAccessKey || securityToken) && 'access_key_id/secret_access_key'
    ].filter(Boolean);
    if (given.length > 1) {
        throw new InputError([`credentials: give one kind of credentials, not ${given.join(' and ')}`]);
    }
    if (audience && !identityProvider) {
        throw new InputError([
            'audience: only used with identity_provider (keyless OIDC); remove it or set identity_provider'
        ]);
    }
    if (identityProvider) {
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(identityProvider)) {
            throw new InputError([
                `identity_provider: the IAM identity provider id (1 to 64 letters, digits, - and _), got "${identityProvider}"`
            ]);
        }
        return { kind: 'oidc', identityProvider, audience: audience || undefined };
    }
    if (token)
        return { kind: 'token', token };
    if (accessKeyId || secretAccessKey || securityToken) {
        if (!accessKeyId)
            throw new InputError([
                'access_key_id: required when secret_access_key or security_token is given'
            ]);
        if (!secretAccessKey)
            throw new InputError(['secret_access_key: required when access_key_id is given']);
        return accessKey(accessKeyId, secretAccessKey, securityToken, 'inputs', 'access_key_id');
    }
    const pairs = [
        [
            'HUAWEI_CLOUD_ACCESS_KEY_ID',
            'HUAWEI_CLOUD_SECRET_ACCESS_KEY',
            'HUAWEI_CLOUD_SECURITY_TOKEN',
            'HUAWEI_CLOUD_*'
        ],
        [
            'HUAWEICLOUD_SDK_AK',
            'HUAWEICLOUD_SDK_SK',
            'HUAWEICLOUD_SDK_SECURITY_TOKEN',
            'HUAWEICLOUD_SDK_*'
        ]
    ];
    const halfSet = [];
    for (const [idName, secretName, tokenName, label] of pairs) {
        const id = env[idName]?.trim();
        const sk = secret(env[secretName]);
        const st = secret(env[tokenName]);
        if (id && sk)
            return accessKey(id, sk, st, label, idName);
        if (id)
            halfSet.push(`${idName} is set but ${secretName} is not`);
        if (sk)
            halfSet.push(`${secretName} is set but ${idName} is not`);
    }
    throw new InputError([
        'credentials: none given. Provide one of: access_key_id and secret_access_key (from repository secrets); ' +
            'huaweicloud/auth-action in an earlier step (it sets HUAWEI_CLOUD_ACCESS_KEY_ID and HUAWEI_CLOUD_SECRET_ACCESS_KEY); ' +
            'or keyless OIDC with identity_provider (and permissions: id-token: write)' +
            (halfSet.length ? `. Note: ${halfSet.join('; ')}` : '')
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
function optionalProjectId(input, env) {
    const candidates = [
        ['project_id', input],
        ['project_id (from HUAWEI_CLOUD_PROJECT_ID)', env.HUAWEI_CLOUD_PROJECT_ID?.trim()],
        ['project_id (from HUAWEICLOUD_SDK_PROJECT_ID)', env.HUAWEICLOUD_SDK_PROJECT_ID?.trim()]
    ];
    const found = candidates.find(([, value]) => value);
    if (!found)
        return undefined;
    const [name, value] = found;
    if (!/^[A-Za-z0-9]{1,64}$/.test(value))
        throw new InputError([`${name}: letters and digits only, got "${value}"`]);
    return value;
}
/** "Registered by GitHub Actions from owner/repo@abc1234 (workflow, run 42): <run url>" */
function provenanceDescription(p) {
    if (!p.repository)
        return 'Registered by modelarts-register-image-action';
    const parts = [`Registered by GitHub Actions from ${p.repository}`];
    if (p.sha)
        parts[0] += `@${p.sha.slice(0, 12)}`;
    if (p.workflow || p.runId)
        parts.push(`(${[p.workflow, p.runId && `run ${p.runId}`].filter(Boolean).join(', ')})`);
    if (p.serverUrl && p.runId)
        parts.push(`${p.serverUrl}/${p.repository}/actions/runs/${p.runId}`);
    return parts.join(' ').slice(0, 512);
}
function dropUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

;// CONCATENATED MODULE: ./src/modelarts.ts
/**
 * The ModelArts image API: register, show, find by swr_path, delete. Typed records in and out;
 * HTTP, auth and retries are http.ts's business.
 */

const FAILED_STATUSES = new Set(['CREATE_FAILED', 'ERROR', 'DELETED']);
/** ACTIVE or failed: nothing more will happen to it. */
function isFinal(status) {
    return status === 'ACTIVE' || FAILED_STATUSES.has(status);
}
const PAGE_SIZE = 100;
const MAX_PAGES = 20;
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
        const response = await this.http.send({
            what: 'register image',
            method: 'POST',
            endpoint: this.endpoint,
            path: this.imagesPath(),
            body,
            headers: this.extraHeaders,
            auth: this.auth,
            retry: 'throttled-only'
        });
        return asImage('register image', response.body, response.requestId);
    }
    /** ShowImage. */
    async show(id) {
        const response = await this.http.send({
            what: 'check image status',
            method: 'GET',
            endpoint: this.endpoint,
            path: `${this.imagesPath()}/${encodeURIComponent(id)}`,
            headers: this.extraHeaders,
            auth: this.auth,
            retry: 'transient'
        });
        return asImage('check image status', response.body, response.requestId);
    }
    /**
     * The registration of exactly this swr_path in the workspace, if any. The list API defaults to
     * preset images (type=BUILD_IN) and fuzzy names, so both are set explicitly; there is no tag or
     * path filter, so the path is compared here, exactly.
     */
    async findBySwrPath(image, workspaceId) {
        for (let page = 0; page < MAX_PAGES; page++) {
            const response = await this.http.send({
                what: 'look up existing registration',
                method: 'GET',
                endpoint: this.endpoint,
                path: this.imagesPath(),
                query: {
                    type: 'DEDICATED',
                    name: image.name,
                    name_fuzzy_match: 'false',
                    namespace: image.namespace,
                    workspace_id: workspaceId,
                    limit: String(PAGE_SIZE),
                    offset: String(page * PAGE_SIZE)
                },
                headers: this.extraHeaders,
                auth: this.auth,
                retry: 'transient'
            });
            const body = response.body;
            if (!body || !Array.isArray(body.data)) {
                throw new ApiError('look up existing registration', response.status, '', 'the answer has no data list', response.requestId, true);
            }
            const match = body.data.find(candidate => candidate.status !== 'DELETED' && isRegistrationOf(candidate, image));
            if (match)
                return match;
            const total = typeof body.total === 'number' ? body.total : body.data.length;
            if (body.data.length < PAGE_SIZE || (page + 1) * PAGE_SIZE >= total)
                return undefined;
        }
        return undefined;
    }
    /** DeleteImage, never forced: a forced delete would also delete the image in SWR. */
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
/**
 * Whether a listed record registers `image`: its swr_path is ours exactly. A record registered
 * without the registry host (as ModelArts' own ma-cli does: `org/name:tag`) or listed without a
 * path counts too when namespace, name and tag agree; another registry never does.
 */
function isRegistrationOf(candidate, image) {
    if (candidate.swr_path === image.swrPath)
        return true;
    const hostless = `${image.namespace}/${image.name}:${image.tag}`;
    if (candidate.swr_path !== undefined && candidate.swr_path !== hostless)
        return false;
    return (candidate.namespace === image.namespace &&
        candidate.name === image.name &&
        candidate.tag === image.tag);
}
function asImage(what, body, requestId) {
    const image = body;
    if (!image || typeof image.id !== 'string' || typeof image.status !== 'string') {
        throw new ApiError(what, 200, '', 'the answer has no image id and status', requestId, true);
    }
    return image;
}

;// CONCATENATED MODULE: ./src/registration.ts
/**
 * Find or register: never registers the same swr_path twice. Looks for an existing registration
 * first, applies if_exists, and when a registration's answer is lost (timeout, reset, 5xx) or
 * conflicts, looks again before sending it anew.
 */


/** ModelArts' answer when the swr_path is registered already. */
const CONFLICT_CODE = 'ModelArts.6737';
/** Registrations sent at most, when answers are lost and the look-up finds nothing. */
const MAX_REGISTER_ATTEMPTS = 3;
/** Reuses, fails on or replaces an existing registration per if_exists; otherwise registers. */
async function findOrRegister(ctx) {
    const { client, config, log } = ctx;
    const existing = await client.findBySwrPath(config.image, config.workspaceId);
    if (existing) {
        const what = `${config.image.swrPath} is already registered as image ${existing.id} (status ${existing.status})`;
        if (config.ifExists === 'fail')
            throw new Error(`${what}, and if_exists is fail`);
        if (config.ifExists === 'reuse' && !FAILED_STATUSES.has(existing.status)) {
            log.info(`${what}: reusing it (if_exists: reuse)`);
            return { image: existing, created: false };
        }
        const why = config.ifExists === 'replace' ? 'if_exists: replace' : 'a failed registration helps no one';
        log.info(`${what}: deleting it and registering again (${why})`);
        await deleteAndConfirm(ctx, existing.id);
    }
    return register(ctx);
}
async function register(ctx) {
    const { client, config, log, runtime, signal } = ctx;
    let answerLost = false;
    for (let attempt = 1;; attempt++) {
        try {
            const image = await client.register(config.registration);
            log.info(`registered ${config.image.swrPath} as image ${image.id} (status ${image.status})`);
            return { image, created: true };
        }
        catch (error) {
            const conflict = error instanceof ApiError && error.errorCode === CONFLICT_CODE;
            if (!conflict && !isTransient(error))
                throw error;
            log.info(`${messageOf(error)}; looking up whether ${conflict ? 'it is registered already' : 'the registration was committed anyway'}`);
            const found = await client.findBySwrPath(config.image, config.workspaceId);
            if (found) {
                // A conflict right after our own lost answer is our registration; otherwise someone else's
                // (a concurrent run), which if_exists: fail must not adopt.
                const ours = !conflict || answerLost;
                if (!ours && config.ifExists === 'fail') {
                    throw new Error(`${config.image.swrPath} was registered concurrently as image ${found.id}, and if_exists is fail`);
                }
                log.info(`found image ${found.id} (status ${found.status}): ${ours ? 'adopting this run’s registration' : 'reusing it'}`);
                return { image: found, created: ours };
            }
            if (conflict) {
                throw new Error(`${messageOf(error)}; yet no registration of ${config.image.swrPath} was found in workspace ${config.workspaceId}`);
            }
            answerLost = true;
            if (attempt >= MAX_REGISTER_ATTEMPTS)
                throw error;
            const pause = 1000 * attempt * (0.5 + runtime.random() / 2);
            log.info(`not registered: sending the registration again in ${(pause / 1000).toFixed(1)}s`);
            await runtime.sleep(pause, signal);
        }
    }
}
/** Deletes a registration and waits until ModelArts no longer shows it, so the path is free again. */
async function deleteAndConfirm(ctx, id) {
    const { client, runtime, signal } = ctx;
    try {
        await client.delete(id);
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
    }
    for (let check = 0; check < 30; check++) {
        try {
            const image = await client.show(id);
            if (image.status === 'DELETED')
                return;
        }
        catch (error) {
            if (isNotFound(error))
                return;
            throw error;
        }
        await runtime.sleep(Math.min(1000 * 2 ** check, 5000), signal);
    }
    throw new Error(`image ${id} was deleted but ModelArts still shows it; try again later`);
}

;// CONCATENATED MODULE: ./src/summary.ts

/** A Markdown summary; plain text in cells is escaped so a message cannot break the table. */
function summaryMarkdown(report) {
    const status = report.image?.status;
    const headline = report.failure
        ? `❌ ModelArts image registration failed`
        : `✅ ModelArts image ${status === 'ACTIVE' ? 'is ACTIVE' : `registered (${status ?? 'unknown'})`}`;
    const rows = [
        ['Image', report.swrPath ? code(report.swrPath) : '—'],
        ['Image id', report.image?.id ? code(report.image.id) : '—'],
        ['Status', status ?? '—'],
        [
            'Registration',
            report.created === undefined
                ? '—'
                : report.created
                    ? 'created by this run'
                    : 'existing, reused'
        ],
        ['Region', report.region ?? '—'],
        ['Elapsed', formatDuration(report.elapsedMs)]
    ];
    const message = report.image?.status_message;
    if (report.failure && message)
        rows.push(['Status message', summary_escape(message)]);
    if (report.failure)
        rows.push(['Error', summary_escape(report.failure)]);
    const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
    return `### ${headline}\n\n${table}\n`;
}
function summary_escape(text) {
    return text.replace(/[\\|*_`<>[\]]/g, c => `\\${c}`).replace(/\r?\n/g, '<br>');
}
function code(text) {
    return `\`${text.replace(/`/g, "'")}\``;
}

;// CONCATENATED MODULE: ./src/wait.ts
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
    const { runtime, signal, log, startedAt, deadline, pollIntervalMs } = options;
    let image = initial;
    let checks = 0;
    let lastProblem;
    while (!isFinal(image.status)) {
        const remaining = deadline - runtime.now();
        if (remaining <= 0)
            return { outcome: 'timeout', image, checks, lastProblem };
        const pause = Math.min(pauseBeforeCheck(checks, pollIntervalMs, runtime.random), remaining);
        log.info(`status ${image.status} (elapsed ${formatDuration(runtime.now() - startedAt)}, next check in ${formatDuration(pause)})`);
        try {
            await runtime.sleep(pause, signal);
            checks++;
            image = await show(image.id);
            lastProblem = undefined;
            options.onImage?.(image);
        }
        catch (error) {
            if (error instanceof CancelledError)
                return { outcome: 'cancelled', image, checks, lastProblem };
            if (!isTransient(error) && !(error instanceof DeadlineError))
                throw error;
            lastProblem = messageOf(error);
            log.warning(`could not check the status: ${lastProblem}; trying again until the timeout`);
        }
    }
    log.info(`status ${image.status} (elapsed ${formatDuration(runtime.now() - startedAt)})`);
    return { outcome: 'final', image, checks };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The story in order: config → credentials → find or register → image_id → wait → outputs and
 * summary. The one place that decides how the step ends.
 */











/**
 * The last check may start right at the deadline; its answer gets this long, so a slow service
 * cannot stretch the step far past `timeout`.
 */
const FINAL_CHECK_GRACE_MS = 3_000;
const log = { info: info, debug: debug, warning: core_warning };
/** Entry point: runs the action in this process, stopping on SIGINT/SIGTERM. */
async function run() {
    const cancel = new AbortController();
    const onSignal = (signal) => {
        core_warning(`received ${signal}: stopping and writing what is known`);
        cancel.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
        await runAction({
            runtime: systemRuntime,
            env: process.env,
            signal: cancel.signal,
            getIdToken: audience => getIDToken(audience)
        });
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
    // The runner kills a cancelled step soon after the signal; leave now rather than wait for a socket.
    if (cancel.signal.aborted)
        process.exit();
}
/** Runs the action once; never throws: failures end up in core.setFailed. */
async function runAction(deps) {
    const { runtime, signal } = deps;
    const startedAt = runtime.now();
    const report = { elapsedMs: 0 };
    let http;
    try {
        const config = parseConfig({ input: name => getInput(name), env: deps.env, mask: setSecret }, provenance(deps.env));
        for (const warning of config.warnings)
            core_warning(warning);
        report.swrPath = config.image.swrPath;
        report.region = config.region;
        const deadline = startedAt + config.timeoutMs;
        http = new HttpApi({
            runtime,
            log,
            signal,
            deadline: deadline + FINAL_CHECK_GRACE_MS,
            requestTimeoutMs: deps.requestTimeoutMs
        });
        const credentials = await resolveCredentials(config, {
            http,
            log,
            env: deps.env,
            getIdToken: deps.getIdToken,
            mask: setSecret
        });
        info(`ModelArts ${config.endpoint}, project ${credentials.projectId}, ${credentials.description}`);
        const client = new ModelArtsClient(http, config.endpoint, credentials.projectId, credentials.auth, credentials.modelartsHeaders);
        const registration = await findOrRegister({ client, config, log, runtime, signal });
        report.image = registration.image;
        report.created = registration.created;
        // Set before waiting, so a later step (or a cancelled run's log) has the id whatever happens.
        setOutput('image_id', registration.image.id);
        if (!config.wait && !isFinal(registration.image.status)) {
            info(`wait is false: not waiting for image ${registration.image.id} (status ${registration.image.status})`);
        }
        else {
            const result = await waitUntilFinal(registration.image, id => showOrDeleted(client, id, report.image), {
                runtime,
                signal,
                log,
                startedAt,
                deadline,
                pollIntervalMs: config.pollIntervalMs,
                onImage: image => (report.image = image)
            });
            report.image = result.image;
            if (result.outcome === 'timeout') {
                report.failure =
                    `timed out after ${formatDuration(runtime.now() - startedAt)} (timeout ${formatDuration(config.timeoutMs)}): ` +
                        `image ${result.image.id} is still ${result.image.status}` +
                        (result.lastProblem ? `; the last check failed: ${result.lastProblem}` : '');
            }
            else if (result.outcome === 'cancelled') {
                report.failure = cancelledMessage(runtime.now() - startedAt, result.image);
            }
        }
        if (!report.failure && report.image && FAILED_STATUSES.has(report.image.status)) {
            report.failure = failedMessage(report.image, config);
        }
    }
    catch (error) {
        report.failure =
            error instanceof CancelledError
                ? cancelledMessage(runtime.now() - startedAt, report.image)
                : error instanceof DeadlineError
                    ? `timed out after ${formatDuration(runtime.now() - startedAt)}: ${error.message}`
                    : messageOf(error);
    }
    finally {
        http?.dispose();
    }
    report.elapsedMs = runtime.now() - startedAt;
    setOutputs(report);
    await writeSummary(report, deps.env);
    if (report.failure)
        setFailed(report.failure);
    else
        info(`image ${report.image?.id} is ${report.image?.status} (${formatDuration(report.elapsedMs)})`);
}
/** Every output but image_id, which was written the moment the image was known. */
function setOutputs(report) {
    const image = report.image;
    if (!image)
        return;
    setOutput('status', image.status);
    setOutput('name', image.name ?? '');
    setOutput('namespace', image.namespace ?? '');
    setOutput('tag', image.tag ?? '');
    setOutput('swr_path', image.swr_path ?? report.swrPath ?? '');
    setOutput('status_message', image.status_message ?? '');
    setOutput('created', String(report.created ?? false));
    setOutput('image', JSON.stringify(image));
}
/**
 * Appends to the file GITHUB_STEP_SUMMARY names, as core.summary does; read from the run's own
 * environment because core.summary keeps the first path it saw for the life of the process.
 */
async function writeSummary(report, env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!file)
        return debug('no GITHUB_STEP_SUMMARY: no job summary written');
    try {
        await (0,promises_namespaceObject.appendFile)(file, summaryMarkdown(report), 'utf8');
    }
    catch (error) {
        core_warning(`could not write the job summary: ${messageOf(error)}`);
    }
}
/**
 * ShowImage, where "not found" means the registration was deleted while we waited: a final status
 * to report like the others, not an error.
 */
async function showOrDeleted(client, id, last) {
    try {
        return await client.show(id);
    }
    catch (error) {
        if (!isNotFound(error))
            throw error;
        return {
            ...last,
            id,
            status: 'DELETED',
            status_message: `deleted while waiting (${messageOf(error)})`
        };
    }
}
function failedMessage(image, config) {
    const message = image.status_message ? `: ${image.status_message}` : '';
    return `image ${image.id} (${config.image.swrPath}) is ${image.status}${message}`;
}
function cancelledMessage(elapsedMs, image) {
    const state = image ? `; image ${image.id} was ${image.status}` : '';
    return `cancelled after ${formatDuration(elapsedMs)}${state}`;
}
function provenance(env) {
    return {
        repository: env.GITHUB_REPOSITORY,
        sha: env.GITHUB_SHA,
        workflow: env.GITHUB_WORKFLOW,
        runId: env.GITHUB_RUN_ID,
        serverUrl: env.GITHUB_SERVER_URL
    };
}


/***/ }),

/***/ 613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
