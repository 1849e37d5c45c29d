import { describe, expect, it } from 'vitest'
import {
  FieldLocator,
  locateField,
  type FieldSegment,
} from '../../../src-main/gitops/manifest/locate'
import { fixtureText } from '../../helpers/fixtures'

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
        -   name: sidecar
            image: busybox
`

const twoDocuments = `# a comment before the first document
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: third
data: { "key": "value", other: 1 }
`

const flowAndAliases = `base: &base
  image: nginx
list: [a, {b: 1}, c]
items:
  - *base
  - name: x
    <<: *base
"quoted key": 1
80: http
`

describe('locateField', () => {
  it.each<[string, string, number, FieldSegment[], [number, number] | undefined]>([
    ['the document itself', deployment, 0, [], [1, 1]],
    ['a top-level key', deployment, 0, ['spec'], [7, 1]],
    ['a nested key', deployment, 0, ['spec', 'replicas'], [8, 3]],
    [
      'a map key with dots',
      deployment,
      0,
      ['metadata', 'labels', 'app.kubernetes.io/name'],
      [6, 5],
    ],
    ['a list item', deployment, 0, ['spec', 'template', 'spec', 'containers', 0], [12, 11]],
    [
      'a field of a list item',
      deployment,
      0,
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      [13, 11],
    ],
    [
      'a field of the item after',
      deployment,
      0,
      ['spec', 'template', 'spec', 'containers', 1, 'image'],
      [17, 13],
    ],
    [
      'a list within a list item',
      deployment,
      0,
      ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
      [15, 15],
    ],
    ['a missing field: its parent', deployment, 0, ['spec', 'selector'], [7, 1]],
    [
      'a missing field deep down: the nearest ancestor',
      deployment,
      0,
      ['spec', 'template', 'spec', 'containers', 1, 'resources', 'limits', 'cpu'],
      [16, 13],
    ],
    [
      'an index past the end of a list: the list',
      deployment,
      0,
      ['spec', 'template', 'spec', 'containers', 5, 'name'],
      [11, 7],
    ],
    ['a path through a scalar: the scalar', deployment, 0, ['spec', 'replicas', 'more'], [8, 3]],
    ['the first document after a comment', twoDocuments, 0, ['metadata', 'name'], [5, 3]],
    ['a document after an empty one', twoDocuments, 2, ['metadata', 'name'], [11, 3]],
    ['a key of a flow mapping', twoDocuments, 2, ['data', 'other'], [12, 25]],
    ['a quoted key of a flow mapping', twoDocuments, 2, ['data', 'key'], [12, 9]],
    ['a document that does not exist', twoDocuments, 3, ['metadata'], undefined],
    ['an item of a flow list', flowAndAliases, 0, ['list', 1, 'b'], [3, 12]],
    ['a field through an alias: the alias', flowAndAliases, 0, ['items', 0], [5, 5]],
    ['a field behind an alias: its anchor', flowAndAliases, 0, ['items', 0, 'image'], [2, 3]],
    ['a quoted key', flowAndAliases, 0, ['quoted key'], [8, 1]],
    ['a number key', flowAndAliases, 0, ['80'], [9, 1]],
  ])('%s', (_name, text, document, path, expected) => {
    const at = locateField(text, document, path)
    expect(at && [at.line, at.column]).toEqual(expected)
  })

  it.each<[FieldSegment[], [number, number]]>([
    [['kind'], [3, 3]],
    [
      ['spec', 'template', 'spec', 'containers', 0, 'portz'],
      [12, 88],
    ],
    [
      ['spec', 'template', 'spec', 'containers', 0],
      [12, 11],
    ],
    [
      ['spec', 'selector', 'matchLabels', 'app'],
      [7, 36],
    ],
  ])('finds %j in a JSON file the same way', (path, expected) => {
    const text = fixtureText('validate', 'deployment-unknown-field.json')
    const at = locateField(text, 0, path)
    expect(at && [at.line, at.column]).toEqual(expected)
  })

  it('parses a file once for all the fields asked of it', () => {
    const locator = new FieldLocator(deployment)
    expect(locator.locate(0, ['kind'])).toEqual({ line: 2, column: 1, plain: 'Deployment' })
    expect(locator.locate(0, ['spec', 'replicas'])).toEqual({ line: 8, column: 3, plain: '2' })
  })

  it('gives an unquoted value as written, and nothing for a quoted one or a field not there', () => {
    const text = 'env:\n  - value: yes\n  - value: "yes"\n'
    const locator = new FieldLocator(text)
    expect(locator.locate(0, ['env', 0, 'value'])).toEqual({ line: 2, column: 5, plain: 'yes' })
    expect(locator.locate(0, ['env', 1, 'value'])).toEqual({ line: 3, column: 5 })
    expect(locator.locate(0, ['env', 1, 'name'])).toEqual({ line: 3, column: 5 })
  })
})
