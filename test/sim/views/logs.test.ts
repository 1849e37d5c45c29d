import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { kubectlLogs, type LogsOptions } from '../../../src-main/sim/views/kubectl/logs'
import { deployment, pod } from '../../helpers/manifests'
import { apply, newSim } from '../../helpers/sim'

const logs = (sim: Simulation, options: LogsOptions) => kubectlLogs(sim.store, sim.kubelet, options)

/** The pods of an app in `kubectl logs`' order of preference, as the test sees it. */
function podNames(sim: Simulation, app: string): string[] {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.metadata.labels?.app === app)
    .map((p) => p.metadata.name)
}

describe('kubectl logs', () => {
  const sim = newSim()
  apply(sim, deployment('web', { replicas: 3 }))
  apply(sim, pod('crash', { image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }))
  apply(sim, pod('db', { image: 'postgres:16' }))
  apply(sim, pod('typo', { image: 'nginx:1.290' }))
  const sidecars: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pair', namespace: 'default', labels: { app: 'pair' } },
    spec: {
      initContainers: [
        { name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready'] },
      ],
      containers: [
        { name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo main; sleep 3600'] },
        { name: 'side', image: 'busybox:1.36', command: ['sh', '-c', 'echo side; sleep 3600'] },
      ],
    },
  }
  apply(sim, sidecars)
  sim.runFor(120_000)

  it('reads a pod a Deployment selects, saying which of its pods it chose', () => {
    const out = logs(sim, { args: ['deployment/web'] })
    expect(out.exitCode).toBe(0)
    const [chosen] = out.stderr.match(/web-[a-z0-9]+-[a-z0-9]{5}/) ?? []
    expect(out.stderr).toBe(`Found 3 pods, using pod/${chosen}\n`)
    expect(podNames(sim, 'web')).toContain(chosen)
    expect(out.stdout).toContain('nginx/1.27')
    // The same as asking for that pod by name, where nothing needs saying.
    expect(logs(sim, { args: [chosen!] })).toEqual({ ...out, stderr: '' })
    expect(logs(sim, { args: [`pod/${chosen}`] })).toEqual({ ...out, stderr: '' })
  })

  it('keeps the last lines with --tail and prefixes RFC 3339 times with --timestamps', () => {
    const all = logs(sim, { args: ['deploy/web'] })
      .stdout.split('\n')
      .filter(Boolean)
    const tail = logs(sim, { args: ['deploy/web'], tail: 2 }).stdout
    expect(tail).toBe(`${all.slice(-2).join('\n')}\n`)
    expect(logs(sim, { args: ['deploy/web'], tail: 0 }).stdout).toBe('')
    const stamped = logs(sim, { args: ['deploy/web'], timestamps: true }).stdout.split('\n')
    expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000000Z /)
    expect(stamped[0]!.replace(/^\S+ /, '')).toBe(all[0])
  })

  it('shows why a crash-looping container crashed, with or without --previous', () => {
    expect(logs(sim, { args: ['crash'] })).toEqual({ stdout: 'boom\n', stderr: '', exitCode: 0 })
    expect(logs(sim, { args: ['crash'], previous: true }).stdout).toBe('boom\n')
    expect(logs(sim, { args: ['db'] }).stdout).toContain(
      'Error: Database is uninitialized and superuser password is not specified.',
    )
  })

  it('names the default container of a pod with several, and reads the one asked for', () => {
    expect(logs(sim, { args: ['pair'] })).toEqual({
      stdout: 'main\n',
      stderr: 'Defaulted container "main" out of: main, side, setup (init)\n',
      exitCode: 0,
    })
    expect(logs(sim, { args: ['pair'], container: 'side' }).stdout).toBe('side\n')
    expect(logs(sim, { args: ['pair', 'side'] }).stdout).toBe('side\n')
    expect(logs(sim, { args: ['pair'], container: 'setup' }).stdout).toBe('ready\n')
  })

  it.each([
    [
      ['typo'],
      {},
      'Error from server (BadRequest): container "app" in pod "typo" is waiting to start: trying and failing to pull image\n',
    ],
    [['nope'], {}, 'Error from server (NotFound): pods "nope" not found\n'],
    [['deploy/nope'], {}, 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [['pair'], { container: 'nope' }, 'error: container nope is not valid for pod pair\n'],
    [
      ['crash'],
      { namespace: 'kube-system' },
      'Error from server (NotFound): pods "crash" not found\n',
    ],
    [['widget/x'], {}, 'error: the server doesn\'t have a resource type "widget"\n'],
    [
      ['pair'],
      { previous: true },
      'Defaulted container "main" out of: main, side, setup (init)\nError from server (BadRequest): previous terminated container "main" in pod "pair" not found\n',
    ],
  ])('kubectl logs %j %j fails as kubectl does', (args, options, stderr) => {
    expect(logs(sim, { args, ...options })).toEqual({ stdout: '', stderr, exitCode: 1 })
  })

  it('prints nothing for a pod no node could take, as the API server streams nothing', () => {
    const full = newSim()
    apply(full, pod('huge', { image: 'nginx:1.27', resources: { requests: { cpu: '999' } } }))
    full.runFor(10_000)
    expect(full.store.get<Pod>('Pod', 'default', 'huge')?.spec.nodeName).toBeUndefined()
    expect(logs(full, { args: ['huge'] })).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('says what a freshly created pod is waiting for', () => {
    const fresh = newSim()
    apply(fresh, pod('slow', { image: 'nginx:1.27' }))
    fresh.runFor(1_000)
    expect(logs(fresh, { args: ['slow'] }).stderr).toMatch(
      /^Error from server \(BadRequest\): container "app" in pod "slow" is waiting to start: ContainerCreating\n$/,
    )
  })
})
