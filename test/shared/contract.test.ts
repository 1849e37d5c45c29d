import { describe, expect, it } from 'vitest'
import { hostMethods, MAX_SPEC_LENGTH, validateRequest } from '../../src-main/shared/contract'

describe('validateRequest', () => {
  const cases: [method: string, params: unknown, problem: string | undefined][] = [
    ['getSnapshot', undefined, undefined],
    ['openRepository', { path: '/repo' }, undefined],
    ['openRepository', { path: ' ' }, 'openRepository needs a non-empty "path"'],
    ['setSpeed', { speed: 60 }, undefined],
    ['setSpeed', { speed: -1 }, 'setSpeed needs "speed" between 0 and 3600'],
    ['applyFault', { spec: 'hypervisor/hv-b:crash' }, undefined],
    ['applyFault', { spec: 'vm/drydock-worker:reboot@2m' }, undefined],
    ['applyFault', undefined, 'applyFault needs a non-empty "spec"'],
    ['applyFault', { spec: '' }, 'applyFault needs a non-empty "spec"'],
    ['applyFault', { spec: '  ' }, 'applyFault needs a non-empty "spec"'],
    ['applyFault', { spec: 42 }, 'applyFault needs a non-empty "spec"'],
    [
      'applyFault',
      { spec: 'x'.repeat(MAX_SPEC_LENGTH + 1) },
      `applyFault: "spec" is longer than ${MAX_SPEC_LENGTH} characters`,
    ],
    ['addTraffic', { spec: 'web=50' }, undefined],
    ['addTraffic', {}, 'addTraffic needs a non-empty "spec"'],
    ['addTraffic', { spec: ['web=50'] }, 'addTraffic needs a non-empty "spec"'],
    ['stopTraffic', { id: 0 }, undefined],
    ['stopTraffic', { id: 3 }, undefined],
    ['stopTraffic', { id: -1 }, 'stopTraffic needs "id", a whole number from 0'],
    ['stopTraffic', { id: 1.5 }, 'stopTraffic needs "id", a whole number from 0'],
    ['stopTraffic', { id: '0' }, 'stopTraffic needs "id", a whole number from 0'],
    ['stopTraffic', null, 'stopTraffic needs "id", a whole number from 0'],
    ['syncApp', { app: 'web' }, undefined],
    ['syncApp', { app: 'Web App' }, 'syncApp needs "app", the name of an app'],
    ['syncApp', {}, 'syncApp needs "app", the name of an app'],
    ['setSyncPolicy', { app: 'web', automated: true, prune: false, selfHeal: false }, undefined],
    [
      'setSyncPolicy',
      { app: 'web', automated: true, prune: 'yes', selfHeal: false },
      'setSyncPolicy needs "prune", true or false',
    ],
    ['setSyncPolicy', { automated: true }, 'setSyncPolicy needs "app", the name of an app'],
    ['rollback', { app: 'web', historyId: 3 }, undefined],
    ['rollback', { app: 'web', revision: 'HEAD~2' }, undefined],
    ['rollback', { app: 'web' }, 'rollback needs either "historyId" or "revision"'],
    [
      'rollback',
      { app: 'web', historyId: 3, revision: 'abc' },
      'rollback needs either "historyId" or "revision"',
    ],
    [
      'rollback',
      { app: 'web', revision: '--upload-pack=x' },
      'rollback needs either "historyId" or "revision"',
    ],
    ['revertCommit', { app: 'web', revision: 'abc1234' }, undefined],
    ['revertCommit', { app: 'web', revision: 'a..b' }, 'revertCommit needs "revision", a commit'],
    ['kubectl', { command: 'kubectl get pods' }, undefined],
    ['kubectl', { command: '  ' }, 'kubectl needs a non-empty "command"'],
    ['kubectl', {}, 'kubectl needs a non-empty "command"'],
    [
      'kubectl',
      { command: `kubectl get ${'x'.repeat(500)}` },
      'kubectl: "command" is longer than 500 characters',
    ],
    ['crashEverything', {}, 'unknown method "crashEverything"'],
  ]

  it.each(cases)('%s %j → %s', (method, params, problem) => {
    expect(validateRequest(method, params)).toBe(problem)
  })

  it('knows every method it checks', () => {
    expect(hostMethods).toEqual([
      'getSnapshot',
      'openRepository',
      'setSpeed',
      'applyFault',
      'addTraffic',
      'stopTraffic',
      'syncApp',
      'setSyncPolicy',
      'rollback',
      'revertCommit',
      'kubectl',
    ])
  })
})
