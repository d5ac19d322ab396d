package dev.moose.core.testing;

import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.LocalClickHouse;
import dev.moose.core.server.Secret;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a real ClickHouse and a fresh, empty database of its own ({@link TestDatabase} parameter),
 * dropped after the test.
 *
 * <p>One server serves the whole test JVM: a {@link LocalClickHouse} started from the binary on the PATH in a
 * temporary directory, stopped when the JVM's tests end; or, when {@code MOOSE_TEST_CLICKHOUSE_URL} is set, that
 * external server (its user and password come from the URL).
 */
public final class ClickHouseExtension implements ParameterResolver {

    /** A user with a password that the started server knows; for authentication tests. */
    public static final String PASSWORD_USER = "moose_secret_user";
    public static final String PASSWORD_USER_PASSWORD = "Pa55-w0rd!not-in-logs";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClickHouseExtension.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) throws ParameterResolutionException {
        SharedServer server = sharedServer(context);
        String name = "moose_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        TestDatabase db = TestDatabase.create(server, name);
        // an AutoCloseable in the test's store is closed (here: dropped) when the test ends
        context.getStore(NAMESPACE).put(TestDatabase.class.getName() + parameter.getIndex(), db);
        return db;
    }

    /** The JVM-wide server, started at first use and stopped when the root context closes. */
    public static SharedServer sharedServer(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, k -> SharedServer.start(), SharedServer.class);
    }

    /** The server every test in this JVM uses. */
    public static final class SharedServer implements AutoCloseable {
        private final LocalClickHouse local;
        private final ConnectionSettings admin;

        private SharedServer(LocalClickHouse local, ConnectionSettings admin) {
            this.local = local;
            this.admin = admin;
        }

        static SharedServer start() {
            String external = System.getenv("MOOSE_TEST_CLICKHOUSE_URL");
            if (external != null && !external.isBlank()) {
                return new SharedServer(null, ConnectionSettings.parse(external));
            }
            LocalClickHouse server = LocalClickHouse.builder()
                    .user(PASSWORD_USER, PASSWORD_USER_PASSWORD)
                    .start();
            return new SharedServer(server, server.connectionSettings("default"));
        }

        /** The started server, or {@code null} when tests run against an external one. */
        public LocalClickHouse local() {
            return local;
        }

        /** Settings to connect as the administrative user to {@code database}. */
        public ConnectionSettings settings(String database) {
            return admin.withDatabase(database);
        }

        /** Settings for a user that has a password (only on the started server). */
        public ConnectionSettings passwordUserSettings(String database) {
            return admin.withDatabase(database).withUser(PASSWORD_USER).withPassword(Secret.of(PASSWORD_USER_PASSWORD));
        }

        public ClickHouseConnection connect(String database) {
            return ClickHouseConnection.open(settings(database));
        }

        @Override
        public void close() {
            if (local != null) {
                local.stop();
            }
        }
    }
}
