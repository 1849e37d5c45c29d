/**
 * Writes history entries as fast as it can until it is killed: the other half
 * of the test that kills a writer mid-record and reads what it left.
 * Usage: journal-writer.ts <dir>
 */
import { HistoryJournal } from '../../../src-main/host/history-journal'
import type { HistoryEntry } from '../../../src-main/shared/dto'

const journal = HistoryJournal.open(process.argv[2]!)
// The test starts its clock when the writer is under way, not while Node starts.
process.stdout.write('writing\n')
// Big enough that a kill often lands inside a write.
const message = 'x'.repeat(20_000)
for (let id = journal.nextId(); ; id++) {
  const entry = (phase: 'Running' | 'Succeeded'): HistoryEntry => ({
    app: 'web',
    author: 'A <a@example.com>',
    startedAtWallMs: id,
    sync: {
      id,
      revision: 'a'.repeat(40),
      shortSha: 'aaaaaaa',
      subject: `sync ${id}`,
      trigger: 'commit',
      phase,
      health: 'Healthy',
      message,
      startedAtVirtualMs: id,
      resources: [],
      problems: [],
      steps: [],
      diff: [],
    },
  })
  journal.record(entry('Running'))
  journal.record(entry('Succeeded'))
}
