package hub.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j Community DBMS with Bolt on loopback until SIGTERM.
 *
 * Arguments: home directory, Bolt host, Bolt port, password, page cache in MiB, and
 * optionally the transaction memory: off-heap transaction state in MiB (0: state on the
 * heap), the limit of all transactions together in MiB and the limit of one in MiB
 * (0: only the total applies). Large imports hold all of a file in one transaction, so its
 * state goes off the heap, where it costs no garbage collection.
 * Authentication is on, as on a real server; the initial password is set once
 * through the system database, the way neo4j-admin set-initial-password would.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String password = args[3];
        long pageCacheMiB = Long.parseLong(args[4]);
        long offHeapTxMiB = args.length > 5 ? Long.parseLong(args[5]) : 0;
        long txTotalMiB = args.length > 6 ? Long.parseLong(args[6]) : 0;
        long txMaxMiB = args.length > 7 ? Long.parseLong(args[7]) : 0;
        Files.createDirectories(home);
        // Neo4j 5 keeps users in the system database: its folder marks a data folder in use.
        boolean firstStart = !Files.exists(home.resolve("data/databases/system"));

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // Neo4j reports usage to its vendor by default: nothing leaves this machine.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(30));
        if (offHeapTxMiB > 0) {
            builder.setConfig(GraphDatabaseSettings.tx_state_memory_allocation,
                            GraphDatabaseSettings.TransactionStateMemoryAllocation.OFF_HEAP)
                    .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory,
                            ByteUnit.mebiBytes(offHeapTxMiB));
        }
        if (txTotalMiB > 0) {
            builder.setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                    ByteUnit.mebiBytes(txTotalMiB));
        }
        if (txMaxMiB > 0) {
            builder.setConfig(GraphDatabaseSettings.memory_transaction_max_size,
                    ByteUnit.mebiBytes(txMaxMiB));
        }
        DatabaseManagementService dbms = builder.build();

        if (firstStart) {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                    java.util.Map.of("pw", password));
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));
        System.out.println("patent-hub neo4j: bolt://" + host + ":" + port + " ready");
        System.out.flush();
        stopped.await();
    }
}
