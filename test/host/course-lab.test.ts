import { afterAll, describe, expect, it } from 'vitest'
import { HostService } from '../../src-main/host/host-service'
import type { AppView, Snapshot } from '../../src-main/shared/dto'
import { courseRepo } from '../helpers/course'
import { git, removeDir, tempDir } from '../helpers/git'
import { untilSnapshot } from '../helpers/host'

/**
 * The first-deployment lab as a learner does it: each step a commit made with
 * the git CLI, the app syncing it as it lands, then a rollback from the app's
 * history, which Git records as a commit of its own.
 */
const cleanup: (() => void)[] = []
afterAll(() => cleanup.forEach((f) => f()))

const app = (s: Snapshot): AppView => s.apps[0]!
const latest = (s: Snapshot) => app(s)?.history[0]?.sync
const serving = (s: Snapshot) =>
  s.nodes.flatMap((n) => n.pods).filter((p) => p.status === 'Running' && p.ready === '1/1')

describe('the first-deployment lab, commit by commit', async () => {
  const course = await courseRepo('first-deployment', 1)
  const dataDir = tempDir()
  // 3600× real time: the bad tag's 600 s progress deadline passes in a fraction of a second.
  const host = new HostService({ speed: 3600, pushIntervalMs: 20, dataDir })
  cleanup.push(
    () => host.close(),
    () => removeDir(course.dir),
    () => removeDir(dataDir),
  )
  const until = (test: (s: Snapshot) => boolean, timeoutMs = 20_000) =>
    untilSnapshot(
      host,
      test,
      (s) => ({
        error: s.error,
        history: app(s)?.history.map((e) => [e.sync.shortSha, e.sync.trigger, e.sync.phase]),
        serving: serving(s).length,
      }),
      timeoutMs,
    )
  const settledAt = (sha: string, phase: string) => (s: Snapshot) =>
    latest(s)?.revision === sha && latest(s)?.phase === phase

  it('deploys, scales and rolls out, each commit a Succeeded sync', async () => {
    await host.openRepository({ path: course.dir })
    let s = await until(settledAt(course.shas[0]!, 'Succeeded'))
    expect(serving(s)).toHaveLength(2)
    const scaled = course.commitStep(1)
    await until((x) => settledAt(scaled, 'Succeeded')(x) && serving(x).length === 5)
    const rolled = course.commitStep(2)
    s = await until(settledAt(rolled, 'Succeeded'))
    expect(latest(s)!.diff.map((d) => [d.kind, d.changedPaths])).toEqual([
      ['Deployment', ['spec.template.spec.containers[0].image']],
    ])
    expect(app(s).syncStatus).toBe('Synced')
  })

  it('fails on a bad tag while the old pods keep serving, and succeeds with the fix', async () => {
    const bad = course.commitStep(3)
    const s = await until(settledAt(bad, 'Failed'))
    expect(latest(s)!.message).toBe(
      'Deployment/web is Degraded: Deployment "web" exceeded its progress deadline',
    )
    // maxUnavailable 25% of 5 rounds down to 1: at least 4 of the old pods serve throughout.
    expect(serving(s).length).toBeGreaterThanOrEqual(4)
    expect(s.nodes.flatMap((n) => n.pods).map((p) => p.status)).toContain('ImagePullBackOff')
    const fixed = course.commitStep(4)
    await until((x) => settledAt(fixed, 'Succeeded')(x) && serving(x).length === 5)
  })

  it('rolls back to the first revision with a commit, and the cluster returns to it', async () => {
    const before = git(course.dir, 'rev-parse', 'HEAD')
    const s0 = await host.rollback({ app: app(await host.getSnapshot()).name, historyId: 1 })
    expect(s0.error).toBeNull()
    const rollback = git(course.dir, 'rev-parse', 'HEAD')
    expect(rollback).not.toBe(before)
    expect(git(course.dir, 'log', '-1', '--format=%s')).toBe(
      `Roll back everything to ${course.shas[0]!.slice(0, 7)}: Deploy web: 2 replicas of nginx 1.27 behind a Service`,
    )
    expect(git(course.dir, 'log', '-1', '--format=%(trailers:key=Reverts,valueonly)')).toBe(
      `${course.shas[0]}..${before}`,
    )
    // The work tree and the index are what the commit says: nothing to commit.
    expect(git(course.dir, 'status', '--porcelain')).toBe('')
    expect(git(course.dir, 'diff', '--stat', course.shas[0]!, 'HEAD')).toBe('')
    const s = await until((x) => settledAt(rollback, 'Succeeded')(x) && serving(x).length === 2)
    expect(latest(s)!.trigger).toBe('rollback')
    expect(app(s).history.map((e) => [e.sync.id, e.sync.trigger, e.sync.phase])).toEqual([
      [6, 'rollback', 'Succeeded'],
      [5, 'commit', 'Succeeded'],
      [4, 'commit', 'Failed'],
      [3, 'commit', 'Succeeded'],
      [2, 'commit', 'Succeeded'],
      [1, 'initial', 'Succeeded'],
    ])
  })

  it('refuses a rollback over uncommitted changes, naming them, and writes nothing', async () => {
    const tip = git(course.dir, 'rev-parse', 'HEAD')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(`${course.dir}/deployment.yaml`, 'edited by hand\n')
    await expect(
      host.rollback({ app: app(await host.getSnapshot()).name, revision: course.shas[4]! }),
    ).rejects.toThrow(/deployment\.yaml/)
    expect(git(course.dir, 'rev-parse', 'HEAD')).toBe(tip)
    git(course.dir, 'checkout', '--', 'deployment.yaml')
  })

  it('keeps the history for the next start of the app', async () => {
    const again = new HostService({ speed: 3600, pushIntervalMs: 20, dataDir })
    cleanup.push(() => again.close())
    const s = await again.openRepository({ path: course.dir })
    expect(
      app(s)
        .history.slice(-6)
        .map((e) => e.sync.id),
    ).toEqual([6, 5, 4, 3, 2, 1])
  })
})
