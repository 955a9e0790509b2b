package dk.henvis.graph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j community (embedded) with Bolt on loopback only, so the API and tests can use a real
 * Neo4j without Docker. Configuration comes from the same environment variables the API reads.
 *
 * <p>Environment: NEO4J_DATA_DIR (required), NEO4J_BOLT_PORT (default 7687), NEO4J_USERNAME (default
 * neo4j), NEO4J_PASSWORD (required), NEO4J_PAGECACHE_MB (default 64).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (LauncherException e) {
      System.err.println("henvis-graph: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void run() throws LauncherException {
    Map<String, String> env = System.getenv();
    String dataDir = require(env, "NEO4J_DATA_DIR");
    String password = require(env, "NEO4J_PASSWORD");
    if (password.length() < 8) {
      throw new LauncherException("NEO4J_PASSWORD must be at least 8 characters (Neo4j's rule)");
    }
    String username = env.getOrDefault("NEO4J_USERNAME", "neo4j");
    if (!username.equals("neo4j")) {
      throw new LauncherException("the embedded launcher only supports NEO4J_USERNAME=neo4j");
    }
    int port = parseInt(env.getOrDefault("NEO4J_BOLT_PORT", "7687"), "NEO4J_BOLT_PORT");
    long pageCacheMb = parseInt(env.getOrDefault("NEO4J_PAGECACHE_MB", "64"), "NEO4J_PAGECACHE_MB");
    ensurePortFree(port);

    Path home = Path.of(dataDir).toAbsolutePath();
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new LauncherException("cannot create data folder " + home + ": " + e.getMessage());
    }

    long started = System.nanoTime();
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("henvis-graph: shutting down");
                  dbms.shutdown();
                  stopped.countDown();
                },
                "henvis-graph-shutdown"));

    setPassword(dbms, password);
    if ("1".equals(env.get("HENVIS_STOP_ON_STDIN_EOF"))) {
      watchParent();
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println(
        "henvis-graph: ready bolt://127.0.0.1:" + port + " (Neo4j community, " + ms + " ms)");
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * When started by a Node process, stdin is a pipe from that parent: its end means the parent is
   * gone (even if it was killed), so stop rather than leave a JVM behind.
   */
  private static void watchParent() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // ignore input
                }
              } catch (IOException ignored) {
                // treated like end of input
              }
              System.exit(0);
            },
            "henvis-graph-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** The embedded API runs with full rights, so it can set the password the API will log in with. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));
  }

  private static void ensurePortFree(int port) throws LauncherException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new LauncherException(
          "port 127.0.0.1:" + port + " is already in use; set NEO4J_BOLT_PORT to a free port");
    }
  }

  private static String require(Map<String, String> env, String name) throws LauncherException {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new LauncherException(name + " is not set");
    }
    return value;
  }

  private static int parseInt(String value, String name) throws LauncherException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n <= 0 || n > 65535 * 16) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new LauncherException(name + " must be a positive whole number, got '" + value + "'");
    }
  }

  private static final class LauncherException extends Exception {
    LauncherException(String message) {
      super(message);
    }
  }
}
