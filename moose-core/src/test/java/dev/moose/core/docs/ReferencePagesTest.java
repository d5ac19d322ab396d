package dev.moose.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moose.core.model.Column;
import dev.moose.core.model.ColumnDefault;
import dev.moose.core.model.InfraMap;
import dev.moose.core.model.LifeCycle;
import dev.moose.core.model.MaterializedView;
import dev.moose.core.model.SqlResource;
import dev.moose.core.model.Table;
import dev.moose.core.model.TableIndex;
import dev.moose.core.model.TableProjection;
import dev.moose.core.model.View;
import dev.moose.core.plan.AddTableColumn;
import dev.moose.core.plan.AddTableIndex;
import dev.moose.core.plan.AddTableProjection;
import dev.moose.core.plan.ChangeTableColumn;
import dev.moose.core.plan.CreateDatabase;
import dev.moose.core.plan.CreateMaterializedView;
import dev.moose.core.plan.CreateSqlResource;
import dev.moose.core.plan.CreateTable;
import dev.moose.core.plan.CreateView;
import dev.moose.core.plan.DropMaterializedView;
import dev.moose.core.plan.DropSqlResource;
import dev.moose.core.plan.DropTable;
import dev.moose.core.plan.DropTableColumn;
import dev.moose.core.plan.DropTableIndex;
import dev.moose.core.plan.DropTableProjection;
import dev.moose.core.plan.DropView;
import dev.moose.core.plan.MigrationPlan;
import dev.moose.core.plan.ModifySampleBy;
import dev.moose.core.plan.ModifyTableColumn;
import dev.moose.core.plan.ModifyTableComment;
import dev.moose.core.plan.ModifyTableSettings;
import dev.moose.core.plan.ModifyTableTtl;
import dev.moose.core.plan.Operation;
import dev.moose.core.plan.PopulateMaterializedView;
import dev.moose.core.plan.RawSql;
import dev.moose.core.plan.RebuildTable;
import dev.moose.core.plan.RemoveSampleBy;
import dev.moose.core.plan.RenameTableColumn;
import dev.moose.core.plan.RenderContext;
import dev.moose.core.plan.TableRef;
import dev.moose.core.types.ClickHouseType;
import dev.moose.core.types.JavaMember;
import dev.moose.core.types.JavaTypeMapping;
import dev.moose.core.types.JavaTypeRef;
import dev.moose.core.version.Capabilities;
import dev.moose.core.version.Feature;
import dev.moose.core.version.ServerVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The site's reference pages are written from the code, so they cannot drift from it: each test renders a page and
 * compares it with the committed file. After a change, rewrite them with
 * {@code mvn -pl moose-core test -Dtest=ReferencePagesTest -Dmoose.docs.write=true} and review the diff.
 */
class ReferencePagesTest {

    private static final Path SITE = Path.of("..", "src", "site", "markdown");
    private static final ServerVersion OLD = ServerVersion.parse("18.16");
    private static final String GENERATED = "<!-- Written by ReferencePagesTest from the code; do not edit by hand. -->\n\n";

    private static void check(String page, String content) throws IOException {
        Path file = SITE.resolve(page);
        if (Boolean.getBoolean("moose.docs.write")) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("src/site/markdown/%s is out of date; rewrite it with: mvn -pl moose-core test "
                + "-Dtest=ReferencePagesTest -Dmoose.docs.write=true", page).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("src/site/markdown/%s is out of date; rewrite it with: "
                + "mvn -pl moose-core test -Dtest=ReferencePagesTest -Dmoose.docs.write=true", page).isEqualTo(content);
    }

    // ---------------------------------------------------------------- operations

    private static Table events() {
        return Table.builder("events")
                .column("id", "UInt64")
                .column("ts", "DateTime")
                .column("name", "String")
                .column(new Column("status", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'new'"),
                        null, null, null, null))
                .column("old_column", "Int64")
                .column("some_column", "String")
                .orderBy("id", "ts").partitionBy("toYYYYMM(ts)").build();
    }

    private record Example(String title, String explanation, Operation operation) {
    }

