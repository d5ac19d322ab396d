package dev.moose.core.testing;

import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ConnectionSettings;
import dev.moose.core.server.LocalClickHouse;
import dev.moose.core.server.Secret;
import dev.moose.core.version.ServerVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs each {@link ClickHouseTest} once per test server, giving it a fresh, empty database of its own
 * ({@link TestDatabase} parameter), dropped after the test.
 *
 * <p>The servers serve the whole test JVM, started at first use and stopped when the JVM's tests end: ClickHouse
 * 18.16 ({@link LocalClickHouse} from the binary on the PATH, in a temporary directory) and ClickHouse 26.5
 * ({@link WasmClickHouse}). When {@code MOOSE_TEST_CLICKHOUSE_URL} is set, tests run on that external server
 * instead (its user and password come from the URL).
 */
public final class ClickHouseExtension implements TestTemplateInvocationContextProvider {

    /** A user with a password that the started servers know; for authentication tests. */
    public static final String PASSWORD_USER = "moose_secret_user";
    public static final String PASSWORD_USER_PASSWORD = "Pa55-w0rd!not-in-logs";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClickHouseExtension.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The servers the tests run on. */
    public enum Kind {
        /** Debian's ClickHouse 18.16, a native process. */
        NATIVE,
        /** ClickHouse 26.5 compiled to WebAssembly, behind the project's HTTP front end. */
        WASM,
        /** The server {@code MOOSE_TEST_CLICKHOUSE_URL} names. */
        EXTERNAL
    }

    /** The kinds of server this run tests on. */
    public static List<Kind> kinds() {
        String external = System.getenv("MOOSE_TEST_CLICKHOUSE_URL");
        return external != null && !external.isBlank() ? List.of(Kind.EXTERNAL) : List.of(Kind.NATIVE, Kind.WASM);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(ClickHouseTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return kinds().stream().map(kind -> invocation(kind));
    }

    private static TestTemplateInvocationContext invocation(Kind kind) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return switch (kind) {
                    case NATIVE -> "[ClickHouse 18.16, native]";
                    case WASM -> "[ClickHouse 26.5, chdb-wasm]";
                    case EXTERNAL -> "[ClickHouse at MOOSE_TEST_CLICKHOUSE_URL]";
                };
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new DatabaseResolver(kind));
            }
        };
    }

    /** Gives one invocation its database on the server of its kind. */
    private static final class DatabaseResolver implements ParameterResolver {
        private final Kind kind;

        DatabaseResolver(Kind kind) {
            this.kind = kind;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) throws ParameterResolutionException {
            SharedServer server = sharedServer(context, kind);
            String name = "moose_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            TestDatabase db = TestDatabase.create(server, name);
            // an AutoCloseable in the test's store is closed (here: dropped) when the test ends
            context.getStore(NAMESPACE).put(TestDatabase.class.getName() + parameter.getIndex(), db);
            return db;
        }
    }

    /** The JVM-wide server of a kind, started at first use and stopped when the root context closes. */
    public static SharedServer sharedServer(ExtensionContext context, Kind kind) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(kind, k -> SharedServer.start(kind), SharedServer.class);
    }

    /** A server every test of its kind in this JVM uses. */
    public static final class SharedServer implements AutoCloseable {
        private final Kind kind;
        private final AutoCloseable process;
        private final ConnectionSettings admin;
        private final boolean hasPasswordUser;
        private final ServerVersion version;

        private SharedServer(Kind kind, AutoCloseable process, ConnectionSettings admin, boolean hasPasswordUser) {
            this.kind = kind;
            this.process = process;
            this.admin = admin;
            this.hasPasswordUser = hasPasswordUser;
            try (ClickHouseConnection c = ClickHouseConnection.open(admin)) {
                this.version = c.version();
            }
        }

        static SharedServer start(Kind kind) {
            return switch (kind) {
                case EXTERNAL -> new SharedServer(kind, null, ConnectionSettings.parse(System.getenv("MOOSE_TEST_CLICKHOUSE_URL")), false);
                case NATIVE -> {
                    LocalClickHouse server = LocalClickHouse.builder().user(PASSWORD_USER, PASSWORD_USER_PASSWORD).start();
                    yield new SharedServer(kind, server, server.connectionSettings("default"), true);
                }
                case WASM -> {
                    WasmClickHouse server = WasmClickHouse.start(Map.of(PASSWORD_USER, PASSWORD_USER_PASSWORD));
                    yield new SharedServer(kind, server, server.connectionSettings("default"), true);
                }
            };
        }

        public Kind kind() {
            return kind;
        }

        /** The server's version, read once. */
        public ServerVersion version() {
            return version;
        }

        /** The native server this run started, or {@code null} for the others. */
        public LocalClickHouse local() {
            return process instanceof LocalClickHouse l ? l : null;
        }

        /** True when the server knows {@link #PASSWORD_USER} (the servers this run started do). */
        public boolean hasPasswordUser() {
            return hasPasswordUser;
        }

        /** Settings to connect as the administrative user to {@code database}. */
        public ConnectionSettings settings(String database) {
            return admin.withDatabase(database);
        }

        /** Settings for the user that has a password (only on the servers this run started). */
        public ConnectionSettings passwordUserSettings(String database) {
            return admin.withDatabase(database).withUser(PASSWORD_USER).withPassword(Secret.of(PASSWORD_USER_PASSWORD));
        }

        public ClickHouseConnection connect(String database) {
            return ClickHouseConnection.open(settings(database));
        }

        @Override
        public void close() throws Exception {
            if (process != null) {
                process.close();
            }
        }

        @Override
        public String toString() {
            return kind + " ClickHouse " + version + " at " + admin.displayUrl();
        }
    }
}
