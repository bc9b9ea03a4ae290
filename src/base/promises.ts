/**
 * Work started now and awaited later, its rejection handled at once: never an unhandled rejection.
 */

/** The same promise, its rejection marked as handled; whoever awaits it still gets the error. */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}