    private static List<Example> examples() {
        TableRef events = TableRef.of("events");
        Table created = Table.builder("page_views")
                .column("url", "String")
                .column("ts", "DateTime")
                .column("country", "LowCardinality(String)")
                .column("referrer", "Nullable(String)")
                .column(new Column("source", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'web'"),
                        "where the view came from", null, null, null))
                .orderBy("url", "ts").partitionBy("toYYYYMM(ts)").ttl("ts + toIntervalDay(365)").build();
        MaterializedView mv = new MaterializedView("daily_views_mv", null, "daily_views", null,
                "SELECT toDate(ts) AS day, count() AS views FROM page_views GROUP BY day", LifeCycle.FULLY_MANAGED);
        Column before = Column.of("name", "String");
        Column after = new Column("name", ClickHouseType.parse("String"), ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'unknown'"),
                "who did it", null, null, null);
        Map<String, String> noSettings = new TreeMap<>();
        Map<String, String> settings = new TreeMap<>(Map.of("merge_with_ttl_timeout", "3600"));
        return List.of(
                new Example("CreateTable", "A table, with its columns, keys, engine, settings, TTL, indexes and projections.",
                        new CreateTable(created)),
                new Example("DropTable", "Drops a table and its rows. Generated only for tables the registry says migrations manage.",
                        new DropTable(TableRef.of("old_events"))),
                new Example("AddTableColumn", "A column, placed after `after_column` (or `first: true`; else at the end).",
                        new AddTableColumn(events, new Column("country", ClickHouseType.parse("LowCardinality(String)"),
                                ColumnDefault.of(ColumnDefault.Kind.DEFAULT, "'unknown'"), null, null, null, null), "name", false)),
                new Example("DropTableColumn", "Drops a column and its data.", new DropTableColumn(events, "old_column")),
                new Example("ModifyTableColumn", "Changes a column's default, comment, codec or TTL (and its type, when only "
                        + "widening): `before_column` and `after_column` are the whole definitions.",
                        new ModifyTableColumn(events, before, after)),
                new Example("ChangeTableColumn", "Changes a column's type; the server rewrites the data (a mutation the "
                        + "migration waits for). Values the new type cannot hold make it fail.",
                        new ChangeTableColumn(events, "some_column", ClickHouseType.parse("LowCardinality(String)"))),
                new Example("RenameTableColumn", "Renames a column, keeping its data; planned only where the code says "
                        + "`@Column(renamedFrom = …)`.", new RenameTableColumn(events, "name", "full_name")),
                new Example("ModifyTableSettings", "Sets, changes and resets table settings.",
                        new ModifyTableSettings(events, new TreeMap<>(noSettings), new TreeMap<>(settings))),
                new Example("ModifyTableTtl", "Sets, changes or removes (`after: null`) the table TTL.",
                        new ModifyTableTtl(events, null, "ts + toIntervalDay(90)")),
                new Example("AddTableIndex", "A data-skipping index; `materialize: true` builds it for the rows already there.",
                        new AddTableIndex(events, new TableIndex("idx_name", "name", "bloom_filter", 4), true)),
                new Example("DropTableIndex", "Drops a data-skipping index.", new DropTableIndex(events, "idx_name")),
                new Example("AddTableProjection", "A projection; `materialize: true` builds it for the rows already there.",
                        new AddTableProjection(events, new TableProjection("by_name", "SELECT name, count() GROUP BY name"), true)),
                new Example("DropTableProjection", "Drops a projection.", new DropTableProjection(events, "by_name")),
                new Example("ModifySampleBy", "Sets the sampling expression (it must be part of the primary key).",
                        new ModifySampleBy(events, "id")),
                new Example("RemoveSampleBy", "Removes the sampling expression.", new RemoveSampleBy(events)),
                new Example("ModifyTableComment", "Sets the table's comment.", new ModifyTableComment(events, null, "Raw events")),
                new Example("RebuildTable", "What no ALTER can change (ORDER BY, PARTITION BY, PRIMARY KEY, engine, a "
                        + "read-only setting, a key column's type): a new table beside the old, the rows copied (`copy_data`), "
                        + "the names swapped, the old one dropped. Rows written during the copy are lost.",
                        new RebuildTable(events(), events().toBuilder().orderBy("id", "ts", "name").build(), true)),
                new Example("CreateMaterializedView", "A materialized view writing to its target table.",
                        new CreateMaterializedView(mv, null)),
                new Example("DropMaterializedView", "Drops the view; its target table and rows stay.",
                        new DropMaterializedView("daily_views_mv", null, null)),
                new Example("PopulateMaterializedView", "Fills the target from the view's sources (after emptying it when "
                        + "`truncate_target`): the backfill after a new view on sources that hold rows, or a changed SELECT.",
                        new PopulateMaterializedView("daily_views_mv", null, "daily_views", null, mv.select(), true)),
                new Example("CreateView", "A (non-materialized) view.",
                        new CreateView(new View("top_pages", null, "SELECT url, count() AS c FROM page_views GROUP BY url", LifeCycle.FULLY_MANAGED))),
                new Example("DropView", "Drops a view.", new DropView("top_pages", null)),
                new Example("CreateSqlResource", "Runs a `@SqlResource`'s setup statements; the registry keeps its teardown.",
                        new CreateSqlResource(new SqlResource("country_dictionary_source", null,
                                List.of("CREATE TABLE IF NOT EXISTS countries (code String, name String) ENGINE = MergeTree ORDER BY code"),
                                List.of("DROP TABLE IF EXISTS countries"), List.of()))),
                new Example("DropSqlResource", "Runs a removed `@SqlResource`'s teardown statements.",
                        new DropSqlResource(new SqlResource("country_dictionary_source", null,
                                List.of("CREATE TABLE IF NOT EXISTS countries (code String, name String) ENGINE = MergeTree ORDER BY code"),
                                List.of("DROP TABLE IF EXISTS countries"), List.of()))),
                new Example("RawSql", "Statements run as written: backfills, data fixes, DDL the operations do not cover. "
                        + "Simulation cannot see their effect, so plan validation lists them as unchecked.",
                        new RawSql(List.of("ALTER TABLE events UPDATE status = 'done' WHERE status = ''"), "Backfill status")),
                new Example("CreateDatabase", "A database a declaration names that does not exist yet.",
                        new CreateDatabase("analytics", null)));
    }

