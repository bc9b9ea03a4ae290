export declare const STAMP: string
export declare function sourceHash(root?: string): string
export declare function bundleWarning(root?: string): string | undefined
