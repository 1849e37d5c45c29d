import { afterAll, describe, expect, it } from 'vitest'
import { readScenario } from '../../src-main/host/course'
import { headlessSync } from '../../src-main/host/headless-sync'
import { courseRepo } from '../helpers/course'
import { removeDir } from '../helpers/git'
import { scenarioDir } from '../helpers/paths'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('the Kustomize and Helm example repositories sync through the real tools', async () => {
  const kustomize = await courseRepo('kustomize-overlays')
  const helm = await courseRepo('helm-chart')
  dirs.push(kustomize.dir, helm.dir)

  it('each has its steps, each a whole tree with its message', async () => {
    for (const name of ['kustomize-overlays', 'helm-chart'])
      for (const step of await readScenario(scenarioDir(name)))
        expect(step.message.trim()).not.toBe('')
  })

  it.each([
    [0, 'nginx:1.27', 3],
    [1, 'nginx:1.28', 3],
  ])('Kustomize step %i: the production overlay, %s', async (step, image, replicas) => {
    const { report, sim } = await headlessSync({
      repoPath: kustomize.dir,
      revision: kustomize.shas[step],
    })
    expect([report.phase, report.health, report.problems]).toEqual(['Succeeded', 'Healthy', []])
    expect(report.resources.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Service/prod-web',
      'Deployment/prod-web',
    ])
    const deployment = sim.store
      .list('Deployment')
      .find((d) => d.metadata.name === 'prod-web') as unknown as {
      metadata: { labels: Record<string, string> }
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } }
    }
    expect(deployment.metadata.labels.environment).toBe('production')
    expect(deployment.spec.replicas).toBe(replicas)
    expect(deployment.spec.template.spec.containers[0]!.image).toBe(image)
  })

  it('Kustomize: an app on overlays/staging syncs staging', async () => {
    const { report } = await headlessSync({
      repoPath: kustomize.dir,
      settings: { path: 'overlays/staging' },
    })
    expect(report.phase).toBe('Succeeded')
    expect(report.resources.map((r) => r.name)).toEqual(['staging-web', 'staging-web'])
    expect(report.pods).toHaveLength(1)
  })

  it.each([
    [0, {}, 2],
    [1, {}, 4],
    [1, { name: 'shop', declared: true, helm: { valueFiles: ['values-production.yaml'] } }, 5],
  ])('Helm step %i with %o: %i pods', async (step, settings, pods) => {
    const { report } = await headlessSync({
      repoPath: helm.dir,
      revision: helm.shas[step],
      settings,
    })
    expect([report.phase, report.health, report.problems]).toEqual(['Succeeded', 'Healthy', []])
    const release = 'name' in settings ? 'shop' : 'web'
    expect(report.resources.map((r) => `${r.kind}/${r.name}`)).toEqual([
      `Service/${release}`,
      `Deployment/${release}`,
    ])
    expect(report.pods).toHaveLength(pods)
  })
})
