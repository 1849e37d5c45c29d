import type { ClusterReader } from '../../../src-main/sim/views/describe/context'
import { kubectlDescribe } from '../../../src-main/sim/views/kubectl/describe'
import { kubectlGet } from '../../../src-main/sim/views/kubectl/get'

/**
 * Runs kubectl commands against a cluster and writes them out as a terminal
 * would show them: the command, then what it printed (stdout, then stderr).
 * Flags understood: `-n <ns>`, `-A`, `-o wide`, `--show-labels`.
 */
export function transcript(cluster: ClusterReader, nowMs: number, ...commands: string[]): string {
  return commands
    .map((command) => {
      const [verb, ...words] = command.split(/\s+/)
      const args: string[] = []
      let namespace: string | undefined
      let allNamespaces = false
      let wide = false
      let showLabels = false
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!
        if (w === '-n') namespace = words[++i]
        else if (w === '-A') allNamespaces = true
        else if (w === '-o' && words[i + 1] === 'wide') wide = !!words[++i]
        else if (w === '--show-labels') showLabels = true
        else args.push(w)
      }
      const out =
        verb === 'get'
          ? kubectlGet(cluster, nowMs, { args, namespace, allNamespaces, wide, showLabels })
          : kubectlDescribe(cluster, nowMs, { args, namespace, allNamespaces })
      return `$ kubectl ${command}\n${out.stdout}${out.stderr}`
    })
    .join('\n')
}
