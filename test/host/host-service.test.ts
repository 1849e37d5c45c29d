import { afterAll, describe, expect, it } from 'vitest'
import { HostService } from '../../src-main/host/host-service'
import type { Snapshot } from '../../src-main/shared/dto'
import { courseRepo } from '../helpers/course'
import { fixtureText } from '../helpers/fixtures'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'
import { syncsOf, untilSnapshot } from '../helpers/host'

const cleanup: (() => void)[] = []
afterAll(() => cleanup.forEach((f) => f()))

/** Waits until a pushed snapshot satisfies `test`; a timeout shows the last one's syncs. */
const until = (host: HostService, test: (s: Snapshot) => boolean, timeoutMs = 10_000) =>
  untilSnapshot(
    host,
    test,
    (s) => ({ error: s.error, syncs: syncsOf(s).map((x) => [x.shortSha, x.phase, x.message]) }),
    timeoutMs,
  )

const pods = (s: Snapshot) => s.nodes.flatMap((n) => n.pods)
const running = (s: Snapshot) => pods(s).filter((p) => p.status === 'Running' && p.ready === '1/1')

describe('a live session', async () => {
  const course = await courseRepo('first-deployment', 1)
  const host = new HostService({ speed: 60, pushIntervalMs: 20 })
  cleanup.push(
    () => host.close(),
    () => removeDir(course.dir),
  )

  it('syncs the branch tip on open and shows the commits and the running pods', async () => {
    const opened = await host.openRepository({ path: course.dir })
    expect(opened.error).toBeNull()
    expect(opened.repository).toMatchObject({
      path: course.dir,
      branch: 'main',
      headSha: course.shas[0],
    })
    expect(opened.commits.map((c) => c.sha)).toEqual([course.shas[0]])
    const s = await until(
      host,
      (x) => running(x).length === 2 && syncsOf(x)[0]?.phase === 'Succeeded',
    )
    expect(syncsOf(s)[0]).toMatchObject({ id: 1, trigger: 'initial', health: 'Healthy' })
    expect(s.nodes.map((n) => n.name)).toEqual([
      'drydock-control-plane',
      'drydock-worker',
      'drydock-worker2',
      'drydock-worker3',
    ])
  })

  it('follows a commit made with the git CLI', async () => {
    const sha = course.commitStep(1)
    const s = await until(
      host,
      (x) =>
        x.repository?.headSha === sha &&
        running(x).length === 5 &&
        syncsOf(x)[0]?.phase === 'Succeeded',
    )
    expect(syncsOf(s).map((x) => [x.id, x.trigger, x.shortSha])).toEqual([
      [2, 'commit', sha.slice(0, 7)],
      [1, 'initial', course.shas[0]!.slice(0, 7)],
    ])
    expect(s.commits[0]!.subject).toBe('Scale web to 5 replicas')
  })

  it('leaves the cluster as it was when a commit is broken, and recovers with the next', async () => {
    const before = (await host.getSnapshot()).nodes.flatMap((n) => n.pods.map((p) => p.name)).sort()
    const broken = commitFiles(
      course.dir,
      {
        'deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec: {}\n',
      },
      'Break the manifest',
    )
    const s = await until(
      host,
      (x) => syncsOf(x)[0]?.revision === broken && syncsOf(x)[0]!.phase === 'Error',
    )
    expect(syncsOf(s)[0]!.problems[0]).toMatchObject({ file: 'deployment.yaml', line: 5 })
    expect(
      pods(s)
        .map((p) => p.name)
        .sort(),
    ).toEqual(before)
    expect(s.error).toBeNull()
    const fixed = course.commitStep(2)
    await until(
      host,
      (x) => syncsOf(x)[0]?.revision === fixed && syncsOf(x)[0]!.phase === 'Succeeded',
      20_000,
    )
  })

  it('shows a deleted branch as an error, keeps the cluster, and recovers when it is back', async () => {
    git(course.dir, 'checkout', '-q', '-b', 'elsewhere')
    git(course.dir, 'branch', '-D', 'main')
    const gone = await until(host, (x) => x.error !== null)
    expect(gone.error).toBe(`branch "main" does not exist in ${course.dir} (branches: elsewhere)`)
    expect(running(gone).length).toBeGreaterThan(0)
    git(course.dir, 'branch', 'main', 'elsewhere')
    await until(host, (x) => x.error === null)
  })

  it('shows an error for a repository it cannot open, and keeps the open one', async () => {
    const s = await host.openRepository({ path: '/nonexistent/repo' })
    expect(s.error).toBe('/nonexistent/repo does not exist: give the path of a Git repository')
    expect(s.repository?.path).toBe(course.dir)
  })
})

describe('a session on a repository that declares its machines', () => {
  it('boots the cluster on those machines, as drydock sync does', async () => {
    const dir = initRepo()
    commitFiles(dir, { 'machines.yaml': fixtureText('infra', 'rack.yaml') }, 'Declare the rack')
    const host = new HostService({ speed: 60, pushIntervalMs: 20 })
    cleanup.push(
      () => host.close(),
      () => removeDir(dir),
    )
    await host.openRepository({ path: dir })
    const s = await until(host, (x) => syncsOf(x)[0]?.phase === 'Succeeded')
    expect(s.nodes.map((n) => n.name)).toEqual(['big-worker'])
  })
})
