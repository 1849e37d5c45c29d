/**
 * DRYDOCK_STRICT=1 runs every simulation in strict mode (frozen objects, validated
 * controller writes). The test suite sets it, so the host paths it drives are
 * checked as thoroughly as the simulation's own tests.
 */
export function strictFromEnvironment(): boolean {
  return process.env.DRYDOCK_STRICT === '1'
}
