import { FaultError, SourceError, TrafficSpecError } from '../host/errors'
import { UsageError } from './args'
import { demoCommand } from './commands/demo'
import { describeCommand } from './commands/describe'
import { diffCommand } from './commands/diff'
import { getCommand } from './commands/get'
import { logsCommand } from './commands/logs'
import { historyCommand } from './commands/history'
import { replayCommand } from './commands/replay'
import { revertCommand, rollbackCommand } from './commands/rollback'
import { serveCommand } from './commands/serve'
import { startCommand } from './commands/start'
import { syncCommand } from './commands/sync'

const usage = `Usage: drydock <command> [options]

Commands:
  sync <repo> [--revision <ref>] [--json] [--seed <n>] [--timeout <duration>]
       [--fault <spec>]... [--chaos <seed>] [--traffic <target>=<rps>]...
       [--for <duration>]
                       apply a revision to a fresh simulated cluster, run until the
                       rollout settles, and print what a cluster would show
  replay <repo> [--from <ref>] [--to <ref>] [sync options but --revision] [--json]
                       apply each commit after --from (the root commit on)
                       up to --to (HEAD) along first parents, in order, each until
                       it settles, to one simulated cluster; with --from, the
                       cluster starts with that commit applied and settled
  get <type> [name...] [-o wide|yaml|json] [-A] [--show-labels] [--repo <path>] [sync options]
                       sync a revision (of --repo, or of the current folder) into a
                       fresh simulated cluster and print what "kubectl get" would
  describe <type> [name] [-A] [--repo <path>] [sync options]
                       the same, printing what "kubectl describe" would
  logs <pod | type/name> [container] [-c <container>] [-p] [--tail <n>] [--timestamps]
       [--repo <path>] [sync options]
                       the same, printing what "kubectl logs" would
  diff <repo> [--revision <ref>] [--from <ref>] [--app <name>] [--json]
                       what a sync of the revision (the branch tip) would apply to
                       the cluster the app's last successful sync left (or --from)
  history <repo> [--app <name>] [--json] [--keep <n>]
                       the syncs each app recorded, oldest first; --keep forgets
                       all but the newest n
  rollback <repo> <history-number | revision> [--app <name>] [--json]
                       commit the app's folder as it was at that sync's revision
  revert <repo> <revision> [--app <name>] [--json]
                       commit the inverse of one commit, as git revert does
  start [repo]         open the app on a repository (the demo repository by default);
                       browser mode when Electron is not installed
  serve [repo] [--port <n>]
                       browser mode only: serve the app on http://127.0.0.1
  demo [scenario]      write a course scenario from repos/ as a Git repository

Sync options: --revision <ref>, --seed <n>, --timeout <duration>, --path <dir>,
-n/--namespace <ns> (the app's namespace; for get, describe and logs, -n is kubectl's
namespace to look in, and --app-namespace <ns> the app's),
--fault <target>/<name>:<fault>[@<time>] (repeatable; time from the start of the
sync, e.g. hypervisor/hv-b:crash@60s; faults: host power-off, power-on;
hypervisor crash, recover; vm power-off, power-on, reboot, migrate,
migrate-to-<hypervisor>, migrate-back; node stop-kubelet, start-kubelet,
partition, reconnect, cordon, uncordon, drain, fill-memory, free-memory;
pod/[<namespace>/]<name> delete, kill; container/[<namespace>/]<pod>/<container>
kill), --chaos <seed>[,every=<duration>][,down=<duration>] (with --for: a seeded
series of faults, each undone after a while, listed with the others),
--traffic <target>=<rps>[@<time>] (repeatable; a client sending
that many requests a second, once the target has a ready endpoint or from
<time>: <service>[.<namespace>][:<port>][/<path>] through its ClusterIP,
nodeport/<service>, loadbalancer/<service>, or http://<host>/<path> through the
Ingress rules), --for <duration> (keep the cluster running at least that long
from the start, e.g. 10m); for replay, times count from the start of the replay.

Exit status: 0 when the sync is healthy (replay: when the last commit ends
Succeeded; get, describe, logs: when kubectl would succeed; diff: when nothing would
change), 1 when it is not, 2 for bad input.`

type Command = (argv: string[]) => Promise<number>

const commands: Record<string, Command> = {
  sync: syncCommand,
  replay: replayCommand,
  get: getCommand,
  describe: describeCommand,
  logs: logsCommand,
  diff: diffCommand,
  history: historyCommand,
  rollback: rollbackCommand,
  revert: revertCommand,
  start: startCommand,
  serve: serveCommand,
  demo: demoCommand,
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage)
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command) {
    console.error(`drydock: unknown command "${name}"\n\n${usage}`)
    return 2
  }
  try {
    return await command(rest)
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`drydock ${name}: ${e.message}\n\n${usage}`)
      return 2
    }
    if (e instanceof SourceError || e instanceof FaultError || e instanceof TrafficSpecError) {
      console.error(`drydock ${name}: ${e.message}`)
      return 2
    }
    throw e
  }
}
