package govgraph.neo4jserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j Community server for tests and local use: the embedded DBMS with its Bolt
 * connector on 127.0.0.1, authentication on, in a folder of its own.
 *
 * <pre>
 * java [--add-opens flags] -cp target/classes:$(cat target/classpath.txt) govgraph.neo4jserver.Neo4jServer \
 *     [--port N] [--home DIR] [--database NAME]
 * </pre>
 *
 * <ul>
 *   <li>{@code --port}: the Bolt port; 0 (the default) takes a free one.</li>
 *   <li>{@code --home}: the server's folder, kept afterwards (for a database built by
 *       {@code neo4j-admin database import}); without it a temporary folder is used and
 *       deleted on shutdown.</li>
 *   <li>{@code --database}: the default database, created on first start ({@code neo4j}).</li>
 * </ul>
 *
 * <p>The password of user {@code neo4j} is read from the environment variable
 * {@code NEO4J_SERVER_PASSWORD}, or generated. Once the server answers, one line goes to
 * stdout, which is the only thing a caller needs to read:
 *
 * <pre>READY bolt://127.0.0.1:PORT user=neo4j password=PASSWORD database=NAME home=DIR</pre>
 *
 * <p>It runs until SIGTERM or SIGINT, then shuts the DBMS down cleanly (a shutdown hook).
 */
public final class Neo4jServer {
    private Neo4jServer() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path home = null;
        String database = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--home" -> home = Path.of(required(args[i], value)).toAbsolutePath();
                case "--database" -> database = required(args[i], value);
                default -> fail("unknown argument " + args[i] + "; expected --port N, --home DIR, --database NAME");
            }
            i++;
        }
        boolean temporary = home == null;
        Path folder = temporary ? Files.createTempDirectory("govgraph-neo4j-") : home;
        if (port == 0) {
            port = freePort();
        }
        String password = System.getenv("NEO4J_SERVER_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = generatedPassword();
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(folder)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                // No browser or REST endpoint: Bolt is what govgraph speaks.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.initial_default_database, database)
                // Sized for a test machine shared with other work, not for production.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // A stop waits this long for running transactions (10 s by default)...
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                // ...and for the Bolt server's threads and connections, 5 s each even when idle
                // (internal settings: a test server has no clients left to drain).
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            if (temporary) {
                deleteTree(folder);
            }
            stopped.countDown();
        }, "govgraph-neo4j-shutdown"));

        // The user neo4j exists from the first start with a password that must be changed;
        // the embedded API runs with full rights, so it can set ours and lift that demand.
        // On a home kept from an earlier run this sets the same password again.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        System.out.printf("READY bolt://127.0.0.1:%d user=neo4j password=%s database=%s home=%s%n",
                port, password, database, folder);
        System.out.flush();
        stopped.await();
    }

    private static String required(String option, String value) {
        if (value == null) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }

    /** A port that was free a moment ago; Neo4j binds it straight after. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
