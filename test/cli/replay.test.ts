import { afterAll, describe, expect, it } from 'vitest'
import { drydock } from '../helpers/cli'
import type { ReplayReport } from '../../src-main/shared/replay-dto'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'
import { webDeploymentYaml } from '../helpers/manifests'

function replayJson(...args: string[]): ReplayReport {
  const run = drydock('replay', ...args, '--json')
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as ReplayReport
}

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

function newRepo(): string {
  const dir = initRepo()
  dirs.push(dir)
  return dir
}

const SUBJECTS = [
  'Deploy web: 2 replicas of nginx 1.27',
  'Scale web to 4 replicas',
  'Upgrade web to nginx:1.27-typo',
]

/** Deploy 2 replicas; scale to 4; a tag the registry does not have. */
function threeCommitRepo(): { dir: string; shas: string[] } {
  const dir = newRepo()
  const shas = [
    commitFiles(dir, { 'web.yaml': webDeploymentYaml('nginx:1.27', 2) }, SUBJECTS[0]!),
    commitFiles(dir, { 'web.yaml': webDeploymentYaml('nginx:1.27', 4) }, SUBJECTS[1]!),
    commitFiles(dir, { 'web.yaml': webDeploymentYaml('nginx:1.27-typo', 4) }, SUBJECTS[2]!),
  ]
  return { dir, shas }
}

const names = (r: ReplayReport): string[] => r.pods.map((p) => p.name)
const serving = (r: ReplayReport) =>
  r.pods.filter((p) => p.status === 'Running' && p.ready === '1/1')
const pulling = (r: ReplayReport) =>
  r.pods.filter((p) => ['ErrImagePull', 'ImagePullBackOff'].includes(p.status))

