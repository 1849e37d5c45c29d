import type { HistoryEntry } from '../shared/dto'
import { formatTable } from '../sim/views/table'

/** `2026-12-06 09:30:12`, in UTC: a date that reads the same on every machine. */
const wallDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')

const seconds = (entry: HistoryEntry): string => {
  const { startedAtVirtualMs, finishedAtVirtualMs } = entry.sync
  if (finishedAtVirtualMs === undefined) return '-'
  return `${Math.round(finishedAtVirtualMs - startedAtVirtualMs) / 1000}s`
}

/** An app's history, oldest first, as `argocd app history` lists it, with how each sync went. */
export function historyText(entries: HistoryEntry[]): string {
  return formatTable(
    ['ID', 'DATE', 'REVISION', 'TRIGGER', 'PHASE', 'HEALTH', 'DURATION', 'SUBJECT'],
    entries.map((e) => [
      String(e.sync.id),
      wallDate(e.startedAtWallMs),
      e.sync.shortSha,
      e.sync.trigger,
      e.sync.phase,
      e.sync.phase === 'Error' ? '-' : e.sync.health,
      seconds(e),
      e.sync.subject,
    ]),
  )
}
