import type { HostService } from '../../src-main/host/host-service'
import type { Snapshot, SyncView } from '../../src-main/shared/dto'

/** Waits (in wall time) until a pushed snapshot satisfies `test`; on timeout, says what `describe` makes of the last one. */
export function untilSnapshot(
  host: HostService,
  test: (s: Snapshot) => boolean,
  describe: (s: Snapshot) => unknown,
  timeoutMs = 10_000,
): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      void host
        .getSnapshot()
        .then((s) => reject(new Error(`timed out; last snapshot: ${JSON.stringify(describe(s))}`)))
    }, timeoutMs)
    const check = (s: Snapshot): void => {
      if (!test(s)) return
      clearTimeout(timer)
      stop()
      resolve(s)
    }
    const stop = host.onSnapshot(check)
    void host.getSnapshot().then(check)
  })
}

/** The syncs of the repository's first app, newest first: what most tests of one app look at. */
export function syncsOf(s: Snapshot): SyncView[] {
  return s.apps[0]?.history.map((e) => e.sync) ?? []
}
