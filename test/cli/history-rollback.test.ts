import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostService } from '../../src-main/host/host-service'
import type { DiffReport } from '../../src-main/host/headless-diff'
import type { HistoryEntry } from '../../src-main/shared/dto'
import { drydockWith } from '../helpers/cli'
import { courseRepo } from '../helpers/course'
import { git, removeDir, tempDir } from '../helpers/git'
import { syncsOf, untilSnapshot } from '../helpers/host'

/**
 * The history the app keeps, read and acted on from the command line: the app
 * records two syncs, then `drydock history`, `diff`, `rollback` and `revert`
 * work on the repository and its history in the data folder.
 */
const cleanup: (() => void)[] = []
afterAll(() => cleanup.forEach((f) => f()))

describe('drydock history, diff, rollback and revert', async () => {
  const course = await courseRepo('first-deployment', 2)
  const dataDir = tempDir()
  cleanup.push(
    () => removeDir(course.dir),
    () => removeDir(dataDir),
  )
  const run = (...args: string[]) => drydockWith({ env: { DRYDOCK_DATA_DIR: dataDir } }, ...args)

  beforeAll(async () => {
    // The app records its syncs as it runs: the initial one, then the scale-up.
    const host = new HostService({ speed: 600, pushIntervalMs: 20, dataDir })
    git(course.dir, 'reset', '-q', '--hard', 'HEAD~1')
    await host.openRepository({ path: course.dir })
    await untilSnapshot(host, (s) => syncsOf(s)[0]?.phase === 'Succeeded', syncsOf)
    git(course.dir, 'reset', '-q', '--hard', course.shas[1]!)
    await untilSnapshot(
      host,
      (s) => syncsOf(s)[0]?.revision === course.shas[1] && syncsOf(s)[0]?.phase === 'Succeeded',
      syncsOf,
    )
    host.close()
  })

  it('lists the syncs the app recorded, oldest first, as text and JSON', () => {
    const text = run('history', course.dir)
    expect(text.status).toBe(0)
    const lines = text.stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^ID\s+DATE\s+REVISION\s+TRIGGER\s+PHASE\s+HEALTH\s+DURATION\s+SUBJECT$/,
    )
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(2, 6))).toEqual([
      [course.shas[0]!.slice(0, 7), 'initial', 'Succeeded', 'Healthy'],
      [course.shas[1]!.slice(0, 7), 'commit', 'Succeeded', 'Healthy'],
    ])
    const json = JSON.parse(run('history', course.dir, '--json').stdout) as {
      app: string
      entries: HistoryEntry[]
    }[]
    expect(json[0]!.entries.map((e) => e.sync.revision)).toEqual(course.shas.slice(0, 2))
  })

  it('diffs a revision against the cluster the last successful sync left', () => {
    const diff = run('diff', course.dir, '--revision', course.shas[0]!, '--json')
    expect(diff.status).toBe(1)
    const report = JSON.parse(diff.stdout) as DiffReport
    expect(report.from).toMatchObject({ revision: course.shas[1], source: 'history' })
    expect(report.resources.map((r) => [r.kind, r.status, r.changedPaths])).toEqual([
      ['Deployment', 'OutOfSync', ['spec.replicas']],
    ])
    const same = run('diff', course.dir)
    expect(same.status).toBe(0)
    expect(same.stdout).toContain('Nothing to change: the cluster already matches.')
  })

  it('rolls back to a history entry with a commit that leaves git status clean', () => {
    const before = git(course.dir, 'rev-parse', 'HEAD')
    const rolled = run('rollback', course.dir, '1')
    expect(rolled.stderr).toBe('')
    expect(rolled.status).toBe(0)
    expect(git(course.dir, 'log', '-1', '--format=%s')).toBe(
      `Roll back everything to ${course.shas[0]!.slice(0, 7)}: Deploy web: 2 replicas of nginx 1.27 behind a Service`,
    )
    expect(git(course.dir, 'rev-parse', 'HEAD~1')).toBe(before)
    expect(git(course.dir, 'status', '--porcelain')).toBe('')
    expect(git(course.dir, 'diff', course.shas[0]!, 'HEAD', '--stat')).toBe('')
    expect(rolled.stdout).toContain('git status is clean')
  })

  it('reverts one commit as git revert writes it', () => {
    const reverted = run('revert', course.dir, 'HEAD', '--json')
    expect(reverted.status).toBe(0)
    const rollback = git(course.dir, 'rev-parse', 'HEAD~1')
    expect(git(course.dir, 'log', '-1', '--format=%B')).toBe(
      `Revert "${git(course.dir, 'log', '-1', '--format=%s', 'HEAD~1')}"\n\nThis reverts commit ${rollback}.`,
    )
    expect(git(course.dir, 'diff', course.shas[1]!, 'HEAD', '--stat')).toBe('')
    expect(git(course.dir, 'status', '--porcelain')).toBe('')
  })

  it.each([
    [
      ['rollback', '<repo>', '9'],
      /app \S+ has no sync 9 in its history \(syncs 1 to 2\): see drydock history/,
    ],
    [['rollback', '<repo>', 'nope'], /unknown revision "nope"/],
    [['diff', '<repo>', '--app', 'shop'], /there is no app "shop" in \S+ \(apps: \S+\)/],
    [['history', '<repo>', '--keep', 'x'], /--keep must be a whole number, got "x"/],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const result = run(...args.map((a) => (a === '<repo>' ? course.dir : a)))
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(message)
  })

  it('refuses to roll back over uncommitted changes, naming them', () => {
    const head = git(course.dir, 'rev-parse', 'HEAD')
    fs.writeFileSync(path.join(course.dir, 'deployment.yaml'), 'edited by hand\n')
    const result = run('rollback', course.dir, '1')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('deployment.yaml')
    expect(git(course.dir, 'rev-parse', 'HEAD')).toBe(head)
    git(course.dir, 'checkout', '--', 'deployment.yaml')
  })

  it('forgets all but the newest syncs when asked', () => {
    expect(run('history', course.dir, '--keep', '1').status).toBe(0)
    const json = JSON.parse(run('history', course.dir, '--json').stdout) as {
      entries: HistoryEntry[]
    }[]
    expect(json[0]!.entries.map((e) => e.sync.id)).toEqual([2])
  })

  it('rolls back to a revision whose short sha is all digits, not to a sync of that number', () => {
    const base = git(course.dir, 'rev-parse', 'HEAD')
    // About one commit in 27 has seven leading decimal digits: make commits until one does.
    let digits = ''
    for (let i = 0; i < 400 && !digits; i++) {
      git(course.dir, 'commit', '-q', '--allow-empty', '-m', `Note ${i}`)
      const short = git(course.dir, 'rev-parse', '--short=7', 'HEAD')
      if (/^\d{7}$/.test(short)) digits = short
    }
    expect(digits).toMatch(/^\d{7}$/)
    fs.writeFileSync(path.join(course.dir, 'deployment.yaml'), 'kind: Broken\n')
    git(course.dir, 'commit', '-q', '-am', 'Break the deployment')
    const rolled = run('rollback', course.dir, digits)
    expect(rolled.stderr).toBe('')
    expect(rolled.status).toBe(0)
    expect(git(course.dir, 'diff', digits, 'HEAD', '--stat')).toBe('')
    git(course.dir, 'reset', '-q', '--hard', base)
  })
})
