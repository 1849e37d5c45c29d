/** The `drydock replay --json` contract, built from the parts of `drydock sync`'s. */

import type { SyncReport } from './dto'

/** One commit of a replay and how its sync went. */
export interface ReplayCommitReport extends Pick<
  SyncReport,
  'revision' | 'subject' | 'phase' | 'health' | 'message' | 'resources' | 'problems'
> {
  /** Virtual seconds from the start of the replay to when the commit was applied. */
  startedAtSeconds: number
  /** Virtual seconds from the start of the replay to when its sync settled (or timed out). */
  finishedAtSeconds: number
}

export interface ReplayReport extends Pick<
  SyncReport,
  'pods' | 'infrastructure' | 'faults' | 'ranForSeconds' | 'traffic'
> {
  /**
   * The `--from` commit, applied and settled before the replay started (so its
   * times are negative or zero); absent without `--from`.
   */
  base?: ReplayCommitReport
  /** Oldest first. */
  commits: ReplayCommitReport[]
}
