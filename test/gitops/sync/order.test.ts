import { describe, expect, it } from 'vitest'
import type { DesiredObject } from '../../../src-main/gitops/manifest/types'
import { syncOrder } from '../../../src-main/gitops/sync/order'

const obj = (kind: string, name: string, wave?: number): DesiredObject => ({
  object: {
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      annotations:
        wave === undefined ? undefined : { 'argocd.argoproj.io/sync-wave': String(wave) },
    },
  },
  origin: { file: 'f.yaml', line: 1 },
})

describe('sync order', () => {
  it("sorts by wave, then Argo CD's kind order, then name", () => {
    const sorted = [
      obj('Ingress', 'web'),
      obj('Deployment', 'web'),
      obj('Widget', 'w'),
      obj('Service', 'web'),
      obj('ConfigMap', 'b'),
      obj('ConfigMap', 'a'),
      obj('Namespace', 'shop'),
      obj('Job', 'migrate', -1),
    ].sort(syncOrder)
    expect(sorted.map((d) => `${d.object.kind}/${d.object.metadata.name}`)).toEqual([
      'Job/migrate',
      'Namespace/shop',
      'ConfigMap/a',
      'ConfigMap/b',
      'Service/web',
      'Deployment/web',
      'Ingress/web',
      'Widget/w',
    ])
  })
})
