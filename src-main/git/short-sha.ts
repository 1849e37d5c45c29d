import type { ObjectDatabase } from './objects/object-db'

const ABBREV_MIN = 7

/**
 * The abbreviation `git rev-parse --short` prints with git's default
 * `core.abbrev`: enough hex digits for the packed object count (half its bit
 * length, rounded up, at least 7), then more until no other object shares them.
 */
export function shortSha(objects: ObjectDatabase, oid: string): string {
  const count = objects.packedCount()
  const bits = count > 0 ? Math.floor(Math.log2(count)) + 1 : 0
  let length = Math.max(ABBREV_MIN, Math.ceil(bits / 2))
  while (length < oid.length) {
    const matches = objects.expand(oid.slice(0, length), 2)
    if (matches.length <= 1) break
    length++
  }
  return oid.slice(0, length)
}
