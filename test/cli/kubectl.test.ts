import { afterAll, describe, expect, it } from 'vitest'
import { kubectlAfterSync } from '../../src-main/host/kubectl'
import { courseRepo } from '../helpers/course'
import { removeDir } from '../helpers/git'
import { drydockIn } from '../helpers/cli'

const drydock = drydockIn

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('drydock get, describe and logs, on a repository made with git', async () => {
  // The lab's first commit only: two nginx pods behind a Service.
  const course = await courseRepo('first-deployment', 1)
  dirs.push(course.dir)

  it('drydock get pods prints the kubectl table of the synced revision, from the current folder', async () => {
    const run = drydock(course.dir, 'get', 'pods')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe('NAME                   READY   STATUS    RESTARTS   AGE')
    expect(lines.slice(1, 3)).toEqual([
      expect.stringMatching(
        /^web-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5} {3}1\/1 {5}Running {3}0 {10}\d+s$/,
      ),
      expect.stringMatching(
        /^web-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5} {3}1\/1 {5}Running {3}0 {10}\d+s$/,
      ),
    ])
    expect(lines.slice(3)).toEqual([''])
    // Byte for byte what the views render for the same sync.
    const { output } = await kubectlAfterSync(
      { repoPath: course.dir },
      { verb: 'get', options: { args: ['pods'] } },
    )
    expect(run.stdout).toBe(output.stdout)
  })

  it('drydock describe deployment web prints kubectl describe', async () => {
    const run = drydock(course.dir, 'describe', 'deployment', 'web')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Name: {19}web\nNamespace: {14}default\n/)
    expect(run.stdout).toContain(
      '\nReplicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n',
    )
    expect(run.stdout).toMatch(/\nNewReplicaSet: {3}web-[a-z0-9]+ \(2\/2 replicas created\)\n/)
    expect(run.stdout).toMatch(
      /\n {2}Normal {2}ScalingReplicaSet {2}\d+s +deployment-controller {2}Scaled up replica set web-[a-z0-9]+ to 2\n$/,
    )
    const { output } = await kubectlAfterSync(
      { repoPath: course.dir },
      { verb: 'describe', options: { args: ['deployment', 'web'] } },
    )
    expect(run.stdout).toBe(output.stdout)
  })

  it('drydock logs deployment/web prints the log of the pod kubectl would pick', async () => {
    const run = drydock(course.dir, 'logs', 'deployment/web', '--tail', '2', '--timestamps')
    expect(run.status).toBe(0)
    expect(run.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/)
    const lines = run.stdout.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000000Z \S/)
    const { output } = await kubectlAfterSync(
      { repoPath: course.dir },
      { verb: 'logs', options: { args: ['deployment/web'], tail: 2, timestamps: true } },
    )
    expect(run.stdout).toBe(output.stdout)
    expect(run.stderr).toBe(output.stderr)
  })

  it('takes --repo, -o wide, -A, --show-labels and the sync flags', () => {
    const run = drydock(
      '/',
      'get',
      'deploy,svc',
      '-o',
      'wide',
      '-A',
      '--show-labels',
      '--repo',
      course.dir,
      '--seed',
      '3',
      '--revision',
      'HEAD',
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const [deployments, services] = run.stdout.split('\n\n')
    expect(deployments).toMatch(
      /^NAMESPACE +NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR +LABELS\ndefault +deployment\.apps\/web +2\/2 +2 +2 +\d+s +nginx +nginx:1\.27 +app=web +app=web$/,
    )
    expect(services).toMatch(
      /^NAMESPACE +NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE +SELECTOR +LABELS\n/,
    )
    expect(services).toMatch(/\ndefault +service\/web +ClusterIP /)
  })

  it('syncs into --app-namespace, while -n picks the namespace to show', () => {
    const run = drydock(
      course.dir,
      'get',
      'deploy',
      '--app-namespace',
      'kube-public',
      '-n',
      'kube-public',
    )
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +2\/2 /)
  })

  it.each([
    [['get', 'foo'], 1, '', 'error: the server doesn\'t have a resource type "foo"\n'],
    [
      ['describe', 'deployment', 'nope'],
      1,
      '',
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    ],
    [['get', 'pods', '-n', 'kube-system'], 0, '', 'No resources found in kube-system namespace.\n'],
    [['logs', 'web-x'], 1, '', 'Error from server (NotFound): pods "web-x" not found\n'],
  ])('drydock %j exits %i with kubectl’s words', (args, status, stdout, stderr) => {
    const run = drydock(course.dir, ...args)
    expect(run).toEqual({ status, stdout, stderr })
  })

  it('explains usage mistakes with exit 2', () => {
    const run = drydock(course.dir, 'get')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^drydock get: get needs the type of resource to get/)
    expect(drydock(course.dir, 'get', 'pods', '-o', 'jsonpath').stderr).toMatch(
      /unable to match a printer suitable for the output format "jsonpath", allowed formats are: json,wide,yaml/,
    )
    const logs = drydock(course.dir, 'logs', 'deploy/web', '--tail', 'ten')
    expect(logs.status).toBe(2)
    expect(logs.stderr).toMatch(/--tail ten: expected a whole number of lines/)
    expect(drydock(course.dir, 'logs').stderr).toMatch(/logs needs a pod or TYPE\/NAME/)
  })
})
