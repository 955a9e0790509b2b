import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__HENVIS_TEST_GRAPH__;
  if (state?.graph) {
    await state.graph.stop();
  }
  if (state?.dataDir) {
    rmSync(state.dataDir, { recursive: true, force: true });
  }
}
