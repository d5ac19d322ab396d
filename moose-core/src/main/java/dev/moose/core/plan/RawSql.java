package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import java.util.List;
import java.util.Locale;

/**
 * Statements run exactly as written, in order: backfills, data fixes, anything the other operations do not
 * cover. Simulation cannot know what they do, so plan validation reports them as unchecked.
 */
public record RawSql(List<String> sql, String description) implements Operation {

    static final OperationType<RawSql> TYPE = new OperationType<>("RawSql",
            RawSql.class, new Execution(DataEffect.UNCHECKED, Resume.JOURNAL),
            f -> {
                f.ignore("database", "cluster_name"); // the original tool writes them and runs the SQL as written
                return new RawSql(f.texts("sql"), f.optText("description"));
            });

    @Override
    public void writeFields(FieldWriter out) {
        out.put("sql", sql);
        out.putIf("description", description);
    }

    @Override
    public ChangeLine changeLine(InfraMap state) {
        return ChangeLine.last("* SQL: " + describe());
    }

    public RawSql {
        sql = sql == null ? List.of() : sql.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (sql.isEmpty()) {
            throw new PlanException("RawSql" + (description == null ? "" : " (" + description + ")") + " has no statements");
        }
        description = description == null || description.isBlank() ? null : description;
    }

    @Override
    public List<String> render(RenderContext context) {
        return sql;
    }

    @Override
    public InfraMap apply(InfraMap state) {
        return state;
    }

    @Override
    public boolean isOpaque() {
        return true;
    }

    @Override
    public String destructiveReason() {
        boolean drops = sql.stream()
                .anyMatch(s -> s.toUpperCase(Locale.ROOT).matches("(?s)\\s*(DROP|TRUNCATE|DELETE|ALTER\\s+TABLE\\s+.*\\b(DROP|DELETE)\\b).*"));
        return drops ? "raw SQL that drops or deletes" : "";
    }

    @Override
    public String describe() {
        return description != null ? description : "run SQL: " + sql.get(0).replaceAll("\\s+", " ");
    }
}
