/**
 * Work started now and awaited later (a look-up beside another): its rejection is marked as
 * handled at once, so a look-up left behind when another fails is never an unhandled rejection.
 */

/** The same promise, its rejection marked as handled; whoever awaits it still gets the error. */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}
