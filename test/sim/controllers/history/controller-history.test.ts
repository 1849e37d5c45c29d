import { describe, expect, it } from 'vitest'
import type { ControllerRevision } from '../../../../src-main/sim/api/controller-revision'
import {
  REVISION_HASH_LABEL,
  equalRevision,
  hashRevision,
  revisionName,
  safeEncode,
  sortRevisions,
  templateFromPatch,
  templatePatch,
} from '../../../../src-main/sim/controllers/history/controller-history'

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
}

function revision(
  name: string,
  revision: number,
  created: string,
  data: unknown = {},
): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name, creationTimestamp: created },
    data,
    revision,
  }
}

describe('ControllerRevision history', () => {
  it('encodes digits as rand.SafeEncodeString does', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf')
  })

  it('hashes data and collision count into a short safe name', () => {
    const data = templatePatch(template)
    const hash = hashRevision(data, 0)
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/)
    expect(hashRevision(structuredClone(data), 0)).toBe(hash)
    expect(hashRevision(data, 1)).not.toBe(hash)
    expect(revisionName('web', hash)).toBe(`web-${hash}`)
    expect(revisionName('x'.repeat(300), hash)).toBe(`${'x'.repeat(223)}-${hash}`)
  })

  it('stores a patch that restores the template', () => {
    const data = templatePatch(template)
    expect(data).toEqual({ spec: { template: { ...template, $patch: 'replace' } } })
    expect(templateFromPatch(data)).toEqual(template)
    expect(templateFromPatch({})).toBeUndefined()
  })

  it('sorts by revision, then age, then name', () => {
    const sorted = sortRevisions([
      revision('c', 2, '2026-01-01T00:00:00Z'),
      revision('b', 1, '2026-01-01T00:00:01Z'),
      revision('a', 1, '2026-01-01T00:00:01Z'),
      revision('d', 1, '2026-01-01T00:00:00Z'),
    ])
    expect(sorted.map((r) => r.metadata.name)).toEqual(['d', 'a', 'b', 'c'])
  })

  it('compares revisions by hash label first, then data', () => {
    const a = revision('a', 1, '', { x: 1 })
    const b = revision('b', 2, '', { x: 1 })
    expect(equalRevision(a, b)).toBe(true)
    a.metadata.labels = { [REVISION_HASH_LABEL]: '1' }
    b.metadata.labels = { [REVISION_HASH_LABEL]: '2' }
    expect(equalRevision(a, b)).toBe(false)
    expect(equalRevision(a, revision('c', 1, '', { x: 2 }))).toBe(false)
  })
})
