/**
 * The loopback rule: which hosts are this machine's own, where plain http:// crosses no network.
 */

/** localhost, 127.0.0.0/8, or ::1 (with or without brackets), in any case; a port is not part of it. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase()
  return (
    name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name)
  )
}
