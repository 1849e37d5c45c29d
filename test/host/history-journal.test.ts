import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HistoryJournal } from '../../src-main/host/history-journal'
import type { HistoryEntry } from '../../src-main/shared/dto'
import { removeDir, tempDir } from '../helpers/git'
import { projectRoot } from '../helpers/paths'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))
const fresh = (): string => {
  const dir = tempDir()
  dirs.push(dir)
  return path.join(dir, 'apps', 'web')
}

function entry(id: number, phase: HistoryEntry['sync']['phase'] = 'Running'): HistoryEntry {
  return {
    app: 'web',
    author: 'A <a@example.com>',
    startedAtWallMs: 1_000 * id,
    sync: {
      id,
      revision: String(id % 10).repeat(40),
      shortSha: String(id % 10).repeat(7),
      subject: `commit ${id}`,
      trigger: 'commit',
      phase,
      health: 'Progressing',
      message: '',
      startedAtVirtualMs: 0,
      resources: [],
      problems: [],
      steps: [],
      diff: [],
    },
  }
}

/** Starts the writer, kills it with SIGKILL `afterMs` after it starts writing, and waits for it to be gone. */
function killWriterAfter(dir: string, afterMs: number): Promise<void> {
  const writer = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'test/host/programs/journal-writer.ts'), dir],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  writer.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined
    writer.stdout.once('data', () => (timer = setTimeout(() => writer.kill('SIGKILL'), afterMs)))
    writer.on('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL') resolve()
      else reject(new Error(`the writer stopped by itself: ${stderr}`))
    })
  })
}

describe("an app's history journal", () => {
  it('reads back what it recorded, the last record of each sync winning, and numbers on', () => {
    const dir = fresh()
    const journal = HistoryJournal.open(dir)
    expect(journal.entries()).toEqual([])
    expect(journal.nextId()).toBe(1)
    journal.record(entry(1))
    journal.record(entry(2))
    journal.record(entry(1, 'Succeeded'))
    journal.close()
    const again = HistoryJournal.open(dir)
    expect(again.entries().map((e) => `${e.sync.id}:${e.sync.phase}`)).toEqual([
      '1:Succeeded',
      '2:Running',
    ])
    expect(again.nextId()).toBe(3)
    again.close()
  })

  it('drops a last line cut short, and appends cleanly after it', () => {
    const dir = fresh()
    const journal = HistoryJournal.open(dir)
    journal.record(entry(1))
    journal.close()
    fs.appendFileSync(path.join(dir, 'history.jsonl'), JSON.stringify(entry(2)).slice(0, 40))
    const reopened = HistoryJournal.open(dir)
    expect(reopened.entries().map((e) => e.sync.id)).toEqual([1])
    reopened.record(entry(2))
    reopened.close()
    expect(
      HistoryJournal.open(dir)
        .entries()
        .map((e) => e.sync.id),
    ).toEqual([1, 2])
  })

  it('folds itself into a snapshot as it grows, and prunes to the newest entries', () => {
    const dir = fresh()
    const journal = HistoryJournal.open(dir)
    for (let id = 1; id <= 300; id++) journal.record(entry(id))
    expect(fs.existsSync(path.join(dir, 'history.json'))).toBe(true)
    expect(
      fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').split('\n').length,
    ).toBeLessThan(100)
    expect(journal.prune(10)).toBe(290)
    journal.close()
    const again = HistoryJournal.open(dir)
    expect(again.entries().map((e) => e.sync.id)).toEqual([
      291, 292, 293, 294, 295, 296, 297, 298, 299, 300,
    ])
    expect(again.nextId()).toBe(301)
  })

  it('never numbers a sync again, even after pruning everything', () => {
    const dir = fresh()
    const journal = HistoryJournal.open(dir)
    for (let id = 1; id <= 3; id++) journal.record(entry(id))
    expect(journal.prune(0)).toBe(3)
    expect(journal.nextId()).toBe(4)
    journal.close()
    expect(HistoryJournal.open(dir).nextId()).toBe(4)
  })

  it('reads without touching the disk, and refuses to write, when opened to read', () => {
    const missing = fresh()
    expect(HistoryJournal.read(missing).entries()).toEqual([])
    expect(fs.existsSync(missing)).toBe(false)
    const dir = fresh()
    const writer = HistoryJournal.open(dir)
    writer.record(entry(1))
    // A line cut short is the writer's to mend, not a reader's.
    fs.appendFileSync(path.join(dir, 'history.jsonl'), '{"cut')
    const reader = HistoryJournal.read(dir)
    expect(reader.entries().map((e) => e.sync.id)).toEqual([1])
    expect(() => reader.record(entry(2))).toThrow(/was opened to read/)
    expect(() => reader.prune(0)).toThrow(/was opened to read/)
    expect(fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8')).toMatch(/\{"cut$/)
    writer.close()
  })

  it('sets a damaged snapshot aside, says so, and goes on from the journal', () => {
    const dir = fresh()
    const journal = HistoryJournal.open(dir)
    for (let id = 1; id <= 300; id++) journal.record(entry(id))
    journal.close()
    const snapshot = path.join(dir, 'history.json')
    const damaged = fs.readFileSync(snapshot, 'utf8').slice(0, 100)
    fs.writeFileSync(snapshot, damaged)
    const reopened = HistoryJournal.open(dir)
    expect(reopened.problem).toMatch(
      /^the sync history in .*history\.json could not be read \(.+\): kept as .*history\.json\.damaged; only the syncs since its last save are shown$/,
    )
    expect(fs.readFileSync(`${snapshot}.damaged`, 'utf8')).toBe(damaged)
    // What the journal held since the snapshot is still there, and numbering goes on after it.
    expect(reopened.entries().map((e) => e.sync.id)).toEqual(
      Array.from({ length: 300 - 256 }, (_, i) => 257 + i),
    )
    expect(reopened.nextId()).toBe(301)
    reopened.close()
  })

  it('survives its writer being killed at any moment, losing at most the record being written', async () => {
    const dir = fresh()
    let before = 0
    let kills = 0
    for (const afterMs of [150, 400, 230, 610, 90, 330]) {
      await killWriterAfter(dir, afterMs)
      const journal = HistoryJournal.open(dir)
      const entries = journal.entries()
      journal.close()
      // Every entry is whole; numbers run on without a gap; each run added to what the last left.
      expect(entries.length).toBeGreaterThanOrEqual(before)
      entries.forEach((e, i) => {
        expect(e.sync.id).toBe(i + 1)
        expect(e.sync.message).toHaveLength(20_000)
      })
      // A sync left Running is one a kill interrupted: at most one per kill.
      expect(entries.filter((e) => e.sync.phase === 'Running').length).toBeLessThanOrEqual(++kills)
      before = entries.length
    }
    expect(before).toBeGreaterThan(0)
  }, 60_000)
})
