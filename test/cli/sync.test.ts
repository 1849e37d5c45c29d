import { afterAll, describe, expect, it } from 'vitest'
import { drydock } from '../helpers/cli'
import type { SyncReport } from '../../src-main/shared/dto'
import { courseRepo } from '../helpers/course'
import { initRepo, removeDir, tempDir } from '../helpers/git'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('drydock sync', async () => {
  const course = await courseRepo('first-deployment')
  dirs.push(course.dir)

  it('prints the JSON contract with 2 Running pods for the first step, and exits 0', () => {
    const run = drydock('sync', course.dir, '--revision', course.shas[0]!, '--json')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as SyncReport
    expect(report).toMatchObject({
      revision: course.shas[0],
      phase: 'Succeeded',
      health: 'Healthy',
    })
    for (const r of report.resources)
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['apiVersion', 'kind', 'namespace', 'name', 'health', 'message']),
      )
    expect(report.pods).toHaveLength(2)
    for (const pod of report.pods) {
      expect(pod).toMatchObject({
        namespace: 'default',
        phase: 'Running',
        status: 'Running',
        ready: '1/1',
        restarts: 0,
      })
      expect(pod.node).toMatch(/^drydock-worker\d?$/)
    }
  })

  it('exits non-zero for the bad tag and shows ErrImagePull or ImagePullBackOff pods', () => {
    const run = drydock('sync', course.dir, '--revision', course.shas[3]!, '--json')
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as SyncReport
    expect(report.phase).toBe('Failed')
    expect(report.pods.length).toBeGreaterThan(0)
    for (const pod of report.pods)
      expect(['ErrImagePull', 'ImagePullBackOff']).toContain(pod.status)
  })

  it('prints a kubectl-style summary without --json', () => {
    const run = drydock('sync', course.dir, '--revision', 'HEAD~4')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Phase:     Succeeded')
    expect(run.stdout).toMatch(
      /^NAMESPACE {3}NAME {2,}READY {3,}STATUS {3,}RESTARTS {3}AGE {3,}NODE$/m,
    )
    expect(run.stdout).toMatch(/^default {5}web-\S+ +1\/1 +Running +0 +\d+s +drydock-worker\d?$/m)
  })

  it.each([
    [
      ['sync', '/nonexistent/repo'],
      '/nonexistent/repo does not exist: give the path of a Git repository',
    ],
    [['sync', '__dir__', '--revision', 'nope'], 'unknown revision "nope"'],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const run = drydock(...args.map((a) => (a === '__dir__' ? course.dir : a)))
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(message)
  })

  it('names a folder that is not a repository, and an empty repository', () => {
    const plain = tempDir()
    const empty = initRepo()
    dirs.push(plain, empty)
    expect(drydock('sync', plain).stderr.trim()).toBe(
      `drydock sync: ${plain} is not a Git repository (no .git folder): run "git init" there, or open the repository's top folder`,
    )
    expect(drydock('sync', empty).stderr.trim()).toBe(
      `drydock sync: ${empty} has no commits yet: commit your manifests first`,
    )
  })

  it('explains usage mistakes with exit 2', () => {
    const run = drydock('sync')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^drydock sync: sync needs exactly one repository path/)
    expect(drydock('sync', course.dir, '--timeout', 'soon').stderr).toMatch(
      /--timeout: invalid duration "soon"/,
    )
    expect(drydock('frobnicate').status).toBe(2)
  })
})
