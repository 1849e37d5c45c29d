import { describe, expect, it } from 'vitest'
import type { DesiredObject, Manifest } from '../../../src-main/gitops/manifest/types'
import { planSync, type SyncPlan } from '../../../src-main/gitops/sync/plan'

function obj(kind: string, name: string, annotations?: Record<string, string>): Manifest {
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'v1', kind, metadata: { name, annotations } }
}
const desired = (...objects: Manifest[]): DesiredObject[] =>
  objects.map((object, i) => ({ object, origin: { file: 'app.yaml', line: i + 1 } }))

/** Each step as `phase/wave[/prune]: Kind/name…`, in order. */
function steps(plan: SyncPlan): string[] {
  return plan.steps.map(
    (s) =>
      `${s.phase}/${s.wave}${s.prune ? '/prune' : ''}: ${s.tasks.map((t) => `${t.kind === 'hook' ? 'hook ' : ''}${t.object.kind}/${t.object.metadata.name}`).join(' ')}`,
  )
}

const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) })
const hook = (phase: string, extra: Record<string, string> = {}) => ({
  'argocd.argoproj.io/hook': phase,
  ...extra,
})

describe('planning a sync', () => {
  it.each<[string, Manifest[], Manifest[], string[]]>([
    [
      'one wave of resources in kind order',
      [obj('Deployment', 'web'), obj('Service', 'web'), obj('ConfigMap', 'conf')],
      [],
      ['Sync/0: ConfigMap/conf Service/web Deployment/web'],
    ],
    [
      'waves lowest first, negative included',
      [obj('Deployment', 'web', wave(1)), obj('ConfigMap', 'conf'), obj('Secret', 'db', wave(-1))],
      [],
      ['Sync/-1: Secret/db', 'Sync/0: ConfigMap/conf', 'Sync/1: Deployment/web'],
    ],
    [
      'PreSync hooks first, Sync hooks in their wave, PostSync last',
      [
        obj('Job', 'smoke-test', hook('PostSync')),
        obj('Deployment', 'web'),
        obj('Job', 'migrate', hook('PreSync')),
        obj('Job', 'warm-cache', { ...hook('Sync'), ...wave(1) }),
      ],
      [],
      [
        'PreSync/0: hook Job/migrate',
        'Sync/0: Deployment/web',
        'Sync/1: hook Job/warm-cache',
        'PostSync/0: hook Job/smoke-test',
      ],
    ],
    [
      'Helm hooks as Argo CD maps them, with their weight as the wave',
      [
        obj('Job', 'pre', {
          'helm.sh/hook': 'pre-install,pre-upgrade',
          'helm.sh/hook-weight': '-5',
        }),
        obj('Job', 'post', { 'helm.sh/hook': 'post-install' }),
        obj('Deployment', 'web'),
      ],
      [],
      ['PreSync/-5: hook Job/pre', 'Sync/0: Deployment/web', 'PostSync/0: hook Job/post'],
    ],
    [
      'what Git no longer declares is pruned after the last wave, highest wave first, dependents first',
      [obj('Deployment', 'web', wave(1))],
      [
        obj('Namespace', 'old'),
        obj('Deployment', 'old-api'),
        obj('ConfigMap', 'old-conf', wave(2)),
      ],
      [
        'Sync/1: Deployment/web',
        'Sync/2/prune: ConfigMap/old-conf',
        'Sync/0/prune: Deployment/old-api Namespace/old',
      ],
    ],
  ])('%s', (_, declared, extra, expected) => {
    expect(steps(planSync(desired(...declared), extra, { prune: true }))).toEqual(expected)
  })

  it('keeps what it may not prune, and says why', () => {
    const plan = planSync(
      desired(),
      [obj('ConfigMap', 'keep', { 'argocd.argoproj.io/sync-options': 'Prune=false' })],
      {
        prune: true,
      },
    )
    expect(plan.steps).toEqual([])
    expect(plan.kept.map((k) => k.reason)).toEqual(['ignored (no prune: Prune=false)'])
    const off = planSync(desired(), [obj('ConfigMap', 'old')], { prune: false })
    expect(off.kept.map((k) => k.reason)).toEqual(['ignored (requires pruning)'])
  })

  it('runs SyncFail hooks only on failure, never applies Skip, and reads delete policies', () => {
    const plan = planSync(
      desired(
        obj('Job', 'cleanup', hook('SyncFail')),
        obj('ConfigMap', 'skipped', hook('Skip')),
        obj('Pod', 'helm-test', { 'helm.sh/hook': 'test' }),
        obj(
          'Job',
          'migrate',
          hook('PreSync', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }),
        ),
      ),
      [],
      { prune: true },
    )
    expect(plan.failHooks.map((t) => t.object.metadata.name)).toEqual(['cleanup'])
    expect(plan.skipped.map((s) => [s.object.metadata.name, s.reason])).toEqual([
      ['skipped', 'argocd.argoproj.io/hook: Skip'],
      ['helm-test', 'helm.sh/hook: test is not a hook a sync runs'],
    ])
    const [migrate] = plan.steps[0]!.tasks
    expect(migrate).toMatchObject({ kind: 'hook', deletePolicies: ['HookSucceeded'] })
    expect(plan.failHooks[0]).toMatchObject({ deletePolicies: ['BeforeHookCreation'] })
  })
})
