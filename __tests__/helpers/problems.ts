import { InputError } from '../../src/base/errors.js'

/** The problems of the InputError that `parse` throws; anything else fails the test. */
export function problemsOf(parse: () => unknown): readonly string[] {
  try {
    parse()
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}
