import { describe, expect, it } from 'vitest'
import type { Deployment, DeploymentStrategy } from '../../../src-main/sim/api/apps'
import { deployment } from '../../helpers/manifests'
import { newSim } from '../../helpers/sim'

const withStrategy = (strategy: unknown): Deployment => {
  const d = deployment('web', { replicas: 4 })
  d.spec.strategy = strategy as DeploymentStrategy
  return d
}

const rolling = (rollingUpdate: Record<string, unknown>) => ({
  type: 'RollingUpdate',
  rollingUpdate,
})

const at = 'spec.strategy.rollingUpdate'
const percentFormat =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

describe("a Deployment's strategy as the API server checks it (ValidateDeploymentStrategy)", () => {
  it.each([
    [
      'a surge that is not a percent',
      rolling({ maxSurge: 'Bad_Name' }),
      `${at}.maxSurge: Invalid value: Bad_Name: ${percentFormat}`,
    ],
    [
      'a number written as a string',
      rolling({ maxUnavailable: '1' }),
      `${at}.maxUnavailable: Invalid value: 1: ${percentFormat}`,
    ],
    [
      'a negative surge',
      rolling({ maxSurge: -1 }),
      `${at}.maxSurge: Invalid value: -1: must be greater than or equal to 0`,
    ],
    [
      'both at zero',
      rolling({ maxSurge: '0%', maxUnavailable: 0 }),
      `${at}.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`,
    ],
    [
      'more than all pods unavailable',
      rolling({ maxUnavailable: '150%' }),
      `${at}.maxUnavailable: Invalid value: 150%: must not be greater than 100%`,
    ],
    [
      // An invalid string counts as 0 (`IntValue`), so both errors come.
      'two invalid strings',
      rolling({ maxSurge: 'x', maxUnavailable: 'y' }),
      `[${at}.maxUnavailable: Invalid value: y: ${percentFormat}, ${at}.maxSurge: Invalid value: x: ${percentFormat}, ${at}.maxUnavailable: Invalid value: y: may not be 0 when \`maxSurge\` is 0]`,
    ],
    [
      'a rolling update block on Recreate',
      { type: 'Recreate', rollingUpdate: { maxSurge: 1 } },
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
    [
      'an unknown type',
      { type: 'BlueGreen' },
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ],
  ])('refuses %s', (_what, strategy, message) => {
    const sim = newSim()
    expect(() => sim.store.create(withStrategy(strategy))).toThrow(
      expect.objectContaining({ message: `Deployment.apps "web" is invalid: ${message}` }),
    )
    expect(sim.store.list('Deployment')).toEqual([])
  })

  it.each([
    ['a surge past 100 %', rolling({ maxSurge: '200%' })],
    ['no surge with one unavailable', rolling({ maxSurge: 0, maxUnavailable: 1 })],
    ['Recreate alone', { type: 'Recreate' }],
  ])('accepts %s', (_what, strategy) => {
    const sim = newSim()
    sim.store.create(withStrategy(strategy))
    sim.runFor(60_000)
    expect(sim.store.get<Deployment>('Deployment', 'default', 'web')?.status?.readyReplicas).toBe(4)
  })

  it('defaults an empty type as a missing one: a rolling update of 25 % each way', () => {
    const created = newSim().store.create(withStrategy({ type: '' }))
    expect(created.spec.strategy).toEqual(rolling({ maxSurge: '25%', maxUnavailable: '25%' }))
  })

  it('refuses the same on update, and keeps the live Deployment', () => {
    const sim = newSim()
    const live = sim.store.create(withStrategy(rolling({ maxSurge: 1, maxUnavailable: 0 })))
    expect(() =>
      sim.store.update({ ...live, spec: { ...live.spec, strategy: rolling({ maxSurge: 'x' }) } }),
    ).toThrow(`${at}.maxSurge: Invalid value: x: ${percentFormat}`)
    expect(sim.store.get('Deployment', 'default', 'web')).toBe(live)
  })
})
