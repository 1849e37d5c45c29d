import { afterAll, describe, expect, it } from 'vitest'
import { headlessSync } from '../../src-main/host/headless-sync'
import { courseRepo } from '../helpers/course'
import { commitFiles, initRepo, removeDir } from '../helpers/git'
import { webDeploymentYaml } from '../helpers/manifests'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('headless sync of the course lab', async () => {
  const course = await courseRepo('first-deployment')
  dirs.push(course.dir)

  it('step 1: two pods Running, Succeeded and Healthy', async () => {
    const { report } = await headlessSync({ repoPath: course.dir, revision: course.shas[0] })
    expect([report.phase, report.health]).toEqual(['Succeeded', 'Healthy'])
    expect(report.pods.map((p) => [p.status, p.ready])).toEqual([
      ['Running', '1/1'],
      ['Running', '1/1'],
    ])
    expect(report.resources.map((r) => `${r.kind}/${r.name} ${r.action} ${r.health}`)).toEqual([
      'Service/web created Healthy',
      'Deployment/web created Healthy',
    ])
    expect(report.durationSeconds).toBeLessThan(30)
  })

  it('step 4: the bad tag fails with ImagePullBackOff and ProgressDeadlineExceeded', async () => {
    const { report } = await headlessSync({ repoPath: course.dir, revision: course.shas[3] })
    expect([report.phase, report.health]).toEqual(['Failed', 'Degraded'])
    expect(report.message).toBe(
      'Deployment/web is Degraded: Deployment "web" exceeded its progress deadline',
    )
    expect(new Set(report.pods.map((p) => p.status))).toEqual(new Set(['ImagePullBackOff']))
    expect(report.pods).toHaveLength(5)
    expect(report.durationSeconds).toBeGreaterThan(600)
  })

  it('the tip (the fix) succeeds', async () => {
    const { report } = await headlessSync({ repoPath: course.dir })
    expect(report.revision).toBe(course.shas[4])
    expect(report.phase).toBe('Succeeded')
    expect(report.pods.filter((p) => p.status === 'Running')).toHaveLength(5)
  })
})

describe('headless sync of bad input', () => {
  const repo = (files: Record<string, string>): string => {
    const dir = initRepo()
    dirs.push(dir)
    commitFiles(dir, files, 'manifests')
    return dir
  }

  it('is an Error naming file and line for YAML that does not parse, and applies nothing', async () => {
    const dir = repo({
      'deploy.yaml': webDeploymentYaml('nginx:1.27', 2).replace(
        '  replicas: 2',
        '  replicas: 2\n   bad: indent',
      ),
    })
    const { report, sim } = await headlessSync({ repoPath: dir })
    expect(report.phase).toBe('Error')
    expect(report.problems[0]).toMatchObject({ file: 'deploy.yaml', line: 6 })
    expect(report.message).toMatch(/^deploy\.yaml:6:\d+: /)
    expect(sim.store.list('Deployment')).toHaveLength(0)
  })

  it('is an Error naming the file for an unknown kind, and applies nothing of the commit', async () => {
    const dir = repo({
      'a-good.yaml': webDeploymentYaml('nginx:1.27', 2),
      'b-widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    })
    const { report, sim } = await headlessSync({ repoPath: dir })
    expect(report.phase).toBe('Error')
    expect(report.problems).toEqual([
      {
        file: 'b-widget.yaml',
        line: 1,
        message: 'no matches for kind "Widget" in version "example.com/v1"',
      },
    ])
    expect(sim.store.list('Deployment')).toHaveLength(0)
  })

  it('reports an object declared twice with both places', async () => {
    const dir = repo({
      'a.yaml': webDeploymentYaml('nginx:1.27', 1),
      'b.yaml': webDeploymentYaml('nginx:1.28', 1),
    })
    const { report } = await headlessSync({ repoPath: dir })
    expect(report.problems).toEqual([
      { file: 'b.yaml', line: 1, message: 'Deployment "web" is declared twice: also at a.yaml:1' },
    ])
  })
})
