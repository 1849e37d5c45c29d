import fs from 'node:fs'
import zlib from 'node:zlib'
import { applyDelta } from './delta'
import { Lru } from './lru'
import type { PackIndex } from './pack-index'
import { packTypes, type GitObject } from './types'

const WINDOW_BYTES = 1 << 20
/** Type and size, and an OFS_DELTA's offset or a REF_DELTA's base name, fit in this. */
const HEADER_BYTES_MAX = 32
/** Pack bytes kept in memory across all packs, in windows as git's core.packedGitWindowSize. */
const WINDOWS_BYTES_MAX = 64 << 20
/** Inflated delta bases kept, so the next delta of a chain does not redo the chain. */
const BASES_BYTES_MAX = 32 << 20

/** Caches shared by the packs of one repository, so many packs do not multiply memory. */
export class PackCaches {
  readonly windows = new Lru<string, Buffer>(WINDOWS_BYTES_MAX, (b) => b.length)
  readonly bases = new Lru<string, GitObject>(BASES_BYTES_MAX, (o) => o.data.length)
  private packs = 0
  /** A key prefix unique to one pack. */
  nextId(): string {
    return `${this.packs++}:`
  }
}

/** Reads an object from the pack or the loose objects, for REF_DELTA bases. */
export type ReadByOid = (oid: string) => GitObject

/**
 * A `.pack` file read through its index: each object is located by offset,
 * read through a small window cache, inflated with node:zlib, and delta chains
 * (OFS_DELTA and REF_DELTA) are resolved against cached bases.
 */
export class PackFile {
  private fd: number | undefined
  private size = 0
  /** The window read last, found again without touching the LRU: reads cluster. */
  private lastWindowNumber = -1
  private lastWindow: Buffer | undefined

  private readonly id: string

  constructor(
    readonly path: string,
    readonly index: PackIndex,
    private readonly caches: PackCaches,
  ) {
    this.id = caches.nextId()
  }

  /** The object at the index position `position`. */
  readAt(position: number, readByOid: ReadByOid): GitObject {
    return this.readOffset(this.index.offset(position), readByOid)
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd)
    this.fd = undefined
    this.lastWindowNumber = -1
    this.lastWindow = undefined
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd
    const fd = fs.openSync(this.path, 'r')
    this.size = fs.fstatSync(fd).size
    const header = Buffer.alloc(12)
    fs.readSync(fd, header, 0, 12, 0)
    if (header.toString('latin1', 0, 4) !== 'PACK') {
      fs.closeSync(fd)
      throw new Error(`${this.path} is not a pack file`)
    }
    this.fd = fd
    return fd
  }

  private readOffset(offset: number, readByOid: ReadByOid): GitObject {
    // Walk down the delta chain to a stored base, then apply the deltas upwards.
    const deltas: { offset: number; delta: Buffer }[] = []
    let at = offset
    let base: GitObject
    for (;;) {
      const cached = this.caches.bases.get(this.id + at)
      if (cached) {
        base = cached
        break
      }
      const entry = this.entry(at)
      if (entry.kind === 'object') {
        base = entry.object
        break
      }
      deltas.push({ offset: at, delta: entry.delta })
      if (entry.kind === 'ofs-delta') at = entry.baseOffset
      else {
        base = readByOid(entry.baseOid)
        at = -1
        break
      }
    }
    for (let i = deltas.length - 1; i >= 0; i--) {
      if (at >= 0) this.caches.bases.set(this.id + at, base)
      base = { type: base.type, data: applyDelta(base.data, deltas[i]!.delta) }
      at = deltas[i]!.offset
    }
    return base
  }

  private entry(
    offset: number,
  ):
    | { kind: 'object'; object: GitObject }
    | { kind: 'ofs-delta'; baseOffset: number; delta: Buffer }
    | { kind: 'ref-delta'; baseOid: string; delta: Buffer } {
    const fd = this.open()
    const packEnd = this.size - 20
    const header = this.bytes(fd, offset, Math.min(offset + HEADER_BYTES_MAX, packEnd))
    let c = header[0]!
    const typeNumber = (c >> 4) & 7
    let size = c & 15
    let shift = 4
    let p = 1
    while (c & 0x80) {
      c = header[p++]!
      size += (c & 0x7f) * 2 ** shift
      shift += 7
    }
    // zlib stops at the end of its stream, so reading a little more than the
    // deflated form can take is enough, and the pack index need not be sorted.
    const end = Math.min(packEnd, offset + HEADER_BYTES_MAX + size + Math.ceil(size / 1024) + 64)
    const bytes = this.bytes(fd, offset, end)
    const type = packTypes[typeNumber]
    if (type === undefined)
      throw new Error(`${this.path}: object at offset ${offset} has unknown type ${typeNumber}`)
    if (type === 'ofs-delta') {
      c = bytes[p++]!
      let back = c & 0x7f
      while (c & 0x80) {
        c = bytes[p++]!
        back = (back + 1) * 128 + (c & 0x7f)
      }
      return { kind: 'ofs-delta', baseOffset: offset - back, delta: this.inflate(bytes, p, size) }
    }
    if (type === 'ref-delta') {
      const baseOid = bytes.toString('hex', p, p + 20)
      return { kind: 'ref-delta', baseOid, delta: this.inflate(bytes, p + 20, size) }
    }
    return { kind: 'object', object: { type, data: this.inflate(bytes, p, size) } }
  }

  private inflate(bytes: Buffer, from: number, size: number): Buffer {
    // An output chunk one byte larger than the object inflates in one step into
    // one buffer, instead of zlib's default 16 KiB chunk per call.
    const data = zlib.inflateSync(bytes.subarray(from), { chunkSize: Math.max(64, size + 1) })
    if (data.length !== size)
      throw new Error(`${this.path}: an object inflates to ${data.length} bytes, not ${size}`)
    return data
  }

  /** Bytes [start, end) of the pack, from a cached window when they fit in one. */
  private bytes(fd: number, start: number, end: number): Buffer {
    const first = Math.floor(start / WINDOW_BYTES)
    if (Math.floor((end - 1) / WINDOW_BYTES) !== first) {
      const out = Buffer.allocUnsafe(end - start)
      fs.readSync(fd, out, 0, out.length, start)
      return out
    }
    let window =
      first === this.lastWindowNumber ? this.lastWindow : this.caches.windows.get(this.id + first)
    if (!window) {
      const from = first * WINDOW_BYTES
      window = Buffer.allocUnsafe(Math.min(WINDOW_BYTES, this.size - from))
      const read = fs.readSync(fd, window, 0, window.length, from)
      window = window.subarray(0, read)
      this.caches.windows.set(this.id + first, window)
    }
    this.lastWindowNumber = first
    this.lastWindow = window
    const from = start - first * WINDOW_BYTES
    return window.subarray(from, from + (end - start))
  }
}
