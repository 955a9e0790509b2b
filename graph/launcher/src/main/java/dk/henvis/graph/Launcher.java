package dk.henvis.graph;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.api.security.exception.InvalidAuthTokenException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts Neo4j community (embedded) with Bolt on loopback only, so the API and tests can use a real
 * Neo4j without Docker. Configuration comes from the same environment variables the API reads.
 *
 * <p>Environment: NEO4J_DATA_DIR (required), NEO4J_BOLT_PORT (default 7687), NEO4J_USERNAME (default
 * neo4j), NEO4J_PASSWORD (required), NEO4J_PAGECACHE_MB (default 64).
 */
public final class Launcher {
  private Launcher() {}

  /** The running server, once built (the shutdown hook stops it whatever ends the JVM). */
  private static final AtomicReference<DatabaseManagementService> DBMS = new AtomicReference<>();

  private static final long DATABASE_START_TIMEOUT_MS = 120_000;

  public static void main(String[] args) {
    // First of all: a JVM started by Node must never outlive it, even if start-up hangs or fails.
    if ("1".equals(System.getenv("HENVIS_STOP_ON_STDIN_EOF"))) {
      watchParent();
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  DatabaseManagementService dbms = DBMS.getAndSet(null);
                  if (dbms != null) {
                    System.out.println("henvis-graph: shutting down");
                    System.out.flush();
                    dbms.shutdown();
                  }
                },
                "henvis-graph-shutdown"));
    try {
      run();
    } catch (LauncherException e) {
      fail(e.getMessage(), 2);
    } catch (Throwable e) {
      // Anything else (a locked or damaged store, a Neo4j start-up error): say so and exit, so the
      // parent sees the failure instead of waiting for a "ready" line that never comes.
      fail("start-up failed: " + describe(e), 1);
    }
  }

  private static void fail(String message, int status) {
    System.err.println("henvis-graph: " + message);
    System.err.flush();
    System.exit(status);
  }

  /** The exception and its causes, one line (the root cause is usually the telling one). */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage().replace('\n', ' '));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
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

    DBMS.set(dbms);

    // The server can start while the database in it does not (a damaged store): say so and stop
    // rather than announce a server that answers every query with "unavailable".
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(DATABASE_START_TIMEOUT_MS)) {
      throw new LauncherException(
          "database "
              + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
              + " did not start; see "
              + home.resolve("logs").resolve("debug.log"));
    }

    setPasswordIfNeeded(dbms, password);
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println(
        "henvis-graph: ready bolt://127.0.0.1:" + port + " (Neo4j community, " + ms + " ms)");
    System.out.flush();
    // Runs until the JVM is told to stop (SIGTERM/SIGINT, or the parent is gone).
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * When started by a Node process, stdin is a pipe from that parent: its end means the parent is
   * gone (even if it was killed). As a second guard the parent's pid is polled (a parent that
   * handed its pipe on would otherwise keep us alive). Either way: stop rather than leave a JVM
   * behind holding the port and the store.
   */
  private static void watchParent() {
    Thread stdin =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // ignore input
                }
              } catch (IOException ignored) {
                // treated like end of input
              }
              parentGone("its input closed");
            },
            "henvis-graph-stdin-watch");
    stdin.setDaemon(true);
    stdin.start();
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    if (parent.isEmpty()) {
      return;
    }
    ProcessHandle handle = parent.get();
    Thread poll =
        new Thread(
            () -> {
              while (handle.isAlive()) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              parentGone("its parent process ended");
            },
            "henvis-graph-parent-watch");
    poll.setDaemon(true);
    poll.start();
  }

  private static void parentGone(String why) {
    System.out.println("henvis-graph: stopping because " + why);
    System.out.flush();
    System.exit(0);
  }

  /**
   * Sets the password the API logs in with, only when it does not already work: on a new
   * database (the initial password must be changed) or after NEO4J_PASSWORD was changed. Neo4j
   * refuses to "change" a password to the one it already has, so this is checked first, through
   * the same authentication a Bolt client goes through.
   */
  private static void setPasswordIfNeeded(DatabaseManagementService dbms, String password)
      throws LauncherException {
    GraphDatabaseAPI system =
        (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    AuthenticationResult result;
    try {
      AuthManager auth = system.getDependencyResolver().resolveDependency(AuthManager.class);
      LoginContext login =
          auth.login(
              AuthToken.newBasicAuthToken("neo4j", password),
              ClientConnectionInfo.EMBEDDED_CONNECTION);
      result = login.subject().getAuthenticationResult();
    } catch (InvalidAuthTokenException e) {
      throw new LauncherException("cannot check the password: " + e.getMessage());
    }
    if (result == AuthenticationResult.SUCCESS) {
      return;
    }
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
          Map.of("password", password));
    } catch (RuntimeException e) {
      throw new LauncherException("cannot set the password of user neo4j: " + describe(e));
    }
    System.out.println("henvis-graph: password of user neo4j set from NEO4J_PASSWORD");
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
