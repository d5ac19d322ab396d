package dev.moose.core.model;

import dev.moose.core.internal.sql.Sql;
import dev.moose.core.types.ClickHouseType;
import java.util.Objects;

/**
 * A table column. {@code type} includes {@code Nullable}/{@code LowCardinality}. {@code renamedFrom} is the name the
 * code says the column had before; it only guides the differ and never reaches the database.
 */
public record Column(
        String name,
        ClickHouseType type,
        ColumnDefault defaultValue,
        String comment,
        String codec,
        String ttl,
        String renamedFrom) {

    public Column {
        if (name == null || name.isBlank()) {
            throw new ModelException("A column needs a name");
        }
        Objects.requireNonNull(type, () -> "column '" + name + "' needs a type");
        comment = comment == null || comment.isEmpty() ? null : comment;
        codec = Sql.tidy(codec);
        ttl = Sql.tidy(ttl);
        renamedFrom = renamedFrom == null || renamedFrom.isBlank() ? null : renamedFrom;
        if (name.equals(renamedFrom)) {
            renamedFrom = null;
        }
        if (defaultValue != null && defaultValue.kind() == ColumnDefault.Kind.ALIAS && codec != null) {
            throw new ModelException("column '" + name + "': an ALIAS column is not stored, so it cannot have a CODEC");
        }
    }

    public static Column of(String name, String type) {
        return new Column(name, ClickHouseType.parse(type), null, null, null, null, null);
    }

    public static Column of(String name, ClickHouseType type) {
        return new Column(name, type, null, null, null, null, null);
    }

    public Column withName(String newName) {
        return new Column(newName, type, defaultValue, comment, codec, ttl, null);
    }

    public Column withType(ClickHouseType newType) {
        return new Column(name, newType, defaultValue, comment, codec, ttl, renamedFrom);
    }

    public Column withDefault(ColumnDefault newDefault) {
        return new Column(name, type, newDefault, comment, codec, ttl, renamedFrom);
    }

    public Column withComment(String newComment) {
        return new Column(name, type, defaultValue, newComment, codec, ttl, renamedFrom);
    }

    public Column withCodec(String newCodec) {
        return new Column(name, type, defaultValue, comment, newCodec, ttl, renamedFrom);
    }

    public Column withTtl(String newTtl) {
        return new Column(name, type, defaultValue, comment, codec, newTtl, renamedFrom);
    }

    /** The same column without the code-only rename hint. */
    public Column withoutRenameHint() {
        return renamedFrom == null ? this : new Column(name, type, defaultValue, comment, codec, ttl, null);
    }

    /**
     * The column definition as written in {@code CREATE TABLE} and {@code ADD COLUMN}: name, type, default,
     * comment, codec, TTL, in the order ClickHouse requires.
     */
    public String definition() {
        return definition(true);
    }

    /** The definition, optionally without the comment (for servers that ignore it in ALTER). */
    public String definition(boolean withComment) {
        StringBuilder sb = new StringBuilder(Sql.quoteIdentifier(name)).append(' ').append(type);
        if (defaultValue != null) {
            sb.append(' ').append(defaultValue.render());
        }
        if (withComment && comment != null) {
            sb.append(" COMMENT ").append(Sql.quoteString(comment));
        }
        if (codec != null) {
            sb.append(" CODEC(").append(codec).append(')');
        }
        if (ttl != null) {
            sb.append(" TTL ").append(ttl);
        }
        return sb.toString();
    }
}
