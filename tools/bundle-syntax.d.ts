/** A webpack module factory's span in a bundle's text (without parentheses), and whether parentheses enclose it. */
export interface ModuleFactory {
  start: number
  end: number
  parenthesized: boolean
}
export function moduleFactories(code: string): ModuleFactory[]
export function hasNonAsciiTaggedTemplate(code: string): boolean
export function notices(code: string): string[]
