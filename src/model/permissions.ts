/**
 * The IAM action each call needs, as Huawei's API pages name them: a 403 names what to grant, and a
 * test holds the README's policy to them.
 */

/** Every call the action makes that an IAM policy governs, and the action it needs. */
export const PERMISSIONS = {
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
} as const

/**
 * What RegisterImage also needs under a classic policy ("Version": "1.1"): the SWR actions Huawei
 * lists as its dependencies. Without one, ModelArts answers that it cannot read the image.
 */
export const REGISTER_DEPENDENCIES = [
  'swr:repo:listRepos',
  'swr:repo:listRepoTags',
  'swr:repo:getRepo',
  'swr:repo:getRepoDomain',
  'swr:repo:createRepoDomain',
  'swr:repository:listRepositories',
  'swr:repository:listArtifacts',
  'swr:repository:getTag'
] as const
