import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { CorruptRepositoryError } from '../errors'
import { PackCaches, PackFile } from './pack-file'
import { PackIndex } from './pack-index'
import type { GitObject, ObjectType } from './types'

const OBJECT_TYPES = new Set<string>(['commit', 'tree', 'blob', 'tag'])
/** How deep `objects/info/alternates` may chain, as git's own limit. */
const ALTERNATES_DEPTH_MAX = 5

interface ObjectDir {
  path: string
  packs: PackFile[]
  /** The pack folder's listing the packs were read from, to notice a repack. */
  listing: string
}

/**
 * The object database of one repository, read the way git reads it: packs
 * first (through their `.idx`), then loose objects, and on a miss the pack
 * folder again in case `git gc` or a fetch wrote a new pack meanwhile.
 * Alternates (`objects/info/alternates`) are followed. Reads are synchronous:
 * each is a few microseconds of work on data the page cache holds.
 */
export class ObjectDatabase {
  private readonly dirs: ObjectDir[]
  private readonly caches = new PackCaches()
  /** The name being looked up, as raw bytes; reused to spare an allocation per read. */
  private readonly scratch = Buffer.alloc(20)

  constructor(objectsDir: string) {
    this.dirs = objectDirs(objectsDir, 0).map((p) => ({ path: p, packs: [], listing: '' }))
    for (const dir of this.dirs) this.rescan(dir)
  }

  /** The object's type and content; a CorruptRepositoryError when it is missing or damaged. */
  read(oid: string): GitObject {
    const found = this.tryRead(oid)
    if (found) return found
    throw new CorruptRepositoryError(
      `object ${oid} is missing from ${this.dirs[0]!.path}: the repository is damaged or incomplete (run "git fsck")`,
      oid,
    )
  }

  /** Like `read`, but undefined when no such object exists. */
  tryRead(oid: string): GitObject | undefined {
    if (oid.length !== 40) return undefined
    const raw = this.scratch
    if (raw.write(oid, 'hex') !== 20) return undefined
    return (
      this.fromPacks(raw, oid) ??
      this.fromLoose(oid) ??
      (this.rescanAll() ? this.fromPacks(raw, oid) : undefined)
    )
  }

  /** Reads an object that must have `type`, naming what was expected when it does not. */
  readTyped(oid: string, type: ObjectType): Buffer {
    const object = this.read(oid)
    if (object.type !== type)
      throw new CorruptRepositoryError(`object ${oid} is a ${object.type}, not a ${type}`, oid)
    return object.data
  }

  has(oid: string): boolean {
    const raw = Buffer.from(oid, 'hex')
    for (const dir of this.dirs) {
      if (dir.packs.some((p) => p.index.find(raw) >= 0)) return true
      if (fs.existsSync(loosePath(dir.path, oid))) return true
    }
    return false
  }

  /** Every object name starting with `prefix` (hex), stopping once `limit` are found. */
  expand(prefix: string, limit = 2): string[] {
    const found = new Set<string>()
    const even = Buffer.from(prefix.slice(0, prefix.length & ~1), 'hex')
    for (const dir of this.dirs) {
      for (const pack of dir.packs) {
        for (let i = pack.index.lowerBound(even); i < pack.index.count; i++) {
          const name = pack.index.name(i)
          if (!name.startsWith(prefix.slice(0, even.length * 2))) break
          if (name.startsWith(prefix)) found.add(name)
          if (found.size >= limit) return [...found]
        }
      }
      if (prefix.length < 2) continue
      const fanout = path.join(dir.path, prefix.slice(0, 2))
      for (const rest of safeReaddir(fanout)) {
        const name = prefix.slice(0, 2) + rest
        if (name.length === 40 && name.startsWith(prefix)) found.add(name)
        if (found.size >= limit) return [...found]
      }
    }
    return [...found]
  }

  /** Objects in packs: what git's `repo_approximate_object_count` counts for abbreviations. */
  packedCount(): number {
    return this.dirs.reduce((n, d) => n + d.packs.reduce((m, p) => m + p.index.count, 0), 0)
  }

