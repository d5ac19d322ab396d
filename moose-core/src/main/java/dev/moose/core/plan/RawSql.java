package dev.moose.core.plan;

import dev.moose.core.model.InfraMap;
import java.util.List;
import java.util.Locale;

/**
 * Statements run exactly as written, in order: backfills, data fixes, anything the other operations do not
 * cover. Simulation cannot know what they do, so plan validation reports them as unchecked.
 */
public record RawSql(List<String> sql, String description) implements Operation {

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
    public boolean isDestructive() {
        return sql.stream().anyMatch(s -> s.toUpperCase(Locale.ROOT).matches("(?s)\\s*(DROP|TRUNCATE|DELETE|ALTER\\s+TABLE\\s+.*\\b(DROP|DELETE)\\b).*"));
    }

    @Override
    public String destructiveReason() {
        return isDestructive() ? "raw SQL that drops or deletes" : "";
    }

    @Override
    public String describe() {
        return description != null ? description : "run SQL: " + sql.get(0).replaceAll("\\s+", " ");
    }
}
