import fs from 'node:fs'
import path from 'node:path'

export interface IndexEntry {
  path: string
  oid: string
  /** `100644`, `100755`, `120000` or `160000`. */
  mode: string
  /** 0 for a merged entry; 1 to 3 for the sides of a conflict. */
  stage: number
  mtimeSeconds: number
  mtimeNanoseconds: number
  ino: number
  size: number
  /** `git update-index --skip-worktree`, or outside a sparse checkout: the work tree copy is not compared. */
  skipWorktree: boolean
  /** `git add --intent-to-add`: listed, but nothing staged yet. */
  intentToAdd: boolean
}

export interface IndexFile {
  entries: IndexEntry[]
  /** When the index was written: entries changed in the same second cannot be trusted by stat (racy git). */
  mtimeSeconds: number
}

/**
 * Reads `.git/index` (versions 2, 3 and 4, gitformat-index(5)) for comparing
 * the work tree with a commit; extensions are skipped. A missing index reads
 * as empty, as git treats it.
 */
export function readIndex(gitdir: string): IndexFile {
  const file = path.join(gitdir, 'index')
  let buf: Buffer
  let mtimeSeconds = 0
  try {
    buf = fs.readFileSync(file)
    mtimeSeconds = Math.floor(fs.statSync(file).mtimeMs / 1000)
  } catch {
    return { entries: [], mtimeSeconds }
  }
  if (buf.toString('latin1', 0, 4) !== 'DIRC') throw new Error(`${file} is not a git index`)
  const version = buf.readUInt32BE(4)
  if (version < 2 || version > 4) throw new Error(`${file} is index version ${version}, not 2 to 4`)
  const count = buf.readUInt32BE(8)
  const entries: IndexEntry[] = []
  let at = 12
  let previous = Buffer.alloc(0)
  for (let i = 0; i < count; i++) {
    const start = at
    const flags = buf.readUInt16BE(at + 60)
    const extended = version >= 3 && (flags & 0x4000) !== 0
    const extra = extended ? buf.readUInt16BE(at + 62) : 0
    at += extended ? 64 : 62
    let name: string
    if (version === 4) {
      // The path is the previous one less N bytes (N in OFS_DELTA's varint), then a suffix.
      let byte = buf[at++]!
      let strip = byte & 0x7f
      while (byte & 0x80) {
        byte = buf[at++]!
        strip = ((strip + 1) << 7) | (byte & 0x7f)
      }
      const nul = buf.indexOf(0, at)
      const bytes = Buffer.concat([
        previous.subarray(0, previous.length - strip),
        buf.subarray(at, nul),
      ])
      name = bytes.toString('utf8')
      previous = bytes
      at = nul + 1
    } else {
      const nul = buf.indexOf(0, at)
      name = buf.toString('utf8', at, nul)
      at = start + Math.ceil((nul + 1 - start) / 8) * 8
    }
    const rawMode = buf.readUInt32BE(start + 24)
    entries.push({
      path: name,
      oid: buf.toString('hex', start + 40, start + 60),
      mode: modeString(rawMode),
      stage: (flags >> 12) & 3,
      mtimeSeconds: buf.readUInt32BE(start + 8),
      mtimeNanoseconds: buf.readUInt32BE(start + 12),
      ino: buf.readUInt32BE(start + 20),
      size: buf.readUInt32BE(start + 36),
      skipWorktree: (extra & 0x4000) !== 0,
      intentToAdd: (extra & 0x2000) !== 0,
    })
  }
  return { entries, mtimeSeconds }
}

function modeString(raw: number): string {
  const type = raw >>> 12
  if (type === 0o12) return '120000'
  if (type === 0o16) return '160000'
  return raw & 0o100 ? '100755' : '100644'
}
