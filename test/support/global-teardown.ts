export default async function globalTeardown(): Promise<void> {
  await Promise.all([
    globalThis.__HENVIS_TEST_GRAPH__?.stop(),
    globalThis.__HENVIS_TEST_MEILI__?.stop(),
  ]);
}
