/** Where the Node 24 binary lives once installed. */
export declare const NODE_24: string
/** Whether npm can install the binary on this machine (linux x64). */
export declare const SUPPORTED: boolean
/** The binary's path, installing it first when missing; undefined where it cannot run. */
export declare function ensureNode24(): string | undefined
