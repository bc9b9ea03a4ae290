/** The shapes of Huawei Cloud ids, for the input parsers and the answers' validation alike. */

/** A ModelArts image id: UUIDs in practice; anything that could be an id, nothing that changes a path. */
export const IMAGE_ID = /^[A-Za-z0-9_-]{1,128}$/

/** A project id: hex in practice; anything that is not letters and digits would change a request path. */
export const PROJECT_ID = /^[A-Za-z0-9]{1,64}$/
