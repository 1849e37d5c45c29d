import { afterAll, describe, expect, it } from 'vitest'
import { courseRepo } from '../helpers/course'
import { drydock } from '../helpers/cli'
import { removeDir } from '../helpers/git'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('drydock sync on a repository whose root is a Kustomize folder or a Helm chart', () => {
  it.each([
    ['kustomize-overlays', ['Service/prod-web', 'Deployment/prod-web']],
    ['helm-chart', ['Service/web', 'Deployment/web']],
  ])('%s syncs', async (scenario, resources) => {
    const course = await courseRepo(scenario)
    dirs.push(course.dir)
    const run = drydock('sync', course.dir, '--json')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as {
      phase: string
      resources: { kind: string; name: string }[]
    }
    expect(report.phase).toBe('Succeeded')
    expect(report.resources.map((r) => `${r.kind}/${r.name}`)).toEqual(resources)
  })
})
