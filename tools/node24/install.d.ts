/** The Node 24 (or newer) binary: the running node when it is, else tools/node24's once installed. */
export declare const NODE_24: string
/** Whether a Node 24 can run here: the running node is one, or npm can install it (linux x64). */
export declare const SUPPORTED: boolean
/** The binary's path, installing it first when missing; undefined where it cannot run. */
export declare function ensureNode24(): string | undefined
