import { compareApp } from '../gitops/app/compare'
import { groupOf } from '../gitops/app/tracking'
import { GitRepository } from '../git/repository'
import type { ManifestProblemView, ResourceDiffView } from '../shared/dto'
import { bootCluster, prepareHeadless, syncUntilSettled } from './headless-run'
import { currentBranch, findApp, withJournal } from './repository-apps'

export interface HeadlessDiffOptions {
  repoPath: string
  /** What a sync would apply: a branch, tag or sha; the branch tip when absent. */
  revision?: string
  /** The revision the cluster is at; the app's last successful sync when absent. */
  from?: string
  app?: string
  /** Where the app's history is, to find its last successful sync. */
  dataDir?: string
  seed?: number
}

/** The `drydock diff --json` contract. */
export interface DiffReport {
  app: string
  revision: string
  subject: string
  /** The revision the cluster was at, and where that came from; null for an empty cluster. */
  from: { revision: string; subject: string; source: 'history' | 'flag' } | null
  syncStatus: 'Synced' | 'OutOfSync' | 'Unknown'
  /** Each resource a sync would change: created (Missing), changed (OutOfSync), pruned (Extra). */
  resources: ResourceDiffView[]
  problems: ManifestProblemView[]
}

/**
 * What a sync of `revision` would apply, as `argocd app diff` shows it: the
 * cluster is rebuilt as the app's last successful sync left it (or as `from`
 * leaves it, or empty), and each resource of the revision is compared with it.
 */
export async function headlessDiff(options: HeadlessDiffOptions): Promise<DiffReport> {
  const repo = await GitRepository.open(options.repoPath)
  const branch = await currentBranch(repo)
  const app = await findApp(repo, branch, options.app)
  const settings = app.settings
  const to = await repo.resolve(options.revision ?? branch)
  const from = await fromRevision(repo, options, settings.name)
  const target = await prepareHeadless(repo, to, settings)
  const base = from && (await prepareHeadless(repo, from.revision, settings))
  const report: DiffReport = {
    app: settings.name,
    revision: to,
    subject: target.commit.subject,
    from: from ? { ...from, subject: base!.commit.subject } : null,
    syncStatus: 'Unknown',
    resources: [],
    problems: target.request.problems,
  }
  if (report.problems.length > 0) return report
  const cluster = bootCluster(base ?? target, options.seed)
  if (base) syncUntilSettled(cluster.sim, cluster.target, base, 1, 'initial')
  const comparison = compareApp(
    settings.name,
    target.request.objects,
    cluster.target,
    settings.ignoreDifferences,
  )
  report.syncStatus = comparison.syncStatus
  report.resources = comparison.resources
    .filter((r) => r.status !== 'Synced')
    .map(({ health: _health, healthMessage: _message, ...diff }) => diff)
  return report
}

async function fromRevision(
  repo: GitRepository,
  options: HeadlessDiffOptions,
  app: string,
): Promise<{ revision: string; source: 'history' | 'flag' } | undefined> {
  if (options.from) return { revision: await repo.resolve(options.from), source: 'flag' }
  if (!options.dataDir) return undefined
  const entries = withJournal(options.dataDir, repo.dir, app, (j) => j.entries())
  const synced = entries.reverse().find((e) => e.sync.phase === 'Succeeded')
  return synced && { revision: synced.sync.revision, source: 'history' }
}

/** `===== apps/Deployment default/web ======`, then the diff: what `argocd app diff` prints. */
export function diffText(report: DiffReport): string {
  if (report.problems.length > 0)
    return report.problems
      .map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
      .join('\n')
  return report.resources
    .map((r) => {
      const where = r.namespace ? `${r.namespace}/${r.name}` : r.name
      return `===== ${groupOf(r.apiVersion)}/${r.kind} ${where} ======\n${r.diff}`
    })
    .join('\n')
}
