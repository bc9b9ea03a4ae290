'use strict'
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
