import { describe, expect, it } from 'vitest'
import { readScenario } from '../../src-main/host/course'
import { scenarioDir } from '../helpers/paths'

describe('the first-deployment scenario', () => {
  it('has the five steps of the lab, each a whole tree with its message', async () => {
    const steps = await readScenario(scenarioDir('first-deployment'))
    expect(steps.map((s) => s.message.trim().split('\n')[0])).toEqual([
      'Deploy web: 2 replicas of nginx 1.27 behind a Service',
      'Scale web to 5 replicas',
      'Roll out nginx 1.28',
      'Upgrade web to nginx 1.29',
      'Fix the image tag: nginx 1.29',
    ])
    for (const step of steps)
      expect(Object.keys(step.files).sort()).toEqual(['deployment.yaml', 'service.yaml'])
  })
})
