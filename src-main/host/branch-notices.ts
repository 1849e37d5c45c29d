import type { SourceState } from '../git/source-state'

type Short = (sha: string) => string

/** What HEAD is on, when it is not the tracked branch: commits made there are not synced. */
export function headNotices(state: SourceState, short: Short): string[] {
  const head = state.head
  if (head.kind === 'detached')
    return [
      `HEAD is detached at ${short(head.sha)}: Drydock follows the branch "${state.branch}", so commits made here are not synced (git switch ${state.branch} to go back)`,
    ]
  if (!state.onTrackedBranch)
    return [
      `HEAD is on the branch "${head.branch}": Drydock follows "${state.branch}", so commits made there are not synced until they reach ${state.branch}`,
    ]
  return []
}

/** How the tracked branch moved since the commit synced last, when it did not simply go ahead. */
export function movedNotices(state: SourceState, synced: string, short: Short): string[] {
  const from = short(synced)
  const to = short(state.tip)
  switch (state.synced) {
    case 'behind':
      return [`${state.branch} went back from ${from} to ${to} (git reset): syncing ${to}`]
    case 'diverged':
    case 'missing':
      return [
        `${state.branch} was rewritten (an amend, a rebase or a force-push): ${from}, synced last, is no longer on it; syncing ${to}`,
      ]
    default:
      return []
  }
}
