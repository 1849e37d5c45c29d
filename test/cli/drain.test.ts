import { afterAll, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../src-main/shared/dto'
import { commitFiles, initRepo, removeDir } from '../helpers/git'
import { drydock } from '../helpers/cli'

const MANIFESTS = {
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
  'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: web
`,
}

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('drydock sync --fault node/<name>:drain', () => {
  it('cordons the node and moves its pods off within the budget', () => {
    const dir = initRepo()
    dirs.push(dir)
    commitFiles(dir, MANIFESTS, 'manifests')
    const run = drydock(
      'sync',
      dir,
      '--json',
      '--fault',
      'node/drydock-worker:drain@60s',
      '--for',
      '5m',
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const r = JSON.parse(run.stdout) as SyncReport
    expect(r.faults[0]).toMatchObject({ fault: 'node/drydock-worker:drain@60s', outcome: 'done' })
    expect(r.faults[0]!.message.split('\n')[0]).toBe('node/drydock-worker cordoned')
    expect(r.faults[0]!.message).toMatch(/\nevicting pod default\/web-/)
    const node = r.infrastructure.nodes.find((n) => n.name === 'drydock-worker')!
    expect(node.status).toContain('SchedulingDisabled')
    const web = r.pods.filter((p) => p.name.startsWith('web-'))
    expect(web.filter((p) => p.node === 'drydock-worker')).toEqual([])
    expect(web.filter((p) => p.status === 'Running' && p.ready === '1/1')).toHaveLength(4)
  })
})
