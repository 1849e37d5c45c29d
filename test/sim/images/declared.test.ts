import { describe, expect, it } from 'vitest'
import type { Image } from '../../../src-main/sim/api/drydock'
import type { Pod } from '../../../src-main/sim/api/core'
import { Simulation } from '../../../src-main/sim/simulation'
import { summarisePod } from '../../../src-main/sim/views/pod-status'
import { pod } from '../../helpers/manifests'
import { apply, newSim } from '../../helpers/sim'

function image(spec: Partial<Image['spec']>): Image {
  return {
    apiVersion: 'drydock.dev/v1alpha1',
    kind: 'Image',
    metadata: { name: 'backend' },
    spec: {
      repository: 'mon-user/devops-backend',
      tags: ['1.0', '2.0', 'latest'],
      ports: [3000],
      ...spec,
    },
  }
}

function live(sim: Simulation, name: string): Pod {
  return sim.store.get<Pod>('Pod', 'default', name)!
}

function lastExit(
  sim: Simulation,
  name: string,
): { reason?: string; exitCode: number } | undefined {
  const cs = live(sim, name).status?.containerStatuses?.[0]
  return cs?.lastState?.terminated ?? cs?.state.terminated
}

describe('kind: Image', () => {
  it.each([
    [
      { repository: '' },
      'spec.repository: Required value: the image name, e.g. mon-user/devops-backend',
    ],
    [
      { repository: 'mon-user/app:1.0' },
      'spec.repository: Invalid value: "mon-user/app:1.0": must be an image name without tag or digest',
    ],
    [{ tags: [] }, 'spec.tags: Required value'],
    [
      { ports: [70000] },
      'spec.ports[0]: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      { startup: 'soon' },
      'spec.startup: Invalid value: "soon": a duration such as 500ms, 30s, 2m or 1h30m',
    ],
    [
      { resources: { memory: 'lots' } },
      'spec.resources.memory: Invalid value: "lots": quantities must match',
    ],
    [
      { tagOverrides: { '9.9': { startup: '5s' } } },
      'spec.tagOverrides[9.9]: Invalid value: "9.9": overrides a tag that is not in spec.tags',
    ],
    // Fields of the wrong type are refused as a CRD's schema refuses them, before anything reads them.
    [
      { healthPaths: '/health' },
      'Image.drydock.dev "backend" is invalid: spec.healthPaths: Invalid value: "string": spec.healthPaths in body must be of type array: "string"',
    ],
    [
      { logs: { start: [{ a: 1 }] } },
      'spec.logs.start[0]: Invalid value: "object": spec.logs.start[0] in body must be of type string: "object"',
    ],
    [
      { tagOverrides: { '2.0': { failure: { exitCode: '1' } } } },
      'spec.tagOverrides.2.0.failure.exitCode: Invalid value: "string": spec.tagOverrides.2.0.failure.exitCode in body must be of type integer: "string"',
    ],
    [
      { tagOverrides: '2.0' },
      'spec.tagOverrides: Invalid value: "string": spec.tagOverrides in body must be of type object: "string"',
    ],
  ])('rejects %j with the field and the fix', (spec, message) => {
    const sim = newSim()
    expect(() => sim.store.create(image(spec as Partial<Image['spec']>))).toThrow(message)
    expect(sim.store.list('Image')).toHaveLength(0)
  })

  it('pulls a declared image and runs it with its ports, health paths and logs', () => {
    const sim = newSim()
    apply(
      sim,
      image({
        healthPaths: ['/health'],
        startup: '3s',
        logs: {
          start: ['Listening on :3000'],
          every: { period: '10s', lines: ['GET /health 200'] },
        },
      }),
    )
    apply(
      sim,
      pod('api', {
        image: 'mon-user/devops-backend:1.0',
        ports: [{ containerPort: 3000 }],
        readinessProbe: { httpGet: { path: '/health', port: 3000 }, periodSeconds: 2 },
      }),
    )
    sim.runFor(60_000)
    expect(summarisePod(live(sim, 'api'), sim.nowMs()).status).toBe('Running')
    expect(live(sim, 'api').status?.containerStatuses?.[0]?.ready).toBe(true)
    const logs = sim.kubelet.logs('default', 'api', undefined)
    expect('error' in logs ? logs.error : logs.map((l) => l.text).slice(0, 3)).toEqual([
      'Listening on :3000',
      'GET /health 200',
      'GET /health 200',
    ])
  })

  it('fails an undeclared tag like a registry miss', () => {
    const sim = newSim()
    apply(sim, image({}))
    apply(sim, pod('api', { image: 'mon-user/devops-backend:3.0' }))
    sim.runFor(30_000)
    const waiting = live(sim, 'api').status?.containerStatuses?.[0]?.state.waiting
    expect(waiting?.reason).toBe('ImagePullBackOff')
    expect(waiting?.message).toContain('docker.io/mon-user/devops-backend:3.0: not found')
  })

  it('gives each tag its own behaviour: 2.0 crashes after 20 s with its last words', () => {
    const sim = newSim()
    apply(
      sim,
      image({
        tagOverrides: {
          '2.0': { failure: { exitAfter: '20s', exitCode: 3, logs: ['panic: nil map'] } },
        },
      }),
    )
    apply(sim, pod('v1', { image: 'mon-user/devops-backend:1.0' }))
    apply(sim, pod('v2', { image: 'mon-user/devops-backend:2.0' }))
    sim.runFor(60_000)
    expect(live(sim, 'v1').status?.containerStatuses?.[0]?.restartCount).toBe(0)
    expect(lastExit(sim, 'v2')).toMatchObject({ reason: 'Error', exitCode: 3 })
    const previous = sim.kubelet.logs('default', 'v2', undefined, true)
    expect('error' in previous ? previous.error : previous.map((l) => l.text)).toEqual([
      'panic: nil map',
    ])
  })

  it('OOM-kills a leaking process when it reaches its memory limit', () => {
    const sim = newSim()
    apply(sim, image({ resources: { memory: '64Mi' }, failure: { memoryLeakPerMinute: '32Mi' } }))
    apply(
      sim,
      pod('leaky', {
        image: 'mon-user/devops-backend:1.0',
        resources: { limits: { memory: '128Mi' } },
      }),
    )
    sim.runFor(60_000)
    const usage = sim.kubelet.podMetrics('default', 'leaky')!
    expect(usage[0]!.memoryBytes).toBeGreaterThan(64 * 2 ** 20)
    expect(lastExit(sim, 'leaky')).toBeUndefined()
    sim.runFor(120_000)
    expect(lastExit(sim, 'leaky')).toMatchObject({ reason: 'OOMKilled', exitCode: 137 })
  })

  it('stops serving its health path after unhealthyAfter, so a liveness probe restarts it', () => {
    const sim = newSim()
    apply(sim, image({ failure: { unhealthyAfter: '30s' } }))
    apply(
      sim,
      pod('sick', {
        image: 'mon-user/devops-backend:1.0',
        livenessProbe: { httpGet: { path: '/', port: 3000 }, periodSeconds: 5 },
      }),
    )
    sim.runFor(25_000)
    expect(live(sim, 'sick').status?.containerStatuses?.[0]?.restartCount).toBe(0)
    sim.runFor(40_000)
    expect(live(sim, 'sick').status?.containerStatuses?.[0]?.restartCount).toBe(1)
  })

  it('throttles a process to its CPU limit, which slows its start-up by the same factor', () => {
    const sim = newSim()
    apply(sim, image({ startup: '2s', resources: { cpu: '500m' }, healthPaths: ['/'] }))
    const probe = { httpGet: { path: '/', port: 3000 }, periodSeconds: 1 }
    apply(sim, pod('free', { image: 'mon-user/devops-backend:1.0', readinessProbe: probe }))
    apply(
      sim,
      pod('capped', {
        image: 'mon-user/devops-backend:1.0',
        readinessProbe: probe,
        resources: { limits: { cpu: '100m' } },
      }),
    )
    const readyAt = (name: string): number | undefined => {
      const cs = live(sim, name).status?.containerStatuses?.[0]
      return cs?.ready ? Date.parse(cs.state.running!.startedAt!) : undefined
    }
    sim.runUntilTrue(() => readyAt('free') !== undefined, 60_000)
    const freeReady = sim.nowMs()
    sim.runUntilTrue(() => readyAt('capped') !== undefined, 60_000)
    // 2 s of start-up at a fifth of the CPU it wants takes 10 s.
    expect(sim.nowMs() - freeReady).toBeGreaterThanOrEqual(7_000)
    expect(sim.kubelet.podMetrics('default', 'capped')![0]!.cpuMillis).toBe(100)
    expect(sim.kubelet.podMetrics('default', 'free')![0]!.cpuMillis).toBe(500)
  })

  it('forgets an image when its object is deleted', () => {
    const sim = newSim()
    apply(sim, image({}))
    expect(sim.registry.resolve('mon-user/devops-backend:1.0').ok).toBe(true)
    sim.store.delete({ kind: 'Image', name: 'backend' })
    sim.settle()
    expect(sim.registry.resolve('mon-user/devops-backend:1.0').ok).toBe(false)
  })
})

describe('the open registry', () => {
  it('pulls any image and runs it as a server on the ports the container declares', () => {
    const sim = new Simulation({ seed: 1, strict: true, openRegistry: true })
    apply(
      sim,
      pod('anything', {
        image: 'example.com/team/service:7.3',
        ports: [{ containerPort: 8080 }],
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      }),
    )
    sim.runFor(60_000)
    expect(live(sim, 'anything').status?.containerStatuses?.[0]?.ready).toBe(true)
    expect(sim.registry.resolve('not a reference').ok).toBe(false)
  })
})
