import { describe, expect, it } from 'vitest'
import { parseManifestFile } from '../../../src-main/gitops/manifest/parse'
import { readBlock } from '../../../src-main/gitops/manifest/parse-block'
import { readFast } from '../../../src-main/gitops/manifest/parse-fast'
import { readPrecisely } from '../../../src-main/gitops/manifest/parse-precise'
import { resolvePlainScalar } from '../../../src-main/gitops/manifest/scalars'

/** What `kubectl apply` sends for each unquoted scalar (go-yaml v2 through sigs.k8s.io/yaml). */
const kubectl: [string, unknown][] = [
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['y', true],
  ['Y', true],
  ['on', true],
  ['ON', true],
  ['true', true],
  ['no', false],
  ['n', false],
  ['off', false],
  ['Off', false],
  ['FALSE', false],
  ['yEs', 'yEs'],
  ['', null],
  ['~', null],
  ['null', null],
  ['NULL', null],
  ['nil', 'nil'],
  ['0', 0],
  ['42', 42],
  ['-7', -7],
  ['+1', 1],
  ['-0', 0],
  ['0644', 420],
  ['0777', 511],
  ['08', 8],
  ['0o17', 15],
  ['0x1F', 31],
  ['0X1f', 31],
  ['0b101', 5],
  ['-0b11', -3],
  ['1_000', 1000],
  ['1e3', 1000],
  ['1.', 1],
  ['0.25', 0.25],
  ['.5', 0.5],
  ['-.5', -0.5],
  ['.inf', Number.POSITIVE_INFINITY],
  ['-.Inf', Number.NEGATIVE_INFINITY],
  ['.nan', Number.NaN],
  ['.foo', '.foo'],
  ['100m', '100m'],
  ['128Mi', '128Mi'],
  ['1e3Mi', '1e3Mi'],
  ['25%', '25%'],
  ['1.27.3', '1.27.3'],
  ['2024-01-01', '2024-01-01'],
  ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
  ['12:30', '12:30'],
  ['0x', '0x'],
  ['nginx:1.27', 'nginx:1.27'],
  ['--port=80', '--port=80'],
]

describe('plain scalars as kubectl reads them', () => {
  it.each(kubectl)('%j is %j', (source, expected) => {
    expect(resolvePlainScalar(source)).toEqual(expected)
  })

  it('keeps quoted scalars as written', () => {
    const text = 'a: "yes"\nb: \'0644\'\nc: !!str on\n'
    expect(readPrecisely(text)[0]!.value).toEqual({ a: 'yes', b: '0644', c: 'on' })
    expect(readFast(text)?.[0]!.value).toEqual({ a: 'yes', b: '0644', c: 'on' })
  })

  it('turns keys that read as booleans or numbers into their JSON text', () => {
    const text = 'data:\n  on: 1\n  0644: 2\n'
    const expected = { data: { true: 1, '420': 2 } }
    expect(readBlock(text)).toBeUndefined()
    expect(readFast(text)?.[0]!.value).toEqual(expected)
    expect(readPrecisely(text)[0]!.value).toEqual(expected)
  })

  // The same manifest through each reader: plain, with an anchor (js-yaml), as a List (the yaml package).
  const pod = (extra = '') =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web${extra}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: DEBUG\n          value: yes\n  volumes:\n    - name: config\n      configMap:\n        name: web\n        defaultMode: 0644\n`
  const asList = `apiVersion: v1\nkind: List\nitems:\n  - ${pod().trimEnd().replaceAll('\n', '\n    ')}\n`
  it.each([
    ['the block reader', pod()],
    ['js-yaml', pod().replace('name: web\n', 'name: &n web\n')],
    ['the yaml package', asList],
  ])(
    'reads a Pod with `value: yes` and `defaultMode: 0644` as kubectl does, through %s',
    (_, text) => {
      const [object] = parseManifestFile('pod.yaml', text).objects
      const spec = object!.object.spec as {
        containers: { env: { value: unknown }[] }[]
        volumes: { configMap: { defaultMode: unknown } }[]
      }
      expect(spec.containers[0]!.env[0]!.value).toBe(true)
      expect(spec.volumes[0]!.configMap.defaultMode).toBe(420)
    },
  )
})
