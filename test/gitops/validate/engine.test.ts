import { afterAll, describe, expect, it } from 'vitest'
import { defaultAppSettings } from '../../../src-main/gitops/engine'
import { formatProblem } from '../../../src-main/gitops/manifest/types'
import type { GitSource } from '../../../src-main/gitops/ports'
import { GitRepository } from '../../../src-main/git/repository'
import { bootCluster, prepareHeadless, syncUntilSettled } from '../../../src-main/host/headless-run'
import { commitFiles, initRepo, removeDir } from '../../helpers/git'
import { webDeploymentYaml } from '../../helpers/manifests'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`

/** Counts what a sync reads from Git, to show the happy path reads nothing twice. */
function counting(repo: GitSource): GitSource & { reads: string[] } {
  const reads: string[] = []
  return {
    reads,
    listFiles: (sha, path) => (reads.push(`list ${path}`), repo.listFiles(sha, path)),
    readBlob: (oid) => (reads.push('blob'), repo.readBlob(oid)),
    readCommit: (sha) => repo.readCommit(sha),
  }
}

describe('schema violations in a commit', () => {
  const dir = initRepo()
  dirs.push(dir)
  const good = commitFiles(
    dir,
    {
      'apps/web/deploy.yaml': webDeploymentYaml('nginx:1.27', 2),
      'apps/web/service.yaml': service,
    },
    'Deploy web',
  )
  const bad = commitFiles(
    dir,
    {
      'apps/web/deploy.yaml': webDeploymentYaml('nginx:1.28', 5)
        .replace('  replicas: 5', '  replica: 5')
        .replace(
          '        - name: nginx',
          '        - name: nginx\n          imagePullPolicy: Sometimes',
        ),
      'apps/web/service.yaml': service.replace('- port: 80', '- port: "80"'),
    },
    'Scale web to 5 and update it to nginx 1.28',
  )
  const settings = { ...defaultAppSettings, path: 'apps/web' }

  it('are problems at the line and column of each field, in the API server words', async () => {
    const repo = counting(await GitRepository.open(dir))
    const prepared = await prepareHeadless(repo, bad, settings)
    expect(prepared.request.problems.map(formatProblem)).toEqual([
      'apps/web/deploy.yaml:6:3: Deployment "web": strict decoding error: unknown field "spec.replica"',
      'apps/web/deploy.yaml:17:11: Deployment "web": spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      'apps/web/service.yaml:9:7: Service "web": spec.ports[0].port: Invalid value: "80": spec.ports[0].port in body must be of type integer: "string"',
    ])
  })

  it('read the files again only when there is a problem to place', async () => {
    const repo = counting(await GitRepository.open(dir))
    await prepareHeadless(repo, good, settings)
    const happy = [...repo.reads]
    repo.reads.length = 0
    await prepareHeadless(repo, bad, settings)
    expect(happy).toEqual(['list apps/web', 'blob', 'blob'])
    expect(repo.reads).toEqual(['list apps/web', 'blob', 'blob', 'list apps/web', 'blob', 'blob'])
  })

  it('make the sync an Error that lists every one, and the cluster keeps its last good state', async () => {
    const repo = await GitRepository.open(dir)
    const first = await prepareHeadless(repo, good, settings)
    const { sim, target } = bootCluster(first, 1)
    expect(syncUntilSettled(sim, target, first, 1, 'commit').phase).toBe('Succeeded')

    const view = syncUntilSettled(
      sim,
      target,
      await prepareHeadless(repo, bad, settings),
      2,
      'commit',
    )
    expect(view.phase).toBe('Error')
    expect(view.problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      'apps/web/deploy.yaml:6',
      'apps/web/deploy.yaml:17',
      'apps/web/service.yaml:9',
    ])
    expect(view.message).toBe(
      'apps/web/deploy.yaml:6:3: Deployment "web": strict decoding error: unknown field "spec.replica" (and 2 more)',
    )
    const live = target.get({ kind: 'Deployment', namespace: 'default', name: 'web' })
    const spec = live?.spec as {
      replicas: number
      template: { spec: { containers: { image: string }[] } }
    }
    expect([spec.replicas, spec.template.spec.containers[0]!.image]).toEqual([2, 'nginx:1.27'])
  })
})