    private static String yamlOf(Operation op) {
        String yaml = MigrationPlan.of(List.of(op)).toYaml();
        return yaml.substring(yaml.indexOf("operations:\n") + "operations:\n".length()).stripTrailing();
    }

    private static String sql(Operation op, ServerVersion version, InfraMap state) {
        Capabilities caps = Capabilities.of(version);
        List<Feature> missing = op.missing(caps);
        if (!missing.isEmpty()) {
            return "-- not on ClickHouse " + version + ": needs " + String.join(", ", missing.stream()
                    .map(f -> f.description() + " (" + f.since() + ")").toList());
        }
        return String.join(";\n", op.render(RenderContext.of(version).withState(state))) + ";";
    }

    static String operationsPage() {
        InfraMap state = InfraMap.ofTables(events());
        StringBuilder sb = new StringBuilder("# Plan operations\n\n").append(GENERATED);
        sb.append("""
                Every operation a plan can hold, as `moose:generate` writes it, with the SQL it runs on a current
                ClickHouse (the examples alter a table `events (id UInt64, ts DateTime, name String, status String DEFAULT
                'new', old_column Int64, some_column String)`), and on 18.16 where that differs. Every table operation also
                takes `database` (default: the connection's) and `cluster` (its DDL then runs `ON CLUSTER`). See
                [the plan format](plan-format.html) for the file as a whole.

                """);
        for (Example e : examples()) {
            Operation op = e.operation();
            sb.append("## ").append(e.title()).append("\n\n").append(e.explanation()).append("\n\n");
            sb.append("Destructive: ").append(op.isDestructive() ? "**yes** — " + op.destructiveReason() : "no").append(".\n\n");
            sb.append("```yaml\n").append(yamlOf(op)).append("\n```\n\n");
            String current = sql(op, ServerVersion.CURRENT_LTS, state);
            String old = sql(op, OLD, state);
            sb.append("```sql\n").append(current).append("\n```\n\n");
            if (!old.equals(current)) {
                sb.append("On ClickHouse ").append(OLD).append(":\n\n```sql\n").append(old).append("\n```\n\n");
            }
        }
        return sb.toString().stripTrailing() + "\n";
    }

