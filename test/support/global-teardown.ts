export default async function globalTeardown(): Promise<void> {
  await globalThis.__HENVIS_TEST_GRAPH__?.stop();
}
