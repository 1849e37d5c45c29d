import { describe, expect, it } from 'vitest'
import { parseKubectlLine } from '../../../src-main/sim/views/kubectl/command-line'

describe('a kubectl command line, as typed at the prompt', () => {
  it.each([
    [
      'kubectl get pods',
      {
        verb: 'get',
        options: { args: ['pods'], allNamespaces: false, wide: false, showLabels: false },
      },
    ],
    [
      'kubectl get deploy,svc -o wide -A --show-labels',
      {
        verb: 'get',
        options: { args: ['deploy,svc'], allNamespaces: true, wide: true, showLabels: true },
      },
    ],
    [
      '  kubectl   get pods -n shop  ',
      { verb: 'get', options: { args: ['pods'], namespace: 'shop' } },
    ],
    ['kubectl get pods --namespace=shop', { verb: 'get', options: { namespace: 'shop' } }],
    [
      'kubectl get pod web -o yaml',
      { verb: 'get', options: { args: ['pod', 'web'], format: 'yaml', wide: false } },
    ],
    ['kubectl get pods -ojson', { verb: 'get', options: { format: 'json' } }],
    [
      'kubectl describe deployment web',
      { verb: 'describe', options: { args: ['deployment', 'web'] } },
    ],
    [
      'kubectl logs deploy/web -c nginx -p --tail=20 --timestamps',
      {
        verb: 'logs',
        options: {
          args: ['deploy/web'],
          container: 'nginx',
          previous: true,
          tail: 20,
          timestamps: true,
        },
      },
    ],
    ['kubectl logs "web 1"', { verb: 'logs', options: { args: ['web 1'] } }],
    [
      'kubectl delete pod a b -n shop',
      { verb: 'delete', options: { args: ['pod', 'a', 'b'], namespace: 'shop' } },
    ],
    [
      'kubectl scale deploy/web --replicas 5',
      { verb: 'scale', options: { args: ['deploy/web'], replicas: 5 } },
    ],
    [
      'kubectl rollout status deploy/web -n shop --watch=false',
      { verb: 'rollout', options: { action: 'status', args: ['deploy/web'], namespace: 'shop' } },
    ],
    [
      'kubectl rollout history deployment web',
      { verb: 'rollout', options: { action: 'history', args: ['deployment', 'web'] } },
    ],
    ['kubectl logs web -- app', { verb: 'logs', options: { args: ['web', 'app'] } }],
  ])('%s', (line, expected) => {
    expect(parseKubectlLine(line)).toMatchObject(expected)
  })

  it.each([
    ['get pods', 'error: a command starts with "kubectl"'],
    ['kubectl', 'error: say what to do: kubectl get, describe, logs or rollout status'],
    ['kubectl rollout', 'error: say which: kubectl rollout status or kubectl rollout history'],
    [
      'kubectl rollout undo deploy/web',
      'error: unknown command "undo" for "kubectl rollout"\nHere the cluster changes by commits: roll back from the history.',
    ],
    [
      'kubectl apply -f web.yaml',
      'error: unknown command "apply" for "kubectl"\nHere the cluster changes by commits; get, describe, logs and rollout read it, and delete and scale make the drift an app heals.',
    ],
    ['kubectl top pods', 'error: unknown command "top" for "kubectl"'],
    ['kubectl scale deploy web', 'error: required flag(s) "replicas" not set'],
    [
      'kubectl scale deploy web --replicas=-1',
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
    ],
    [
      'kubectl delete',
      'error: You must provide one or more resources by argument or filename.\nHere the cluster changes by commits: name what to delete, e.g. kubectl delete pod web-7d4b9c-x2x7z',
    ],
    [
      'kubectl delete -f web.yaml',
      "error: unknown flag: -f\nSee 'kubectl delete --help' for usage.",
    ],
    [
      'kubectl get pods --watch',
      "error: unknown flag: --watch\nSee 'kubectl get --help' for usage.",
    ],
    [
      'kubectl describe pod web -c app',
      "error: unknown flag: -c\nSee 'kubectl describe --help' for usage.",
    ],
    ['kubectl get pods -n', 'error: flag needs an argument: -n'],
    [
      'kubectl get pods -o jsonpath={.items}',
      'error: unable to match a printer suitable for the output format "jsonpath={.items}", allowed formats are: json,wide,yaml',
    ],
    ['kubectl logs web --tail=ten', 'error: invalid argument "ten" for "--tail" flag'],
    ["kubectl logs 'web", "error: a quote (') is not closed"],
  ])('%s is refused: %s', (line, error) => {
    expect(parseKubectlLine(line)).toEqual({ error })
  })
})
