import path from 'node:path'
import type { ManifestTools, ToolInput, ToolResult } from '../../gitops/ports'
import { withCommitTree } from './checkout'
import { findTool, type ToolLookupOptions, type ToolPurpose } from './find-tool'
import { runTool } from './run-tool'

export interface HostToolsOptions extends ToolLookupOptions {
  timeoutMs?: number
}

/**
 * Kustomize and Helm for the reconciler: the real `kubectl kustomize` and
 * `helm template`, run on the commit's tree written to a temporary folder.
 */
export class HostManifestTools implements ManifestTools {
  constructor(private readonly options: HostToolsOptions = {}) {}

  kustomizeBuild(input: ToolInput): Promise<ToolResult> {
    return this.run('kustomize', input, () => [input.dir || '.'])
  }

  helmTemplate(
    input: ToolInput & { releaseName: string; namespace: string; valueFiles: string[] },
  ): Promise<ToolResult> {
    return this.run('helm', input, () => [
      input.releaseName,
      input.dir || '.',
      '--namespace',
      input.namespace,
      ...input.valueFiles.flatMap((f) => ['--values', f]),
    ])
  }

  private async run(
    purpose: ToolPurpose,
    input: ToolInput,
    args: () => string[],
  ): Promise<ToolResult> {
    let tool
    try {
      tool = await findTool(purpose, this.options)
    } catch (e) {
      return { ok: false, error: `cannot render ${label[purpose]}: ${(e as Error).message}` }
    }
    if ('missing' in tool) return { ok: false, error: tool.missing }
    const found = tool
    return withCommitTree(input.source, input.sha, (dir, scratch) =>
      runTool(found.path, [...found.args, ...args()], {
        cwd: dir,
        env: toolEnv(scratch),
        timeoutMs: this.options.timeoutMs,
        hide: [dir],
      }),
    )
  }
}

const label: Record<ToolPurpose, string> = { kustomize: 'Kustomize', helm: 'Helm' }

/** Helm and kubectl keep their caches and config in a folder of their own, not the user's. */
function toolEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
    KUBECONFIG: path.join(home, 'kubeconfig'),
  }
}

let shared: HostManifestTools | undefined

/** The tools every session shares (their unpacking happens once per process). */
export function hostManifestTools(): HostManifestTools {
  shared ??= new HostManifestTools()
  return shared
}
