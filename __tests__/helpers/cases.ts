/** Table rows written once per expected value: `{ value: [inputs…] }` → `[input, value]` rows. */
export function casesByValue(
  groups: Readonly<Record<string, readonly string[]>>
): [string, string][] {
  return Object.entries(groups).flatMap(([value, inputs]) =>
    inputs.map((input): [string, string] => [input, value])
  )
}
