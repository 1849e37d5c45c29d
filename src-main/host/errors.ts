/** The repository errors the host reports to its callers (the CLI prints them and exits 2). */
export { SourceError } from '../git/errors'