describe('drydock replay', () => {
  const { dir, shas } = threeCommitRepo()
  const seed = ['--seed', '7']

  it('applies the three commits in order to one cluster, and exits 1 for the failed last', () => {
    const run = drydock('replay', dir, ...seed, '--json')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    const r = JSON.parse(run.stdout) as ReplayReport
    expect(r.base).toBeUndefined()
    expect(r.commits.map((c) => [c.revision, c.subject, c.phase, c.health])).toEqual([
      [shas[0], SUBJECTS[0], 'Succeeded', 'Healthy'],
      [shas[1], SUBJECTS[1], 'Succeeded', 'Healthy'],
      [shas[2], SUBJECTS[2], 'Failed', 'Degraded'],
    ])
    expect(r.commits.map((c) => c.resources.map((x) => `${x.kind}/${x.name} ${x.action}`))).toEqual(
      [['Deployment/web created'], ['Deployment/web configured'], ['Deployment/web configured']],
    )
    expect(r.commits[2]!.message).toBe(
      'Deployment/web is Degraded: Deployment "web" exceeded its progress deadline',
    )
    // Each commit starts where the one before settled, on one clock.
    expect(r.commits[0]!.startedAtSeconds).toBe(0)
    for (let i = 1; i < 3; i++)
      expect(r.commits[i]!.startedAtSeconds).toBe(r.commits[i - 1]!.finishedAtSeconds)
    expect(r.commits[2]!.finishedAtSeconds - r.commits[2]!.startedAtSeconds).toBeGreaterThan(600)
    expect(r.ranForSeconds).toBe(r.commits[2]!.finishedAtSeconds)
    // The rolling update stops at maxUnavailable 25% of 4: three old pods still
    // serve beside the two new ones that cannot pull, where a fresh cluster would
    // have none serving.
    expect(serving(r)).toHaveLength(3)
    expect(pulling(r)).toHaveLength(2)
    expect(new Set(serving(r).map((p) => p.owner)).size).toBe(1)
    expect(serving(r)[0]!.owner).not.toBe(pulling(r)[0]!.owner)
  })

  it('carries the pods over: the scale-up keeps the first two pods, the upgrade keeps old ones', () => {
    const afterFirst = replayJson(dir, ...seed, '--to', 'HEAD~2')
    const afterSecond = replayJson(dir, ...seed, '--to', 'HEAD~1')
    const afterThird = replayJson(dir, ...seed)
    expect(afterFirst.commits.map((c) => c.revision)).toEqual([shas[0]])
    expect(afterSecond.commits.map((c) => c.revision)).toEqual([shas[0], shas[1]])
    expect(names(afterFirst)).toHaveLength(2)
    expect(names(afterSecond)).toHaveLength(4)
    expect(names(afterSecond)).toEqual(expect.arrayContaining(names(afterFirst)))
    expect(names(afterSecond)).toEqual(
      expect.arrayContaining(serving(afterThird).map((p) => p.name)),
    )
  })

  it('--from HEAD~1 starts with HEAD~1 applied and settled, and replays only HEAD', () => {
    const run = drydock('replay', dir, ...seed, '--from', 'HEAD~1', '--json')
    expect(run.status).toBe(1)
    const r = JSON.parse(run.stdout) as ReplayReport
    expect(r.base).toMatchObject({ revision: shas[1], phase: 'Succeeded', health: 'Healthy' })
    expect(r.base!.startedAtSeconds).toBeLessThan(0)
    expect(r.base!.finishedAtSeconds).toBe(0)
    expect(r.commits).toHaveLength(1)
    expect(r.commits[0]).toMatchObject({
      revision: shas[2],
      phase: 'Failed',
      health: 'Degraded',
      startedAtSeconds: 0,
    })
    expect(r.commits[0]!.resources[0]!.action).toBe('configured')
    expect(serving(r)).toHaveLength(3)
    expect(pulling(r)).toHaveLength(2)
  })

  it('prints one line per commit, then the pods, without --json', () => {
    const run = drydock('replay', dir, ...seed)
    expect(run.status).toBe(1)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^REVISION {3}SUBJECT {3,}PHASE {7}HEALTH {5}DURATION$/)
    expect(lines[1]).toMatch(
      new RegExp(`^${shas[0]!.slice(0, 7)} {4}${SUBJECTS[0]} {3}Succeeded {3}Healthy {4}[\\d.]+s$`),
    )
    expect(lines[2]).toMatch(new RegExp(`^${shas[1]!.slice(0, 7)} {4}${SUBJECTS[1]} +Succeeded `))
    expect(lines[3]).toMatch(
      new RegExp(`^${shas[2]!.slice(0, 7)} {4}.+ +Failed {6}Degraded {3}6\\d\\d(\\.\\d+)?s$`),
    )
    expect(run.stdout).toContain(
      `${shas[2]!.slice(0, 7)}  Failed: Deployment/web is Degraded: Deployment "web" exceeded its progress deadline`,
    )
    expect(run.stdout).toMatch(/^default {5}web-\S+ +1\/1 +Running +0 +\d+m +drydock-worker\d?$/m)
    expect(run.stdout).toMatch(/^default {5}web-\S+ +0\/1 +ImagePullBackOff +0 /m)
  })

  it('counts --fault and --for from the start of the replay', () => {
    const r = replayJson(
      dir,
      '--to',
      'HEAD~1',
      '--fault',
      'node/drydock-worker3:stop-kubelet@4s',
      '--for',
      '2m',
    )
    expect(r.faults).toEqual([
      {
        fault: 'node/drydock-worker3:stop-kubelet@4s',
        atSeconds: 4,
        outcome: 'done',
        message: 'the kubelet of node/drydock-worker3 stopped',
      },
    ])
    expect(r.ranForSeconds).toBe(120)
    expect(r.infrastructure.nodes.find((n) => n.name === 'drydock-worker3')!.ready).toBe('Unknown')
  })

  it.each([
    [['--from', 'nope'], /^drydock replay: --from nope: unknown revision "nope" in /],
    [['--to', 'v9'], /^drydock replay: --to v9: unknown revision "v9" in /],
    [
      ['--from', 'HEAD'],
      /^drydock replay: --from HEAD \(\w{7}\) is --to HEAD \(\w{7}\): there is no commit after it to replay$/,
    ],
    [
      ['--fault', 'vm/nope:reboot'],
      /^drydock replay: --fault vm\/nope:reboot: vm "nope" not found/,
    ],
    [['--revision', 'HEAD'], /^drydock replay: Unknown option '--revision'/],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const run = drydock('replay', dir, ...args)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toMatch(message)
  })

  it('refuses a --from that is not an ancestor of --to along first parents', () => {
    // A commit beside the line, made without touching the work tree.
    const side = git(dir, 'commit-tree', `${shas[1]}^{tree}`, '-p', shas[0]!, '-m', 'side')
    const run = drydock('replay', dir, '--from', side.slice(0, 10))
    expect(run.status).toBe(2)
    expect(run.stderr.trim()).toBe(
      `drydock replay: --from ${side.slice(0, 10)} (${side.slice(0, 7)}) is not an ancestor of --to HEAD (${shas[2]!.slice(0, 7)}) along first parents: see "git log --first-parent --oneline HEAD"`,
    )
  })
})

describe('drydock replay of a commit that cannot be rendered', () => {
  it('records it as Error and goes on from the last good state', () => {
    const dir = newRepo()
    const good = webDeploymentYaml('nginx:1.27', 2)
    commitFiles(dir, { 'web.yaml': good }, 'Deploy web')
    commitFiles(
      dir,
      { 'web.yaml': good.replace('  replicas: 2', '  replicas: 2\n   bad: indent') },
      'Break the YAML',
    )
    commitFiles(dir, { 'web.yaml': webDeploymentYaml('nginx:1.27', 3) }, 'Fix it, with 3 replicas')
    const run = drydock('replay', dir, '--json')
    expect(run.status).toBe(0)
    const r = JSON.parse(run.stdout) as ReplayReport
    expect(r.commits.map((c) => [c.phase, c.health])).toEqual([
      ['Succeeded', 'Healthy'],
      ['Error', 'Unknown'],
      ['Succeeded', 'Healthy'],
    ])
    const broken = r.commits[1]!
    expect(broken.problems[0]).toMatchObject({ file: 'web.yaml', line: expect.any(Number) })
    expect(broken.resources).toEqual([])
    expect(broken.finishedAtSeconds).toBe(broken.startedAtSeconds)
    expect(r.commits[2]!.resources[0]!.action).toBe('configured')
    expect(serving(r)).toHaveLength(3)
  })
})
