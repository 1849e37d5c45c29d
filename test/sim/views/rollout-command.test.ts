import { describe, expect, it } from 'vitest'
import { kubectlRollout } from '../../../src-main/sim/views/kubectl/rollout'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, withImage, deploymentNamed } from '../../helpers/sim'

describe('kubectl rollout status and history, once', () => {
  const sim = newSim()
  apply(sim, deployment('web', { replicas: 4 }))
  sim.runFor(60_000)
  apply(sim, withImage(deploymentNamed(sim, 'web'), 'nginx:1.28'))
  sim.runFor(60_000)
  apply(sim, withImage(deploymentNamed(sim, 'web'), 'nginx:1.290'))
  sim.runFor(5_000)

  it('says where the rollout stands now, as --watch=false prints it', () => {
    expect(kubectlRollout(sim.store, { action: 'status', args: ['deploy/web'] })).toEqual({
      stdout: expect.stringMatching(
        /^Waiting for deployment "web" rollout to finish: \d out of 4 new replicas have been updated\.\.\.\n$/,
      ),
      stderr: '',
      exitCode: 0,
    })
    sim.runFor(600_000)
    expect(kubectlRollout(sim.store, { action: 'status', args: ['deployment', 'web'] })).toEqual({
      stdout: '',
      stderr: 'error: deployment "web" exceeded its progress deadline\n',
      exitCode: 1,
    })
  })

  it('lists the revisions', () => {
    expect(kubectlRollout(sim.store, { action: 'history', args: ['deployment/web'] }).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n\n',
    )
  })

  it.each([
    [['deploy/nope'], 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [['svc/web'], 'Error from server (NotFound): services "web" not found\n'],
    [
      ['deploy'],
      'error: required resource not specified: kubectl rollout status deployment/<name>\n',
    ],
  ])('refuses %j as kubectl does', (args, stderr) => {
    expect(kubectlRollout(sim.store, { action: 'status', args })).toEqual({
      stdout: '',
      stderr,
      exitCode: 1,
    })
  })
})
