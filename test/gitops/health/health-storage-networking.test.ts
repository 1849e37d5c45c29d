import { describe, expect, it } from 'vitest'
import { assessHealth } from '../../../src-main/gitops/health/health'
import type { Manifest } from '../../../src-main/gitops/manifest/types'
import { fixture } from '../../helpers/fixtures'

describe('PersistentVolumeClaim and Ingress health (gitops-engine)', () => {
  it.each([
    ['storage', 'pvc-bound.yaml', 'Healthy'],
    ['storage', 'pvc-pending.yaml', 'Progressing'],
    ['storage', 'pvc-lost.yaml', 'Degraded'],
    ['ingress', 'ingress-with-address.yaml', 'Healthy'],
    ['ingress', 'ingress-without-address.yaml', 'Progressing'],
  ])('%s/%s is %s', (dir, file, status) => {
    expect(assessHealth(fixture<Manifest>(dir, file))).toEqual({ status, message: '' })
  })

  it('is Unknown for a claim without a phase', () => {
    const claim = fixture<Manifest>('storage', 'pvc-bound.yaml')
    delete (claim as { status?: unknown }).status
    expect(assessHealth(claim).status).toBe('Unknown')
  })
})
