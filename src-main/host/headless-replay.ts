import { defaultAppSettings } from '../gitops/engine'
import { SourceError } from '../git/errors'
import { firstParentRange } from '../git/first-parent'
import { GitRepository } from '../git/repository'
import type { CommitInfo } from '../gitops/ports'
import { ParseCache } from '../gitops/render/parse-cache'
import type { SyncView } from '../shared/dto'
import type { ReplayCommitReport, ReplayReport } from '../shared/replay-dto'
import type { Simulation } from '../sim/simulation'
import { scheduleFaults } from './fault-plan'
import {
  bootCluster,
  prepareHeadless,
  resolveRevision,
  runOn,
  syncUntilSettled,
} from './headless-run'
import type { HeadlessSyncOptions } from './headless-sync'
import { strictFromEnvironment } from './strict-mode'
import { checkTrafficTargets, startTraffic } from './traffic-plan'

export interface HeadlessReplayOptions extends Omit<HeadlessSyncOptions, 'revision'> {
  /**
   * The commit the cluster starts from, applied and settled before the replay;
   * without it the replay starts on an empty cluster with the root commit.
   */
  from?: string
  /** The last commit to replay; the current branch's tip when absent. */
  to?: string
}

/** Resolves a `--from` or `--to` ref, naming the flag when it is unknown. */
async function resolveFlag(
  repo: GitRepository,
  flag: 'from' | 'to',
  ref: string | undefined,
): Promise<string> {
  try {
    return await resolveRevision(repo, ref)
  } catch (e) {
    if (e instanceof SourceError && ref !== undefined)
      throw new SourceError(`--${flag} ${ref}: ${e.message}`, { cause: e })
    throw e
  }
}

/** The commits to replay, oldest first, or a `SourceError` saying why there are none. */
async function commitsToReplay(
  repo: GitRepository,
  options: HeadlessReplayOptions,
): Promise<{ fromSha?: string; commits: CommitInfo[] }> {
  const toSha = await resolveFlag(repo, 'to', options.to)
  const fromSha =
    options.from === undefined ? undefined : await resolveFlag(repo, 'from', options.from)
  const commits = await firstParentRange(repo, toSha, fromSha)
  const to = `--to ${options.to ?? 'HEAD'} (${toSha.slice(0, 7)})`
  const from = `--from ${options.from} (${fromSha?.slice(0, 7)})`
  if (!commits)
    throw new SourceError(
      `${from} is not an ancestor of ${to} along first parents: see "git log --first-parent --oneline ${options.to ?? 'HEAD'}"`,
    )
  if (commits.length === 0)
    throw new SourceError(`${from} is ${to}: there is no commit after it to replay`)
  return { fromSha, commits }
}

function commitReport(view: SyncView, startMs: number): ReplayCommitReport {
  const seconds = (ms: number): number => Math.round(ms - startMs) / 1000
  return {
    revision: view.revision,
    subject: view.subject,
    phase: view.phase,
    health: view.health,
    message: view.message,
    startedAtSeconds: seconds(view.startedAtVirtualMs),
    finishedAtSeconds: seconds(view.finishedAtVirtualMs ?? view.startedAtVirtualMs),
    resources: view.resources,
    problems: view.problems,
  }
}

/**
 * Applies each commit of a range in order to one simulated cluster, as the app
 * does when commits arrive, each until its rollout settles or its sync times
 * out, then runs on to `runForMs` from the start of the replay: the `drydock
 * replay` command. A commit that cannot be rendered ends in Error and touches
 * nothing, so the next one meets the cluster's last good state. With `from`, the
 * cluster first boots on that commit and settles it; the replay, and the clock
 * its faults and `runForMs` count on, start after.
 */
export async function headlessReplay(
  options: HeadlessReplayOptions,
): Promise<{ report: ReplayReport; sim: Simulation }> {
  const settings = { ...defaultAppSettings, ...options.settings }
  const repo = await GitRepository.open(options.repoPath)
  const { fromSha, commits } = await commitsToReplay(repo, options)
  // Each commit re-parses only the files it changed.
  const cache = new ParseCache({ freeze: strictFromEnvironment() })
  const first = await prepareHeadless(repo, fromSha ?? commits[0]!.sha, settings, { cache })
  const tip = commits[commits.length - 1]!.sha
  const last =
    tip === first.commit.sha ? first : await prepareHeadless(repo, tip, settings, { cache })
  // A client may aim at a Service the first commit has not got yet, or the last no longer has.
  checkTrafficTargets(options.traffic ?? [], [first, last], settings.namespace)
  const { sim, target } = bootCluster(first, options.seed)
  const base = fromSha ? syncUntilSettled(sim, target, first, 1, 'initial') : undefined
  const startMs = sim.nowMs()
  const faults = scheduleFaults(sim, options.faults ?? [], startMs, options.chaos)
  startTraffic(sim, options.traffic ?? [], settings.namespace, startMs)
  const views: SyncView[] = []
  for (const commit of commits) {
    const prepared =
      views.length === 0 && !base
        ? first
        : await prepareHeadless(repo, commit.sha, settings, { cache })
    const id = views.length + (base ? 2 : 1)
    views.push(syncUntilSettled(sim, target, prepared, id, id === 1 ? 'initial' : 'commit'))
  }
  const end = runOn(sim, startMs, options.runForMs, faults)
  return {
    sim,
    report: {
      ...(base && { base: commitReport(base, startMs) }),
      commits: views.map((v) => commitReport(v, startMs)),
      pods: end.pods,
      infrastructure: end.infrastructure,
      faults: end.faults,
      ranForSeconds: end.ranForSeconds,
      traffic: end.traffic,
    },
  }
}
