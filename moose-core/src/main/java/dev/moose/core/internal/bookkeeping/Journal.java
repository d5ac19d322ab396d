package dev.moose.core.internal.bookkeeping;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.server.ClickHouseConnection;
import dev.moose.core.server.ClickHouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of migration runs, in the table {@value #TABLE} of the database migrated: every operation started,
 * every statement run, every operation done or failed (with the error). It is what lets a run that died or failed
 * at operation k resume at k, and what lets {@code verify} recognise a database stopped part-way through a plan.
 */
public final class Journal {

    public static final String TABLE = "_moose_migrations";

    /** What the journal says about one operation of the last run. */
    public record OperationRecord(int index, String operationChecksum, String name, String status, int statementsDone, String error) {
        public boolean done() {
            return status.equals("done");
        }
    }

    /** The last run: its plan and what happened to each operation. */
    public record Run(String runId, String planChecksum, Map<Integer, OperationRecord> operations, boolean completed) {

        public static Run none() {
            return new Run(null, null, Map.of(), false);
        }

        public boolean exists() {
            return runId != null;
        }

        /**
         * How many leading operations of {@code plan} this run finished: operation i counts when it is recorded done
         * with the same operation checksum (so a plan edited after the last finished operation still matches).
         */
        public int donePrefix(MigrationPlan plan) {
            int k = 0;
            while (k < plan.operations().size()) {
                OperationRecord r = operations.get(k);
                if (r == null || !r.done() || !plan.matchesRecorded(k, r.operationChecksum())) {
                    break;
                }
                k++;
            }
            return k;
        }
    }

    private final ClickHouseConnection connection;
    private final Placement placement;

    public Journal(ClickHouseConnection connection) {
        this(connection, new Placement(connection.database(), null));
    }

    public Journal(ClickHouseConnection connection, Placement placement) {
        this.connection = connection;
        this.placement = placement;
    }

    /** Where the journal lives, as the rest of the bookkeeping does. */
    public Placement placement() {
        return placement;
    }

    public void ensureTable() {
        placement.run(connection, "CREATE TABLE IF NOT EXISTS " + placement.table(TABLE) + placement.onCluster()
                + " (run_id String, plan_checksum String, op_index Int32, op_checksum String, op_name String, status String,"
                + " statements_done Int32, error String, at UInt64, seq UInt64) ENGINE = " + placement.engine("MergeTree", TABLE, null)
                + " ORDER BY (run_id, seq)");
    }

    /** The most recent run, or {@link Run#none()} when the journal is empty or does not exist. */
    public Run lastRun() {
        List<String[]> rows;
        try {
            rows = connection.query("SELECT run_id, plan_checksum, op_index, op_checksum, op_name, status, statements_done, error "
                    + "FROM " + Sql.quoteIdentifier(TABLE) + " WHERE run_id = (SELECT run_id FROM " + Sql.quoteIdentifier(TABLE)
                    + " ORDER BY seq DESC LIMIT 1) ORDER BY seq", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)});
        } catch (ClickHouseException e) {
            if (e.code() == ClickHouseException.UNKNOWN_TABLE) {
                return Run.none();
            }
            throw e;
        }
        if (rows.isEmpty()) {
            return Run.none();
        }
        Map<Integer, OperationRecord> ops = new LinkedHashMap<>();
        boolean completed = false;
        for (String[] r : rows) {
            int index = Integer.parseInt(r[2]);
            if (r[5].equals("completed")) {
                completed = true;
                continue;
            }
            ops.put(index, new OperationRecord(index, r[3], r[4], r[5], Integer.parseInt(r[6]), r[7]));
        }
        return new Run(rows.get(0)[0], rows.get(0)[1], ops, completed);
    }

    /** Every row of every run, oldest first, as {@code run op_index status}: for tests and diagnostics. */
    public List<String> history() {
        try {
            return connection.query("SELECT run_id, op_index, status FROM " + Sql.quoteIdentifier(TABLE) + " ORDER BY seq",
                    rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        } catch (ClickHouseException e) {
            return new ArrayList<>();
        }
    }

    /**
     * The server's query id of statement {@code statement} of operation {@code index} in run {@code runId}: a
     * statement a stopped run left running is found in {@code system.processes} by its prefix {@value #QUERY_ID_PREFIX}.
     */
    public static String queryId(String runId, int index, int statement) {
        return QUERY_ID_PREFIX + runId + "-" + (index + 1) + "-" + (statement + 1);
    }

    public static final String QUERY_ID_PREFIX = "moose-migrate-";

    /** One row to write: what happened to operation {@code index} (or, for {@code completed}, to the whole run). */
    public record Entry(int index, String operationChecksum, String name, String status, int statementsDone, String error) {

        public static Entry of(MigrationPlan plan, int index, String status, int statementsDone, String error) {
            return new Entry(index, plan.operationChecksum(index), plan.operations().get(index).name(), status, statementsDone, error);
        }

        /** Marks a run finished; its index is the plan's length. */
        public static Entry completed(int operations) {
            return new Entry(operations, "", "", "completed", 0, null);
        }
    }

    /** Writes entries of one run in one insert, in order. */
    public void write(String runId, String planChecksum, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        // ordered and timed by the database, never by a client's clock: after every row stored (only the lock's
        // holder writes), at the server's time in milliseconds
        long[] seqAndTime = connection.query("SELECT max(seq), toUInt64(now()) * 1000 FROM " + Sql.quoteIdentifier(TABLE),
                row -> new long[] {row.getLong(1), row.getLong(2)}).get(0);
        long sequence = seqAndTime[0];
        long at = seqAndTime[1];
        for (Entry e : entries) {
            if (values.length() > 0) {
                values.append(", ");
            }
            values.append('(').append(Sql.quoteString(runId)).append(", ").append(Sql.quoteString(planChecksum))
                    .append(", ").append(e.index()).append(", ").append(Sql.quoteString(e.operationChecksum()))
                    .append(", ").append(Sql.quoteString(e.name())).append(", ").append(Sql.quoteString(e.status()))
                    .append(", ").append(e.statementsDone()).append(", ").append(Sql.quoteString(e.error() == null ? "" : e.error()))
                    .append(", ").append(at).append(", ").append(++sequence).append(')');
        }
        connection.execute("INSERT INTO " + Sql.quoteIdentifier(TABLE)
                + " (run_id, plan_checksum, op_index, op_checksum, op_name, status, statements_done, error, at, seq) VALUES " + values);
    }
}
