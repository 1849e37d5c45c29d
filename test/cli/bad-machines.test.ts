import { afterAll, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../src-main/shared/dto'
import { drydock } from '../helpers/cli'
import { fixtureText } from '../helpers/fixtures'
import { commitFiles, initRepo, removeDir } from '../helpers/git'
import { webDeploymentYaml } from '../helpers/manifests'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('machine documents with mistakes', () => {
  it('are each refused or left waiting with their file and name; the rest of the commit syncs', () => {
    const dir = initRepo()
    dirs.push(dir)
    commitFiles(
      dir,
      {
        'machines.yaml': fixtureText('infra', 'machines-with-mistakes.yaml'),
        'web.yaml': webDeploymentYaml('nginx:1.27', 2),
      },
      'Machines, some wrong, and a web Deployment',
    )
    const run = drydock('sync', dir, '--for', '2m', '--json')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as SyncReport
    expect(report.phase).toBe('Failed')
    // Refused by the API server: its file, line and name, and nothing applied for it.
    expect(report.problems).toEqual([
      {
        file: 'machines.yaml',
        line: 33,
        message:
          'VirtualMachine.drydock.dev "w4" is invalid: spec.vcpus: Invalid value: -4: must be a whole number of vCPUs greater than 0',
      },
    ])
    const byName = Object.fromEntries(report.resources.map((r) => [`${r.kind}/${r.name}`, r]))
    expect(byName['VirtualMachine/w4']).toMatchObject({ action: 'failed', health: 'Missing' })
    // Accepted, but they cannot run: each says why.
    expect(byName['VirtualMachine/w2']).toMatchObject({
      health: 'Degraded',
      message: 'VirtualMachine "w2": hypervisor "hv-missing" not found (hypervisors: hv1)',
    })
    expect(byName['VirtualMachine/w3']).toMatchObject({
      health: 'Degraded',
      message: 'VirtualMachine "w3": node name "w1" is already taken by VirtualMachine "w1"',
    })
    // The rest synced: the good machines run, and the web pods run on the worker.
    expect(byName['Deployment/web']!.action).toBe('created')
    expect(report.infrastructure.nodes.map((n) => n.name).sort()).toEqual(['cp', 'w1'])
    expect(report.pods.map((p) => [p.status, p.node])).toEqual([
      ['Running', 'w1'],
      ['Running', 'w1'],
    ])
  })

  it('leave a refused document out while the later waves sync, and fail the sync for it at the end', () => {
    const dir = initRepo()
    dirs.push(dir)
    const machines = fixtureText('infra', 'machines-with-mistakes.yaml')
      .split('---\n')
      .filter((doc) => !/name: w[23] /.test(doc))
      .join('---\n')
    const lateWeb = webDeploymentYaml('nginx:1.27', 2).replace(
      '  name: web\n',
      '  name: web\n  annotations:\n    argocd.argoproj.io/sync-wave: "1"\n',
    )
    commitFiles(dir, { 'machines.yaml': machines, 'web.yaml': lateWeb }, 'Machines, one refused')
    const run = drydock('sync', dir, '--json')
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as SyncReport
    expect(report.phase).toBe('Failed')
    expect(report.message).toBe(
      'one or more objects failed to apply: VirtualMachine/w4: VirtualMachine.drydock.dev "w4" is invalid: spec.vcpus: Invalid value: -4: must be a whole number of vCPUs greater than 0',
    )
    const web = report.resources.find((r) => r.kind === 'Deployment')
    expect(web).toMatchObject({ name: 'web', action: 'created', health: 'Healthy' })
    expect(report.pods.map((p) => p.status)).toEqual(['Running', 'Running'])
  })
})
