import { DEMO_SCENARIO, materialiseScenario } from '../../host/course'
import { UsageError, parse } from '../args'
import { projectRoot } from '../project'

/** `drydock demo [scenario]`: (re)writes a course scenario as a Git repository and prints its path. */
export async function demoCommand(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {})
  if (positionals.length > 1) throw new UsageError('demo takes at most one scenario name')
  const scenario = positionals[0] ?? DEMO_SCENARIO
  const { dir, shas } = await materialiseScenario(projectRoot, scenario, Date.now())
  console.log(`Wrote ${scenario} to ${dir} (${shas.length} commits on main)`)
  return 0
}
