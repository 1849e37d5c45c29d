import fs from 'node:fs'
import path from 'node:path'
import { compareName } from './pack-index'

/** gitformat-commit-graph(5): a parent slot that holds no parent. */
const PARENT_NONE = 0x70000000
const EXTRA_EDGES = 0x80000000
const CDAT_ENTRY_BYTES = 36

interface Layer {
  buf: Buffer
  count: number
  /** Global position of this layer's first commit (the commits of the layers below come first). */
  base: number
  fanoutAt: number
  namesAt: number
  dataAt: number
  edgesAt: number
}

/**
 * Git's commit-graph (`objects/info/commit-graph`, or the split chain under
 * `objects/info/commit-graphs/`), written by `git gc` and `git commit-graph
 * write`: every commit's parents and committer time, found by position without
 * inflating a single object. Commits made since it was written are not in it;
 * callers read those from the object database.
 */
export class CommitGraph {
  readonly count: number

  private constructor(
    private readonly layers: Layer[],
    /** What the files looked like when read, to notice a rewrite. */
    readonly stamp: string,
  ) {
    const top = layers[layers.length - 1]!
    this.count = top.base + top.count
  }

  /**
   * The repository's commit graph, or undefined when there is none or it cannot
   * be used (another hash, a damaged file): history is then read from objects.
   */
  static load(objectsDir: string): CommitGraph | undefined {
    const files = graphFiles(objectsDir)
    if (files.length === 0) return undefined
    const layers: Layer[] = []
    const stamps: string[] = []
    for (const file of files) {
      let buf: Buffer
      try {
        buf = fs.readFileSync(file)
        stamps.push(`${file}:${buf.length}`)
      } catch {
        return undefined
      }
      const previous = layers[layers.length - 1]
      const layer = parseLayer(buf, previous ? previous.base + previous.count : 0)
      if (!layer) return undefined
      layers.push(layer)
    }
    return new CommitGraph(layers, stamps.join('|'))
  }

  /** A cheap fingerprint of the graph files on disk now, to compare with `stamp`. */
  static stampOf(objectsDir: string): string {
    return graphFiles(objectsDir)
      .map((file) => {
        try {
          return `${file}:${fs.statSync(file).size}`
        } catch {
          return file
        }
      })
      .join('|')
  }

  /** The position of the commit named by 20 raw bytes, or -1. */
  find(oid: Buffer): number {
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!
      const first = oid[0]!
      let lo = first === 0 ? 0 : layer.buf.readUInt32BE(layer.fanoutAt + (first - 1) * 4)
      let hi = layer.buf.readUInt32BE(layer.fanoutAt + first * 4)
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        const c = compareName(oid, layer.buf, layer.namesAt + mid * 20)
        if (c === 0) return layer.base + mid
        if (c < 0) hi = mid
        else lo = mid + 1
      }
    }
    return -1
  }

  oid(position: number): string {
    const layer = this.layerOf(position)
    const at = layer.namesAt + (position - layer.base) * 20
    return layer.buf.toString('hex', at, at + 20)
  }

  /** Committer time in seconds (34 bits, as the format stores it). */
  timeSeconds(position: number): number {
    const layer = this.layerOf(position)
    const at = layer.dataAt + (position - layer.base) * CDAT_ENTRY_BYTES + 28
    return (layer.buf.readUInt32BE(at) & 3) * 2 ** 32 + layer.buf.readUInt32BE(at + 4)
  }

  /** The topological level (generation number v1): one more than the highest of the parents'. */
  level(position: number): number {
    const layer = this.layerOf(position)
    const at = layer.dataAt + (position - layer.base) * CDAT_ENTRY_BYTES + 28
    return layer.buf.readUInt32BE(at) >>> 2
  }

  /** Appends the positions of the commit's parents, in order, to `out`. */
  parents(position: number, out: number[]): void {
    const layer = this.layerOf(position)
    const at = layer.dataAt + (position - layer.base) * CDAT_ENTRY_BYTES + 20
    const first = layer.buf.readUInt32BE(at)
    if (first === PARENT_NONE) return
    out.push(first)
    const second = layer.buf.readUInt32BE(at + 4)
    if (second === PARENT_NONE) return
    if ((second & EXTRA_EDGES) === 0) {
      out.push(second)
      return
    }
    // An octopus merge: its second and later parents are listed in the EDGE chunk.
    let edge = layer.edgesAt + (second & 0x7fffffff) * 4
    for (;;) {
      const value = layer.buf.readUInt32BE(edge)
      out.push(value & 0x7fffffff)
      if (value & EXTRA_EDGES) return
      edge += 4
    }
  }

  private layerOf(position: number): Layer {
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!
      if (position >= layer.base) return layer
    }
    return this.layers[0]!
  }
}

/** The single graph file, or the layers of a split chain from the base up. */
function graphFiles(objectsDir: string): string[] {
  const info = path.join(objectsDir, 'info')
  const single = path.join(info, 'commit-graph')
  const chainDir = path.join(info, 'commit-graphs')
  try {
    const chain = fs.readFileSync(path.join(chainDir, 'commit-graph-chain'), 'utf8')
    const hashes = chain.split('\n').filter((h) => /^[0-9a-f]{40}$/.test(h))
    if (hashes.length > 0) return hashes.map((h) => path.join(chainDir, `graph-${h}.graph`))
  } catch {
    /* no chain: the single file, if any */
  }
  return fs.existsSync(single) ? [single] : []
}

/** Reads the header and chunk table; undefined when the file is not a usable SHA-1 graph. */
function parseLayer(buf: Buffer, base: number): Layer | undefined {
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== 'CGPH') return undefined
  if (buf[4] !== 1 || buf[5] !== 1) return undefined
  const chunkCount = buf[6]!
  const chunks = new Map<string, number>()
  for (let i = 0; i <= chunkCount; i++) {
    const at = 8 + i * 12
    if (at + 12 > buf.length) return undefined
    const offset = buf.readUInt32BE(at + 4) * 2 ** 32 + buf.readUInt32BE(at + 8)
    if (offset > buf.length) return undefined
    chunks.set(buf.toString('latin1', at, at + 4), offset)
  }
  const fanoutAt = chunks.get('OIDF')
  const namesAt = chunks.get('OIDL')
  const dataAt = chunks.get('CDAT')
  if (fanoutAt === undefined || namesAt === undefined || dataAt === undefined) return undefined
  const count = buf.readUInt32BE(fanoutAt + 255 * 4)
  if (namesAt + count * 20 > buf.length || dataAt + count * CDAT_ENTRY_BYTES > buf.length)
    return undefined
  return { buf, count, base, fanoutAt, namesAt, dataAt, edgesAt: chunks.get('EDGE') ?? 0 }
}
