/**
 * The action's entry point. Signal handlers come first, before the rest of the bundle loads, so a
 * cancel during start-up is handled like one during the wait; a second signal while the first is
 * handled changes nothing (the outcome is still written). It calls run() unconditionally: a
 * `require.main === module` guard would silently do nothing inside the ncc ES module bundle.
 */
const cancel = new AbortController()
const onSignal = (signal: NodeJS.Signals): void => {
  if (cancel.signal.aborted) return
  // A workflow command written directly: @actions/core may not be loaded yet.
  process.stdout.write(`::warning::received ${signal}: stopping and writing what is known\n`)
  cancel.abort()
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

const { run } = await import('./main.js')
await run(cancel.signal)
// The outcome is written. A request left behind (a silent socket, a proxy tunnel, the runner's
// token service) must not keep the step alive past it.
process.exit()
