/**
 * Huawei's official Node SDK core, used only as an oracle in tests and benchmarks (never in the
 * product). It is CommonJS, so it is loaded through createRequire.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

interface SdkCredential {
  getAk(): string
  getSk(): string
}

interface SdkSigner {
  sign(
    request: {
      method: string
      endpoint: string
      headers: Record<string, string>
      queryParams: unknown
      data?: unknown
    },
    credential: SdkCredential
  ): Record<string, string>
}

interface SdkBasicCredentials {
  withAk(ak: string): SdkBasicCredentials
  withSk(sk: string): SdkBasicCredentials
  withProjectId(id: string): SdkBasicCredentials
}

export interface SdkClient {
  sendRequest(options: {
    method: string
    url: string
    contentType?: string
    pathParams: Record<string, string>
    queryParams: Record<string, unknown>
    headers: Record<string, string>
    data: unknown
  }): Promise<Record<string, unknown>>
}

// The SDK logs every refused request to stdout at ERROR level (log4js); the tests refuse some on
// purpose, and their output should say only what failed. Turned off here, for every user of the oracle.
;(
  require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as {
    Logger4jInstance: { level: string }
  }
).Logger4jInstance.level = 'off'

const core = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => SdkBasicCredentials
}
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder') as {
  ClientBuilder: new (init: (client: SdkClient) => SdkClient) => {
    withEndpoint(endpoint: string): {
      withCredential(c: SdkBasicCredentials): { build(): SdkClient }
    }
  }
}

/** The SDK's AKSKSigner. */
export const sdkSigner = (
  require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: SdkSigner }
).AKSKSigner

/** An SDK HcClient for an endpoint, signing with AK/SK for a project. */
export function sdkClient(endpoint: string, ak: string, sk: string, projectId: string): SdkClient {
  const credentials = new core.BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId)
  return new ClientBuilder(client => client)
    .withEndpoint(endpoint)
    .withCredential(credentials)
    .build()
}

export function sdkCredential(ak: string, sk: string): SdkCredential {
  return { getAk: () => ak, getSk: () => sk }
}
