import { execFileSync } from 'node:child_process'
import { stringify } from 'yaml'
import { compareApp, trackedDesired } from '../../src-main/gitops/app/compare'
import { DiffCache } from '../../src-main/gitops/diff/diff-cache'
import { defaultAppSettings, prepareRevision } from '../../src-main/gitops/engine'
import type { DesiredObject } from '../../src-main/gitops/manifest/types'
import type { GitSource } from '../../src-main/gitops/ports'
import { ParseCache } from '../../src-main/gitops/render/parse-cache'
import { GitRepository } from '../../src-main/git/repository'
import { SimulationTarget } from '../../src-main/host/sim-target'
import { Simulation } from '../../src-main/sim/simulation'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'
import { deployment } from '../helpers/manifests'
import { measure, row } from './measure'

const FILES = 10_000

/** A GitSource that times what the render asks of the repository. */
class TimedSource implements GitSource {
  listMs = 0
  readMs = 0
  blobsRead = 0
  constructor(private readonly inner: GitSource) {}
  async listFiles(sha: string, path: string) {
    const start = performance.now()
    const files = await this.inner.listFiles(sha, path)
    this.listMs += performance.now() - start
    return files
  }
  async readBlob(oid: string) {
    const start = performance.now()
    const blob = await this.inner.readBlob(oid)
    this.readMs += performance.now() - start
    this.blobsRead++
    return blob
  }
  readCommit(sha: string) {
    return this.inner.readCommit(sha)
  }
  reset(): void {
    this.listMs = this.readMs = this.blobsRead = 0
  }
}

/** One commit of 10,000 Deployments in 50 folders, written by `git fast-import` (a pack, as after a clone). */
function manifestRepository(): string {
  const dir = initRepo()
  const input: string[] = [
    'commit refs/heads/main',
    'committer Bench <bench@example.com> 1700000000 +0000',
    'data 16',
    'Add 10,000 apps',
    '',
  ]
  for (let i = 0; i < FILES; i++) {
    // No replicas: the diff rows apply them all to a cluster, and pods would only slow that.
    const body = stringify(deployment(`app-${i}`, { replicas: 0 }))
    input.push(
      `M 100644 inline teams/team-${i % 50}/app-${i}.yaml`,
      `data ${Buffer.byteLength(body)}`,
      body,
    )
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: `${input.join('\n')}\n` })
  git(dir, 'checkout', '-q', 'main')
  return dir
}

const target = { isNamespaced: () => true }

/** A cluster with the objects applied as the app applies them, without their controllers' pods. */
function appliedCluster(objects: DesiredObject[]): SimulationTarget {
  const sim = new Simulation({
    seed: 1,
    clientLimits: { 'kube-controller-manager': 'unlimited', 'kube-scheduler': 'unlimited' },
  })
  const cluster = new SimulationTarget(sim)
  for (const d of trackedDesired(settings.name, objects)) cluster.apply(d.object)
  return cluster
}
const settings = { ...defaultAppSettings, name: 'bench', syncTimeoutMs: 60_000 }

/**
 * Renders, validates and diffs the same app as a session does: cold, then
 * after a one-file commit with the caches warm. The diff compares with a
 * cluster that has every object applied, as after the app's last sync.
 */
export async function renderBench(): Promise<string[]> {
  const dir = manifestRepository()
  try {
    const repo = await GitRepository.open(dir)
    const source = new TimedSource(repo)
    const cache = new ParseCache()
    const sha = git(dir, 'rev-parse', 'HEAD')
    const cold = await measure(() => prepareRevision(source, sha, target, settings, { cache }))
    const cluster = appliedCluster(cold.value.request.objects)
    const diffs = new DiffCache()
    const compare = (objects: DesiredObject[]) =>
      measure(() => compareApp(settings.name, objects, cluster, [], diffs))
    const coldDiff = await compare(cold.value.request.objects)
    const rest = cold.ms - source.listMs - source.readMs
    const lines = [
      row(
        `render ${FILES.toLocaleString('en')} manifests, cold`,
        `${Math.round(cold.ms)} ms, ${cold.value.request.objects.length} objects`,
      ),
      row(
        '  of which: list files / read blobs / parse and the rest',
        `${Math.round(source.listMs)} / ${Math.round(source.readMs)} / ${Math.round(rest)} ms`,
      ),
      row(
        `  then diff all against the cluster (${coldDiff.value.syncStatus})`,
        `${Math.round(coldDiff.ms)} ms: render, validate and diff ${Math.round(cold.ms + coldDiff.ms)} ms`,
      ),
    ]
    const warm: number[] = []
    for (let i = 0; i < 3; i++) {
      const next = commitFiles(
        dir,
        { 'teams/team-7/app-7.yaml': stringify(deployment('app-7', { replicas: 1 + i })) },
        `Scale app-7 (${i})`,
      )
      source.reset()
      const { ms, value } = await measure(() =>
        prepareRevision(source, next, target, settings, { cache }),
      )
      const diff = await compare(value.request.objects)
      const changed = diff.value.resources.filter((r) => r.status !== 'Synced').length
      warm.push(ms + diff.ms)
      if (i === 2)
        lines.push(
          row(
            `render, validate and diff after a one-file commit, warm (${source.blobsRead} blob read, ${changed} OutOfSync)`,
            `${Math.round(warm.sort((a, b) => a - b)[1]!)} ms (median of 3)`,
          ),
        )
    }
    return lines
  } finally {
    removeDir(dir)
  }
}
