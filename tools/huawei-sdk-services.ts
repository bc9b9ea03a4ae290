/**
 * Huawei's official SWR and IAM SDK clients, as oracles for the emulator in tests (never in the
 * product). Kept apart from huawei-sdk.ts so that the bench's SDK baseline loads only the core.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

const core = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => {
    withAk(ak: string): { withSk(sk: string): { withProjectId(id: string): unknown } }
  }
}

interface SdkServiceBuilder<C> {
  withCredential(credentials: unknown): SdkServiceBuilder<C>
  withEndpoint(endpoint: string): SdkServiceBuilder<C>
  build(): C
}

/** The SWR service client of @huaweicloud/huaweicloud-sdk-swr (CreateSecret, ListRepositoryTags). */
interface SdkSwrClient {
  createSecret(request: unknown): Promise<Record<string, unknown>>
  listRepositoryTags(request: unknown): Promise<Record<string, unknown>>
}

const swr = require('@huaweicloud/huaweicloud-sdk-swr') as {
  SwrClient: { newBuilder(): SdkServiceBuilder<SdkSwrClient> }
  CreateSecretRequest: new () => { withProjectname(name: string): unknown }
  ListRepositoryTagsRequest: new () => {
    withNamespace(ns: string): { withRepository(repo: string): unknown }
  }
}

/** SWR's own SDK client for an endpoint, signing with AK/SK for a project. */
export function sdkSwrClient(endpoint: string, ak: string, sk: string, projectId: string) {
  const credentials = new core.BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId)
  const client = swr.SwrClient.newBuilder()
    .withCredential(credentials)
    .withEndpoint(endpoint)
    .build()
  return {
    createSecret: (region: string) =>
      client.createSecret(new swr.CreateSecretRequest().withProjectname(region)),
    listRepositoryTags: (namespace: string, repository: string) =>
      client.listRepositoryTags(
        new swr.ListRepositoryTagsRequest().withNamespace(namespace).withRepository(repository)
      )
  }
}

// The package's top entry is broken (it requires './GlobalCredentials,BasicCredentials'); v3's
// public API loads.
const iam = require('@huaweicloud/huaweicloud-sdk-iam/v3/public-api') as {
  IamClient: {
    newBuilder(): SdkServiceBuilder<{
      keystoneListProjects(request: unknown): Promise<Record<string, unknown>>
    }>
  }
  KeystoneListProjectsRequest: new () => { withName(name: string): unknown }
}

/** IAM's own SDK client (global service: GlobalCredentials with the account's domain id). */
export function sdkIamClient(endpoint: string, ak: string, sk: string, domainId: string) {
  const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core') as {
    GlobalCredentials: new () => {
      withAk(ak: string): { withSk(sk: string): { withDomainId(id: string): unknown } }
    }
  }
  const credentials = new GlobalCredentials().withAk(ak).withSk(sk).withDomainId(domainId)
  const client = iam.IamClient.newBuilder()
    .withCredential(credentials)
    .withEndpoint(endpoint)
    .build()
  return {
    listProjects: (name: string) =>
      client.keystoneListProjects(new iam.KeystoneListProjectsRequest().withName(name))
  }
}
