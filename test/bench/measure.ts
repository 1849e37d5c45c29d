import os from 'node:os'

/** Wall time of `fn` in ms, and the peak resident memory seen so far. */
export async function measure<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

export function machine(): string {
  const cpus = os.cpus()
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`
}

export function row(label: string, value: string): string {
  return `  ${label.padEnd(52)} ${value}`
}
