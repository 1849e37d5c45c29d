import type { DescribeOptions } from './describe'
import type { GetOptions } from './get'
import type { LogsOptions } from './logs'
import type { RolloutOptions } from './rollout'

/** A read-only kubectl command, as a person types it at a prompt. */
export type KubectlCommand =
  | { readonly verb: 'get'; readonly options: GetOptions }
  | { readonly verb: 'describe'; readonly options: DescribeOptions }
  | { readonly verb: 'logs'; readonly options: LogsOptions }
  | { readonly verb: 'rollout'; readonly options: RolloutOptions }
  | { readonly verb: 'delete'; readonly options: DeleteOptions }
  | { readonly verb: 'scale'; readonly options: ScaleOptions }

/** `kubectl delete <type> <name>...`, `kubectl delete <type>/<name>`. */
export interface DeleteOptions {
  readonly args: readonly string[]
  readonly namespace?: string
}

/** `kubectl scale <type> <name> --replicas=N`, `kubectl scale <type>/<name> --replicas=N`. */
export interface ScaleOptions {
  readonly args: readonly string[]
  readonly namespace?: string
  readonly replicas: number
}

/** The flags each verb takes, with whether they take a value. */
const FLAGS: Record<KubectlCommand['verb'], Record<string, 'value' | 'switch'>> = {
  // `--watch=false` is all there is here: a prompt answers once.
  rollout: { namespace: 'value', watch: 'switch' },
  delete: { namespace: 'value' },
  scale: { namespace: 'value', replicas: 'value' },
  get: {
    namespace: 'value',
    'all-namespaces': 'switch',
    output: 'value',
    'show-labels': 'switch',
  },
  describe: { namespace: 'value', 'all-namespaces': 'switch' },
  logs: {
    namespace: 'value',
    container: 'value',
    previous: 'switch',
    tail: 'value',
    timestamps: 'switch',
  },
}

const SHORT: Record<string, string> = {
  n: 'namespace',
  A: 'all-namespaces',
  o: 'output',
  c: 'container',
  p: 'previous',
}

/**
 * Reads `kubectl get pods -n shop`, `kubectl logs deploy/web --tail=20`,
 * `kubectl rollout status deploy/web`: the
 * verbs that only read, with the flags Drydock's views know, or an error in
 * kubectl's words (`error: unknown command "apply" for "kubectl"`).
 */
export function parseKubectlLine(line: string): KubectlCommand | { error: string } {
  const words = splitWords(line)
  if ('error' in words) return words
  const [first, typed, ...rest] = words.words
  if (first !== 'kubectl') return { error: 'error: a command starts with "kubectl"' }
  if (typed === undefined)
    return { error: 'error: say what to do: kubectl get, describe, logs or rollout status' }
  if (!Object.hasOwn(FLAGS, typed))
    return {
      error: `error: unknown command "${typed}" for "kubectl"${READ_ONLY.has(typed) ? '' : `\nHere the cluster changes by commits; get, describe, logs and rollout read it, and delete and scale make the drift an app heals.`}`,
    }
  const verb = typed as KubectlCommand['verb']
  if (verb === 'rollout' && rest[0] !== 'status' && rest[0] !== 'history')
    return {
      error:
        rest[0] === undefined || rest[0].startsWith('-')
          ? 'error: say which: kubectl rollout status or kubectl rollout history'
          : `error: unknown command "${rest[0]}" for "kubectl rollout"${ROLLOUT_HINTS[rest[0]] ?? ''}`,
    }
  const action = verb === 'rollout' ? (rest.shift() as 'status' | 'history') : undefined
  const flags: Record<string, string | boolean> = {}
  const args: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!
    if (word === '--') {
      args.push(...rest.slice(i + 1))
      break
    }
    if (!word.startsWith('-') || word === '-') {
      args.push(word)
      continue
    }
    // A short flag may carry its value: `-ojson`, `-nshop`.
    const attached = !word.startsWith('--') && word.length > 2 && !word.includes('=')
    const eq = attached ? 2 : word.indexOf('=')
    const raw = eq < 0 ? word : word.slice(0, eq)
    const long = raw.startsWith('--') ? raw.slice(2) : SHORT[raw.slice(1)]
    const kind = long === undefined ? undefined : FLAGS[verb][long]
    if (long === undefined || kind === undefined)
      return { error: `error: unknown flag: ${raw}\nSee 'kubectl ${verb} --help' for usage.` }
    if (kind === 'switch') {
      if (attached) return { error: `error: unknown shorthand flag: '${word[2]}' in ${word}` }
      flags[long] = eq < 0 ? true : word.slice(eq + 1) !== 'false'
      continue
    }
    const value = eq < 0 ? rest[++i] : word.slice(attached ? eq : eq + 1)
    if (value === undefined) return { error: `error: flag needs an argument: ${raw}` }
    flags[long] = value
  }
  const namespace = flags.namespace as string | undefined
  const allNamespaces = flags['all-namespaces'] === true
  switch (verb) {
    case 'get': {
      const output = flags.output as string | undefined
      if (output !== undefined && !OUTPUTS.has(output))
        return {
          error: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,wide,yaml`,
        }
      return {
        verb,
        options: {
          args,
          namespace,
          allNamespaces,
          wide: output === 'wide',
          format: output === 'yaml' || output === 'json' ? output : undefined,
          showLabels: flags['show-labels'] === true,
        },
      }
    }
    case 'describe':
      return { verb, options: { args, namespace, allNamespaces } }
    case 'rollout':
      return { verb, options: { action: action!, args, namespace } }
    case 'delete':
      if (args.length === 0)
        return {
          error:
            'error: You must provide one or more resources by argument or filename.\nHere the cluster changes by commits: name what to delete, e.g. kubectl delete pod web-7d4b9c-x2x7z',
        }
      return { verb, options: { args, namespace } }
    case 'scale': {
      if (flags.replicas === undefined)
        return { error: 'error: required flag(s) "replicas" not set' }
      const replicas = Number(flags.replicas)
      if (!Number.isInteger(replicas) || replicas < 0)
        return {
          error:
            'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
        }
      return { verb, options: { args, namespace, replicas } }
    }
    case 'logs': {
      const tail = flags.tail === undefined ? undefined : Number(flags.tail)
      if (tail !== undefined && !Number.isInteger(tail))
        return { error: `error: invalid argument "${String(flags.tail)}" for "--tail" flag` }
      return {
        verb,
        options: {
          args,
          namespace,
          container: flags.container as string | undefined,
          previous: flags.previous === true,
          tail,
          timestamps: flags.timestamps === true,
        },
      }
    }
  }
}

const OUTPUTS = new Set(['wide', 'yaml', 'json'])

/** What to do instead of the rollout commands that change the cluster. */
const ROLLOUT_HINTS: Record<string, string> = {
  undo: '\nHere the cluster changes by commits: roll back from the history.',
  restart: '\nHere the cluster changes by commits: commit a change to the pod template.',
  pause: '\nHere the cluster changes by commits: commit paused: true in the Deployment.',
  resume: '\nHere the cluster changes by commits: commit the Deployment without paused: true.',
}

/** Verbs kubectl has that read only, which Drydock could answer one day. */
const READ_ONLY = new Set(['top', 'explain', 'events', 'api-resources', 'version'])

/** Words as a shell splits them: on spaces, with single and double quotes kept together. */
function splitWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: string | undefined
  for (const c of line.trim()) {
    if (quote) {
      if (c === quote) quote = undefined
      else word += c
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      inWord = true
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (quote) return { error: `error: a quote (${quote}) is not closed` }
  if (inWord) words.push(word)
  return { words }
}