    @Test
    void operationsPageIsCurrent() throws IOException {
        List<String> documented = examples().stream().map(e -> e.operation().name()).toList();
        List<String> all = MigrationPlan.operationNames().stream().sorted().toList();
        assertThat(documented).as("every operation has an example").containsExactlyInAnyOrderElementsOf(all);
        check("operations.md", operationsPage());
    }

    // ---------------------------------------------------------------- type mapping

    private static final JavaTypeMapping.ClassLookup LOOKUP = name -> switch (name) {
        case "com.example.Status" -> Optional.of(new JavaTypeMapping.UserClass(name, true, List.of("NEW", "ACTIVE", "DONE"), List.of()));
        case "com.example.Address" -> Optional.of(new JavaTypeMapping.UserClass(name, false, List.of(), List.of(
                new JavaMember("street", JavaTypeRef.ClassRef.of("java.lang.String"), false, false, null),
                new JavaMember("zip", new JavaTypeRef.Primitive("int"), false, false, null))));
        default -> Optional.empty();
    };

    private record JavaExample(String shown, JavaTypeRef type) {
    }

    private static JavaTypeRef cls(String name, JavaTypeRef... args) {
        return JavaTypeRef.ClassRef.of(name, args);
    }

    private static List<JavaExample> javaExamples() {
        List<JavaExample> out = new ArrayList<>();
        for (String p : List.of("byte", "short", "int", "long", "float", "double", "boolean")) {
            out.add(new JavaExample("`" + p + "`", new JavaTypeRef.Primitive(p)));
        }
        for (String c : List.of("java.lang.Integer", "java.lang.Long", "java.lang.Boolean", "java.lang.String", "java.math.BigDecimal",
                "java.math.BigInteger", "java.util.UUID", "java.time.LocalDate", "java.time.LocalDateTime", "java.time.Instant",
                "java.time.OffsetDateTime", "java.util.Date", "java.net.Inet4Address", "java.net.Inet6Address")) {
            out.add(new JavaExample("`" + c.substring(c.lastIndexOf('.') + 1) + "`", cls(c)));
        }
        out.add(new JavaExample("`byte[]`", new JavaTypeRef.ArrayRef(new JavaTypeRef.Primitive("byte"))));
        out.add(new JavaExample("`int[]`", new JavaTypeRef.ArrayRef(new JavaTypeRef.Primitive("int"))));
        out.add(new JavaExample("`List<String>`", cls("java.util.List", cls("java.lang.String"))));
        out.add(new JavaExample("`Set<Long>`", cls("java.util.Set", cls("java.lang.Long"))));
        out.add(new JavaExample("`Map<String, Long>`", cls("java.util.Map", cls("java.lang.String"), cls("java.lang.Long"))));
        out.add(new JavaExample("`Optional<String>`", cls("java.util.Optional", cls("java.lang.String"))));
        out.add(new JavaExample("`OptionalInt`", cls("java.util.OptionalInt")));
        out.add(new JavaExample("an enum `Status { NEW, ACTIVE, DONE }`", cls("com.example.Status")));
        out.add(new JavaExample("a record `Address(String street, int zip)`", cls("com.example.Address")));
        out.add(new JavaExample("`List<Address>`", cls("java.util.List", cls("com.example.Address"))));
        return out;
    }

    private static String mapped(JavaTypeRef type, ServerVersion version) {
        try {
            JavaTypeMapping.Mapped m = new JavaTypeMapping(version, LOOKUP).map(type);
            return "`" + (m.optional() ? "Nullable(" + m.type() + ")" : m.type().toString()) + "`";
        } catch (JavaTypeMapping.UnsupportedJavaTypeException e) {
            String why = e.getMessage();
            int needs = why.indexOf("needs ClickHouse ");
            return needs >= 0 ? "— (" + why.substring(needs, why.indexOf(' ', needs + "needs ClickHouse ".length()) < 0 ? why.length()
                    : why.indexOf(' ', needs + "needs ClickHouse ".length())) + ")" : "—";
        }
    }

