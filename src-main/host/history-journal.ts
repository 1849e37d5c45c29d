import fs from 'node:fs'
import path from 'node:path'
import type { HistoryEntry } from '../shared/dto'

const SNAPSHOT = 'history.json'
const JOURNAL = 'history.jsonl'
/** Records appended before the journal is folded into a fresh snapshot. */
const COMPACT_AFTER = 256

interface Snapshot {
  version: 1
  entries: HistoryEntry[]
  /** The highest number a sync ever had, entries pruned since included. */
  lastId?: number
}

/**
 * An app's sync history on disk, safe against a kill at any moment: each change
 * of an entry is one line appended to `history.jsonl` and flushed to the disk
 * (fsync) before `record` returns; now and then the whole history is written
 * to `history.json` through a temporary file renamed over it (atomic), and the
 * journal starts again. Reading takes the snapshot, then the journal's lines,
 * the last record of an entry winning; a line cut short by a kill is dropped.
 */
export class HistoryJournal {
  private readonly byId = new Map<number, HistoryEntry>()
  private fd: number | undefined
  private appended = 0
  private lastId = 0
  /** Why part of the history could not be read (a damaged snapshot), if it could not. */
  problem: string | undefined

  private constructor(readonly dir: string) {}

  /** Reads an app's history to write to it, creating its folder on first use; throws only when the disk refuses. */
  static open(dir: string): HistoryJournal {
    fs.mkdirSync(dir, { recursive: true })
    const journal = new HistoryJournal(dir)
    journal.load(true)
    return journal
  }

  /** Reads an app's history and nothing more: a running app may be writing it. */
  static read(dir: string): HistoryJournal {
    const journal = new HistoryJournal(dir)
    journal.load(false)
    return journal
  }

  private load(writable: boolean): void {
    this.loadSnapshot(writable)
    const journalPath = path.join(this.dir, JOURNAL)
    const text = fs.existsSync(journalPath) ? fs.readFileSync(journalPath, 'utf8') : ''
    let good = 0
    for (let start = 0; start < text.length; start = good) {
      const end = text.indexOf('\n', start)
      // A last line without its newline was cut short by a kill: it is dropped.
      if (end < 0) break
      const entry = parseEntry(text.slice(start, end))
      if (entry) this.byId.set(entry.sync.id, entry)
      this.appended++
      good = end + 1
    }
    for (const id of this.byId.keys()) this.lastId = Math.max(this.lastId, id)
    if (!writable) return
    this.fd = fs.openSync(journalPath, 'a+')
    if (Buffer.byteLength(text.slice(0, good)) !== fs.fstatSync(this.fd).size) {
      fs.ftruncateSync(this.fd, Buffer.byteLength(text.slice(0, good)))
      fs.fsyncSync(this.fd)
    }
  }

  /**
   * The snapshot, if there is one. One that does not parse (damaged outside
   * Drydock: its writes are atomic) is set aside as `history.json.damaged`,
   * not overwritten, and the history goes on from what the journal holds.
   */
  private loadSnapshot(writable: boolean): void {
    const snapshotPath = path.join(this.dir, SNAPSHOT)
    if (!fs.existsSync(snapshotPath)) return
    let snapshot: Snapshot
    try {
      snapshot = JSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as Snapshot
      if (!Array.isArray(snapshot?.entries)) throw new Error('it holds no list of entries')
    } catch (e) {
      const kept = `${snapshotPath}.damaged`
      if (writable) fs.renameSync(snapshotPath, kept)
      this.problem = `the sync history in ${snapshotPath} could not be read (${(e as Error).message})${writable ? `: kept as ${kept}` : ''}; only the syncs since its last save are shown`
      return
    }
    for (const entry of snapshot.entries) this.byId.set(entry.sync.id, entry)
    this.lastId = Math.max(this.lastId, snapshot.lastId ?? 0)
  }

  /** Every entry, oldest first. */
  entries(): HistoryEntry[] {
    return [...this.byId.values()].sort((a, b) => a.sync.id - b.sync.id)
  }

  /** The number the next sync gets: one more than any kept, so numbers are never reused. */
  nextId(): number {
    return this.lastId + 1
  }

  /** Writes an entry's current state; on disk when this returns. */
  record(entry: HistoryEntry): void {
    const fd = this.writable()
    this.byId.set(entry.sync.id, entry)
    this.lastId = Math.max(this.lastId, entry.sync.id)
    fs.writeSync(fd, `${JSON.stringify(entry)}\n`)
    fs.fsyncSync(fd)
    if (++this.appended >= COMPACT_AFTER) this.compact()
  }

  /** Keeps the newest `keep` entries and forgets the rest, on disk too. */
  prune(keep: number): number {
    this.writable()
    const entries = this.entries()
    const gone = entries.slice(0, Math.max(0, entries.length - keep))
    for (const entry of gone) this.byId.delete(entry.sync.id)
    this.compact()
    return gone.length
  }

  /** Folds everything into a new snapshot, then empties the journal. */
  private compact(): void {
    const snapshot: Snapshot = { version: 1, entries: this.entries(), lastId: this.lastId }
    const target = path.join(this.dir, SNAPSHOT)
    const temporary = `${target}.${process.pid}.tmp`
    const fd = fs.openSync(temporary, 'w')
    try {
      fs.writeSync(fd, JSON.stringify(snapshot))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(temporary, target)
    syncFolder(this.dir)
    // A kill before this truncation leaves records the snapshot holds already: reading them again changes nothing.
    fs.ftruncateSync(this.fd!, 0)
    fs.fsyncSync(this.fd!)
    this.appended = 0
  }

  private writable(): number {
    if (this.fd === undefined) throw new Error(`the history in ${this.dir} was opened to read`)
    return this.fd
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd)
    this.fd = undefined
  }
}

function parseEntry(line: string): HistoryEntry | undefined {
  try {
    const entry = JSON.parse(line) as HistoryEntry
    return typeof entry?.sync?.id === 'number' ? entry : undefined
  } catch {
    return undefined
  }
}

/** Makes a rename in `dir` durable (a no-op where folders cannot be opened, as on Windows). */
function syncFolder(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
