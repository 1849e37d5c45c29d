import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseManifestFile } from '../../../src-main/gitops/manifest/parse'
import { FieldShapes } from '../../../src-main/gitops/validate/field-shapes'
import { kindSchema } from '../../../src-main/gitops/validate/schemas'
import { fixtureText } from '../../helpers/fixtures'
import { projectRoot } from '../../helpers/paths'

/** The fields a kubernetes-models type declares in its `.d.ts`, read as text. */
function declaredFields(pkg: string, file: string): string[] {
  const dir = path.dirname(
    createRequire(path.join(projectRoot, 'package.json')).resolve(`${pkg}/package.json`),
  )
  const text = fs.readFileSync(path.join(dir, file), 'utf8')
  const body = /export interface I\w+[^{]*\{([\s\S]*?)\n\}/.exec(text)![1]!
  return [...body.matchAll(/^ {4}"([^"]+)"\??:/gm)].map((m) => m[1]!).sort()
}

describe('the fields learnt from the validators', async () => {
  const text = fixtureText('validate', 'deployment-valid.yaml')
  const web = parseManifestFile('deployment-valid.yaml', text).objects[0]!.object
  const schema = (await kindSchema('apps/v1', 'Deployment'))!
  schema.shapes.learn(web, (watched) => schema.check(watched))

  // If a new version of the package stopped reading every field it knows, every
  // field it stopped reading would be taken for a typo: this would say which.
  it.each([
    ['', 'kubernetes-models', 'apps/v1/Deployment.d.ts'],
    ['spec', 'kubernetes-models', 'apps/v1/DeploymentSpec.d.ts'],
    ['spec.strategy.rollingUpdate', 'kubernetes-models', 'apps/v1/RollingUpdateDeployment.d.ts'],
    ['spec.template.spec', 'kubernetes-models', 'v1/PodSpec.d.ts'],
    ['spec.template.spec.containers[]', 'kubernetes-models', 'v1/Container.d.ts'],
    ['spec.template.spec.containers[].readinessProbe', 'kubernetes-models', 'v1/Probe.d.ts'],
    ['metadata', '@kubernetes-models/apimachinery', 'apis/meta/v1/ObjectMeta.d.ts'],
  ])('at "%s" are those %s declares in %s', (pattern, pkg, file) => {
    const shape = schema.shapes.get(pattern)
    expect(shape?.kind).toBe('struct')
    const fields = shape?.kind === 'struct' ? [...shape.fields].sort() : []
    expect(fields).toEqual(declaredFields(pkg, file))
  })

  it.each(['metadata.labels', 'metadata.annotations', 'spec.template.spec.nodeSelector'])(
    '"%s" is a map',
    (pattern) => {
      const shapes = new FieldShapes()
      const withSelector = structuredClone(web)
      const spec = withSelector.spec as { template: { spec: Record<string, unknown> } }
      spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux' }
      shapes.learn(withSelector, (watched) => schema.check(watched))
      expect(shapes.get(pattern)).toEqual({ kind: 'map' })
    },
  )

  it('prints a path as the API server does: list indices and map keys in brackets', () => {
    expect(
      schema.shapes.format(web, [
        'spec',
        'template',
        'spec',
        'containers',
        0,
        'resources',
        'limits',
        'cpu',
      ]),
    ).toBe('spec.template.spec.containers[0].resources.limits[cpu]')
    expect(schema.shapes.format(web, ['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels[app.kubernetes.io/name]',
    )
  })
})

describe('learning from an object that is shared and frozen', () => {
  it('learns the same shapes, and leaves the object as it was', async () => {
    const text = fixtureText('validate', 'deployment-valid.yaml')
    const web = parseManifestFile('deployment-valid.yaml', text).objects[0]!.object
    const frozen = deepFreeze(structuredClone(web))
    const schema = (await kindSchema('apps/v1', 'Deployment'))!
    const shapes = new FieldShapes()
    expect(shapes.learn(frozen, (watched) => schema.check(watched))).toEqual(schema.check(web))
    expect(shapes.get('spec.template.spec.containers[]')?.kind).toBe('struct')
    expect(frozen).toEqual(web)
  })
})

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
