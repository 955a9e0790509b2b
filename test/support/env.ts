import { createServer } from 'node:net';

type EnvVars = Record<string, string | undefined>;

function apply(vars: EnvVars): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  }
}

/**
 * Sets these environment variables for the app a suite starts next (`undefined` unsets one) and
 * returns what puts every one of them back as it was.
 */
export function setEnv(vars: EnvVars): () => void {
  const saved: EnvVars = Object.fromEntries(
    Object.keys(vars).map((name) => [name, process.env[name]]),
  );
  apply(vars);
  return () => apply(saved);
}

/** A localhost port nothing listens on (it was free a moment ago). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
