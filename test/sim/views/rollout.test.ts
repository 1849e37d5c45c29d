import { describe, expect, it } from 'vitest'
import type { Deployment, ReplicaSet } from '../../../src-main/sim/api/apps'
import { rolloutHistory } from '../../../src-main/sim/views/rollout/history'
import { deploymentRolloutStatus } from '../../../src-main/sim/views/rollout/status'
import { fixture } from '../../helpers/fixtures'

/** `kubectl rollout status` for each state a Deployment can be in. */
const cases: [string, object][] = [
  [
    'deployment-unobserved.yaml',
    { message: 'Waiting for deployment spec update to be observed...\n', done: false },
  ],
  [
    'deployment-deadline-exceeded.yaml',
    { error: 'deployment "web" exceeded its progress deadline' },
  ],
  [
    'deployment-updating.yaml',
    {
      message:
        'Waiting for deployment "web" rollout to finish: 2 out of 5 new replicas have been updated...\n',
      done: false,
    },
  ],
  [
    'deployment-paused.yaml',
    {
      message:
        'Waiting for deployment "web" rollout to finish: 3 out of 5 new replicas have been updated...\n',
      done: false,
    },
  ],
  [
    'deployment-old-terminating.yaml',
    {
      message:
        'Waiting for deployment "web" rollout to finish: 2 old replicas are pending termination...\n',
      done: false,
    },
  ],
  [
    'deployment-unavailable.yaml',
    {
      message:
        'Waiting for deployment "web" rollout to finish: 3 of 5 updated replicas are available...\n',
      done: false,
    },
  ],
  [
    'deployment-healthy.yaml',
    { message: 'deployment "web" successfully rolled out\n', done: true },
  ],
]

describe('kubectl rollout status', () => {
  it.each(cases)('%s', (file, expected) => {
    expect(deploymentRolloutStatus(fixture<Deployment>('deployments', file))).toEqual(expected)
  })
})

const rs = (revision: string | undefined, cause?: string): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: `web-${revision}`,
    annotations: {
      ...(revision !== undefined && { 'deployment.kubernetes.io/revision': revision }),
      ...(cause !== undefined && { 'kubernetes.io/change-cause': cause }),
    },
  },
  spec: { selector: {}, template: { spec: { containers: [] } } },
})

describe('kubectl rollout history', () => {
  it('sorts revisions numerically and prints each change cause', () => {
    expect(
      rolloutHistory('web', [
        rs('10', 'kubectl set image deployment/web nginx=nginx:1.29'),
        rs('2'),
        rs('9'),
      ]),
    ).toBe(
      'deployment.apps/web \n' +
        'REVISION  CHANGE-CAUSE\n' +
        '2         <none>\n' +
        '9         <none>\n' +
        '10        kubectl set image deployment/web nginx=nginx:1.29\n' +
        '\n',
    )
  })

  it('says so when the Deployment has no ReplicaSets', () => {
    expect(rolloutHistory('web', [])).toBe('deployment.apps/web \nNo rollout history found.\n')
  })
})
