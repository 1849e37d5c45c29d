import { describe, expect, it } from 'vitest'
import { readDeclaredApps } from '../../../src-main/gitops/app/declared-apps'
import { fixtureText } from '../../helpers/fixtures'

describe('apps declared in drydock.yaml', () => {
  it('reads Argo CD Applications: path, branch, namespace, policy, options, ignored fields', () => {
    const { apps, problems } = readDeclaredApps(fixtureText('apps', 'two-apps.yaml'))
    expect(problems).toEqual([])
    expect(apps).toEqual([
      {
        settings: expect.objectContaining({
          name: 'web',
          path: 'apps/web',
          namespace: 'shop',
          syncPolicy: { automated: true, prune: true, selfHeal: true },
          ignoreDifferences: [
            { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
          ],
          helm: undefined,
          createNamespace: true,
        }),
        branch: undefined,
      },
      {
        settings: expect.objectContaining({
          name: 'monitoring',
          path: 'charts/monitoring',
          namespace: 'monitoring',
          // No syncPolicy.automated: synced only when asked, as in Argo CD.
          syncPolicy: { automated: false, prune: false, selfHeal: false },
          helm: { valueFiles: ['values-prod.yaml'] },
          createNamespace: false,
        }),
        branch: 'release',
      },
    ])
  })

  it('names each mistake with its line and keeps the apps that are right', () => {
    const { apps, problems } = readDeclaredApps(fixtureText('apps', 'mistakes.yaml'))
    expect(apps.map((a) => a.settings.name)).toEqual(['fine'])
    expect(problems).toEqual([
      {
        file: 'drydock.yaml',
        line: 1,
        message:
          'ConfigMap "not-an-app": drydock.yaml declares apps as Argo CD does, with apiVersion: argoproj.io/v1alpha1 and kind: Application',
      },
      {
        file: 'drydock.yaml',
        line: 5,
        message:
          'Application "Web_App": metadata.name must be a lowercase RFC 1123 label (letters, digits and \'-\', at most 63 characters)',
      },
      {
        file: 'drydock.yaml',
        line: 10,
        message: 'Application "escape": spec.source.path "../elsewhere" leaves the repository',
      },
      {
        file: 'drydock.yaml',
        line: 16,
        message:
          'Application "jq": spec.ignoreDifferences[0]: only jsonPointers are supported; write the fields as JSON pointers, e.g. /spec/replicas',
      },
      { file: 'drydock.yaml', line: 29, message: 'Application "fine" is declared twice' },
    ])
  })

  it('says where the YAML is broken', () => {
    const { apps, problems } = readDeclaredApps('apiVersion: argoproj.io/v1alpha1\nkind: [\n')
    expect(apps).toEqual([])
    expect(problems[0]).toMatchObject({ file: 'drydock.yaml', line: 3 })
  })
})
