/**
 * The entry point: signal handlers first, before the rest of the bundle loads, so a cancel during
 * start-up is handled like one during the wait.
 */
const cancel = new AbortController()
const onSignal = (signal: NodeJS.Signals): void => {
  // A second signal changes nothing: the first is being handled and the outcome is still written.
  if (cancel.signal.aborted) return
  // A workflow command written directly: @actions/core may not be loaded yet.
  process.stdout.write(`::warning::received ${signal}: stopping and writing what is known\n`)
  cancel.abort()
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

// Called unconditionally: a `require.main === module` guard does nothing in the ncc ES module bundle.
const { run } = await import('./main.js')
await run(cancel.signal)
// The outcome is written. A request left behind (a silent socket, a proxy tunnel, the runner's
// token service) must not keep the step alive past it.
process.exit()
