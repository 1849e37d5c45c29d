/** The repository errors the host reports to its callers (the CLI prints them and exits 2). */
export { SourceError } from '../git/errors'
/** A fault that names nothing, or nothing it can do (the CLI prints it and exits 2). */
export { FaultError } from '../sim/infra/faults'
/** A `--traffic` target that does not parse or names nothing the revision declares (exit 2). */
export { TrafficSpecError } from '../sim/traffic/traffic-spec'
