package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import java.util.List;

/**
 * One step of a {@link MigrationPlan}. Each operation is one file that knows all there is about it: its
 * {@code plan.yaml} tag, fields and how it runs (its {@code TYPE}: read, and {@link Execution}), its fields written
 * ({@link #writeFields}), the SQL it runs on a given server, how it changes an {@link InfraMap} (so a plan can be
 * simulated, validated and resumed), its change-log line, and why it can lose data (which is what makes it
 * destructive). The compiler asks every operation for its fields, SQL, effect, change line and description;
 * {@link Operations} lists them, and only those are operations (a test finds every implementation registered).
 */
public interface Operation {

    /** The operation's tag in {@code plan.yaml}: {@code AddTableColumn}, {@code RawSql} … */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The statements for a current ClickHouse, the connection's database, no cluster. */
    default List<String> toSql() {
        return render(RenderContext.current());
    }

    /**
     * The statements for the server and state in {@code context}.
     *
     * @throws PlanException when the server cannot run it (see {@link #requires()})
     */
    List<String> render(RenderContext context);

    /**
     * The state after this operation.
     *
     * @throws PlanException when the operation does not fit the state (a column that is not there …)
     */
    InfraMap apply(InfraMap state);

    /**
     * Why running it can lose data, for the reviewer; empty when it cannot. An operation that can lose data says why,
     * and that is what makes it destructive.
     */
    default String destructiveReason() {
        return "";
    }

    /** True when running it can lose data: the plan marks it for the reviewer. */
    default boolean isDestructive() {
        return !destructiveReason().isEmpty();
    }

    /**
     * The cluster its statements run {@code ON CLUSTER}, as its fields say ({@code cluster}, or the table's); empty
     * when it runs on the connected server only.
     */
    default java.util.Optional<String> runsOnCluster() {
        FieldWriter out = new FieldWriter();
        writeFields(out);
        Object cluster = out.fields().get("cluster");
        if (cluster == null && out.fields().get("table") instanceof java.util.Map<?, ?> table) {
            cluster = table.get("cluster");
        }
        if (cluster == null && out.fields().get("after") instanceof java.util.Map<?, ?> after) {
            cluster = after.get("cluster");
        }
        return java.util.Optional.ofNullable(cluster).map(Object::toString);
    }

    /** One line for logs: {@code add column status String to events}. */
    String describe();

    /** The server features it needs (whatever else the server may support). */
    default List<Feature> requires() {
        return List.of();
    }

    /** The features this server lacks. */
    default List<Feature> missing(Capabilities capabilities) {
        return requires().stream().filter(f -> !capabilities.has(f)).toList();
    }

    /** Its fields in {@code plan.yaml}, in the order they are written. */
    void writeFields(FieldWriter out);

    /** Its line in the change log; {@code state} is the state it starts from. */
    ChangeLine changeLine(InfraMap state);

    /**
     * What it does to the rows already stored, and how a stopped run finds out whether it ran: its kind's, declared
     * with its {@code TYPE}, unless its fields change it.
     */
    default Execution execution() {
        return Operations.typeOf(this).execution();
    }

    /**
     * What remains to do once the live schema shows this operation done, when a run stopped before its last
     * statements (which the schema does not show): a RebuildTable stopped between its swap and its drop leaves the
     * old table. {@code live} is everything the database holds. Nothing for most operations.
     */
    default List<String> leftovers(InfraMap live) {
        return List.of();
    }

    /** Notes the SQL resources it creates or drops, which the schema cannot show; nothing for most operations. */
    default void record(ResourceLedger ledger) {
    }

    /** True when simulation cannot know what it does ({@link RawSql}). */
    default boolean isOpaque() {
        return false;
    }
}