    static String typeMappingPage() {
        StringBuilder sb = new StringBuilder("# Java types and ClickHouse types\n\n").append(GENERATED);
        sb.append("""
                How a member's Java type becomes its column type. The mapping depends on the ClickHouse release the
                project targets (`moose.clickhouseVersion`, by default the connected server's): newer releases have
                better types. Annotations refine it: `@Nullable` (or `Optional`) makes `Nullable(T)`,
                `@LowCardinality` makes `LowCardinality(T)`, and `@Column(type = "…")` gives any ClickHouse type
                outright (it is parsed and checked against the release).

                """);
        ServerVersion[] versions = {ServerVersion.CURRENT_LTS, ServerVersion.parse("21.8"), OLD};
        sb.append("| Java | ClickHouse ").append(versions[0]).append(" | ").append(versions[1]).append(" | ").append(versions[2]).append(" |\n");
        sb.append("| --- | --- | --- | --- |\n");
        for (JavaExample e : javaExamples()) {
            sb.append("| ").append(e.shown());
            for (ServerVersion v : versions) {
                sb.append(" | ").append(mapped(e.type(), v));
            }
            sb.append(" |\n");
        }
        sb.append("""

                A dash means the type cannot be mapped for that release: declare the column with `@Column(type = "…")`,
                or leave it out with `@Ignore`. Types not listed (other classes of the JDK, generic type variables, raw
                collections) are refused with a message naming the class and member and the fix.
                """);
        return sb.toString();
    }

    @Test
    void typeMappingPageIsCurrent() throws IOException {
        check("type-mapping.md", typeMappingPage());
    }

    // ---------------------------------------------------------------- versions

    static String versionsPage() {
        StringBuilder sb = new StringBuilder("# ClickHouse versions\n\n").append(GENERATED);
        sb.append("""
                The product targets current ClickHouse (24.x–26.x, ClickHouse Cloud) and runs against releases back to
                18.16. Every operation is rendered for the server it runs on, and a plan is checked against the server
                before its first statement: an operation the server cannot run is refused, naming the operation, the
                server's version and the release that brought what it needs (`migrate`, and `generate` once it has
                written the files).

                ## DDL

                | what | since |
                | --- | --- |
                """);
        Arrays.stream(Feature.values()).sorted(java.util.Comparator.comparing(Feature::since).thenComparing(Feature::name))
                .forEach(f -> sb.append("| ").append(f.description()).append(" | ").append(f.since()).append(" |\n"));
        sb.append("""

                Where an older release has another way, it is used: `DROP TABLE` for a view before `DROP VIEW` arrived,
                `COMMENT COLUMN` after `ADD`/`MODIFY COLUMN` before 20.1 (which accepted a comment there and dropped it),
                `DROP TABLE` without `SYNC`.

                ## Column types

                | type | since | removed in |
                | --- | --- | --- |
                """);
        Capabilities.typeFamilies().entrySet().stream()
                .sorted(Map.Entry.<String, ServerVersion>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sb.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                        .append(Capabilities.removedTypeFamilies().containsKey(e.getKey())
                                ? Capabilities.removedTypeFamilies().get(e.getKey()).toString() : "").append(" |\n"));
        sb.append("""

                The capability table is checked against both test servers (CapabilitiesOnServerTest): on each, every
                feature and type family it says the server has runs, and every other one is refused by the server.

                Some of them were experimental at first and need a setting; the connection sends it, only to the
                releases that know it:

                | setting | sent to |
                | --- | --- |
                """);
        Capabilities.experimentalSettings().forEach((setting, range) -> sb.append("| `").append(setting).append("` | ")
                .append(range).append(" |\n"));
        return sb.toString();
    }

    @Test
    void versionsPageIsCurrent() throws IOException {
        check("versions.md", versionsPage());
    }
}
