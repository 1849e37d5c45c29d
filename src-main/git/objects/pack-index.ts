/**
 * A pack's `.idx` file (versions 1 and 2, SHA-1): which objects the pack holds
 * and at which byte offset, as gitformat-pack(5) lays it out. The file is read
 * once into memory (about 28 bytes per object) and searched in place.
 */
export class PackIndex {
  readonly count: number
  private readonly version: 1 | 2
  private readonly namesAt: number
  private readonly offsetsAt: number
  private readonly largeOffsetsAt: number

  constructor(
    private readonly buf: Buffer,
    /** For error messages. */
    readonly file: string,
  ) {
    const v2 = buf.length >= 8 && buf.readUInt32BE(0) === 0xff744f63
    if (v2 && buf.readUInt32BE(4) !== 2)
      throw new Error(`${file}: pack index version ${buf.readUInt32BE(4)} is not supported`)
    this.version = v2 ? 2 : 1
    const fanoutAt = v2 ? 8 : 0
    if (buf.length < fanoutAt + 1024 + 40) throw new Error(`${file}: pack index is truncated`)
    this.count = buf.readUInt32BE(fanoutAt + 255 * 4)
    this.namesAt = fanoutAt + 1024
    // Version 2: names, then CRCs, then offsets; version 1 interleaves offset and name.
    this.offsetsAt = this.namesAt + this.count * 24
    this.largeOffsetsAt = this.offsetsAt + this.count * 4
    const minimum = v2 ? this.largeOffsetsAt + 40 : this.namesAt + this.count * 24 + 40
    if (buf.length < minimum) throw new Error(`${file}: pack index is truncated`)
  }

  /** The position of `oid` (20 raw bytes) in the index, or -1. */
  find(oid: Buffer): number {
    const fanoutAt = this.version === 2 ? 8 : 0
    const first = oid[0]!
    let lo = first === 0 ? 0 : this.buf.readUInt32BE(fanoutAt + (first - 1) * 4)
    let hi = this.buf.readUInt32BE(fanoutAt + first * 4)
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareName(oid, this.buf, this.nameOffset(mid))
      if (c === 0) return mid
      if (c < 0) hi = mid
      else lo = mid + 1
    }
    return -1
  }

  /** The first position whose name is >= `prefix` (raw bytes, possibly shorter than 20). */
  lowerBound(prefix: Buffer): number {
    let lo = 0
    let hi = this.count
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const at = this.nameOffset(mid)
      if (this.buf.compare(prefix, 0, prefix.length, at, at + prefix.length) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The object name at `position`, as 40 hex digits. */
  name(position: number): string {
    const at = this.nameOffset(position)
    return this.buf.toString('hex', at, at + 20)
  }

  offset(position: number): number {
    if (this.version === 1) return this.buf.readUInt32BE(this.namesAt + position * 24)
    const small = this.buf.readUInt32BE(this.offsetsAt + position * 4)
    if ((small & 0x80000000) === 0) return small
    const at = this.largeOffsetsAt + (small & 0x7fffffff) * 8
    return this.buf.readUInt32BE(at) * 2 ** 32 + this.buf.readUInt32BE(at + 4)
  }

  private nameOffset(position: number): number {
    return this.version === 2 ? this.namesAt + position * 20 : this.namesAt + position * 24 + 4
  }
}

/**
 * Compares 20 raw bytes with the name stored at `at`, byte by byte: far cheaper
 * than Buffer#compare with offsets, which crosses into C++ on every call.
 */
export function compareName(oid: Uint8Array, buf: Uint8Array, at: number): number {
  for (let i = 0; i < 20; i++) {
    const d = oid[i]! - buf[at + i]!
    if (d !== 0) return d
  }
  return 0
}