  close(): void {
    for (const dir of this.dirs) for (const pack of dir.packs) pack.close()
  }

  private readonly readByOid = (oid: string): GitObject => this.read(oid)

  private fromPacks(raw: Buffer, oid: string): GitObject | undefined {
    for (const dir of this.dirs) {
      for (const pack of dir.packs) {
        const position = pack.index.find(raw)
        if (position < 0) continue
        try {
          return pack.readAt(position, this.readByOid)
        } catch (e) {
          if (e instanceof CorruptRepositoryError) throw e
          throw new CorruptRepositoryError(
            `cannot read object ${oid} from ${pack.path}: ${(e as Error).message} (run "git fsck")`,
            pack.path,
            { cause: e },
          )
        }
      }
    }
    return undefined
  }

  private fromLoose(oid: string): GitObject | undefined {
    for (const dir of this.dirs) {
      const file = loosePath(dir.path, oid)
      let compressed: Buffer
      try {
        compressed = fs.readFileSync(file)
      } catch {
        continue
      }
      return parseLoose(compressed, file)
    }
    return undefined
  }

  /** Re-reads every pack folder; true when one changed. */
  private rescanAll(): boolean {
    let changed = false
    for (const dir of this.dirs) changed = this.rescan(dir) || changed
    return changed
  }

  private rescan(dir: ObjectDir): boolean {
    const packDir = path.join(dir.path, 'pack')
    const names = safeReaddir(packDir)
    const listing = names.join('\n')
    if (listing === dir.listing) return false
    dir.listing = listing
    const kept = new Map(dir.packs.map((p) => [p.path, p]))
    const packs: PackFile[] = []
    for (const name of names) {
      if (!name.endsWith('.idx')) continue
      const packPath = path.join(packDir, name.slice(0, -4) + '.pack')
      if (!names.includes(path.basename(packPath))) continue
      const existing = kept.get(packPath)
      kept.delete(packPath)
      packs.push(existing ?? openPack(packPath, path.join(packDir, name), this.caches))
    }
    for (const gone of kept.values()) gone.close()
    dir.packs = packs
    return true
  }
}

function openPack(packPath: string, idxPath: string, caches: PackCaches): PackFile {
  let index: PackIndex
  try {
    index = new PackIndex(fs.readFileSync(idxPath), idxPath)
  } catch (e) {
    throw new CorruptRepositoryError(
      `cannot read the pack index ${idxPath}: ${(e as Error).message} (run "git fsck")`,
      idxPath,
      { cause: e },
    )
  }
  return new PackFile(packPath, index, caches)
}

function parseLoose(compressed: Buffer, file: string): GitObject {
  let raw: Buffer
  try {
    raw = zlib.inflateSync(compressed)
  } catch (e) {
    throw new CorruptRepositoryError(
      `loose object ${file} is damaged: ${(e as Error).message} (run "git fsck")`,
      file,
      { cause: e },
    )
  }
  const nul = raw.indexOf(0)
  const [type, size] = raw.toString('latin1', 0, Math.max(nul, 0)).split(' ')
  if (nul < 0 || !OBJECT_TYPES.has(type!) || Number(size) !== raw.length - nul - 1)
    throw new CorruptRepositoryError(`loose object ${file} has a bad header (run "git fsck")`, file)
  return { type: type as ObjectType, data: raw.subarray(nul + 1) }
}

function loosePath(objectsDir: string, oid: string): string {
  return path.join(objectsDir, oid.slice(0, 2), oid.slice(2))
}

/** The object folder and those its alternates name, recursively. */
function objectDirs(objectsDir: string, depth: number): string[] {
  const dirs = [objectsDir]
  if (depth >= ALTERNATES_DEPTH_MAX) return dirs
  let text: string
  try {
    text = fs.readFileSync(path.join(objectsDir, 'info', 'alternates'), 'utf8')
  } catch {
    return dirs
  }
  for (const line of text.split('\n')) {
    const entry = line.trim()
    if (!entry || entry.startsWith('#')) continue
    dirs.push(...objectDirs(path.resolve(objectsDir, entry), depth + 1))
  }
  return dirs
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort()
  } catch {
    return []
  }
}
