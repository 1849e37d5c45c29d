import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifestFile } from '../../../src-main/gitops/manifest/parse'
import { formatProblem } from '../../../src-main/gitops/manifest/types'
import { placeViolations } from '../../../src-main/gitops/validate/place'
import { validateObjects } from '../../../src-main/gitops/validate/validate'
import { fixtureText } from '../../helpers/fixtures'
import { fixturesDir } from '../../helpers/paths'

/**
 * Each fixture `<kind>-<problem>.yaml` says what it expects in comments at its
 * top, `# expect: <line>:<column> <message>` or `# expect: nothing`; a JSON
 * fixture says it in `<name>.json.expect`.
 */
const dir = path.join(fixturesDir, 'validate')
const fixtures = fs
  .readdirSync(dir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort()

function expectations(file: string): string[] {
  const source = file.endsWith('.json') ? `${file}.expect` : file
  const lines = fixtureText('validate', source)
    .split('\n')
    .filter((l) => l.startsWith('# expect: '))
    .map((l) => l.slice('# expect: '.length))
  if (lines.length === 0) throw new Error(`${source}: says nothing of what it expects`)
  return lines[0] === 'nothing' ? [] : lines.map((l) => `${file}:${l.replace(' ', ': ')}`)
}

async function problemsOf(file: string): Promise<string[]> {
  const text = fixtureText('validate', file)
  const parsed = parseManifestFile(file, text)
  expect(parsed.problems).toEqual([])
  const violations = await validateObjects(parsed.objects)
  return placeViolations(violations, new Map([[file, text]])).map(formatProblem)
}

describe('schema validation of the fixtures', () => {
  it.each(fixtures)('%s', async (file) => {
    expect(await problemsOf(file)).toEqual(expectations(file))
  })

  it('covers a valid manifest of each common kind', async () => {
    const kinds = new Set<string>()
    for (const file of fixtures.filter((f) => f.includes('-valid'))) {
      const text = fixtureText('validate', file)
      for (const o of parseManifestFile(file, text).objects) kinds.add(o.object.kind)
    }
    expect([...kinds].sort()).toEqual(
      [
        'ClusterRole',
        'ConfigMap',
        'CronJob',
        'CustomResourceDefinition',
        'DaemonSet',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Ingress',
        'Job',
        'Namespace',
        'NetworkPolicy',
        'PersistentVolume',
        'PersistentVolumeClaim',
        'Pod',
        'PodDisruptionBudget',
        'Role',
        'RoleBinding',
        'Secret',
        'Service',
        'ServiceAccount',
        'StatefulSet',
        'StorageClass',
      ].sort(),
    )
  })
})

describe('schema validation', () => {
  const deployment = (spec: Record<string, unknown>) => ({
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
        },
        ...spec,
      },
    },
    origin: { file: 'web.yaml', line: 1, document: 0 },
  })

  it('finds an unknown field the first object of its kind did not reach', async () => {
    // The first object teaches where the fields are; the second has fields in places the first left empty.
    const first = deployment({ replicas: 1 })
    const second = deployment({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailble: 0 } },
    })
    const violations = await validateObjects([first, second, second])
    expect(violations.map((v) => [v.desired === second, v.field.join('.'), v.message])).toEqual([
      [
        true,
        'spec.strategy.rollingUpdate.maxUnavailble',
        'Deployment "web": strict decoding error: unknown field "spec.strategy.rollingUpdate.maxUnavailble"',
      ],
      [
        true,
        'spec.strategy.rollingUpdate.maxUnavailble',
        'Deployment "web": strict decoding error: unknown field "spec.strategy.rollingUpdate.maxUnavailble"',
      ],
    ])
  })

  it('lets any keys through a map and any fields through free-form JSON', async () => {
    const crd = {
      object: {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'things.example.com', labels: { 'anything.example.com/at-all': 'x' } },
        spec: {
          group: 'example.com',
          scope: 'Cluster',
          names: { plural: 'things', kind: 'Thing' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  description: 'A thing.',
                  default: { any: { json: [1, 'at', { all: true }] } },
                  properties: {
                    spec: {
                      type: 'object',
                      'x-kubernetes-preserve-unknown-fields': true,
                      'x-kubernetes-validations': [{ rule: 'self.size > 0' }],
                      example: { size: 1 },
                    },
                  },
                },
              },
            },
          ],
        },
      },
      origin: { file: 'crd.yaml', line: 1, document: 0 },
    }
    expect(await validateObjects([crd])).toEqual([])
  })

  it('leaves alone a type that is not a kind, and a kind written in a way no module is named', async () => {
    const notAKind = {
      object: { apiVersion: 'v1', kind: 'PodSpec', metadata: { name: 'x' }, containerz: [] },
      origin: { file: 'x.yaml', line: 1, document: 0 },
    }
    const odd = {
      object: { apiVersion: 'v1', kind: '../v1/Pod', metadata: { name: 'x' }, specc: {} },
      origin: { file: 'x.yaml', line: 1, document: 0 },
    }
    expect(await validateObjects([notAKind, odd])).toEqual([])
  })
})
