/** The file at the top of a repository that declares its apps (Argo CD Applications). */
export const APPS_FILE = 'drydock.yaml'
