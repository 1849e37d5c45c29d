import { execFileSync } from 'node:child_process'
import { stringify } from 'yaml'
import { defaultAppSettings, prepareRevision } from '../../src-main/gitops/engine'
import type { GitSource } from '../../src-main/gitops/ports'
import { ParseCache } from '../../src-main/gitops/render/parse-cache'
import { GitRepository } from '../../src-main/git/repository'
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
    const body = stringify(deployment(`app-${i}`, { replicas: 3 }))
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
const settings = { ...defaultAppSettings, syncTimeoutMs: 60_000 }

/** Renders the same app as a session does: cold, then after a one-file commit with the cache warm. */
export async function renderBench(): Promise<string[]> {
  const dir = manifestRepository()
  try {
    const repo = await GitRepository.open(dir)
    const source = new TimedSource(repo)
    const cache = new ParseCache()
    const sha = git(dir, 'rev-parse', 'HEAD')
    const cold = await measure(() => prepareRevision(source, sha, target, settings, { cache }))
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
    ]
    const warm: number[] = []
    for (let i = 0; i < 3; i++) {
      const next = commitFiles(
        dir,
        { 'teams/team-7/app-7.yaml': stringify(deployment('app-7', { replicas: 4 + i })) },
        `Scale app-7 (${i})`,
      )
      source.reset()
      const { ms } = await measure(() => prepareRevision(source, next, target, settings, { cache }))
      warm.push(ms)
      if (i === 2)
        lines.push(
          row(
            `render after a one-file commit, warm (${source.blobsRead} blob read)`,
            `${Math.round(warm.sort((a, b) => a - b)[1]!)} ms (median of 3)`,
          ),
        )
    }
    return lines
  } finally {
    removeDir(dir)
  }
}
