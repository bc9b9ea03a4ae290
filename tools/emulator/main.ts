/**
 * The emulator alone, for workflows that test `uses: ./`: `node .build/tools/emulator/main.js
 * [port] [--push path …]`.
 */
import { Emulator, lifecycles } from './server.js'

const args = process.argv.slice(2)
const pushed = args.flatMap((arg, i) => (arg === '--push' && args[i + 1] ? [args[i + 1]] : []))
const port = Number(
  args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--push') ?? 8765
)
const emulator = await new Emulator({ lifecycleFor: () => lifecycles.activeAfter(3000) }).start(
  port
)
for (const path of pushed) {
  if (path) emulator.pushBuildx(path, ['linux/amd64', 'linux/arm64'])
  console.log(`pushed ${path}`)
}
console.log(`emulator listening on ${emulator.url}`)
const stop = (): void => void emulator.close().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
