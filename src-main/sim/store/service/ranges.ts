import type { Prng } from '../../kernel/prng'

/**
 * The ranges Service addresses come from, and how the API server picks a free
 * value in them (`pkg/registry/core/service/allocator`): at random in the upper
 * part of the range first, keeping the lower part for values users ask for by
 * name (`randomScanStrategyWithOffset`).
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

export function isIPv4(text: string): boolean {
  return IPV4.test(text)
}

/** Loosely, as `net.ParseIP` accepts an IPv6 address. */
export function isIPv6(text: string): boolean {
  return /^[0-9a-fA-F:.]+$/.test(text) && text.includes(':')
}

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** A set of values `base … base + size − 1`, of which `offset` at the bottom are kept for static requests. */
export interface Range<T> {
  readonly size: number
  readonly offset: number
  /** Index of a value, or undefined when it lies outside the range. */
  indexOf(value: T): number | undefined
  valueAt(index: number): T
  readonly text: string
}

/**
 * A CIDR minus its network and broadcast addresses; offset `min(max(16, size/16), 256)`
 * (`calculateRangeOffset` in the IP allocator).
 */
export function cidrRange(cidr: string): Range<string> {
  const [address, bitsText] = cidr.split('/') as [string, string]
  const bits = Number(bitsText)
  const network = ipToNumber(address)
  const total = 2 ** (32 - bits)
  const base = network + 1
  const size = total - 2
  const offset = total <= 16 ? 0 : Math.min(Math.max(16, Math.floor(total / 16)), 256)
  return {
    size,
    offset,
    text: cidr,
    indexOf(ip) {
      if (!isIPv4(ip)) return undefined
      const i = ipToNumber(ip) - base
      return i >= 0 && i < size ? i : undefined
    },
    valueAt: (i) => numberToIp(base + i),
  }
}

/** `base-max` inclusive; offset `min(max(16, size/32), 128)` (`calculateRangeOffset` in the port allocator). */
export function portRange(first: number, last: number): Range<number> {
  const size = last - first + 1
  const offset = size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 32)), 128)
  return {
    size,
    offset,
    text: `${first}-${last}`,
    indexOf: (port) =>
      Number.isInteger(port) && port >= first && port <= last ? port - first : undefined,
    valueAt: (i) => first + i,
  }
}

/**
 * A free value: a random start in the upper part of the range, scanning upward
 * and wrapping, then the lower part. A dry run scans from the first value
 * instead, so that checking an object draws nothing from the generator.
 */
export function pickFree<T>(
  range: Range<T>,
  taken: (value: T) => boolean,
  prng: Prng | undefined,
): T | undefined {
  const upper = range.size - range.offset
  const bands: [number, number][] = [
    [range.offset, upper],
    [0, range.offset],
  ]
  for (const [from, length] of bands) {
    if (length <= 0) continue
    const start = prng ? prng.int(length) : 0
    for (let i = 0; i < length; i++) {
      const value = range.valueAt(from + ((start + i) % length))
      if (!taken(value)) return value
    }
  }
  return undefined
}
